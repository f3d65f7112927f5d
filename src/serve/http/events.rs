//! The live-reload stream (`/__easyinfo/events`): server-sent events, one
//! message per rebuild carrying the generation.
//!
//! The stream ends, and frees its slot, as soon as the browser closes it
//! (a reload, a closed tab): hyper notices the connection's end and drops
//! the body, which closes the channel the feeder writes to.

use super::body::{respond, text, Body, Channel};
use super::State;
use http_body_util::BodyExt;
use hyper::body::Bytes;
use hyper::{Response, StatusCode};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

/// A comment line this often also finds clients that vanished without closing.
const PING: Duration = Duration::from_secs(15);

/// Frees a stream's place in the count however its feeder ends.
struct Counted(Arc<State>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.streams.fetch_sub(1, Ordering::SeqCst);
    }
}

pub fn events(state: &Arc<State>) -> Response<Body> {
    if state.streams.fetch_add(1, Ordering::SeqCst) >= super::MAX_STREAMS {
        state.streams.fetch_sub(1, Ordering::SeqCst);
        return text(StatusCode::SERVICE_UNAVAILABLE, "Too many live-reload connections.", false);
    }
    let counted = Counted(state.clone());
    let (tx, rx) = mpsc::channel(4);
    tokio::spawn(feed(tx, state.generation.subscribe(), counted));
    respond(StatusCode::OK, "text/event-stream", None, Channel(rx).boxed())
}

async fn feed(tx: mpsc::Sender<Bytes>, mut generation: tokio::sync::watch::Receiver<u64>, _counted: Counted) {
    let mut seen = *generation.borrow_and_update();
    if tx.send(Bytes::from(format!("retry: 1000\n\ndata: {seen}\n\n"))).await.is_err() {
        return;
    }
    loop {
        let msg = tokio::select! {
            changed = generation.changed() => {
                if changed.is_err() {
                    return; // the server is stopping
                }
                seen = *generation.borrow_and_update();
                format!("data: {seen}\n\n")
            }
            _ = tokio::time::sleep(PING) => ": ping\n\n".to_string(),
            _ = tx.closed() => return,
        };
        if tx.send(Bytes::from(msg)).await.is_err() {
            return;
        }
    }
}
