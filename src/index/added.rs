//! The order in which articles entered the archive, for "what is new since I last looked".
//!
//! Every document carries `added`, a sequence number the one writer hands out in the order
//! it adds articles (a quotation takes its article's number). Numbers only grow: the next
//! one starts above both the largest number in the index and the high-water mark that every
//! commit records in its payload, so a number deleted with its document is never reused.
//! Because documents become visible commit by commit in the order they were added, a reader
//! that has seen everything up to its [`NewsIndex::added_mark`] can be sure that any
//! document committed later carries a larger number: "new since the mark" is exact, even
//! while an ingest is running.
//!
//! A changed file is re-added whole, but an article of it whose title and body are
//! unchanged (same fingerprint) keeps its number, and so does an article of a new file that
//! the index held in another when the ingest began (a moved or copied file, or a dump
//! re-read from the start): a feed re-downloaded with two
//! new items announces two articles, not the whole feed, and reorganising folders announces
//! nothing. An edited article counts as new.

use std::collections::HashMap;

use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Searcher, Term, TERMINATED};

use super::schema::columns;
use super::{tantivy_err, IndexError, NewsIndex, NewsWriter, PreparedFile};

impl NewsIndex {
    /// The largest `added` number among the documents a searcher sees (0 for an empty
    /// index): everything committed after that searcher was opened is above it.
    pub(crate) fn added_mark(&self, searcher: &Searcher) -> Result<u64, IndexError> {
        let mut mark = 0;
        for segment in searcher.segment_readers() {
            let column = segment
                .fast_fields()
                .u64(columns::ADDED)
                .map_err(|e| tantivy_err(&self.display(), e))?;
            if segment.num_docs() > 0 {
                mark = mark.max(column.max_value());
            }
        }
        Ok(mark)
    }
}

impl NewsWriter {
    /// Numbers the documents of a file the index does not hold yet: an article the index
    /// held elsewhere when this writer opened (a file moved or copied) keeps its number.
    pub(super) fn number_new(&mut self, prepared: &mut PreparedFile) -> Result<(), IndexError> {
        let kept = self.numbers_anywhere(&prepared.fingerprints)?;
        self.number(prepared, &kept);
        Ok(())
    }

    /// Numbers the documents of a file that replaces the committed one: articles whose
    /// fingerprint the committed file had keep their number.
    pub(super) fn number_replacing(
        &mut self,
        prepared: &mut PreparedFile,
    ) -> Result<(), IndexError> {
        let kept = self.committed_numbers(&prepared.file)?;
        self.number(prepared, &kept);
        Ok(())
    }

    fn number(&mut self, prepared: &mut PreparedFile, kept: &HashMap<String, u64>) {
        let numbers: Vec<u64> = prepared
            .fingerprints
            .iter()
            .map(|fp| {
                kept.get(fp).copied().unwrap_or_else(|| {
                    self.next_added += 1;
                    self.next_added
                })
            })
            .collect();
        for (doc, &owner) in prepared.docs.iter_mut().zip(&prepared.owners) {
            doc.add_u64(self.fields.added, numbers[owner as usize]);
        }
    }

    /// Fingerprint → number of the articles the index held for `file` when this writer
    /// opened.
    fn committed_numbers(&self, file: &str) -> Result<HashMap<String, u64>, IndexError> {
        let mut numbers = HashMap::new();
        let Some(searcher) = &self.before else {
            return Ok(numbers);
        };
        let term = Term::from_field_text(self.fields.file, file);
        let err = |e| tantivy_err(&self.dir, e);
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.file).map_err(err)?;
            let Some(mut postings) = inverted
                .read_postings(&term, IndexRecordOption::Basic)
                .map_err(|e| err(e.into()))?
            else {
                continue;
            };
            let fast = segment.fast_fields();
            let added = fast.u64(columns::ADDED).map_err(err)?;
            let Some(fingerprints) = fast.str(columns::FINGERPRINT).map_err(err)? else {
                continue;
            };
            let mut text = String::new();
            let mut doc = postings.doc();
            while doc != TERMINATED {
                let ord = fingerprints.term_ords(doc).next();
                if let (false, Some(ord), Some(n)) =
                    (segment.is_deleted(doc), ord, added.first(doc))
                {
                    text.clear();
                    if fingerprints.ord_to_str(ord, &mut text).unwrap_or(false) {
                        numbers.insert(text.clone(), n);
                    }
                }
                doc = postings.advance();
            }
        }
        Ok(numbers)
    }

    /// Fingerprint → number of those `fingerprints` that the index held in any file when
    /// this writer opened.
    fn numbers_anywhere(
        &self,
        fingerprints: &[String],
    ) -> Result<HashMap<String, u64>, IndexError> {
        let mut numbers = HashMap::new();
        let Some(searcher) = &self.before else {
            return Ok(numbers);
        };
        let err = |e| tantivy_err(&self.dir, e);
        for segment in searcher.segment_readers() {
            let inverted = segment
                .inverted_index(self.fields.fingerprint)
                .map_err(err)?;
            let added = segment.fast_fields().u64(columns::ADDED).map_err(err)?;
            for fp in fingerprints {
                if numbers.contains_key(fp) {
                    continue;
                }
                let term = Term::from_field_text(self.fields.fingerprint, fp);
                let Some(mut postings) = inverted
                    .read_postings(&term, IndexRecordOption::Basic)
                    .map_err(|e| err(e.into()))?
                else {
                    continue;
                };
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    if let (false, Some(n)) = (segment.is_deleted(doc), added.first(doc)) {
                        numbers.insert(fp.clone(), n);
                        break;
                    }
                    doc = postings.advance();
                }
            }
        }
        Ok(numbers)
    }

    /// The largest number handed out so far (recorded in every commit's payload).
    pub(super) fn added_high_water(&self) -> u64 {
        self.next_added
    }
}

/// Where numbering resumes for a new writer: above everything committed or ever recorded.
pub(super) fn resume_after(index: &NewsIndex, recorded: u64) -> Result<u64, IndexError> {
    let reader = index.reader()?;
    Ok(index.added_mark(&reader.searcher())?.max(recorded))
}

#[cfg(test)]
mod tests {
    use crate::article::{Article, Format};
    use crate::extract::Extraction;
    use crate::index::{DocInput, FileStamp, NewsIndex};

    fn article(title: &str) -> Article {
        Article {
            title: title.to_string(),
            body: format!("{title}. The council met on Tuesday and voted on the plan."),
            ..Article::default()
        }
    }

    fn prepare(index: &NewsIndex, file: &str, titles: &[&str]) -> crate::index::PreparedFile {
        let articles: Vec<Article> = titles.iter().map(|t| article(t)).collect();
        let none = Extraction::default();
        let inputs: Vec<DocInput<'_>> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| DocInput {
                id: format!("{file}#{i}"),
                path: file.to_string(),
                format: Format::Json,
                article: a,
                extraction: &none,
                fingerprint: crate::ingest::fingerprint(&a.title, &a.body),
            })
            .collect();
        index.prepare(file, FileStamp::default(), &inputs)
    }

    fn mark(index: &NewsIndex) -> u64 {
        let reader = index.reader().unwrap();
        index.added_mark(&reader.searcher()).unwrap()
    }

    #[test]
    fn numbers_grow_survive_reopening_and_unchanged_articles_keep_theirs() {
        let dir = tempfile::tempdir().unwrap();
        let index = NewsIndex::open_or_create(dir.path()).unwrap();
        assert_eq!(mark(&index), 0);
        let mut writer = index.writer(16 << 20, 1).unwrap();
        writer
            .add(prepare(
                &index,
                "/feed.json",
                &["Bridge shut", "Mayor resigns"],
            ))
            .unwrap();
        writer.commit().unwrap();
        writer.finish().unwrap();
        assert_eq!(mark(&index), 2);

        // The feed comes back with one new item in front: only that item is new.
        let reopened = NewsIndex::open(dir.path()).unwrap();
        let mut writer = reopened.writer(16 << 20, 1).unwrap();
        let feed = ["Flood warning", "Bridge shut", "Mayor resigns"];
        writer
            .replace(prepare(&reopened, "/feed.json", &feed))
            .unwrap();
        writer.commit().unwrap();
        writer.finish().unwrap();
        assert_eq!(mark(&reopened), 3);

        // A file moved elsewhere (seen by the next ingest) brings nothing new.
        let mut writer = reopened.writer(16 << 20, 1).unwrap();
        writer.delete_file("/feed.json");
        writer
            .add(prepare(&reopened, "/moved/feed.json", &feed))
            .unwrap();
        writer.commit().unwrap();
        assert_eq!(mark(&reopened), 3);
        writer.delete_file("/moved/feed.json");
        writer.add(prepare(&reopened, "/feed.json", &feed)).unwrap();
        writer.commit().unwrap();

        // Deleting the newest article does not let its number be handed out again.
        writer
            .replace(prepare(&reopened, "/feed.json", &feed[1..]))
            .unwrap();
        writer.commit().unwrap();
        writer.finish().unwrap();
        assert_eq!(mark(&reopened), 2);
        let mut writer = reopened.writer(16 << 20, 1).unwrap();
        writer
            .add(prepare(&reopened, "/other.json", &["Strike called off"]))
            .unwrap();
        writer.commit().unwrap();
        writer.finish().unwrap();
        assert_eq!(mark(&reopened), 4);
    }

    /// `ord_terms` (here on the `file` column these tests fill) gives the terms at the
    /// ordinals asked for, as streaming the whole dictionary does.
    #[test]
    fn ord_terms_reads_the_terms_at_sorted_ordinals() {
        let dir = tempfile::tempdir().unwrap();
        let index = NewsIndex::open_or_create(dir.path()).unwrap();
        let mut writer = index.writer(16 << 20, 1).unwrap();
        for (file, title) in [
            ("/a.json", "Bridge shut"),
            ("/b.json", "Mayor resigns"),
            ("/c.json", "Strike ends"),
        ] {
            writer.add(prepare(&index, file, &[title])).unwrap();
        }
        writer.commit().unwrap();
        writer.finish().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let segment = &searcher.segment_readers()[0];
        let col = segment
            .fast_fields()
            .str(super::columns::FILE)
            .unwrap()
            .unwrap();
        let all = crate::index::dictionary_terms(&col).unwrap();
        assert_eq!(all, ["/a.json", "/b.json", "/c.json"]);
        for ords in [&[][..], &[1], &[0, 2], &[0, 1, 2]] {
            let want: Vec<&str> = ords.iter().map(|&o| all[o as usize].as_str()).collect();
            assert_eq!(
                crate::index::ord_terms(&col, ords).unwrap(),
                want,
                "{ords:?}"
            );
        }
    }
}
