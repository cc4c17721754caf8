//! Connections of `newsdex serve`: one serves request after request (keep-alive), and any
//! number of idle ones never keep a new client waiting. (The server before held a thread
//! on each open connection and could queue a browser's new one behind idle ones: the page
//! stayed half loaded until the browser let its idle sockets go.)

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::server::{sample_index, Server};

/// Reads one response (status line, headers, `Content-Length` body); its status.
fn read_response(conn: &mut BufReader<TcpStream>) -> u16 {
    let mut line = String::new();
    conn.read_line(&mut line).expect("a status line");
    let status = line.split_whitespace().nth(1).and_then(|c| c.parse().ok());
    let mut length = 0;
    loop {
        let mut header = String::new();
        conn.read_line(&mut header).expect("a header line");
        if header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().expect("a numeric Content-Length");
            }
        }
    }
    let mut body = vec![0; length];
    conn.read_exact(&mut body).expect("the whole body");
    status.unwrap_or_else(|| panic!("no status in {line:?}"))
}

/// A connection that has sent one request and read its answer, kept open.
fn kept_alive(server: &Server) -> (TcpStream, BufReader<TcpStream>) {
    let stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut writer = stream.try_clone().unwrap();
    let mut conn = BufReader::new(stream);
    writer.write_all(REQUEST.as_bytes()).unwrap();
    assert_eq!(read_response(&mut conn), 200);
    (writer, conn)
}

const REQUEST: &str = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

#[test]
fn one_connection_answers_request_after_request() {
    let server = Server::start(sample_index());
    let (mut writer, mut conn) = kept_alive(&server);
    for n in 2..=5 {
        writer.write_all(REQUEST.as_bytes()).unwrap();
        assert_eq!(
            read_response(&mut conn),
            200,
            "request {n} on one connection"
        );
    }
}

#[test]
fn idle_connections_never_keep_a_new_client_waiting() {
    let server = Server::start(sample_index());
    let idle: Vec<_> = (0..48).map(|_| kept_alive(&server)).collect();
    let started = Instant::now();
    let server = &server;
    std::thread::scope(|scope| {
        let pages: Vec<_> = [
            "/",
            "/style.css",
            "/app.js",
            "/batch.js",
            "/saved.js",
            "/export.js",
        ]
        .into_iter()
        .map(|path| scope.spawn(move || (path, server.get(path).0)))
        .collect();
        for page in pages {
            let (path, status) = page.join().unwrap();
            assert_eq!(
                status,
                200,
                "{path} with {} idle connections open",
                idle.len()
            );
        }
    });
    let waited = started.elapsed();
    assert!(waited < Duration::from_secs(10), "the page took {waited:?}");
    // The idle connections are still served.
    for (mut writer, mut conn) in idle {
        writer.write_all(REQUEST.as_bytes()).unwrap();
        assert_eq!(read_response(&mut conn), 200);
    }
}
