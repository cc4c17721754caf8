//! What is new for a saved search: its articles and quotations that entered the archive
//! after the mark it was last checked against (see `index::added`).
//!
//! The mark is read before the searches, from the same reader, so a document committed
//! while they run is either in this answer or above the new mark, never lost between two
//! checks.

use serde::Serialize;

use super::request::{Filters, QuoteKinds, QuoteRequest};
use super::saved::{SavedError, SavedSearch, SavedSearches};
use super::{format_date, Archive, Hit, QuoteHit, SearchError};

/// The new matches of one saved search.
#[derive(Debug, Clone, Serialize)]
pub struct SavedNews {
    /// The saved search's name.
    pub name: String,
    /// Its query text, or null.
    pub query: Option<String>,
    /// Its filters.
    pub filters: Filters,
    /// The mark it was last checked against: everything above it is new.
    pub since_mark: u64,
    /// When it was last checked (null: never since it was saved).
    pub last_checked: Option<String>,
    /// The archive's mark now: the next check starts from here.
    pub mark: u64,
    /// New matching articles (all of them, however many are listed).
    pub new_articles: usize,
    /// The newest of them, newest first.
    pub articles: Vec<Hit>,
    /// New matching quotations, or null when the search has person, organisation or place
    /// filters (quotation documents carry only their speaker and date).
    pub new_quotes: Option<usize>,
    /// The new quotations listed.
    pub quotes: Vec<QuoteHit>,
}

/// A saved search and how much is new for it (`saved list`, `GET /api/saved`).
#[derive(Debug, Clone, Serialize)]
pub struct SavedRow {
    /// Its name.
    pub name: String,
    /// Its query text, or null.
    pub query: Option<String>,
    /// Its filters.
    pub filters: Filters,
    /// When it was saved.
    pub created: String,
    /// When it was last checked with `saved new`, or null.
    pub last_checked: Option<String>,
    /// New matching articles since then.
    pub new_articles: usize,
    /// New matching quotations, or null when its filters rule quotations out.
    pub new_quotes: Option<usize>,
}

/// How much is new for a saved search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NewCounts {
    /// New matching articles.
    pub new_articles: usize,
    /// New matching quotations, or null when the search's filters rule quotations out.
    pub new_quotes: Option<usize>,
}

impl SavedNews {
    /// Whether anything is new.
    pub fn is_empty(&self) -> bool {
        self.new_articles == 0 && self.new_quotes.unwrap_or(0) == 0
    }
}

impl Archive {
    /// The mark of what this reader sees: every document committed later is above it.
    pub fn added_mark(&self) -> Result<u64, SearchError> {
        Ok(self.index.added_mark(&self.searcher())?)
    }

    /// The articles and quotations matching `saved` that were added after its mark, at most
    /// `limit` of each listed (all counted).
    pub fn saved_news(&self, saved: &SavedSearch, limit: usize) -> Result<SavedNews, SearchError> {
        let mark = self.added_mark()?;
        let articles = self.search(&saved.request(Some(saved.mark), limit))?;
        let quotes = match self.new_quotes(saved, limit) {
            Some(request) => Some(self.quotes(&request)?),
            None => None,
        };
        Ok(SavedNews {
            name: saved.name.clone(),
            query: saved.query.clone(),
            filters: saved.filters.clone(),
            since_mark: saved.mark,
            last_checked: saved.checked.map(format_date),
            mark,
            new_articles: articles.total,
            articles: articles.hits,
            new_quotes: quotes.as_ref().map(|q| q.total),
            quotes: quotes.map(|q| q.quotes).unwrap_or_default(),
        })
    }

    /// What is new for the saved search `name`, listing at most `limit` of each kind,
    /// without marking it checked (the page's view; `saved_seen` marks it).
    pub fn saved_new(&self, name: &str, limit: usize) -> Result<SavedNews, SearchError> {
        let saved = SavedSearches::load(self.dir())?;
        self.saved_news(saved.get(name)?, limit)
    }

    /// Marks the saved search `name` checked up to `mark`, a [`SavedNews::mark`] read
    /// earlier, so that what was added after the reader looked stays new. A mark the archive
    /// has not reached is refused; one below the search's own mark changes nothing.
    pub fn saved_seen(&self, name: &str, mark: u64) -> Result<SavedRow, SearchError> {
        let now = self.added_mark()?;
        if mark > now {
            return Err(SavedError::Mark { mark, now }.into());
        }
        let at = chrono::Utc::now();
        let seen = SavedSearches::update(self.dir(), |s| {
            let old = s.get(name)?.mark;
            s.checked(name, old.max(mark), at);
            Ok(s.get(name)?.clone())
        })?;
        self.saved_row(&seen)
    }

    /// Every saved search of this index with its new counts.
    pub fn saved_list(&self) -> Result<Vec<SavedRow>, SearchError> {
        let saved = SavedSearches::load(self.dir())?;
        saved.list().iter().map(|s| self.saved_row(s)).collect()
    }

    /// Saves a search under `name`, counting as new what is added from now on; the query
    /// is run once first, so one that cannot be read is refused now.
    pub fn save_search(
        &self,
        name: String,
        query: Option<String>,
        filters: Filters,
    ) -> Result<SavedRow, SearchError> {
        let saved = SavedSearch {
            name,
            query,
            filters,
            created: chrono::Utc::now(),
            mark: self.added_mark()?,
            checked: None,
        };
        self.search(&saved.request(None, 1))?;
        let row = self.saved_row(&saved)?;
        SavedSearches::update(self.dir(), |s| s.add(saved))?;
        Ok(row)
    }

    fn saved_row(&self, s: &SavedSearch) -> Result<SavedRow, SearchError> {
        let counts = self.saved_counts(s)?;
        Ok(SavedRow {
            name: s.name.clone(),
            query: s.query.clone(),
            filters: s.filters.clone(),
            created: format_date(s.created),
            last_checked: s.checked.map(format_date),
            new_articles: counts.new_articles,
            new_quotes: counts.new_quotes,
        })
    }

    /// How many articles and quotations are new for `saved` (nothing listed, nothing read).
    pub fn saved_counts(&self, saved: &SavedSearch) -> Result<NewCounts, SearchError> {
        let articles = self.search(&saved.request(Some(saved.mark), 1))?.total;
        let quotes = match self.new_quotes(saved, 1) {
            Some(request) => Some(self.quotes(&request)?.total),
            None => None,
        };
        Ok(NewCounts {
            new_articles: articles,
            new_quotes: quotes,
        })
    }

    /// The quotation search of a saved search, when its filters allow one.
    fn new_quotes(&self, saved: &SavedSearch, limit: usize) -> Option<QuoteRequest> {
        let mut filters = saved.filters.clone();
        filters.added_after = Some(saved.mark);
        let request = QuoteRequest {
            text: saved.query.clone(),
            filters,
            limit,
            kinds: QuoteKinds::Direct,
        };
        request.validate().ok().map(|()| request)
    }
}
