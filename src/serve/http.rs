//! A small, strict HTTP/1.1 file server for the preview, on 127.0.0.1 only.
//!
//! * Only `GET` and `HEAD`; one request per connection (`Connection: close`).
//! * Paths are decoded once and checked segment by segment: `..`, encoded
//!   slashes and backslashes (`%2f`, `%5c`), NUL and other control
//!   characters are refused with 400. Hidden names (`.x`) are 404.
//! * The file found is canonicalised and must lie inside the output folder,
//!   so a symbolic link pointing out of it is never followed.
//! * Only requests whose `Host` is `127.0.0.1`, `localhost` or `[::1]`
//!   (any port) are answered; any other, or none, gets 421. A web page on
//!   another name that resolves to 127.0.0.1 (DNS rebinding) reads nothing.
//! * At most [`MAX_CONNECTIONS`] connections at once, each on its own
//!   thread with read and write time-outs; a client that goes away
//!   mid-response only ends its own thread. A request head must arrive
//!   whole within [`HEAD_DEADLINE`] however slowly it drips (408 after
//!   that), and when every slot is taken the connection that has waited
//!   longest for its head is dropped to make room, so slow clients cannot
//!   lock others out.
//! * A redirect's `Location` is always a path with one leading slash, so
//!   `//host` never sends the browser to another host.
//! * A live-reload stream ends, and frees its slot, as soon as the
//!   browser closes it.
//! * HTML responses get the live-reload script and, while the site has
//!   errors, an error banner. Files on disk are never changed.

use crate::diagnostics::Diagnostic;
use crate::util::escape_html;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::net::Shutdown;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub const MAX_CONNECTIONS: usize = 64;
/// Live-reload streams stay open; they get their own, smaller cap.
pub const MAX_STREAMS: usize = 32;
const MAX_HEAD: usize = 16 * 1024;
const PREFIX: &str = "/__easyinfo/";
const RELOAD_JS: &str = include_str!("reload.js");
const SERVE_CSS: &str = include_str!("serve.css");

/// What the server shares with the rebuild loop.
pub struct State {
    /// The output folder, canonical.
    out: PathBuf,
    errors: Mutex<Vec<Diagnostic>>,
    generation: Mutex<u64>,
    changed: Condvar,
    connections: AtomicUsize,
    streams: AtomicUsize,
    stop: AtomicBool,
    /// How long a request head may take to arrive, in milliseconds.
    head_deadline_ms: AtomicU64,
    /// Connections still waiting for their request head, oldest first.
    pending: Mutex<Vec<(u64, TcpStream)>>,
    next_id: AtomicU64,
}

impl State {
    pub fn new(out: &Path) -> Arc<State> {
        let out = out.canonicalize().unwrap_or_else(|_| out.to_path_buf());
        Arc::new(State {
            out,
            errors: Mutex::new(Vec::new()),
            generation: Mutex::new(0),
            changed: Condvar::new(),
            connections: AtomicUsize::new(0),
            streams: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            head_deadline_ms: AtomicU64::new(HEAD_DEADLINE.as_millis() as u64),
            pending: Mutex::new(Vec::new()),
            next_id: AtomicU64::new(0),
        })
    }

    /// Change how long a request head may take to arrive ([`HEAD_DEADLINE`]
    /// unless changed; tests use a short one).
    pub fn set_head_deadline(&self, d: Duration) {
        self.head_deadline_ms.store(d.as_millis().max(1) as u64, Ordering::SeqCst);
    }

    fn head_deadline(&self) -> Duration {
        Duration::from_millis(self.head_deadline_ms.load(Ordering::SeqCst))
    }

    /// Remember a connection that is waiting for its request head.
    fn add_pending(&self, stream: &TcpStream) -> Option<u64> {
        let clone = stream.try_clone().ok()?;
        let id = self.next_id.fetch_add(1, Ordering::SeqCst);
        lock(&self.pending).push((id, clone));
        Some(id)
    }

    fn remove_pending(&self, id: u64) {
        lock(&self.pending).retain(|(i, _)| *i != id);
    }

    /// Close the connection that has waited longest for its request head.
    /// False if every connection is busy with a real request.
    fn evict_oldest_pending(&self) -> bool {
        let mut p = lock(&self.pending);
        if p.is_empty() {
            return false;
        }
        let (_, s) = p.remove(0);
        drop(p);
        let _ = s.shutdown(Shutdown::Both);
        true
    }

    pub fn set_errors(&self, errors: Vec<Diagnostic>) {
        *lock(&self.errors) = errors;
    }

    pub fn errors(&self) -> Vec<Diagnostic> {
        lock(&self.errors).clone()
    }

    /// Tell every open page to reload.
    pub fn reload(&self) {
        *lock(&self.generation) += 1;
        self.changed.notify_all();
    }

    pub fn generation(&self) -> u64 {
        *lock(&self.generation)
    }

    /// Wait until the generation differs from `seen`, or the time is up.
    /// Also returns as soon as `closed` is set (with a notification).
    fn wait_change(&self, seen: u64, timeout: Duration, closed: &AtomicBool) -> u64 {
        let g = lock(&self.generation);
        let (g, _) = self
            .changed
            .wait_timeout_while(g, timeout, |g| *g == seen && !self.stop.load(Ordering::SeqCst) && !closed.load(Ordering::SeqCst))
            .unwrap_or_else(|e| e.into_inner());
        *g
    }
}

/// A poisoned lock only means another thread panicked; the data is still usable.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

pub struct Server {
    pub addr: SocketAddr,
    state: Arc<State>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Stop accepting, end the live-reload streams, and wait for the accept loop.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        self.state.changed.notify_all();
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }

    /// Block until the server stops.
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.thread.is_some() {
            self.shutdown();
        }
    }
}

/// Listen on 127.0.0.1:`port` (0 picks a free port) and serve in the background.
pub fn start(state: Arc<State>, port: u16) -> io::Result<Server> {
    let listener = TcpListener::bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port))?;
    let addr = listener.local_addr()?;
    let st = state.clone();
    let thread = std::thread::Builder::new().name("easyinfo-serve-accept".into()).spawn(move || accept_loop(listener, st))?;
    Ok(Server { addr, state, thread: Some(thread) })
}

fn accept_loop(listener: TcpListener, state: Arc<State>) {
    for conn in listener.incoming() {
        if state.stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(mut stream) = conn else { continue };
        // Every slot taken: make room by dropping the client that has been
        // slowest to send its request, if any; only then refuse.
        if state.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS && !state.evict_oldest_pending() {
            state.connections.fetch_sub(1, Ordering::SeqCst);
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = simple(&mut stream, 503, "Too many connections; try again.", false);
            continue;
        }
        // Listed as waiting for its head from now, in the order of arrival,
        // so the next client over the limit can make room.
        let id = state.add_pending(&stream);
        let st = state.clone();
        let spawned = std::thread::Builder::new().name("easyinfo-serve-conn".into()).spawn(move || {
            let _guard = Counter(&st.connections);
            let _pending = Pending(&st, id);
            // A bug in one response must not take the server down.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| handle(stream, &st, id)));
        });
        if spawned.is_err() {
            state.connections.fetch_sub(1, Ordering::SeqCst);
            if let Some(id) = id {
                state.remove_pending(id);
            }
        }
    }
}

struct Counter<'a>(&'a AtomicUsize);

impl Drop for Counter<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

struct RequestHead {
    method: String,
    target: String,
    /// The `Host` header; `None` if there was none.
    host: Option<String>,
}

/// Why no request head could be read.
enum HeadError {
    /// Not HTTP, cut off, or too long: 400.
    Bad(&'static str),
    /// The head did not arrive whole within the deadline: 408.
    TooSlow,
    /// The connection failed or was closed: nothing to answer.
    Gone,
}

/// The whole request head must arrive within this time, however slowly it
/// drips, so slow clients cannot hold connections open.
pub const HEAD_DEADLINE: Duration = Duration::from_secs(10);

/// Reads from the stream, each read waiting only for what is left of one
/// overall deadline: per-read time-outs alone let a client that sends a
/// byte every few seconds keep a connection for ever.
struct DeadlineRead<'a> {
    stream: &'a TcpStream,
    deadline: Instant,
}

impl Read for DeadlineRead<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::Error::from(io::ErrorKind::TimedOut));
        }
        self.stream.set_read_timeout(Some(left))?;
        match (&*self.stream).read(buf) {
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => Err(io::Error::from(io::ErrorKind::TimedOut)),
            r => r,
        }
    }
}

/// One line of the head, without its line ending; `None` at the end of input.
fn read_line(reader: &mut impl BufRead) -> Result<Option<String>, HeadError> {
    let mut buf = Vec::new();
    loop {
        match reader.read_until(b'\n', &mut buf) {
            Ok(_) => break,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) if e.kind() == io::ErrorKind::TimedOut => return Err(HeadError::TooSlow),
            Err(_) => return Err(HeadError::Gone),
        }
    }
    if buf.is_empty() {
        return Ok(None);
    }
    if buf.last() != Some(&b'\n') {
        // Cut off, or longer than MAX_HEAD.
        return Err(HeadError::Bad("the request is incomplete or too long"));
    }
    buf.pop();
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

fn read_head(stream: &TcpStream, deadline: Duration) -> Result<RequestHead, HeadError> {
    let input = DeadlineRead { stream, deadline: Instant::now() + deadline };
    let mut reader = BufReader::new(input.take(MAX_HEAD as u64));
    let Some(line) = read_line(&mut reader)? else { return Err(HeadError::Gone) };
    let mut parts = line.split_ascii_whitespace();
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(HeadError::Bad("this is not an HTTP request"));
    };
    if !version.starts_with("HTTP/1.") || parts.next().is_some() {
        return Err(HeadError::Bad("this is not an HTTP/1 request"));
    }
    let mut head = RequestHead { method: method.to_string(), target: target.to_string(), host: None };
    loop {
        let Some(h) = read_line(&mut reader)? else {
            return Err(HeadError::Bad("the request is incomplete"));
        };
        if h.is_empty() {
            return Ok(head);
        }
        let Some((name, value)) = h.split_once(':') else {
            return Err(HeadError::Bad("a header line has no `:`"));
        };
        if name.trim().eq_ignore_ascii_case("host") {
            if head.host.is_some() {
                return Err(HeadError::Bad("more than one Host header"));
            }
            head.host = Some(value.trim().to_string());
        }
    }
}

/// Whether a `Host` header names this machine's loopback address:
/// `127.0.0.1`, `localhost` or `[::1]`, with any port or none, in any case.
pub fn host_allowed(host: &str) -> bool {
    let host = host.trim().to_ascii_lowercase();
    let port_ok = |p: &str| p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit());
    let name = if let Some(rest) = host.strip_prefix('[') {
        let Some((name, after)) = rest.split_once(']') else { return false };
        if !after.is_empty() && !after.strip_prefix(':').is_some_and(port_ok) {
            return false;
        }
        return name == "::1";
    } else {
        match host.split_once(':') {
            Some((name, port)) if port_ok(port) => name.to_string(),
            Some(_) => return false,
            None => host,
        }
    };
    name == "127.0.0.1" || name == "localhost"
}

/// Close after an answer to a request that was still arriving: stop
/// sending, then read (and drop) what the client still sends for a moment,
/// so the close does not reset the connection before the client has read
/// the answer.
fn linger(stream: &mut TcpStream) {
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Write);
    let end = Instant::now() + Duration::from_millis(500);
    let mut buf = [0u8; 4096];
    let mut total = 0;
    while total < 64 * 1024 {
        let left = end.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => total += n,
        }
    }
}

/// Forgets a pending connection however its thread ends.
struct Pending<'a>(&'a State, Option<u64>);

impl Drop for Pending<'_> {
    fn drop(&mut self) {
        if let Some(id) = self.1.take() {
            self.0.remove_pending(id);
        }
    }
}

/// Answer one connection; `pending` is its entry in the list of those
/// waiting for their head, removed once the head has arrived.
fn handle(mut stream: TcpStream, state: &Arc<State>, pending: Option<u64>) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
    let _ = stream.set_nodelay(true);
    let head = read_head(&stream, state.head_deadline());
    if let Some(id) = pending {
        state.remove_pending(id);
    }
    let head = match head {
        Ok(h) => h,
        Err(HeadError::Bad(why)) => {
            let _ = simple(&mut stream, 400, &format!("Bad request: {why}."), false);
            return;
        }
        Err(HeadError::TooSlow) => {
            let _ = simple(&mut stream, 408, "The request took too long to arrive.", false);
            linger(&mut stream);
            return;
        }
        Err(HeadError::Gone) => return,
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    if !head.host.as_deref().is_some_and(host_allowed) {
        let port = stream.local_addr().map(|a| a.port()).unwrap_or(0);
        let msg = format!(
            "This preview answers only at http://127.0.0.1:{port}/ or http://localhost:{port}/ (the Host header must be 127.0.0.1, localhost or [::1])."
        );
        let _ = simple(&mut stream, 421, &msg, head.method == "HEAD");
        return;
    }
    let head_only = head.method == "HEAD";
    if head.method != "GET" && !head_only {
        let _ = simple(&mut stream, 405, "Only GET and HEAD are allowed.", false);
        return;
    }
    let path = head.target.split(['?', '#']).next().unwrap_or("");
    if let Some(name) = path.strip_prefix(PREFIX) {
        let _ = match name {
            "events" => events(stream, state),
            "reload.js" => send(&mut stream, 200, "text/javascript; charset=utf-8", RELOAD_JS.as_bytes(), head_only),
            "serve.css" => send(&mut stream, 200, "text/css; charset=utf-8", SERVE_CSS.as_bytes(), head_only),
            _ => not_found(&mut stream, state, head_only),
        };
        return;
    }
    let _ = match resolve(&state.out, &head.target) {
        Resolved::File(p) => file(&mut stream, state, &p, 200, head_only),
        Resolved::Redirect(to) => redirect(&mut stream, &to),
        Resolved::NotFound => not_found(&mut stream, state, head_only),
        Resolved::Bad(why) => simple(&mut stream, 400, &format!("Bad request: {why}."), head_only),
    };
}

/// Where a request target leads, inside the output folder `out` (canonical).
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    File(PathBuf),
    /// A folder asked for without its trailing slash: relative links need it.
    Redirect(String),
    NotFound,
    Bad(&'static str),
}

pub fn resolve(out: &Path, target: &str) -> Resolved {
    if !target.starts_with('/') {
        return Resolved::Bad("the address must start with /");
    }
    let path = target.split(['?', '#']).next().unwrap_or("");
    let lower = path.to_ascii_lowercase();
    if path.contains('\\') || lower.contains("%5c") {
        return Resolved::Bad("backslashes are not allowed");
    }
    if lower.contains("%2f") {
        return Resolved::Bad("encoded slashes are not allowed");
    }
    if lower.contains("%00") {
        return Resolved::Bad("NUL is not allowed");
    }
    let decoded = match percent_encoding::percent_decode_str(path).decode_utf8() {
        Ok(d) => d,
        Err(_) => return Resolved::Bad("the address is not UTF-8"),
    };
    if decoded.chars().any(|c| c.is_control() || c == '\\') {
        return Resolved::Bad("control characters are not allowed");
    }
    let mut rel = PathBuf::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return Resolved::Bad("`..` is not allowed"),
            s if s.starts_with('.') => return Resolved::NotFound,
            s if s.contains(':') => return Resolved::Bad("`:` is not allowed"),
            s => rel.push(s),
        }
    }
    let mut candidate = out.join(&rel);
    if candidate.is_dir() {
        if !path.ends_with('/') {
            // Rebuilt from the path's own segments, so it always starts with
            // exactly one slash: `//host/x` would send the browser to `host`.
            let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty() && *s != "." && !s.eq_ignore_ascii_case("%2e")).collect();
            return Resolved::Redirect(if segs.is_empty() { "/".to_string() } else { format!("/{}/", segs.join("/")) });
        }
        candidate.push("index.html");
    }
    let Ok(real) = candidate.canonicalize() else { return Resolved::NotFound };
    if !real.starts_with(out) || !real.is_file() {
        return Resolved::NotFound;
    }
    Resolved::File(real)
}

pub fn content_type(path: &Path) -> &'static str {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" | "md" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        421 => "Misdirected Request",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

fn write_head(stream: &mut TcpStream, status: u16, ctype: &str, len: Option<u64>, extra: &str) -> io::Result<()> {
    let mut h = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {ctype}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        reason(status)
    );
    if let Some(l) = len {
        h.push_str(&format!("Content-Length: {l}\r\n"));
    }
    h.push_str(extra);
    h.push_str("\r\n");
    stream.write_all(h.as_bytes())
}

fn send(stream: &mut TcpStream, status: u16, ctype: &str, body: &[u8], head_only: bool) -> io::Result<()> {
    write_head(stream, status, ctype, Some(body.len() as u64), if status == 405 { "Allow: GET, HEAD\r\n" } else { "" })?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

fn simple(stream: &mut TcpStream, status: u16, msg: &str, head_only: bool) -> io::Result<()> {
    send(stream, status, "text/plain; charset=utf-8", format!("{msg}\n").as_bytes(), head_only)
}

fn redirect(stream: &mut TcpStream, to: &str) -> io::Result<()> {
    // `to` is the request's own path plus `/`, already checked by `resolve`.
    // Never a protocol-relative address (`//host`), whatever `resolve` did.
    if !to.starts_with('/') || to.starts_with("//") || to.bytes().any(|b| b.is_ascii_control() || b == b'\\') {
        return simple(stream, 400, "Bad request: the address is not a plain path.", false);
    }
    let body = format!("Moved to {to}\n");
    write_head(stream, 301, "text/plain; charset=utf-8", Some(body.len() as u64), &format!("Location: {to}\r\n"))?;
    stream.write_all(body.as_bytes())?;
    stream.flush()
}

fn not_found(stream: &mut TcpStream, state: &State, head_only: bool) -> io::Result<()> {
    let page = state.out.join("404.html");
    if page.is_file() {
        file(stream, state, &page, 404, head_only)
    } else {
        simple(stream, 404, "Not found.", head_only)
    }
}

fn file(stream: &mut TcpStream, state: &State, path: &Path, status: u16, head_only: bool) -> io::Result<()> {
    let ctype = content_type(path);
    if ctype.starts_with("text/html") {
        let html = match std::fs::read(path) {
            Ok(b) => b,
            Err(_) => return simple(stream, 404, "Not found.", head_only),
        };
        let body = inject(&html, state.generation(), &state.errors());
        return send(stream, status, ctype, &body, head_only);
    }
    let mut f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(_) => return simple(stream, 404, "Not found.", head_only),
    };
    let len = f.metadata()?.len();
    write_head(stream, status, ctype, Some(len), "")?;
    if !head_only {
        // Streamed, so a large file never sits in memory; a client that
        // leaves part-way makes this fail, which ends only this thread.
        io::copy(&mut (&mut f).take(len), stream)?;
    }
    stream.flush()
}

/// Add the live-reload script before `</body>` and, while there are errors,
/// the error banner after `<body>`.
pub fn inject(html: &[u8], generation: u64, errors: &[Diagnostic]) -> Vec<u8> {
    let script = format!("<script src=\"{PREFIX}reload.js\" data-generation=\"{generation}\"></script>");
    let mut out = Vec::with_capacity(html.len() + script.len() + 256);
    let body_open = find_ci(html, b"<body").and_then(|i| html[i..].iter().position(|&b| b == b'>').map(|j| i + j + 1));
    let body_close = rfind_ci(html, b"</body");
    match (errors.is_empty(), body_open) {
        (false, Some(i)) => {
            out.extend_from_slice(&html[..i]);
            out.extend_from_slice(banner(errors).as_bytes());
            push_with_script(&mut out, &html[i..], body_close.map(|c| c - i), &script);
        }
        (false, None) => {
            out.extend_from_slice(banner(errors).as_bytes());
            push_with_script(&mut out, html, body_close, &script);
        }
        _ => push_with_script(&mut out, html, body_close, &script),
    }
    out
}

fn push_with_script(out: &mut Vec<u8>, html: &[u8], close: Option<usize>, script: &str) {
    match close {
        Some(c) => {
            out.extend_from_slice(&html[..c]);
            out.extend_from_slice(script.as_bytes());
            out.extend_from_slice(&html[c..]);
        }
        None => {
            out.extend_from_slice(html);
            out.extend_from_slice(script.as_bytes());
        }
    }
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

fn rfind_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w.eq_ignore_ascii_case(needle))
}

const BANNER_LIMIT: usize = 50;

/// The error banner: every message escaped, announced to screen readers.
pub fn banner(errors: &[Diagnostic]) -> String {
    let n = errors.len();
    let mut s = format!(
        "<link rel=\"stylesheet\" href=\"{PREFIX}serve.css\"><div class=\"easyinfo-serve-errors\" role=\"alert\" aria-labelledby=\"easyinfo-serve-errors-title\"><p id=\"easyinfo-serve-errors-title\"><strong>{}</strong> This preview shows the last version that built. Fix {}, save, and this page reloads by itself.</p><ul>",
        if n == 1 { "There is 1 problem to fix.".to_string() } else { format!("There are {n} problems to fix.") },
        if n == 1 { "it" } else { "them" }
    );
    for d in errors.iter().take(BANNER_LIMIT) {
        let pos = if d.line > 0 { format!("{}:{}:{}", d.file, d.line, d.column) } else { d.file.clone() };
        s.push_str(&format!("<li><code>{}</code> {}", escape_html(&pos), escape_html(&d.message)));
        if let Some(h) = &d.suggestion {
            s.push_str(&format!("<br><span class=\"easyinfo-serve-hint\">{}</span>", escape_html(h)));
        }
        s.push_str("</li>");
    }
    if n > BANNER_LIMIT {
        s.push_str(&format!("<li>… and {} more: see the terminal.</li>", n - BANNER_LIMIT));
    }
    s.push_str("</ul></div>");
    s
}

/// Server-sent events: one message per rebuild, carrying the generation.
///
/// A second thread waits on the socket: when the browser closes the stream
/// (a reload, a closed tab) its read returns at once and the stream ends,
/// freeing its slot, instead of lingering until a write fails.
fn events(mut stream: TcpStream, state: &Arc<State>) -> io::Result<()> {
    if state.streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        state.streams.fetch_sub(1, Ordering::SeqCst);
        return send(&mut stream, 503, "text/plain; charset=utf-8", b"Too many live-reload connections.\n", false);
    }
    let _guard = Counter(&state.streams);
    let closed = Arc::new(AtomicBool::new(false));
    let watcher = {
        let mut socket = stream.try_clone()?;
        socket.set_read_timeout(None)?;
        let (closed, st) = (closed.clone(), state.clone());
        std::thread::Builder::new().name("easyinfo-serve-events".into()).spawn(move || {
            let mut buf = [0u8; 512];
            loop {
                match socket.read(&mut buf) {
                    Ok(0) => break,
                    Ok(_) => {} // nothing a client sends here matters
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
            closed.store(true, Ordering::SeqCst);
            // Take the lock so the wake-up cannot fall between the
            // stream's check and its wait.
            drop(lock(&st.generation));
            st.changed.notify_all();
        })?
    };
    let result = stream_events(&mut stream, state, &closed);
    // Wake the watcher if it is still reading, and wait for it.
    let _ = stream.shutdown(Shutdown::Both);
    let _ = watcher.join();
    result
}

fn stream_events(stream: &mut TcpStream, state: &State, closed: &AtomicBool) -> io::Result<()> {
    write_head(stream, 200, "text/event-stream", None, "")?;
    let mut seen = state.generation();
    stream.write_all(format!("retry: 1000\n\ndata: {seen}\n\n").as_bytes())?;
    stream.flush()?;
    loop {
        let g = state.wait_change(seen, Duration::from_secs(15), closed);
        if state.stop.load(Ordering::SeqCst) || closed.load(Ordering::SeqCst) {
            return Ok(());
        }
        // A comment line every 15 s also finds clients that vanished without closing.
        let msg = if g != seen { format!("data: {g}\n\n") } else { ": ping\n\n".to_string() };
        seen = g;
        stream.write_all(msg.as_bytes())?;
        stream.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("out");
        std::fs::create_dir_all(out.join("easy/guides/a")).unwrap();
        std::fs::write(out.join("index.html"), "<html><body>home</body></html>").unwrap();
        std::fs::write(out.join("easy/guides/a/index.html"), "a").unwrap();
        std::fs::write(t.path().join("secret.txt"), "secret").unwrap();
        let out = out.canonicalize().unwrap();
        (t, out)
    }

    #[test]
    fn resolves_files_and_folders() {
        let (_t, out) = site();
        assert_eq!(resolve(&out, "/"), Resolved::File(out.join("index.html")));
        assert_eq!(resolve(&out, "/easy/guides/a/"), Resolved::File(out.join("easy/guides/a/index.html")));
        assert_eq!(resolve(&out, "/easy/guides/a"), Resolved::Redirect("/easy/guides/a/".into()));
        assert_eq!(resolve(&out, "/easy/guides/a/index.html?x=1"), Resolved::File(out.join("easy/guides/a/index.html")));
        assert_eq!(resolve(&out, "/nope.html"), Resolved::NotFound);
    }

    #[test]
    fn redirects_only_to_single_slash_paths() {
        let (_t, out) = site();
        assert_eq!(resolve(&out, "//easy"), Resolved::Redirect("/easy/".into()));
        assert_eq!(resolve(&out, "///easy//guides/a"), Resolved::Redirect("/easy/guides/a/".into()));
        assert_eq!(resolve(&out, "/./easy/%2e/guides/a?x"), Resolved::Redirect("/easy/guides/a/".into()));
        assert_eq!(resolve(&out, "//easy/guides//a/"), Resolved::File(out.join("easy/guides/a/index.html")));
        assert_eq!(resolve(&out, "//."), Resolved::Redirect("/".into()));
    }

    #[test]
    fn hosts() {
        for ok in ["127.0.0.1", "127.0.0.1:8000", "localhost", "LocalHost:1", "localhost:", "[::1]", "[::1]:65535", " localhost:80 "] {
            assert!(host_allowed(ok), "{ok}");
        }
        for bad in ["", "evil.example", "evil.example:8000", "127.0.0.2", "127.0.0.1.evil.example", "localhost.evil.example:80", "localhost:80:80", "localhost:http", "[::2]", "[::1", "[::1]x", "[::1]:123456", "0.0.0.0", "127.1", "localhost@evil.example"] {
            assert!(!host_allowed(bad), "{bad}");
        }
    }

    #[test]
    fn refuses_traversal() {
        let (_t, out) = site();
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/..%2fsecret.txt",
            "/easy/..%5c..%5csecret.txt",
            "/easy\\..\\..\\secret.txt",
            "/index.html%00.png",
            "/easy/%2e%2e/%2e%2e/secret.txt",
            "secret.txt",
            "/%ff",
        ] {
            assert!(matches!(resolve(&out, bad), Resolved::Bad(_)), "{bad}: {:?}", resolve(&out, bad));
        }
        assert_eq!(resolve(&out, "/.hidden"), Resolved::NotFound);
        // Double encoding is only ever a strange file name.
        assert_eq!(resolve(&out, "/%252e%252e/secret.txt"), Resolved::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn refuses_links_that_point_out() {
        let (t, out) = site();
        std::os::unix::fs::symlink(t.path().join("secret.txt"), out.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(t.path(), out.join("up")).unwrap();
        assert_eq!(resolve(&out, "/leak.txt"), Resolved::NotFound);
        assert_eq!(resolve(&out, "/up/secret.txt"), Resolved::NotFound);
    }

    #[test]
    fn injects_script_and_escaped_banner() {
        let d = Diagnostic::error(crate::diagnostics::Rule::ServeBuild, "content/guides/a.md", "bad <script>alert(1)</script>").at(3, 1);
        let html = String::from_utf8(inject(b"<html><body class=\"x\"><p>hi</p></BODY></html>", 7, &[d])).unwrap();
        assert!(html.contains("<script src=\"/__easyinfo/reload.js\" data-generation=\"7\"></script></BODY>"), "{html}");
        assert!(html.contains("<body class=\"x\"><link rel=\"stylesheet\""), "{html}");
        assert!(html.contains("role=\"alert\""));
        assert!(html.contains("bad &lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("<script>alert"));
        let clean = String::from_utf8(inject(b"<p>no body</p>", 1, &[])).unwrap();
        assert!(clean.ends_with("</script>"));
        assert!(!clean.contains("role=\"alert\""));
    }

    #[test]
    fn content_types() {
        for (f, t) in [("a.html", "text/html"), ("a.css", "text/css"), ("a.js", "text/javascript"), ("a.svg", "image/svg+xml"), ("a.png", "image/png"), ("a.JPG", "image/jpeg"), ("a.xml", "application/xml"), ("a.json", "application/json"), ("a.woff2", "font/woff2")] {
            assert!(content_type(Path::new(f)).starts_with(t), "{f}");
        }
    }
}
