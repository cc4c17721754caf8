//! A blocking client of Quickwit 0.9's REST API: every request has a timeout, and 429,
//! 5xx answers and lost connections are retried with exponential backoff.

use std::thread::sleep;
use std::time::Duration;

use serde_json::Value;

use crate::search::remote::{RemoteError, Transport};

/// How long a request may take in all (a search, a batch under the size limit).
const TIMEOUT: Duration = Duration::from_secs(60);
/// How long `commit=wait_for` may wait: Quickwit answers once the batch is searchable,
/// after the index's commit timeout.
pub const COMMIT_TIMEOUT: Duration = Duration::from_secs(300);
/// Tries of a request that failed in a way that may pass (429, 5xx, no connection).
const TRIES: u32 = 6;
/// The first pause between tries; doubled after each.
const FIRST_PAUSE: Duration = Duration::from_millis(500);
/// Largest answer read (a page of articles with their bodies, aggregations).
const MAX_ANSWER: u64 = 256 << 20;

/// A Quickwit cluster's REST API at one address.
pub struct Client {
    base: String,
    agent: ureq::Agent,
}

/// A request's body and its content type.
enum Body<'a> {
    None,
    Json(&'a Value),
    Bytes(&'a [u8], &'static str),
}

impl Client {
    /// A client of the cluster at `url` (`http://host:7280`); nothing is sent yet.
    pub fn new(url: &str) -> Client {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            .timeout_connect(Some(Duration::from_secs(10)))
            .http_status_as_error(false)
            .build();
        Client {
            base: url.trim_end_matches('/').to_string(),
            agent: config.into(),
        }
    }

    /// GETs `path`; none for a 404.
    pub fn get(&self, path: &str) -> Result<Option<Value>, RemoteError> {
        match self.send("GET", path, Body::None, TIMEOUT) {
            Err(RemoteError::Status { status: 404, .. }) => Ok(None),
            other => other.map(Some),
        }
    }

    /// POSTs a JSON body to `path`.
    pub fn post_json(&self, path: &str, body: &Value) -> Result<Value, RemoteError> {
        self.send("POST", path, Body::Json(body), TIMEOUT)
    }

    /// POSTs bytes of `content_type` to `path`, waiting at most `timeout`.
    pub fn post_bytes(
        &self,
        path: &str,
        bytes: &[u8],
        content_type: &'static str,
        timeout: Duration,
    ) -> Result<Value, RemoteError> {
        self.send("POST", path, Body::Bytes(bytes, content_type), timeout)
    }

    fn send(
        &self,
        method: &str,
        path: &str,
        body: Body<'_>,
        timeout: Duration,
    ) -> Result<Value, RemoteError> {
        let url = format!("{}{path}", self.base);
        let mut pause = FIRST_PAUSE;
        let mut tries = 0;
        loop {
            tries += 1;
            match self.once(method, &url, &body, timeout) {
                Err(e) if tries < TRIES && passing(&e) => {
                    sleep(pause);
                    pause *= 2;
                }
                other => return other,
            }
        }
    }

    fn once(
        &self,
        method: &str,
        url: &str,
        body: &Body<'_>,
        timeout: Duration,
    ) -> Result<Value, RemoteError> {
        let unreachable = |e: ureq::Error| RemoteError::Unreachable {
            url: url.to_string(),
            reason: e.to_string(),
        };
        let answer = match (method, body) {
            ("GET", _) => self
                .agent
                .get(url)
                .config()
                .timeout_global(Some(timeout))
                .build()
                .call(),
            (_, Body::Json(v)) => self
                .agent
                .post(url)
                .config()
                .timeout_global(Some(timeout))
                .build()
                .content_type("application/json")
                .send(serde_json::to_vec(v).unwrap_or_default()),
            (_, Body::Bytes(b, ty)) => self
                .agent
                .post(url)
                .config()
                .timeout_global(Some(timeout))
                .build()
                .content_type(*ty)
                .send(*b),
            (_, Body::None) => self
                .agent
                .post(url)
                .config()
                .timeout_global(Some(timeout))
                .build()
                .send_empty(),
        };
        let mut answer = answer.map_err(unreachable)?;
        let status = answer.status().as_u16();
        let text = answer
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER)
            .read_to_string()
            .map_err(unreachable)?;
        if !(200..300).contains(&status) {
            let message = serde_json::from_str::<Value>(&text)
                .ok()
                .and_then(|v| {
                    (v["message"].as_str())
                        .or(v["error"]["reason"].as_str())
                        .map(str::to_string)
                })
                .unwrap_or_else(|| text.chars().take(300).collect());
            return Err(RemoteError::Status {
                url: url.to_string(),
                status,
                message,
            });
        }
        if text.trim().is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_str(&text).map_err(|e| RemoteError::Answer {
            url: url.to_string(),
            reason: e.to_string(),
        })
    }
}

/// Whether a failure may pass if tried again.
fn passing(e: &RemoteError) -> bool {
    match e {
        RemoteError::Unreachable { .. } => true,
        RemoteError::Status { status, .. } => *status == 429 || *status >= 500,
        RemoteError::Answer { .. } => false,
    }
}

impl Transport for Client {
    fn search(&self, index: &str, body: &Value) -> Result<Value, RemoteError> {
        self.post_json(&format!("/api/v1/_elastic/{index}/_search"), body)
    }

    fn get(&self, path: &str) -> Result<Option<Value>, RemoteError> {
        Client::get(self, path)
    }
}
