//! `newsdex serve`: a read-only JSON API and a search page over one index.
//!
//! The HTTP layer is hyper (HTTP/1.1) on a single-threaded Tokio runtime ([`http`]): one
//! thread reads and writes every connection, so an idle keep-alive connection of a browser
//! costs no thread, and searches, which block on Tantivy, run on a fixed pool of blocking
//! workers that route them ([`api::handle`]) and build the answer. Workers share one
//! [`Archive`]; before a request, at most every [`RELOAD_EVERY`], one of them reloads it so
//! that commits of a concurrent `newsdex ingest` show up without a restart. The page (HTML,
//! JS, CSS) is embedded in the binary ([`assets`]).

pub mod api;
pub mod assets;
mod export;
mod http;
pub mod params;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::search::remote::RemoteArchive;
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
        source: std::io::Error,
    },
    #[error("cannot start the server's runtime")]
    Runtime(#[source] std::io::Error),
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
    listener: std::net::TcpListener,
    addr: SocketAddr,
    shared: Arc<Shared>,
    index: PathBuf,
}

/// What the server answers from.
pub enum Source {
    /// The local index.
    Local(Box<Archive>),
    /// An archive pushed to a Quickwit cluster (`serve --quickwit`): searches, quotations,
    /// people, timelines and articles; batches, exports and saved searches need the
    /// local index.
    Remote(RemoteArchive),
}

impl Source {
    /// The local index, or why `what` cannot be answered from Quickwit.
    pub fn local(&self, what: &str) -> Result<&Archive, ApiError> {
        match self {
            Source::Local(archive) => Ok(archive),
            Source::Remote(_) => Err(ApiError::BadRequest(format!(
                "{what} needs the local index; this server answers from Quickwit (run `newsdex serve --index DIR` for it)"
            ))),
        }
    }
}

struct Shared {
    source: Source,
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
        if let Source::Local(archive) = &self.source {
            if let Err(e) = archive.reload() {
                log(&format!("cannot see the latest commit: {e}"));
            }
        }
    }
}

impl Server {
    /// Opens the index and binds `addr` (port 0 picks a free port; see [`Server::addr`]).
    pub fn bind(index: &Path, addr: SocketAddr) -> Result<Server, ServeError> {
        Server::bind_source(Source::Local(Box::new(Archive::open(index)?)), index, addr)
    }

    /// Binds `addr` for answers from `source` (`index` is what the server reports).
    pub fn bind_source(
        source: Source,
        index: &Path,
        addr: SocketAddr,
    ) -> Result<Server, ServeError> {
        let bind_error = |source| ServeError::Bind { addr, source };
        let listener = std::net::TcpListener::bind(addr).map_err(bind_error)?;
        listener.set_nonblocking(true).map_err(bind_error)?;
        let addr = listener.local_addr().map_err(bind_error)?;
        Ok(Server {
            listener,
            addr,
            shared: Arc::new(Shared {
                source,
                last_reload: Mutex::new(Instant::now()),
            }),
            index: index.to_path_buf(),
        })
    }

    /// The address actually bound.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The index served.
    pub fn index(&self) -> &Path {
        &self.index
    }

    /// Answers requests until the process ends, with `workers` searches at a time (at
    /// least one).
    pub fn run(self, workers: usize) -> Result<(), ServeError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .max_blocking_threads(workers.max(1))
            .thread_name("serve")
            .build()
            .map_err(ServeError::Runtime)?;
        let loopback = self.addr.ip().is_loopback();
        runtime.block_on(http::accept(self.listener, self.shared, loopback))
    }
}

/// A sensible number of workers: two per core, between 4 and 16.
pub fn default_workers() -> usize {
    std::thread::available_parallelism()
        .map_or(4, |n| n.get() * 2)
        .clamp(4, 16)
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
fn headers(content_type: &'static str, cacheable: bool) -> [(&'static str, &'static str); 5] {
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
