//! The answer to one request: the `Host` and method checks, then the
//! server's own files, a file from the output folder, a folder's redirect
//! or the 404 page.

use super::resolve::{content_type, host_allowed, resolve, Resolved};
use super::body::{bytes, respond, text, Body, Channel};
use super::{events, inject::inject, State, PREFIX};
use http_body_util::{BodyExt, Empty};
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use std::io::Read;
use std::path::Path;
use std::sync::Arc;
use tokio::sync::mpsc;

const RELOAD_JS: &str = include_str!("../reload.js");
const SERVE_CSS: &str = include_str!("../serve.css");
/// Files are sent in pieces of this size, so a large one never sits in memory.
const CHUNK: usize = 64 * 1024;

/// Answer a request whose head hyper has read; `port` is the one listened on.
pub async fn answer(state: Arc<State>, req: Request<Incoming>, port: u16) -> Response<Body> {
    let head_only = req.method() == Method::HEAD;
    let mut hosts = req.headers().get_all(header::HOST).iter();
    match (hosts.next(), hosts.next()) {
        (_, Some(_)) => return text(StatusCode::BAD_REQUEST, "Bad request: more than one Host header.", head_only),
        (Some(h), None) if h.to_str().is_ok_and(host_allowed) => {}
        _ => {
            // A page on another name that resolves to 127.0.0.1 (DNS rebinding) reads nothing.
            let msg = format!(
                "This preview answers only at http://127.0.0.1:{port}/ or http://localhost:{port}/ (the Host header must be 127.0.0.1, localhost or [::1])."
            );
            return text(StatusCode::MISDIRECTED_REQUEST, &msg, head_only);
        }
    }
    if req.method() != Method::GET && !head_only {
        let mut r = text(StatusCode::METHOD_NOT_ALLOWED, "Only GET and HEAD are allowed.", false);
        r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    // An absolute address (`GET http://host/ HTTP/1.1`) is refused like any other that does not start with `/`.
    let target = match (req.uri().authority(), req.uri().path_and_query()) {
        (None, Some(pq)) => pq.as_str().to_string(),
        _ => String::new(),
    };
    if target.split(['?', '#']).next() == Some(format!("{PREFIX}events").as_str()) {
        return events::events(&state);
    }
    // The rest reads the disk: off the server's own thread.
    tokio::task::spawn_blocking(move || from_disk(&state, &target, head_only))
        .await
        .unwrap_or_else(|_| text(StatusCode::INTERNAL_SERVER_ERROR, "Internal error: see the terminal.", head_only))
}

fn from_disk(state: &State, target: &str, head_only: bool) -> Response<Body> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    if let Some(name) = path.strip_prefix(PREFIX) {
        return match name {
            "reload.js" => bytes(StatusCode::OK, "text/javascript; charset=utf-8", RELOAD_JS, head_only),
            "serve.css" => bytes(StatusCode::OK, "text/css; charset=utf-8", SERVE_CSS, head_only),
            _ => not_found(state, head_only),
        };
    }
    match resolve(&state.out, target) {
        Resolved::File(p) => file(state, &p, StatusCode::OK, head_only),
        Resolved::Redirect(to) => redirect(&to),
        Resolved::NotFound => not_found(state, head_only),
        Resolved::Bad(why) => text(StatusCode::BAD_REQUEST, &format!("Bad request: {why}."), head_only),
    }
}

fn redirect(to: &str) -> Response<Body> {
    // `to` is the request's own path plus `/`, already checked by `resolve`.
    // Never a protocol-relative address (`//host`), whatever `resolve` did.
    let plain = to.starts_with('/') && !to.starts_with("//") && !to.bytes().any(|b| b.is_ascii_control() || b == b'\\');
    let Some(location) = HeaderValue::from_str(to).ok().filter(|_| plain) else {
        return text(StatusCode::BAD_REQUEST, "Bad request: the address is not a plain path.", false);
    };
    let mut r = text(StatusCode::MOVED_PERMANENTLY, &format!("Moved to {to}"), false);
    r.headers_mut().insert(header::LOCATION, location);
    r
}

fn not_found(state: &State, head_only: bool) -> Response<Body> {
    let page = state.out.join("404.html");
    if page.is_file() {
        file(state, &page, StatusCode::NOT_FOUND, head_only)
    } else {
        text(StatusCode::NOT_FOUND, "Not found.", head_only)
    }
}

fn file(state: &State, path: &Path, status: StatusCode, head_only: bool) -> Response<Body> {
    let ctype = content_type(path);
    if ctype.starts_with("text/html") {
        let Ok(html) = std::fs::read(path) else { return text(StatusCode::NOT_FOUND, "Not found.", head_only) };
        return bytes(status, ctype, inject(&html, state.generation(), &state.banner_html()), head_only);
    }
    let opened = std::fs::File::open(path).and_then(|f| Ok((f.metadata()?.len(), f)));
    let Ok((len, f)) = opened else {
        return text(StatusCode::NOT_FOUND, "Not found.", head_only);
    };
    let body = if head_only { Empty::new().boxed() } else { stream(f, len) };
    respond(status, ctype, Some(len), body)
}

/// Feed a file to a body from a blocking thread, piece by piece.
fn stream(f: std::fs::File, len: u64) -> Body {
    let (tx, rx) = mpsc::channel(2);
    tokio::task::spawn_blocking(move || {
        let mut f = f.take(len);
        loop {
            let mut buf = vec![0u8; CHUNK];
            match f.read(&mut buf) {
                Ok(0) | Err(_) => return,
                Ok(n) => {
                    buf.truncate(n);
                    if tx.blocking_send(Bytes::from(buf)).is_err() {
                        return; // the client left
                    }
                }
            }
        }
    });
    Channel(rx).boxed()
}
