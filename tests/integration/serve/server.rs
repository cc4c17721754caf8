//! A `newsdex serve` child process of the real binary on 127.0.0.1 port 0, stopped when the
//! handle drops; the index and the command runs come from the shared [`crate::harness`].

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use crate::harness::{ingest, repo, sample_index, scratch};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_newsdex");

/// A running `newsdex serve`.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    log: Arc<Mutex<String>>,
}

impl Server {
    pub fn start(index: &str) -> Server {
        Server::start_with(&["--index", index])
    }

    /// `newsdex serve ARGS --bind 127.0.0.1:0`.
    pub fn start_with(args: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .env_clear()
            .arg("serve")
            .args(args)
            .args(["--bind", "127.0.0.1:0"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("newsdex serve starts");
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        stderr.read_line(&mut line).unwrap();
        let Some(addr) = line
            .split("http://")
            .last()
            .and_then(|rest| rest.split('/').next())
            .and_then(|a| a.parse().ok())
        else {
            let _ = child.kill();
            panic!("newsdex serve did not say where it listens: {line:?}");
        };
        let log = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            let mut rest = String::new();
            let _ = stderr.read_to_string(&mut rest);
            sink.lock().unwrap().push_str(&rest);
        });
        Server { child, addr, log }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// GET `path` (already percent-encoded); (status, body).
    pub fn get(&self, path: &str) -> (u16, String) {
        let r = minreq::get(self.url(path))
            .with_timeout(30)
            .send()
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        (r.status_code, r.as_str().unwrap_or("").to_string())
    }

    /// POST `body` (plain text) to `path`; (status, body).
    pub fn post(&self, path: &str, body: &str) -> (u16, String) {
        let r = minreq::post(self.url(path))
            .with_header("Content-Type", "text/plain; charset=utf-8")
            .with_body(body)
            .with_timeout(30)
            .send()
            .unwrap_or_else(|e| panic!("POST {path}: {e}"));
        (r.status_code, r.as_str().unwrap_or("").to_string())
    }

    /// GET `path` and parse JSON, asserting the status.
    pub fn json(&self, path: &str, status: u16) -> serde_json::Value {
        let (code, body) = self.get(path);
        assert_eq!(code, status, "GET {path} → {code}: {body}");
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path}: not JSON ({e}): {body}"))
    }

    /// Sends exactly `request_line` (no client-side URL clean-up); (status, whole response).
    pub fn raw(&self, method: &str, target: &str) -> (u16, String) {
        self.send(method, target, "127.0.0.1")
    }

    /// GET `target` with this `Host` header; (status, whole response).
    pub fn raw_with_host(&self, target: &str, host: &str) -> (u16, String) {
        self.send("GET", target, host)
    }

    fn send(&self, method: &str, target: &str, host: &str) -> (u16, String) {
        let mut s = TcpStream::connect(self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let request =
            format!("{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        // One write: a server that answers a bad request line at once may close early.
        if let Err(e) = s.write_all(request.as_bytes()) {
            panic!("sending {method} {target}: {e}");
        }
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        let text = String::from_utf8_lossy(&out).into_owned();
        let status = text
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        (status, text)
    }

    /// What the server wrote on stderr after its first line (so far).
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Percent-encodes one path segment or query value (RFC 3986 unreserved kept).
pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
