//! Past one machine: the archive on a Quickwit 0.9 cluster. [`Client`] speaks Quickwit's
//! REST API (timeouts, retries); [`push()`] sends a local index's documents (made by
//! `index::quickwit`) without duplicating what the cluster already holds. Searching goes
//! through `search::remote`, which this client serves as its transport.

mod client;
mod push;

pub use client::Client;
pub use push::{push, PushOptions, PushProgress};
