//! Tests of the ranker: weights, ties and candidate collection, on sentences written for
//! them.

use super::*;
use crate::extract::quotes::{attribute, tokens};

#[test]
fn weights_round_trip_and_ties_go_to_the_first_candidate() {
    let mut m = Model::from_bytes(&[]);
    assert!(m.weights.iter().all(|&w| w == 0.0));
    m.weights[5] = 1.5;
    m.weights[9] = -2.0;
    assert_eq!(Model::from_bytes(&m.to_bytes()), m);
    let cand = |feats: Vec<u32>| Cand {
        start: 0,
        end: 0,
        rule: false,
        previous: false,
        null: false,
        entity: None,
        pronoun: None,
        feats,
    };
    let cases = [
        (vec![cand(vec![1]), cand(vec![2])], 0),
        (vec![cand(vec![9]), cand(vec![5])], 1),
        (vec![cand(vec![5, 9]), cand(vec![])], 1),
    ];
    for (cands, want) in cases {
        assert_eq!(m.choose(&cands), want);
    }
}

#[test]
fn candidates_are_mentions_pronouns_and_nobody() {
    // (body, the candidate mentions expected besides "nobody", in order)
    let cases: [(&str, &[&str]); 3] = [
        (
            "Tom Baker met the council.\n\n“We will not back down,” he said.",
            &["Tom Baker", "he"],
        ),
        ("“Not today,” she said to Tom Baker.", &["she", "Tom Baker"]),
        (
            "Acme Freight lost the bid. “It was close,” they said.",
            &["Acme Freight", "they"],
        ),
    ];
    for (body, want) in cases {
        let mut toks = tokens::tokenize(body);
        let open = toks
            .iter()
            .position(|t| &body[t.start..t.end] == "“")
            .expect("open");
        let close = toks
            .iter()
            .position(|t| &body[t.start..t.end] == "”")
            .expect("close");
        for t in &mut toks[open + 1..close] {
            t.quoted = true;
        }
        let ctx = attribute::Ctx { body, toks: &toks };
        let mut ents = Vec::new();
        for (name, kind) in [
            ("Tom Baker", EntityKind::Person),
            ("Acme Freight", EntityKind::Org),
        ] {
            if let Some(start) = body.find(name) {
                ents.push(Entity {
                    kind,
                    text: name.to_string(),
                    canonical: name.to_string(),
                    start,
                    end: start + name.len(),
                });
            }
        }
        let q = View {
            open,
            close,
            content: "",
            rule: None,
            inherited: false,
            previous: None,
            counts: &Counts::new(&ctx),
        };
        let cands = candidates(&ctx, &q, &ents);
        let (nobody, named) = cands.split_last().expect("never empty");
        assert!(nobody.null, "{body}");
        let mut got: Vec<&Cand> = named.iter().collect();
        got.sort_by_key(|c| c.start);
        let got: Vec<&str> = got.iter().map(|c| &body[c.start..c.end]).collect();
        assert_eq!(got, want, "{body}");
        assert!(cands.iter().all(|c| !c.feats.is_empty()), "{body}");
    }
}
