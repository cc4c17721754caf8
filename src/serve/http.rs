//! The connections of `newsdex serve`: hyper's HTTP/1.1 on one Tokio thread, each request
//! handed to a blocking worker (searches block on Tantivy) and its [`api::Reply`] turned
//! into a response with the headers every answer carries.
//!
//! Idle keep-alive connections of a browser cost a socket, never a thread, so no number of
//! them can keep a new connection waiting (the page half loaded); a client has
//! [`HEADER_TIMEOUT`] to send a request's headers, and an accept that fails (out of file
//! descriptors) is logged and retried instead of ending the server. A panic while answering
//! is a 500 for that request only.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::Incoming;
use hyper::header::{CONTENT_LENGTH, HOST};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};

use super::export::{ChunkBody, Export};
use super::{api, headers, is_local_host, log, ApiError, ServeError, Shared};

/// A response body: a whole reply or a streamed export.
type Body = BoxBody<Bytes, Infallible>;

/// How long a client may take to send the headers of a request.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(30);

/// Accepts connections until the process ends.
pub(super) async fn accept(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    loopback: bool,
) -> Result<(), ServeError> {
    let listener = tokio::net::TcpListener::from_std(listener).map_err(ServeError::Runtime)?;
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                tokio::spawn(connection(stream, Arc::clone(&shared), loopback));
            }
            Err(e) => {
                log(&format!("cannot accept a connection (will retry): {e}"));
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

/// Serves one connection's requests, one after another, until the client closes it.
async fn connection(stream: tokio::net::TcpStream, shared: Arc<Shared>, loopback: bool) {
    let _ = stream.set_nodelay(true);
    let service = service_fn(move |request| answer(Arc::clone(&shared), loopback, request));
    // A client that goes away is not an error of the server.
    let _ = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

/// One request: checks the `Host`, then routes it on a blocking worker.
async fn answer(
    shared: Arc<Shared>,
    loopback: bool,
    request: Request<Incoming>,
) -> Result<Response<Body>, Infallible> {
    let method = request.method().as_str().to_string();
    let url = request
        .uri()
        .path_and_query()
        .map_or_else(|| request.uri().to_string(), |p| p.as_str().to_string());
    let host = request
        .headers()
        .get(HOST)
        .map(|h| String::from_utf8_lossy(h.as_bytes()).into_owned());
    if let Some(host) = host.filter(|h| loopback && !is_local_host(h)) {
        let host = host.chars().take(100).collect();
        return Ok(reply(api::Reply::error(&ApiError::Host(host))));
    }
    if let Some(query) = export_query(&method, &url) {
        return Ok(export(shared, query.to_string()).await);
    }
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse().ok());
    let body = match read_body(request.into_body(), &method, declared).await {
        Ok(body) => body,
        Err(e) => return Ok(reply(api::Reply::error(&e))),
    };
    let routed = blocking(move || {
        shared.refresh();
        let reply = api::handle(&shared.source, &method, &url, &body);
        if reply.status >= 500 {
            log(&format!(
                "{method} {url}: {}",
                String::from_utf8_lossy(&reply.body)
            ));
        }
        reply
    })
    .await;
    Ok(reply(routed.unwrap_or_else(|e| api::Reply::error(&e))))
}

/// `GET /api/export`: checked before anything is sent, then streamed.
async fn export(shared: Arc<Shared>, query: String) -> Response<Body> {
    let parsed = blocking(move || {
        shared.refresh();
        Export::parse(shared.source.local("export")?, &query).map(|export| (export, shared))
    })
    .await;
    match parsed.and_then(|r| r) {
        Ok((export, shared)) => download(export, shared),
        Err(e) => reply(api::Reply::error(&e)),
    }
}

/// Runs `work` on a blocking worker; a panic in it is an internal error of this request.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        log(&format!("a request failed: {e}"));
        ApiError::Internal("the server failed on this request; see its log".into())
    })
}

/// The query string of a `GET /api/export` (streamed, so answered apart from `api`).
fn export_query<'a>(method: &str, url: &'a str) -> Option<&'a str> {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    (path == "/api/export" && (method == "GET" || method == "HEAD")).then_some(query)
}

/// The body of a POST, at most [`api::MAX_BODY_BYTES`]; other methods have none.
async fn read_body(
    body: Incoming,
    method: &str,
    declared: Option<usize>,
) -> Result<Vec<u8>, ApiError> {
    if method != "POST" {
        return Ok(Vec::new());
    }
    let max = api::MAX_BODY_BYTES;
    if let Some(length) = declared.filter(|&n| n > max) {
        return Err(ApiError::BodyTooLarge(length));
    }
    match Limited::new(body, max).collect().await {
        Ok(collected) => Ok(collected.to_bytes().to_vec()),
        Err(e) if e.is::<LengthLimitError>() => Err(ApiError::BodyTooLarge(max + 1)),
        Err(e) => Err(ApiError::BadRequest(format!(
            "cannot read the request body: {e}"
        ))),
    }
}

/// A whole reply with the usual headers.
fn reply(reply: api::Reply) -> Response<Body> {
    let mut builder = Response::builder().status(reply.status);
    for (name, value) in headers(reply.content_type, reply.cacheable) {
        builder = builder.header(name, value);
    }
    builder
        .body(Full::new(Bytes::from(reply.body)).boxed())
        .unwrap_or_else(|_| Response::new(Full::new(Bytes::new()).boxed()))
}

/// A streamed export: chunked (its length is not known ahead), saved as a file.
fn download(export: Export, shared: Arc<Shared>) -> Response<Body> {
    let mut builder = Response::builder().status(200);
    for (name, value) in headers(export.content_type(), false) {
        builder = builder.header(name, value);
    }
    let disposition = format!("attachment; filename=\"{}\"", export.file_name());
    let body: ChunkBody = export.spawn(shared);
    builder
        .header("Content-Disposition", disposition)
        .body(body.boxed())
        .unwrap_or_else(|_| Response::new(Full::new(Bytes::new()).boxed()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_get_or_head_of_the_export_path_is_an_export() {
        for (method, url, expected) in [
            ("GET", "/api/export?q=budget", Some("q=budget")),
            ("HEAD", "/api/export", Some("")),
            ("POST", "/api/export?q=budget", None),
            ("GET", "/api/exports?q=budget", None),
            ("GET", "/api/search?q=/api/export", None),
        ] {
            assert_eq!(export_query(method, url), expected, "{method} {url}");
        }
    }
}
