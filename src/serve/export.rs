//! `GET /api/export`: every match of a search (or of a quotation search) as a CSV or JSON
//! Lines download, streamed, with no cap — the page's "Download CSV".
//!
//! The request is decoded and validated before anything is sent, so a wrong one is a 400
//! with the usual `{"error": ...}` body. Then a blocking thread runs the archive's export
//! into a bounded channel of 64 KB chunks while the connection sends them as they come
//! (chunked transfer encoding): memory stays a few chunks whatever the number of rows, and
//! a client that goes away stops the export at its next chunk.

use std::io::{self, Write};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Body, Frame};
use tokio::sync::mpsc::{channel, Receiver, Sender};

use super::params::export_request;
use super::{ApiError, Shared};
use crate::render::{ExportFormat, ExportWriter};
use crate::search::{Archive, ExportKind, ExportRequest};

/// Bytes per chunk sent to the client.
const CHUNK_BYTES: usize = 64 * 1024;
/// Chunks written ahead of the client.
const CHUNKS_AHEAD: usize = 4;

/// A validated export, ready to stream.
pub struct Export {
    request: ExportRequest,
    format: ExportFormat,
}

impl Export {
    /// Decodes and checks the query string of `/api/export` (its query compiles).
    pub fn parse(archive: &Archive, query: &str) -> Result<Export, ApiError> {
        let (request, format) = export_request(query)?;
        archive.check_export(&request)?;
        Ok(Export { request, format })
    }

    /// `Content-Type` of the download.
    pub fn content_type(&self) -> &'static str {
        match self.format {
            ExportFormat::Csv => "text/csv; charset=utf-8",
            ExportFormat::Jsonl => "application/x-ndjson; charset=utf-8",
        }
    }

    /// The file name a browser saves it as (`newsdex-articles.csv`).
    pub fn file_name(&self) -> String {
        let what = match self.request.what {
            ExportKind::Articles => "articles",
            ExportKind::Quotes => "quotes",
            ExportKind::Entities => "entities",
        };
        let ext = match self.format {
            ExportFormat::Csv => "csv",
            ExportFormat::Jsonl => "jsonl",
        };
        format!("newsdex-{what}.{ext}")
    }

    /// Starts the export on a blocking thread of the runtime; the body yields its chunks
    /// as they are written. An export that fails part way is logged and the body ends
    /// early; a body dropped (the client left) stops the export at its next chunk.
    pub fn spawn(self, shared: Arc<Shared>) -> ChunkBody {
        let (tx, rx) = channel(CHUNKS_AHEAD);
        tokio::task::spawn_blocking(move || {
            let mut out = ChunkWriter {
                tx,
                buf: Vec::with_capacity(CHUNK_BYTES),
            };
            let written = match shared.source.local("export") {
                Ok(archive) => self.write(archive, &mut out),
                Err(e) => Err(io::Error::other(e.to_string())),
            };
            if let Err(e) = written {
                if e.kind() != io::ErrorKind::BrokenPipe {
                    super::log(&format!("export stopped part way: {e}"));
                }
            }
        });
        ChunkBody { rx }
    }

    fn write(&self, archive: &Archive, out: &mut ChunkWriter) -> io::Result<()> {
        let r = &self.request;
        let mut writer = ExportWriter::new(out, self.format, r.what, r.body);
        archive.export(r, &mut writer).map_err(|e| match e {
            crate::search::ExportError::Write(e) => e,
            other => io::Error::other(crate::search::message(&other)),
        })?;
        writer.finish()?;
        out.flush()
    }
}

/// The sending half: buffers rows into chunks; a closed channel (the client left) is a
/// broken pipe.
struct ChunkWriter {
    tx: Sender<Bytes>,
    buf: Vec<u8>,
}

impl Write for ChunkWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK_BYTES {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK_BYTES));
        self.tx
            .blocking_send(Bytes::from(chunk))
            .map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))
    }
}

/// The receiving half: the response body, ending when the writer is done.
pub struct ChunkBody {
    rx: Receiver<Bytes>,
}

impl Body for ChunkBody {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        self.rx
            .poll_recv(cx)
            .map(|chunk| chunk.map(|data| Ok(Frame::data(data))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_arrive_whole_and_in_order() {
        let (tx, mut rx) = channel(CHUNKS_AHEAD);
        let sent: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let copy = sent.clone();
        let writer = std::thread::spawn(move || {
            let mut w = ChunkWriter {
                tx,
                buf: Vec::new(),
            };
            for piece in copy.chunks(1000) {
                w.write_all(piece).unwrap();
            }
            w.flush().unwrap();
        });
        let mut got = Vec::new();
        while let Some(chunk) = rx.blocking_recv() {
            assert!(chunk.len() >= CHUNK_BYTES || got.len() + chunk.len() == sent.len());
            got.extend_from_slice(&chunk);
        }
        writer.join().unwrap();
        assert_eq!(got, sent);
    }

    #[test]
    fn a_reader_that_leaves_stops_the_writer() {
        let (tx, rx) = channel(1);
        drop(rx);
        let mut w = ChunkWriter {
            tx,
            buf: Vec::new(),
        };
        let err = w.write_all(&vec![b'x'; CHUNK_BYTES]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
    }
}
