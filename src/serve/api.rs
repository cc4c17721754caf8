//! Routing: one request line (method and URL) to one [`Reply`], with no I/O of its own, so
//! every route can be tested without a socket.
//!
//! JSON bodies are the command line's `--json` shapes; errors are `{"error": "..."}` with
//! 400 (the request is wrong: the same one-line message as the command line), 404 (no such
//! article or route), 405 (not GET/HEAD, or POST elsewhere than `/api/batch`, `/api/saved`
//! and `/api/saved/seen`), 413 (a body over [`MAX_BODY_BYTES`]) or 500 (the index failed).
//! `POST /api/batch` takes a list (one name or query per line, as `newsdex batch` reads a
//! file) and answers `{"rows": [...], "failed": N}` with the rows `newsdex batch --format
//! json` writes. `POST /api/saved` saves the search in its query string under `name`, and
//! `POST /api/saved/seen?name=&mark=` marks one checked up to the `mark` that
//! `GET /api/saved/new?name=` gave with its new articles (the server's only writes, to the
//! saved-search file beside the index, never the index).
//! Articles are looked up by id in the index, never by path, so no URL can reach a file.

use serde::Serialize;

use super::assets;
use super::params::{
    batch_request, people_request, quote_request, save_request, saved_new_request,
    saved_seen_request, search_request, timeline_request,
};
use super::ApiError;
use super::Source;
use crate::search::{Archive, BatchLayout, BatchReader, BatchRow, SearchError, MAX_API_LINES};

/// Longest URL accepted (path and query string), in bytes.
pub const MAX_URL_BYTES: usize = 8_192;

/// Largest request body accepted (a batch list), in bytes.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// A response ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// Whether clients may cache it (embedded assets) or not (API answers).
    pub cacheable: bool,
}

pub const JSON: &str = "application/json; charset=utf-8";

impl Reply {
    pub fn json<T: Serialize>(status: u16, value: &T) -> Reply {
        match serde_json::to_vec(value) {
            Ok(body) => Reply {
                status,
                content_type: JSON,
                body,
                cacheable: false,
            },
            Err(e) => Reply::error(&ApiError::Internal(format!(
                "cannot encode the answer: {e}"
            ))),
        }
    }

    pub fn error(error: &ApiError) -> Reply {
        let body = serde_json::json!({ "error": error.to_string() });
        Reply {
            status: error.status(),
            content_type: JSON,
            body: body.to_string().into_bytes(),
            cacheable: false,
        }
    }

    fn asset(content_type: &'static str, text: &'static str) -> Reply {
        Reply {
            status: 200,
            content_type,
            body: text.as_bytes().to_vec(),
            cacheable: true,
        }
    }
}

impl From<SearchError> for ApiError {
    fn from(e: SearchError) -> ApiError {
        let message = crate::search::message(&e);
        if e.is_bad_request() {
            ApiError::BadRequest(message)
        } else {
            ApiError::Internal(message)
        }
    }
}

/// Answers one request (`body` is empty but for a POST).
pub fn handle(source: &Source, method: &str, url: &str, body: &[u8]) -> Reply {
    match route(source, method, url, body) {
        Ok(reply) => reply,
        Err(e) => Reply::error(&e),
    }
}

fn route(source: &Source, method: &str, url: &str, body: &[u8]) -> Result<Reply, ApiError> {
    if url.len() > MAX_URL_BYTES {
        return Err(ApiError::TooLong(url.len()));
    }
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    match method {
        "GET" | "HEAD" if path != "/api/batch" => {}
        "POST" if path == "/api/batch" => return batch(source.local("a batch")?, query, body),
        "POST" if path == "/api/saved" => {
            let (name, q, filters) = save_request(query)?;
            let row = source
                .local("saving a search")?
                .save_search(name, q, filters)?;
            return Ok(Reply::json(201, &row));
        }
        "POST" if path == "/api/saved/seen" => {
            let (name, mark) = saved_seen_request(query)?;
            let archive = source.local("saved searches")?;
            return Ok(Reply::json(200, &archive.saved_seen(&name, mark)?));
        }
        _ => return Err(ApiError::Method(method.chars().take(16).collect())),
    }
    if let Some(id) = path.strip_prefix("/api/articles/") {
        return article(source, id);
    }
    match path {
        "/" | "/index.html" => Ok(Reply::asset("text/html; charset=utf-8", assets::INDEX_HTML)),
        "/app.js" => Ok(Reply::asset(
            "text/javascript; charset=utf-8",
            assets::APP_JS,
        )),
        "/batch.js" => Ok(Reply::asset(
            "text/javascript; charset=utf-8",
            assets::BATCH_JS,
        )),
        "/saved.js" => Ok(Reply::asset(
            "text/javascript; charset=utf-8",
            assets::SAVED_JS,
        )),
        "/export.js" => Ok(Reply::asset(
            "text/javascript; charset=utf-8",
            assets::EXPORT_JS,
        )),
        "/style.css" => Ok(Reply::asset("text/css; charset=utf-8", assets::STYLE_CSS)),
        "/favicon.ico" => Ok(Reply::asset("image/svg+xml", assets::ICON_SVG)),
        "/healthz" => Ok(Reply::json(
            200,
            &serde_json::json!({ "status": "ok", "documents": match source {
                Source::Local(archive) => archive.article_count(),
                Source::Remote(remote) => remote.article_count()?,
            } }),
        )),
        "/api/search" => {
            let request = search_request(query)?;
            Ok(Reply::json(
                200,
                &match source {
                    Source::Local(archive) => archive.search(&request)?,
                    Source::Remote(remote) => remote.search(&request)?,
                },
            ))
        }
        "/api/quotes" => {
            let request = quote_request(query)?;
            Ok(Reply::json(
                200,
                &match source {
                    Source::Local(archive) => archive.quotes(&request)?,
                    Source::Remote(remote) => remote.quotes(&request)?,
                },
            ))
        }
        "/api/people" => {
            let request = people_request(query)?;
            Ok(Reply::json(
                200,
                &match source {
                    Source::Local(archive) => archive.people(&request)?,
                    Source::Remote(remote) => remote.people(&request)?,
                },
            ))
        }
        "/api/saved/new" => {
            let (name, limit) = saved_new_request(query)?;
            let archive = source.local("saved searches")?;
            Ok(Reply::json(200, &archive.saved_new(&name, limit)?))
        }
        "/api/saved" => Ok(Reply::json(
            200,
            &serde_json::json!({ "saved": source.local("saved searches")?.saved_list()? }),
        )),
        "/api/timeline" => {
            let request = timeline_request(query)?;
            Ok(Reply::json(
                200,
                &match source {
                    Source::Local(archive) => archive.timeline(&request)?,
                    Source::Remote(remote) => remote.timeline(&request)?,
                },
            ))
        }
        _ => Err(ApiError::NotFound(format!(
            "no such page: {}",
            path.chars().take(100).collect::<String>()
        ))),
    }
}

/// `POST /api/batch`: every line of the body answered, in order. The list is read whole
/// (it is at most [`MAX_BODY_BYTES`] and [`MAX_API_LINES`] lines) before the first is run.
fn batch(archive: &Archive, query: &str, body: &[u8]) -> Result<Reply, ApiError> {
    let request = batch_request(query)?;
    request.validate().map_err(SearchError::from)?;
    let reader = BatchReader::new(body, BatchLayout::Detect)
        .map_err(|e| ApiError::BadRequest(crate::search::message(&e)))?;
    let mut lines = Vec::new();
    for line in reader {
        let line = line.map_err(|e| ApiError::BadRequest(crate::search::message(&e)))?;
        if lines.len() == MAX_API_LINES {
            return Err(ApiError::BadRequest(format!(
                "the list has more than {MAX_API_LINES} lines; send it in parts, or use `newsdex batch`"
            )));
        }
        lines.push(line);
    }
    if lines.is_empty() {
        return Err(ApiError::BadRequest(
            "the list is empty: send one name or query per line as the body".into(),
        ));
    }
    let mut rows: Vec<BatchRow> = Vec::with_capacity(lines.len());
    for line in lines {
        rows.push(archive.batch_line(&request, line)?);
    }
    let failed = rows.iter().filter(|r| r.error.is_some()).count();
    Ok(Reply::json(
        200,
        &serde_json::json!({ "rows": rows, "failed": failed }),
    ))
}

/// `GET /api/articles/{id}`: the id is the rest of the path, percent-decoded (ids hold `/`,
/// and `#` must be sent as `%23`).
fn article(source: &Source, raw_id: &str) -> Result<Reply, ApiError> {
    let id = percent_encoding::percent_decode_str(raw_id)
        .decode_utf8()
        .map_err(|_| ApiError::BadRequest("the article id is not valid UTF-8".into()))?;
    if id.trim().is_empty() {
        return Err(ApiError::BadRequest(
            "give an article id: /api/articles/{id}".into(),
        ));
    }
    let found = match source {
        Source::Local(archive) => archive.article(&id)?,
        Source::Remote(remote) => remote.article(&id)?,
    };
    match found {
        Some(view) => Ok(Reply::json(200, &view)),
        None => Err(ApiError::NotFound(format!(
            "no article with id `{}`",
            id.chars().take(200).collect::<String>()
        ))),
    }
}
