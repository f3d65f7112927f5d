//! The preview's file server on 127.0.0.1 only, built on hyper (HTTP/1.1)
//! and a tokio runtime of one thread.
//!
//! * Only `GET` and `HEAD`; one request per connection (`Connection: close`).
//! * Paths are checked segment by segment ([`resolve`]): `..`, encoded
//!   slashes and backslashes, NUL and other control characters get 400,
//!   hidden names 404, and the file found must lie inside the output
//!   folder once canonicalised, so a symbolic link out is never followed.
//! * Only requests whose `Host` is `127.0.0.1`, `localhost` or `[::1]`
//!   (any port) are answered; any other, or none, gets 421 (DNS rebinding).
//! * At most [`MAX_CONNECTIONS`] connections at once. A request head must
//!   arrive whole within [`HEAD_DEADLINE`] however slowly it drips (408
//!   after that), and when every slot is taken the connection that has
//!   waited longest for its head is dropped to make room ([`slots`]). A
//!   client that stops reading a response is dropped after
//!   [`WRITE_TIMEOUT`]. hyper does parse the request, but its own header
//!   time-out closes without an answer, so the deadline is kept here.
//! * A redirect's `Location` is always a path with one leading slash.
//! * HTML responses get the live-reload script and, while the site has
//!   errors, the error banner ([`inject`]); live reload is server-sent
//!   events ([`events`]), each stream ending as soon as the browser closes it.

mod body;
mod events;
mod inject;
mod reply;
mod resolve;
mod slots;

pub use inject::inject;
pub use resolve::{content_type, host_allowed, resolve, Resolved};

use crate::core::diagnostics::Diagnostic;
use crate::serve::banner::Banner;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::{oneshot, watch};

pub const MAX_CONNECTIONS: usize = 64;
/// Live-reload streams stay open; they get their own, smaller cap.
pub const MAX_STREAMS: usize = 32;
/// The whole request head must arrive within this time, however slowly it
/// drips, so slow clients cannot hold connections open.
pub const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// A write that has waited this long for the client to read ends the connection.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
const MAX_HEAD: usize = 16 * 1024;
const PREFIX: &str = "/__easyinfo/";

/// What the server shares with the rebuild loop.
pub struct State {
    /// The output folder, canonical.
    out: PathBuf,
    errors: Mutex<Vec<Diagnostic>>,
    banner: Mutex<Banner>,
    /// Counts rebuilds; every live-reload stream listens to it.
    generation: watch::Sender<u64>,
    streams: AtomicUsize,
    /// How long a request head may take to arrive, in milliseconds.
    head_deadline_ms: AtomicU64,
    slots: slots::Slots,
}

/// A poisoned lock only means another thread panicked; the data is still usable.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl State {
    pub fn new(out: &Path) -> Arc<State> {
        let out = out.canonicalize().unwrap_or_else(|_| out.to_path_buf());
        Arc::new(State {
            out,
            errors: Mutex::new(Vec::new()),
            banner: Mutex::new(Banner::builtin()),
            generation: watch::Sender::new(0),
            streams: AtomicUsize::new(0),
            head_deadline_ms: AtomicU64::new(HEAD_DEADLINE.as_millis() as u64),
            slots: slots::Slots::new(MAX_CONNECTIONS),
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

    pub fn set_errors(&self, errors: Vec<Diagnostic>) {
        *lock(&self.errors) = errors;
    }

    pub fn errors(&self) -> Vec<Diagnostic> {
        lock(&self.errors).clone()
    }

    /// Use this template for the error banner (the site's theme's, say).
    pub fn set_banner(&self, banner: Banner) {
        *lock(&self.banner) = banner;
    }

    /// The error banner's HTML; empty while there are no errors.
    fn banner_html(&self) -> String {
        let errors = lock(&self.errors);
        if errors.is_empty() {
            return String::new();
        }
        lock(&self.banner).render(&errors, &format!("{PREFIX}serve.css"))
    }

    /// Tell every open page to reload.
    pub fn reload(&self) {
        self.generation.send_modify(|g| *g += 1);
    }

    pub fn generation(&self) -> u64 {
        *self.generation.borrow()
    }
}

pub struct Server {
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Stop accepting, end every connection and live-reload stream, and wait.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.stop.take();
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
        self.shutdown();
    }
}

/// Listen on 127.0.0.1:`port` (0 picks a free port) and serve in the background.
pub fn start(state: Arc<State>, port: u16) -> io::Result<Server> {
    let listener = std::net::TcpListener::bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port))?;
    let addr = listener.local_addr()?;
    listener.set_nonblocking(true)?;
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let listener = {
        let _inside = rt.enter();
        tokio::net::TcpListener::from_std(listener)?
    };
    let (stop, stopped) = oneshot::channel();
    let thread = std::thread::Builder::new().name("easyinfo-serve".into()).spawn(move || {
        rt.block_on(accept_loop(listener, state, addr.port(), stopped));
        // Ends every connection; a file still being read stops at its next piece.
        rt.shutdown_timeout(Duration::from_secs(1));
    })?;
    Ok(Server { addr, stop: Some(stop), thread: Some(thread) })
}

async fn accept_loop(listener: tokio::net::TcpListener, state: Arc<State>, port: u16, mut stopped: oneshot::Receiver<()>) {
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = &mut stopped => return,
        };
        let Ok((tcp, _)) = accepted else {
            // Out of file handles, say: give connections time to close.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        match state.slots.take() {
            Some(slot) => {
                tokio::spawn(connection(state.clone(), tcp, slot, port));
            }
            None => {
                tokio::spawn(async move {
                    let mut tcp = tcp;
                    let reply = before_request(&mut tcp, "503 Service Unavailable", "Too many connections; try again.");
                    let _ = tokio::time::timeout(Duration::from_secs(1), reply).await;
                });
            }
        }
    }
}

/// Serve one connection while it holds `slot`.
async fn connection(state: Arc<State>, tcp: tokio::net::TcpStream, slot: slots::Slot, port: u16) {
    let _ = tcp.set_nodelay(true);
    let mut io = tokio_io_timeout::TimeoutStream::new(tcp);
    io.set_write_timeout(Some(WRITE_TIMEOUT));
    let slot = Arc::new(slot);
    let service = {
        let (state, slot) = (state.clone(), slot.clone());
        hyper::service::service_fn(move |req| {
            slot.head_arrived();
            let state = state.clone();
            async move { Ok::<_, std::convert::Infallible>(reply::answer(state, req, port).await) }
        })
    };
    let mut conn = http1::Builder::new()
        .keep_alive(false)
        .title_case_headers(true)
        .max_buf_size(MAX_HEAD)
        .serve_connection(TokioIo::new(Box::pin(io)), service);
    tokio::select! {
        _ = &mut conn => return,
        _ = slot.evicted() => return,
        _ = tokio::time::sleep(state.head_deadline()) => {}
    }
    if slot.has_head() {
        let _ = conn.await;
        return;
    }
    let mut io = conn.into_parts().io.into_inner();
    if before_request(&mut io, "408 Request Timeout", "The request took too long to arrive.").await.is_ok() {
        linger(&mut io).await;
    }
}

/// An answer to a connection whose request never came (hyper only answers
/// requests): refused for lack of room, or too slow to arrive.
async fn before_request(io: &mut (impl AsyncWrite + Unpin), status: &str, msg: &str) -> io::Result<()> {
    let body = format!("{msg}\n");
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    );
    io.write_all(format!("{head}{body}").as_bytes()).await?;
    io.flush().await
}

/// Close after answering a request that was still arriving: stop sending,
/// then read (and drop) what the client still sends for a moment, so the
/// close does not reset the connection before the client has read the answer.
async fn linger(io: &mut (impl AsyncRead + AsyncWrite + Unpin)) {
    let _ = io.shutdown().await;
    let drain = async {
        let mut buf = [0u8; 4096];
        let mut total = 0;
        while total < 64 * 1024 {
            match io.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => total += n,
            }
        }
    };
    let _ = tokio::time::timeout(Duration::from_millis(500), drain).await;
}
