//! `newsdex serve`: a read-only JSON API and a search page over one index.
//!
//! The HTTP layer is `tiny_http`, a small synchronous HTTP/1.1 server: a read-only tool
//! on loopback needs no async runtime, and searches block on Tantivy anyway. One listener
//! thread accepts connections (tiny_http reads each connection on its own pool) and a
//! fixed set of worker threads take requests, route them ([`api::handle`]) and answer.
//! Workers share one [`Archive`]; before a request, at most every [`RELOAD_EVERY`], one
//! of them reloads it so that commits of a concurrent `newsdex ingest` show up without a
//! restart. The page (HTML, JS, CSS) is embedded in the binary ([`assets`]).

pub mod api;
pub mod assets;
mod export;
pub mod params;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::search::{Archive, SearchError};

/// How stale the served index may be behind the last commit.
pub const RELOAD_EVERY: Duration = Duration::from_millis(500);

/// The default address: loopback only.
pub const DEFAULT_BIND: &str = "127.0.0.1:7700";

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error("cannot listen on {addr}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// What a request got wrong, or why it could not be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
    #[error("method {0} is not allowed here: the server is read-only (GET and HEAD), except POST /api/batch with the list as the body, POST /api/saved to save a search and POST /api/saved/seen to mark one checked")]
    Method(String),
    #[error("the body is {0} bytes or more; the most is {max} (send the list in parts)", max = api::MAX_BODY_BYTES)]
    BodyTooLarge(usize),
    #[error("the URL is {0} bytes long; the most is 8192")]
    TooLong(usize),
    #[error("host `{0}` is not this server; open it as http://127.0.0.1:PORT/ or http://localhost:PORT/")]
    Host(String),
    #[error("{0}")]
    Internal(String),
}

impl ApiError {
    pub fn status(&self) -> u16 {
        match self {
            ApiError::BadRequest(_) => 400,
            ApiError::NotFound(_) => 404,
            ApiError::Method(_) => 405,
            ApiError::TooLong(_) => 414,
            ApiError::BodyTooLarge(_) => 413,
            ApiError::Host(_) => 403,
            ApiError::Internal(_) => 500,
        }
    }
}

/// A bound server, not yet answering.
pub struct Server {
    http: tiny_http::Server,
    addr: SocketAddr,
    shared: Arc<Shared>,
    index: PathBuf,
}

struct Shared {
    archive: Archive,
    last_reload: Mutex<Instant>,
}

impl Shared {
    /// Reloads the reader when the last reload is older than [`RELOAD_EVERY`]; a worker
    /// that finds another one reloading goes on with the current view.
    fn refresh(&self) {
        let Ok(mut last) = self.last_reload.try_lock() else {
            return;
        };
        if last.elapsed() < RELOAD_EVERY {
            return;
        }
        *last = Instant::now();
        if let Err(e) = self.archive.reload() {
            log(&format!("cannot see the latest commit: {e}"));
        }
    }
}

impl Server {
    /// Opens the index and binds `addr` (port 0 picks a free port; see [`Server::addr`]).
    pub fn bind(index: &Path, addr: SocketAddr) -> Result<Server, ServeError> {
        let archive = Archive::open(index)?;
        let http =
            tiny_http::Server::http(addr).map_err(|source| ServeError::Bind { addr, source })?;
        let addr = http.server_addr().to_ip().ok_or_else(|| ServeError::Bind {
            addr,
            source: "not an IP listener".into(),
        })?;
        Ok(Server {
            http,
            addr,
            shared: Arc::new(Shared {
                archive,
                last_reload: Mutex::new(Instant::now()),
            }),
            index: index.to_path_buf(),
        })
    }

    /// The address actually bound.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn index(&self) -> &Path {
        &self.index
    }

    /// Answers requests until the process ends, on `workers` threads (at least one).
    pub fn run(self, workers: usize) {
        let http = Arc::new(self.http);
        let loopback = self.addr.ip().is_loopback();
        let handles: Vec<_> = (0..workers.max(1))
            .filter_map(|n| {
                let http = Arc::clone(&http);
                let shared = Arc::clone(&self.shared);
                std::thread::Builder::new()
                    .name(format!("serve-{n}"))
                    .spawn(move || worker(&http, &shared, loopback))
                    .ok()
            })
            .collect();
        for handle in handles {
            let _ = handle.join();
        }
    }
}

/// A sensible number of workers: two per core, between 4 and 16.
pub fn default_workers() -> usize {
    std::thread::available_parallelism()
        .map_or(4, |n| n.get() * 2)
        .clamp(4, 16)
}

fn worker(http: &tiny_http::Server, shared: &Shared, loopback: bool) {
    for mut request in http.incoming_requests() {
        shared.refresh();
        let method = request.method().as_str().to_string();
        let host = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str().to_string());
        let foreign = host.filter(|h| loopback && !is_local_host(h));
        let url = request.url().to_string();
        if let (None, Some(query)) = (&foreign, export_query(&method, &url)) {
            // A client that went away is not an error of the server.
            let _ = match export::Export::parse(&shared.archive, query) {
                Ok(export) => export.stream(&shared.archive, |body| {
                    request.respond(download(&export, body))
                }),
                Err(e) => request.respond(response(api::Reply::error(&e))),
            };
            continue;
        }
        let reply = match foreign {
            Some(host) => api::Reply::error(&ApiError::Host(host.chars().take(100).collect())),
            None => match read_body(&mut request, &method) {
                Ok(body) => api::handle(&shared.archive, &method, request.url(), &body),
                Err(e) => api::Reply::error(&e),
            },
        };
        if reply.status >= 500 {
            log(&format!(
                "{method} {}: {}",
                request.url(),
                String::from_utf8_lossy(&reply.body)
            ));
        }
        // A client that went away is not an error of the server.
        let _ = request.respond(response(reply));
    }
}

/// The query string of a `GET /api/export` (streamed, so answered apart from `api`).
fn export_query<'a>(method: &str, url: &'a str) -> Option<&'a str> {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    (path == "/api/export" && (method == "GET" || method == "HEAD")).then_some(query)
}

/// The body of a POST, at most [`api::MAX_BODY_BYTES`]; other methods have none.
fn read_body(request: &mut tiny_http::Request, method: &str) -> Result<Vec<u8>, ApiError> {
    use std::io::Read;
    if method != "POST" {
        return Ok(Vec::new());
    }
    let max = api::MAX_BODY_BYTES;
    if let Some(length) = request.body_length().filter(|&n| n > max) {
        return Err(ApiError::BodyTooLarge(length));
    }
    let mut body = Vec::new();
    let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    request
        .as_reader()
        .take(limit)
        .read_to_end(&mut body)
        .map_err(|e| ApiError::BadRequest(format!("cannot read the request body: {e}")))?;
    if body.len() > max {
        return Err(ApiError::BodyTooLarge(body.len()));
    }
    Ok(body)
}

/// Whether a `Host` header names this machine's loopback. A server on loopback answers
/// only those, so a web page elsewhere cannot reach it through DNS rebinding.
fn is_local_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.split(':').next().unwrap_or(""),
    };
    let name = name.to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// One line on stderr; a closed stderr is ignored (`eprintln!` would panic).
fn log(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "newsdex serve: {line}");
}

/// The headers every answer carries.
fn headers(content_type: &str, cacheable: bool) -> Vec<tiny_http::Header> {
    let cache = if cacheable { "no-cache" } else { "no-store" };
    [
        ("Content-Type", content_type),
        ("Cache-Control", cache),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        (
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'",
        ),
    ]
    .into_iter()
    .filter_map(|(name, value)| {
        tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
    })
    .collect()
}

fn response(reply: api::Reply) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let mut response = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
    for header in headers(reply.content_type, reply.cacheable) {
        response.add_header(header);
    }
    response
}

/// A streamed export: chunked (its length is not known ahead), saved as a file.
fn download(
    export: &export::Export,
    body: export::ChunkReader,
) -> tiny_http::Response<export::ChunkReader> {
    let mut headers = headers(export.content_type(), false);
    let disposition = format!("attachment; filename=\"{}\"", export.file_name());
    headers.extend(tiny_http::Header::from_bytes(
        &b"Content-Disposition"[..],
        disposition.as_bytes(),
    ));
    tiny_http::Response::new(tiny_http::StatusCode(200), headers, body, None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_host_names_are_local() {
        for ok in [
            "127.0.0.1:7700",
            "localhost:7700",
            "LOCALHOST",
            "[::1]:7700",
            "127.1.2.3",
            "app.localhost:80",
        ] {
            assert!(is_local_host(ok), "{ok}");
        }
        for bad in [
            "evil.example:7700",
            "192.168.1.2:7700",
            "[2001:db8::1]:80",
            "",
            "localhost.evil.example",
        ] {
            assert!(!is_local_host(bad), "{bad}");
        }
    }
}
