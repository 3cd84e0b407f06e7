//! The preview's HTTP/1.1 server: GET and HEAD, and POST with a body of
//! known length for the editor, on a fixed pool of worker threads, with
//! timeouts on every connection.
//!
//! Written by hand around `httparse` (which parses the request head) because
//! the preview needs exactly this and no more: tiny_http gave every
//! connection its own thread and never timed one out, waited forever for a
//! request line that did not end in CRLF, and accepted every method; the
//! async servers (hyper and friends) would bring a runtime for one local
//! preview. What it does:
//!
//! - One thread accepts and hands connections to WORKERS threads through a
//!   bounded queue; when the queue is full the connection gets a 503 at once
//!   instead of waiting in the kernel's listen queue (whose overflow made
//!   clients resend their SYN after 1, 3, 7, 15 seconds: the "15 s stalls").
//! - The listen backlog is LISTEN_BACKLOG, not the standard library's 128.
//! - A connection that says nothing for IDLE_TIMEOUT is closed; a request head
//!   must be complete within HEAD_TIMEOUT and MAX_HEAD bytes (else 408/431).
//! - A head that does not parse gets 400 and the connection is closed.
//! - Methods other than GET, HEAD and POST get 405 with `Allow: GET, HEAD, POST`.
//! - A POST needs a Content-Length of at most MAX_BODY (411/413 otherwise,
//!   before any of the body is read) and must send it within BODY_TIMEOUT;
//!   what it may do is the handler's business (the editor checks its token).
//! - A keep-alive connection is closed after a response when other
//!   connections are waiting for a worker, so a few busy clients can not hold
//!   every worker.
//! - Event streams (live reload) run on their own threads, at most
//!   MAX_EVENT_STREAMS at a time, so open browser tabs never hold a worker.

use std::io::{Read, Write};

use crate::msg;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

/// Threads answering requests; the answers are file reads, so a few per core
/// are plenty, and more keep slow clients from blocking the rest.
const WORKERS: usize = 16;
/// Accepted connections waiting for a worker before new ones get a 503.
const QUEUE: usize = 1024;
/// The kernel's queue of connections not yet accepted (it caps this at
/// net.core.somaxconn).
const LISTEN_BACKLOG: i32 = 1024;
/// How long a connection may stay silent before it is closed.
pub(super) const IDLE_TIMEOUT: Duration = Duration::from_secs(5);
/// How long sending one request head may take, once it has started.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long writing an answer may take.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest request head read (request line and headers).
const MAX_HEAD: usize = 16 * 1024;
const MAX_HEADERS: usize = 64;
/// Open live-reload streams (one per browser tab).
const MAX_EVENT_STREAMS: usize = 64;
/// A comment on every event stream this often, so a closed tab is noticed.
const EVENT_PING: Duration = Duration::from_secs(15);

pub(super) enum Method {
    Get,
    Head,
    Post,
}

/// The largest body a POST may have: an image of 20 MB and a little more.
pub(super) const MAX_BODY: usize = 21 * 1024 * 1024;
/// A POST's body must arrive within this time.
const BODY_TIMEOUT: Duration = Duration::from_secs(60);

pub(super) struct Request {
    pub method: Method,
    /// The request target as sent: a path with an optional query.
    pub target: String,
    /// The headers as sent (names lower case), for the editor's checks.
    pub headers: Vec<(String, String)>,
    /// A POST's body (empty for GET and HEAD).
    pub body: Vec<u8>,
}

impl Request {
    /// The value of header `name` (lower case), if sent once or more.
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

pub(super) struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// What the site answers to a request.
pub(super) enum Answer {
    Reply(Response),
    /// A server-sent event stream: "reload" for every message received.
    Events(mpsc::Receiver<()>),
}

pub(super) type Handler = dyn Fn(&Request) -> Answer + Send + Sync;

/// Listens on `addr` (port 0: any free port) with the larger backlog.
pub(super) fn listen(addr: SocketAddr) -> std::io::Result<TcpListener> {
    use socket2::{Domain, Protocol, Socket, Type};
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
    #[cfg(unix)]
    socket.set_reuse_address(true)?; // a restart may reuse the port at once
    socket.bind(&addr.into())?;
    socket.listen(LISTEN_BACKLOG)?;
    Ok(socket.into())
}

/// Answers connections on `listener` with `handler`, forever.
pub(super) fn run(listener: TcpListener, handler: Arc<Handler>) {
    let (queue, connections) = mpsc::sync_channel::<TcpStream>(QUEUE);
    let connections = Arc::new(Mutex::new(connections));
    let waiting = Arc::new(AtomicUsize::new(0));
    let streams = Arc::new(AtomicUsize::new(0));
    for _ in 0..WORKERS {
        let connections = Arc::clone(&connections);
        let handler = Arc::clone(&handler);
        let waiting = Arc::clone(&waiting);
        let streams = Arc::clone(&streams);
        std::thread::spawn(move || loop {
            let next = connections.lock().unwrap_or_else(|e| e.into_inner()).recv();
            let Ok(stream) = next else { return };
            waiting.fetch_sub(1, Ordering::Relaxed);
            let connection = Connection {
                handler: &*handler,
                waiting: &waiting,
                streams: &streams,
            };
            // A bug that panics while answering must not shrink the pool:
            // that connection is closed, the worker goes on.
            let _ =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| connection.serve(stream)));
        });
    }
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(stream) => stream,
            Err(_) => {
                // Out of file handles, or the client gave up before accept:
                // wait a moment instead of spinning.
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        waiting.fetch_add(1, Ordering::Relaxed);
        if let Err(mpsc::TrySendError::Full(mut stream)) = queue.try_send(stream) {
            waiting.fetch_sub(1, Ordering::Relaxed);
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = stream.write_all(&busy().head_and_body(true, false));
            close(stream, false);
        }
    }
}

struct Connection<'a> {
    handler: &'a Handler,
    waiting: &'a AtomicUsize,
    streams: &'a Arc<AtomicUsize>,
}

/// Why no request head could be read.
enum ReadError {
    /// The client closed the connection, or said nothing for IDLE_TIMEOUT.
    Gone,
    /// The head did not arrive in time (408).
    TimedOut,
    /// The head was longer than MAX_HEAD (431).
    TooLarge,
    /// The head is not HTTP (400).
    Malformed,
}

/// A parsed head: the request, whether the connection may stay open, and
/// whether the client sent (or will send) a body this server does not read.
struct Head {
    request: Result<Request, Response>,
    keep_alive: bool,
    has_body: bool,
    len: usize,
    /// A POST's Content-Length (checked against MAX_BODY).
    body_len: usize,
}

impl Connection<'_> {
    fn serve(&self, mut stream: TcpStream) {
        let _ = stream.set_nodelay(true);
        let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
        let mut buf = Vec::with_capacity(4096);
        loop {
            let head = match read_head(&mut stream, &mut buf) {
                Ok(head) => head,
                Err(ReadError::Gone) => return close(stream, false),
                Err(e) => {
                    let (status, text) = match e {
                        ReadError::TimedOut => (408, msg!("voorbeeld.http-te-laat")),
                        ReadError::TooLarge => (431, msg!("voorbeeld.http-te-groot")),
                        _ => (400, msg!("voorbeeld.http-ongeldig")),
                    };
                    let _ = stream.write_all(&plain(status, &text).head_and_body(true, false));
                    return close(stream, true);
                }
            };
            buf.drain(..head.len);
            let mut head = head;
            if let Ok(request) = &mut head.request {
                if matches!(request.method, Method::Post) {
                    match read_body(&mut stream, &mut buf, head.body_len) {
                        Some(body) => {
                            request.body = body;
                            head.has_body = false;
                        }
                        None => {
                            let refusal = plain(408, &msg!("voorbeeld.http-te-laat"));
                            let _ = stream.write_all(&refusal.head_and_body(true, false));
                            return close(stream, true);
                        }
                    }
                }
            }
            let is_head = matches!(&head.request, Ok(r) if matches!(r.method, Method::Head));
            let response = match head.request {
                Err(refusal) => refusal,
                Ok(request) => match (self.handler)(&request) {
                    Answer::Reply(response) => response,
                    Answer::Events(reloads) => match self.events(stream, reloads, is_head) {
                        Some(refused) => {
                            stream = refused;
                            busy()
                        }
                        None => return,
                    },
                },
            };
            // Close when asked to, when a body is coming that is not read,
            // after a refusal, and when other connections wait for a worker
            // (unless this client already sent its next request).
            let others_wait = self.waiting.load(Ordering::Relaxed) > 0;
            let refused = matches!(response.status, 400 | 405 | 408 | 411 | 413 | 431 | 503);
            let hand_over = others_wait && buf.is_empty();
            let keep_alive = head.keep_alive && !head.has_body && !refused && !hand_over;
            if stream
                .write_all(&response.head_and_body(!keep_alive, is_head))
                .is_err()
            {
                return close(stream, false);
            }
            if !keep_alive {
                return close(stream, head.has_body || !buf.is_empty() || refused);
            }
        }
    }

    /// Hands the connection to a thread of its own that sends a "reload"
    /// event for every message; gives it back when too many are open.
    fn events(
        &self,
        mut stream: TcpStream,
        reloads: mpsc::Receiver<()>,
        is_head: bool,
    ) -> Option<TcpStream> {
        if self.streams.fetch_add(1, Ordering::Relaxed) >= MAX_EVENT_STREAMS {
            self.streams.fetch_sub(1, Ordering::Relaxed);
            return Some(stream);
        }
        let streams = Arc::clone(self.streams);
        std::thread::spawn(move || {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
            let mut send = |text: &str| {
                stream
                    .write_all(text.as_bytes())
                    .and_then(|_| stream.flush())
                    .is_ok()
            };
            if send(head) && !is_head && send(": helder\n\n") {
                loop {
                    let message = match reloads.recv_timeout(EVENT_PING) {
                        Ok(()) => "data: reload\n\n",
                        Err(mpsc::RecvTimeoutError::Timeout) => ": ping\n\n",
                        Err(mpsc::RecvTimeoutError::Disconnected) => break,
                    };
                    if !send(message) {
                        break;
                    }
                }
            }
            streams.fetch_sub(1, Ordering::Relaxed);
        });
        None
    }
}

/// Reads one request head into `buf` (which may already hold the start of
/// it) and parses it.
fn read_head(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Result<Head, ReadError> {
    let idle_until = Instant::now() + IDLE_TIMEOUT;
    let mut head_until = None;
    let mut chunk = [0u8; 4096];
    loop {
        if !buf.is_empty() {
            if let Some(head) = parse(buf)? {
                return Ok(head);
            }
            if buf.len() > MAX_HEAD {
                return Err(ReadError::TooLarge);
            }
        }
        let until = match (buf.is_empty(), head_until) {
            (true, _) => idle_until,
            (false, Some(until)) => until,
            (false, None) => *head_until.insert(Instant::now() + HEAD_TIMEOUT),
        };
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(if buf.is_empty() {
                ReadError::Gone
            } else {
                ReadError::TimedOut
            });
        }
        let _ = stream.set_read_timeout(Some(left));
        match stream.read(&mut chunk) {
            Ok(0) => return Err(ReadError::Gone),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {} // the deadline check above decides
            Err(_) => return Err(ReadError::Gone),
        }
    }
}

/// The head at the start of `buf`, None when it is not complete yet.
fn parse(buf: &[u8]) -> Result<Option<Head>, ReadError> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    let len = match parsed.parse(buf) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => return Err(ReadError::TooLarge),
        Err(_) => return Err(ReadError::Malformed),
    };
    let (Some(method), Some(target), Some(version)) = (parsed.method, parsed.path, parsed.version)
    else {
        return Err(ReadError::Malformed);
    };
    let header = |name: &str| {
        parsed
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
    };
    let connection = header("connection").unwrap_or_default();
    let keep_alive = if version == 0 {
        connection.split(',').any(|t| t.trim() == "keep-alive")
    } else {
        !connection.split(',').any(|t| t.trim() == "close")
    };
    let has_body =
        header("transfer-encoding").is_some() || header("content-length").is_some_and(|n| n != "0");
    let body_len = header("content-length").and_then(|n| n.parse::<usize>().ok());
    let headers = parsed
        .headers
        .iter()
        .map(|h| {
            (
                h.name.to_ascii_lowercase(),
                String::from_utf8_lossy(h.value).trim().to_string(),
            )
        })
        .collect();
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        "POST" => Method::Post,
        _ => {
            let mut refusal = plain(405, &msg!("voorbeeld.http-methode"));
            refusal
                .headers
                .push(("Allow".into(), "GET, HEAD, POST".into()));
            return Ok(Some(Head {
                request: Err(refusal),
                keep_alive,
                has_body,
                len,
                body_len: 0,
            }));
        }
    };
    let request = match (&method, body_len) {
        _ if !target.starts_with('/') => Err(plain(400, &msg!("voorbeeld.http-adres"))),
        (Method::Post, None) => Err(plain(411, &msg!("voorbeeld.http-lengte"))),
        (Method::Post, Some(n)) if n > MAX_BODY => {
            Err(plain(413, &msg!("voorbeeld.http-te-groot")))
        }
        _ => Ok(Request {
            method,
            target: target.to_string(),
            headers,
            body: Vec::new(),
        }),
    };
    Ok(Some(Head {
        request,
        keep_alive,
        has_body,
        len,
        body_len: body_len.unwrap_or(0),
    }))
}

/// The `len` bytes of a body, the start of which may be in `buf` already;
/// None when they do not come within BODY_TIMEOUT.
fn read_body(stream: &mut TcpStream, buf: &mut Vec<u8>, len: usize) -> Option<Vec<u8>> {
    let until = Instant::now() + BODY_TIMEOUT;
    let mut chunk = [0u8; 16 * 1024];
    while buf.len() < len {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return None;
        }
        let _ = stream.set_read_timeout(Some(left));
        match stream.read(&mut chunk) {
            Ok(0) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return None,
        }
    }
    Some(buf.drain(..len).collect())
}

/// Closes a connection after its last answer. With `unread` the client may
/// still be sending (a body, a bad head): read a little of it first, because
/// closing a socket with unread data resets the connection and the client
/// would lose the answer.
fn close(stream: TcpStream, unread: bool) {
    let _ = stream.shutdown(Shutdown::Write);
    if unread {
        let mut stream = stream;
        let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
        let mut sink = [0u8; 4096];
        let mut left: usize = 64 * 1024;
        while left > 0 {
            match stream.read(&mut sink) {
                Ok(0) | Err(_) => break,
                Ok(n) => left = left.saturating_sub(n),
            }
        }
    }
}

fn plain(status: u16, text: &str) -> Response {
    Response {
        status,
        headers: vec![("Content-Type".into(), "text/plain; charset=utf-8".into())],
        body: format!("{text}\n").into_bytes(),
    }
}

fn busy() -> Response {
    let mut response = plain(503, &msg!("voorbeeld.http-druk"));
    response.headers.push(("Retry-After".into(), "1".into()));
    response
}

impl Response {
    /// The bytes sent: status line, headers and (not for HEAD) the body.
    fn head_and_body(&self, close: bool, head_only: bool) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        out.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        out.push_str(if close {
            "Connection: close\r\n\r\n"
        } else {
            "Connection: keep-alive\r\n\r\n"
        });
        let mut bytes = out.into_bytes();
        if !head_only {
            bytes.extend_from_slice(&self.body);
        }
        bytes
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(raw: &str) -> Result<Option<Head>, ReadError> {
        parse(raw.as_bytes())
    }

    #[test]
    fn heads_are_parsed_and_judged() {
        let h = head("GET /a/?x=1 HTTP/1.1\r\nHost: x\r\n\r\n")
            .ok()
            .flatten()
            .unwrap();
        assert!(matches!(&h.request, Ok(r) if r.target == "/a/?x=1"));
        assert!(h.keep_alive && !h.has_body);
        let h = head("GET / HTTP/1.0\r\n\r\n").ok().flatten().unwrap();
        assert!(!h.keep_alive, "HTTP/1.0 closes unless asked");
        let h = head("GET / HTTP/1.1\r\nConnection: close\r\n\r\n")
            .ok()
            .flatten()
            .unwrap();
        assert!(!h.keep_alive);
        let h = head("PUT / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc")
            .ok()
            .flatten()
            .unwrap();
        assert!(matches!(&h.request, Err(r) if r.status == 405) && h.has_body);
        let h = head("POST /x HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc")
            .ok()
            .flatten()
            .unwrap();
        assert!(matches!(&h.request, Ok(r) if matches!(r.method, Method::Post)) && h.body_len == 3);
        let h = head("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
            .ok()
            .flatten()
            .unwrap();
        assert!(matches!(&h.request, Err(r) if r.status == 411));
        let h = head("POST /x HTTP/1.1\r\nContent-Length: 999999999\r\n\r\n")
            .ok()
            .flatten()
            .unwrap();
        assert!(matches!(&h.request, Err(r) if r.status == 413));
        assert!(
            matches!(head("GET / HTTP/1.1\r\nHost: x\r\n"), Ok(None)),
            "not complete yet"
        );
        assert!(matches!(head("GARBAGE\n\n"), Err(ReadError::Malformed)));
        assert!(matches!(
            head("\u{16}\u{3}\u{1}\u{2}\0"),
            Err(ReadError::Malformed)
        ));
    }
}
