//! The query language on Tantivy's own grammar: the text is parsed once by
//! `tantivy::query_grammar` into its `UserInputAst`, and this walk checks and rewrites the
//! leaves before `QueryParser::build_query_from_user_input_ast` turns the tree into a query.
//!
//! - a field other than the searchable ones is refused, naming the ones there are;
//! - `date:` leaves (a day, month or year, ranges, `>=`/`<`) become ranges of instants;
//! - entity fields (`person:` and friends) take the archive-wide name keys, the same
//!   matching as the `--person` filters, and (given the name table) an entity the archive
//!   merges also matches by each of its spellings;
//! - `field:*` (any value) and regular expressions are refused;
//! - a "field" made of digits is the text it came from: `10:30` is a time, not a field.
//!
//! Phrases are leaves of the tree, so whatever a phrase holds (`"budget date:2024"`) stays
//! words of that phrase.

use tantivy::query_grammar::{
    Delimiter, UserInputAst, UserInputBound, UserInputLeaf, UserInputLiteral,
};

use super::{dates, QueryError};
use crate::extract::names::name_keys;
use crate::extract::EntityKind;
use crate::index::names::NameTable;
use crate::index::schema::{columns, USER_FIELDS};

/// Fields whose values are entity names, matched by their keys.
const NAME_FIELDS: &[&str] = &["person", "org", "place", "said_by"];

/// Parses and rewrites the query language; unscoped words search `defaults` (field names
/// with their boosts); `names`, when given, expands the entity fields' names.
pub(super) fn parse(
    text: &str,
    defaults: &[(&str, f32)],
    names: Option<&NameTable>,
) -> Result<UserInputAst, QueryError> {
    let ast = tantivy::query_grammar::parse_query(text).map_err(|_| QueryError::Syntax)?;
    rewrite(ast, defaults, names)
}

fn rewrite(
    ast: UserInputAst,
    defaults: &[(&str, f32)],
    names: Option<&NameTable>,
) -> Result<UserInputAst, QueryError> {
    Ok(match ast {
        UserInputAst::Clause(clauses) => UserInputAst::Clause(
            clauses
                .into_iter()
                .map(|(occur, sub)| Ok((occur, rewrite(sub, defaults, names)?)))
                .collect::<Result<_, QueryError>>()?,
        ),
        UserInputAst::Boost(sub, boost) => {
            UserInputAst::Boost(Box::new(rewrite(*sub, defaults, names)?), boost)
        }
        UserInputAst::Leaf(leaf) => match prefix_of(&leaf, defaults) {
            Some(ast) => ast,
            None => {
                let spellings = names.map(|t| spellings_of(&leaf, t)).unwrap_or_default();
                let leaf = UserInputAst::Leaf(Box::new(leaf_of(*leaf)?));
                if spellings.is_empty() {
                    leaf
                } else {
                    let should = Some(tantivy::query_grammar::Occur::Should);
                    let mut any = vec![(should, leaf)];
                    any.extend(spellings.into_iter().map(|s| (should, s)));
                    UserInputAst::Clause(any)
                }
            }
        },
    })
}

/// For `person:`, `org:` or `place:` naming an entity the table merges, one exact leaf per
/// spelling of it on the facet field of that spelling's kind.
fn spellings_of(leaf: &UserInputLeaf, names: &NameTable) -> Vec<UserInputAst> {
    let UserInputLeaf::Literal(literal) = leaf else {
        return Vec::new();
    };
    let kind = match literal.field_name.as_deref() {
        Some("person") => EntityKind::Person,
        Some("org") => EntityKind::Org,
        Some("place") => EntityKind::Place,
        _ => return Vec::new(),
    };
    if literal.prefix || literal.slop > 0 {
        return Vec::new();
    }
    let Some(entity) = names.named(kind, &literal.phrase) else {
        return Vec::new();
    };
    entity
        .members
        .iter()
        .map(|m| {
            let field = match m.kind {
                EntityKind::Person => columns::PERSON_FACET,
                EntityKind::Org => columns::ORG_FACET,
                EntityKind::Place => columns::PLACE_FACET,
            };
            UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(UserInputLiteral {
                field_name: Some(field.to_string()),
                phrase: m.spelling.clone(),
                delimiter: Delimiter::DoubleQuotes,
                slop: 0,
                prefix: false,
            })))
        })
        .collect()
}

/// `harbo*` (one word, unquoted, a trailing `*`): the indexed words that start with it, in
/// the field named or each default field (Tantivy's query parser reads the `*` as part of
/// the word). The start is lowercased and folded as the field's words are (kept as written
/// in `exact`), not stemmed; a match scores as a filter does within its field's boost.
fn prefix_of(leaf: &UserInputLeaf, defaults: &[(&str, f32)]) -> Option<UserInputAst> {
    let UserInputLeaf::Literal(literal) = leaf else {
        return None;
    };
    let start = literal.phrase.strip_suffix('*')?;
    if literal.delimiter != Delimiter::None || literal.prefix || start.is_empty() {
        return None;
    }
    if start.contains(['*', '?']) || start.contains(char::is_whitespace) {
        return None;
    }
    let fields: Vec<(&str, f32)> = match &literal.field_name {
        Some(f) if NAME_FIELDS.contains(&f.as_str()) || f == "date" => return None,
        Some(f) if USER_FIELDS.contains(&f.as_str()) => vec![(f.as_str(), 1.0)],
        Some(_) => return None,
        None => defaults.to_vec(),
    };
    let mut alternatives = Vec::new();
    for (field, boost) in fields {
        let analyser = if field == "exact" { "exact" } else { "author" };
        let [word] = crate::index::quickwit::analyse(analyser, start)
            .try_into()
            .ok()?;
        let leaf = UserInputAst::Leaf(Box::new(UserInputLeaf::Regex {
            field: Some(field.to_string()),
            pattern: format!("{word}.*"),
        }));
        alternatives.push((
            Some(tantivy::query_grammar::Occur::Should),
            if boost == 1.0 {
                leaf
            } else {
                UserInputAst::Boost(Box::new(leaf), f64::from(boost).into())
            },
        ));
    }
    Some(UserInputAst::Clause(alternatives))
}

fn leaf_of(leaf: UserInputLeaf) -> Result<UserInputLeaf, QueryError> {
    match leaf {
        UserInputLeaf::Literal(literal) => literal_of(literal),
        UserInputLeaf::Range {
            field,
            lower,
            upper,
        } => range_of(field, lower, upper),
        UserInputLeaf::Set { field, elements } => {
            if let Some(f) = &field {
                known(f)?;
                if f == "date" {
                    return Err(QueryError::DateSet);
                }
            }
            Ok(UserInputLeaf::Set { field, elements })
        }
        UserInputLeaf::Exists { field } => Err(QueryError::AnyValue { field }),
        UserInputLeaf::Regex { .. } => Err(QueryError::Regex),
        UserInputLeaf::All => Ok(UserInputLeaf::All),
    }
}

fn literal_of(mut literal: UserInputLiteral) -> Result<UserInputLeaf, QueryError> {
    let Some(field) = literal.field_name.clone() else {
        return Ok(UserInputLeaf::Literal(literal));
    };
    if field.bytes().all(|b| b.is_ascii_digit()) {
        // `10:30`: the grammar read a field; the user wrote a time.
        literal.phrase = format!("{field}:{}", literal.phrase);
        literal.field_name = None;
        literal.delimiter = Delimiter::DoubleQuotes;
        return Ok(UserInputLeaf::Literal(literal));
    }
    known(&field)?;
    if field == "date" {
        if literal.prefix || literal.slop > 0 {
            return Err(QueryError::Date {
                text: literal.phrase.chars().take(40).collect(),
            });
        }
        let (lower, upper) = dates::whole(literal.phrase.trim())?;
        return Ok(UserInputLeaf::Range {
            field: Some(field),
            lower,
            upper,
        });
    }
    if NAME_FIELDS.contains(&field.as_str()) {
        let keys = name_keys(&literal.phrase);
        if keys.is_empty() {
            return Err(QueryError::NotAName {
                text: literal.phrase.chars().take(40).collect(),
            });
        }
        literal.phrase = keys.join(" ");
        if keys.len() > 1 {
            literal.delimiter = Delimiter::DoubleQuotes;
        }
    }
    Ok(UserInputLeaf::Literal(literal))
}

fn range_of(
    field: Option<String>,
    lower: UserInputBound,
    upper: UserInputBound,
) -> Result<UserInputLeaf, QueryError> {
    let Some(f) = &field else {
        return Ok(UserInputLeaf::Range {
            field,
            lower,
            upper,
        });
    };
    known(f)?;
    if f != "date" {
        return Ok(UserInputLeaf::Range {
            field,
            lower,
            upper,
        });
    }
    Ok(UserInputLeaf::Range {
        field,
        lower: dates::lower(&lower)?,
        upper: dates::upper(&upper)?,
    })
}

fn known(field: &str) -> Result<(), QueryError> {
    if USER_FIELDS.contains(&field) {
        Ok(())
    } else {
        Err(QueryError::UnknownField {
            field: field.chars().take(40).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        format!(
            "{:?}",
            parse(text, &[("title", 2.0), ("body", 1.0)], None).unwrap()
        )
    }

    #[test]
    fn leaves_are_rewritten_where_they_stand() {
        let cases = [
            // A phrase holding `date:` is a phrase of words.
            ("\"budget date:2024\"", "\"budget date:2024\""),
            (
                "brexit date:2024",
                "(*brexit *\"date\":[\"2024-01-01T00:00:00Z\" TO \"2025-01-01T00:00:00Z\"})",
            ),
            (
                "date:[2024-01-01 TO 2024-01-31]",
                "\"date\":[\"2024-01-01T00:00:00Z\" TO \"2024-02-01T00:00:00Z\"}",
            ),
            (
                "date:[2024-01-01 TO *]",
                "\"date\":[\"2024-01-01T00:00:00Z\" TO \"*\"}",
            ),
            (
                "date:>=2024-05-01",
                "\"date\":[\"2024-05-01T00:00:00Z\" TO \"*\"}",
            ),
            (
                "date:<2024-05",
                "\"date\":{\"*\" TO \"2024-05-01T00:00:00Z\"}",
            ),
            ("person:Zelenskiy", "\"person\":zelensky"),
            ("person:\"Vladimir Putin\"", "\"person\":\"vladimir putin\""),
            ("\"10:30 meeting\"", "\"10:30 meeting\""),
            ("meeting 10:30", "(*meeting *\"10:30\")"),
            ("-title:budget rates", "(-\"title\":budget *rates)"),
        ];
        for (input, want) in cases {
            assert_eq!(shown(input), want, "{input}");
        }
    }

    #[test]
    fn wrong_queries_say_what_is_wrong() {
        type Check = fn(&QueryError) -> bool;
        let cases: [(&str, Check); 8] = [
            (
                "headline:budget",
                |e| matches!(e, QueryError::UnknownField { field } if field == "headline"),
            ),
            ("title:*", |e| matches!(e, QueryError::AnyValue { .. })),
            ("(title:* OR body:x)", |e| {
                matches!(e, QueryError::AnyValue { .. })
            }),
            ("date:yesterday", |e| matches!(e, QueryError::Date { .. })),
            ("date:2024-13-01", |e| matches!(e, QueryError::Date { .. })),
            ("date:[2024-01-01 TO", |e| matches!(e, QueryError::Syntax)),
            ("\"unclosed phrase", |e| matches!(e, QueryError::Syntax)),
            ("person:\"...\"", |e| {
                matches!(e, QueryError::NotAName { .. })
            }),
        ];
        for (input, check) in cases {
            let err = parse(input, &[("body", 1.0)], None).unwrap_err();
            assert!(check(&err), "{input}: {err:?}");
        }
    }

    #[test]
    fn prefixes_become_the_words_they_start_and_exclusions_pass_through() {
        let cases = [
            ("title:Brexit*", "(?\"title\":/brexit.*/)"),
            ("Zür*", "(?(\"title\":/zur.*/)^2 ?\"body\":/zur.*/)"),
            ("exact:Zür*", "(?\"exact\":/Zür.*/)"),
            // Not prefixes: a quoted phrase, a name field, several stars.
            ("\"brexit*\"", "\"brexit*\""),
            ("person:Blai*", "\"person\":blai"),
            ("*rexit*", "*rexit*"),
        ];
        for (input, want) in cases {
            assert_eq!(shown(input), want, "{input}");
        }
        assert!(parse("-title:budget", &[("body", 1.0)], None).is_ok());
        assert!(parse("budget -\"income tax\"", &[("body", 1.0)], None).is_ok());
    }

    #[test]
    fn a_merged_entity_matches_by_each_of_its_spellings() {
        use crate::index::names::resolve::{Entity, Member};
        let person = |spelling: &str| Member {
            kind: EntityKind::Person,
            spelling: spelling.into(),
            articles: 1,
        };
        let table = NameTable::new(vec![Entity {
            kind: EntityKind::Person,
            display: "Tony Blair".into(),
            members: vec![person("Tony Blair"), person("Blair")],
        }]);
        let shown =
            |text: &str| format!("{:?}", parse(text, &[("body", 1.0)], Some(&table)).unwrap());
        let cases = [
            (
                "person:\"Tony Blair\"",
                "(?\"person\":\"tony blair\" ?\"person_facet\":\"Tony Blair\" ?\"person_facet\":\"Blair\")",
            ),
            ("person:\"Anna Brandt\"", "\"person\":\"ana brandt\""),
            ("org:\"Tony Blair\"", "\"org\":\"tony blair\""),
            ("person:Blai*", "\"person\":blai"),
        ];
        for (text, want) in cases {
            assert_eq!(shown(text), want, "{text}");
        }
    }
}
