//! The bodies and plain answers every route sends.

use http_body_util::{BodyExt, Empty, Full};
use hyper::body::{Bytes, Frame};
use hyper::header::{self, HeaderValue};
use hyper::{Response, StatusCode};
use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::sync::mpsc;

pub type Body = http_body_util::combinators::BoxBody<Bytes, Infallible>;

/// A body fed piece by piece through a channel. When the client goes away
/// hyper drops it, and the feeder's next send fails, which ends the feeder.
pub struct Channel(pub mpsc::Receiver<Bytes>);

impl hyper::body::Body for Channel {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0.poll_recv(cx).map(|chunk| chunk.map(|b| Ok(Frame::data(b))))
    }
}

pub fn respond(status: StatusCode, ctype: &'static str, len: Option<u64>, body: Body) -> Response<Body> {
    let mut r = Response::new(body);
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if let Some(len) = len {
        h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    }
    r
}

/// A whole body; for `HEAD` only its length (hyper sends no body for `HEAD`).
pub fn bytes(status: StatusCode, ctype: &'static str, data: impl Into<Bytes>, head_only: bool) -> Response<Body> {
    let data: Bytes = data.into();
    let len = data.len() as u64;
    let body = if head_only { Empty::new().boxed() } else { Full::new(data).boxed() };
    respond(status, ctype, Some(len), body)
}

pub fn text(status: StatusCode, msg: &str, head_only: bool) -> Response<Body> {
    bytes(status, "text/plain; charset=utf-8", format!("{msg}\n"), head_only)
}

