//! The HTTP/1.1 server under the endpoint: connections in, [`Endpoint::handle`] on each
//! request, responses out.
//!
//! It trusts no client. Connections past the limit are answered 503 at once and closed, never
//! left waiting in the accept queue. A request's head and body must arrive within one deadline
//! whatever the pace (a client that sends a byte every few seconds is cut off at it), and a
//! connection that sends nothing between requests is closed after a short wait. Requests on a
//! connection are read from one buffer, so pipelined requests are answered in order. `HEAD` is
//! answered with the headers `GET` would send and no body; `CONNECT` and methods the endpoint
//! does not know are refused; a body comes with a `Content-Length` or in chunks, within the
//! request limit either way, and a client that asks (`Expect: 100-continue`) is told to send it.

use super::Endpoint;
use oxhttp::model::header::{HeaderName, CONNECTION, CONTENT_LENGTH, TRANSFER_ENCODING};
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode, Version};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a client has to send a request's head and body, from its first byte.
pub const REQUEST_DEADLINE: Duration = Duration::from_secs(20);
/// How long a kept-alive connection may stay silent before its next request.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(5);
/// The longest request head (request line and headers): a GET query is in its line.
const MAX_HEAD: usize = 256 * 1024;
/// The longest line that gives a chunk's size (with any extension).
const MAX_CHUNK_LINE: usize = 1024;
/// The most headers a request may have.
const MAX_HEADERS: usize = 64;
/// How long, and how many bytes, a refused request's rest is read and dropped before closing.
const LINGER: Duration = Duration::from_secs(2);
const LINGER_BYTES: usize = 4 * 1024 * 1024;

/// What the server allows its clients.
#[derive(Debug, Clone, Copy)]
pub struct ServerLimits {
    pub max_connections: usize,
    /// The largest request body, in bytes.
    pub max_body: usize,
    pub request_deadline: Duration,
    pub idle_timeout: Duration,
}

/// Serves `endpoint` on `address` until the process ends; returns once the address accepts
/// connections, with the accepting thread to join.
pub fn serve(
    endpoint: Endpoint,
    address: SocketAddr,
    limits: ServerLimits,
) -> io::Result<JoinHandle<()>> {
    let listener = TcpListener::bind(address)?;
    let endpoint = Arc::new(endpoint);
    let open = Arc::new(AtomicUsize::new(0));
    std::thread::Builder::new()
        .name("accept".to_owned())
        .spawn(move || {
            for stream in listener.incoming() {
                // A failed accept (the peer left, or file descriptors ran out) is one client's.
                let Ok(stream) = stream else { continue };
                accept(stream, &endpoint, &open, limits);
            }
        })
}

/// Answers a connection on a thread of its own, or 503 at once when the limit is reached.
fn accept(
    stream: TcpStream,
    endpoint: &Arc<Endpoint>,
    open: &Arc<AtomicUsize>,
    limits: ServerLimits,
) {
    if open.fetch_add(1, Ordering::SeqCst) >= limits.max_connections {
        open.fetch_sub(1, Ordering::SeqCst);
        refuse_busy(stream);
        return;
    }
    let endpoint = Arc::clone(endpoint);
    let connection_open = Arc::clone(open);
    let spawned = std::thread::Builder::new()
        .name("connection".to_owned())
        .spawn(move || {
            // A connection that fails (the client left) ends; the others go on.
            let _ = Connection::new(stream, limits).and_then(|c| c.serve(&endpoint));
            connection_open.fetch_sub(1, Ordering::SeqCst);
        });
    if spawned.is_err() {
        open.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The answer to a connection past the limit, written without waiting for its request.
fn refuse_busy(mut stream: TcpStream) {
    let message = "the endpoint is answering as many clients as it may; try again in a moment\n";
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let _ = write!(
        stream,
        "HTTP/1.1 503 Service Unavailable\r\nretry-after: 1\r\nconnection: close\r\n\
         content-type: text/plain; charset=utf-8\r\ncontent-length: {}\r\n\r\n{message}",
        message.len()
    );
    let _ = stream.shutdown(std::net::Shutdown::Both);
}

/// One client's connection: its requests, read from one buffer, answered in order.
struct Connection {
    reader: BufReader<DeadlineStream>,
    writer: TcpStream,
    limits: ServerLimits,
}

/// Why reading a request stopped.
enum Stop {
    /// The client closed the connection, or stayed silent between requests: nothing to answer.
    Quietly,
    /// Answer this, then close.
    Refuse(StatusCode, String),
}

impl From<io::Error> for Stop {
    fn from(error: io::Error) -> Self {
        match error.kind() {
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => Stop::Refuse(
                StatusCode::REQUEST_TIMEOUT,
                "the request did not arrive in time".to_owned(),
            ),
            _ => Stop::Quietly,
        }
    }
}

impl Connection {
    fn new(stream: TcpStream, limits: ServerLimits) -> io::Result<Self> {
        let writer = stream.try_clone()?;
        // A client that does not read its answer does not hold the thread for ever either.
        writer.set_write_timeout(Some(limits.request_deadline))?;
        Ok(Self {
            reader: BufReader::new(DeadlineStream {
                stream,
                deadline: None,
            }),
            writer,
            limits,
        })
    }

    fn serve(mut self, endpoint: &Endpoint) -> io::Result<()> {
        loop {
            let mut request = match self.read_request() {
                Ok(request) => request,
                Err(Stop::Quietly) => return Ok(()),
                Err(Stop::Refuse(status, message)) => {
                    let mut response = text_response(status, message);
                    self.write(&mut response, false, false)?;
                    // Only a body refused for its size is left unread; a slow client is not
                    // waited for again.
                    if status == StatusCode::PAYLOAD_TOO_LARGE {
                        self.close_lingering();
                    }
                    return Ok(());
                }
            };
            let head_only = request.method() == Method::HEAD;
            if head_only {
                *request.method_mut() = Method::GET;
            }
            let keep_alive = wants_keep_alive(&request);
            let mut response = endpoint.handle(&mut request);
            self.write(&mut response, head_only, keep_alive)?;
            if !keep_alive {
                return Ok(());
            }
        }
    }

    /// Closes after a refusal of a body too large, which was not read: the
    /// answer is sent and the sending side closed, then what the client still sends is read
    /// and dropped, for a short while and up to a bound. Closing with unread bytes would make
    /// the system reset the connection, and a client still sending its body would lose the
    /// answer to the reset.
    fn close_lingering(&mut self) {
        let _ = self.writer.shutdown(std::net::Shutdown::Write);
        self.reader.get_mut().deadline = Some(Instant::now() + LINGER);
        let mut drained = 0;
        let mut buffer = [0; 16 * 1024];
        while drained < LINGER_BYTES {
            match self.reader.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(read) => drained += read,
            }
        }
    }

    /// The next request, head and body, within the deadline from its first byte.
    fn read_request(&mut self) -> Result<Request<Body>, Stop> {
        self.reader.get_mut().deadline = Some(Instant::now() + self.limits.idle_timeout);
        if self
            .reader
            .fill_buf()
            .map_err(|_| Stop::Quietly)?
            .is_empty()
        {
            return Err(Stop::Quietly);
        }
        self.reader.get_mut().deadline = Some(Instant::now() + self.limits.request_deadline);
        let head = self.read_head()?;
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut parsed = httparse::Request::new(&mut headers);
        match parsed.parse(&head) {
            Ok(httparse::Status::Complete(_)) => {}
            Ok(httparse::Status::Partial) | Err(_) => {
                return Err(bad_request("the request head is not HTTP/1.1"))
            }
        }
        let method = parsed.method.unwrap_or_default();
        if method == "CONNECT" {
            return Err(Stop::Refuse(
                StatusCode::METHOD_NOT_ALLOWED,
                "CONNECT is not served: this is a SPARQL endpoint, not a proxy".to_owned(),
            ));
        }
        let mut builder = Request::builder()
            .method(Method::from_bytes(method.as_bytes()).map_err(|_| bad_request("a bad method"))?)
            .uri(parsed.path.unwrap_or("/"))
            .version(if parsed.version == Some(0) {
                Version::HTTP_10
            } else {
                Version::HTTP_11
            });
        let mut length = None;
        let mut chunked = false;
        let mut hosts = 0;
        let mut expect = None;
        for header in parsed.headers.iter() {
            let name = HeaderName::from_bytes(header.name.as_bytes())
                .map_err(|_| bad_request("a bad header name"))?;
            if name == TRANSFER_ENCODING {
                // The body is handed on decoded, so the coding is not handed on.
                chunked = is_only_chunked(header.value)?;
                continue;
            }
            if name == CONTENT_LENGTH {
                let value = std::str::from_utf8(header.value)
                    .ok()
                    .and_then(|text| text.trim().parse::<usize>().ok())
                    .ok_or_else(|| bad_request("a bad Content-Length"))?;
                if length.is_some_and(|first| first != value) {
                    return Err(bad_request("two different Content-Lengths"));
                }
                length = Some(value);
            }
            if name == oxhttp::model::header::HOST {
                hosts += 1;
            }
            if name == oxhttp::model::header::EXPECT {
                expect = Some(header.value.to_vec());
            }
            let value = HeaderValue::from_bytes(header.value)
                .map_err(|_| bad_request("a bad header value"))?;
            builder = builder.header(name, value);
        }
        if hosts > 1 {
            return Err(bad_request("more than one Host header"));
        }
        // Both would let a proxy and this server see different requests in the same bytes.
        if chunked && length.is_some() {
            return Err(bad_request(
                "both Transfer-Encoding and Content-Length: send one",
            ));
        }
        let length = length.unwrap_or(0);
        if length > self.limits.max_body {
            return Err(self.too_large(length));
        }
        if let Some(expect) = expect {
            if !expect.eq_ignore_ascii_case(b"100-continue") {
                return Err(Stop::Refuse(
                    StatusCode::EXPECTATION_FAILED,
                    "only `Expect: 100-continue` is understood".to_owned(),
                ));
            }
            // The client waits to be told to send its body.
            self.writer.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
        }
        let body = if chunked {
            self.read_chunks()?
        } else {
            let mut body = vec![0; length];
            self.reader.read_exact(&mut body)?;
            body
        };
        builder
            .body(Body::from(body))
            .map_err(|_| bad_request("a bad request line"))
    }

    /// A chunked body, decoded: chunks until the empty one, then the trailer, which is read
    /// and dropped. Refused past the body limit as soon as a chunk's size says so.
    fn read_chunks(&mut self) -> Result<Vec<u8>, Stop> {
        let mut body = Vec::new();
        // Size lines count too: a body of one-byte chunks with long extensions is no cheaper.
        let mut framing = 0usize;
        loop {
            let line = self.read_line(MAX_CHUNK_LINE)?;
            framing += line.len() + 2;
            if framing > self.limits.max_body.max(MAX_CHUNK_LINE) {
                return Err(bad_request(
                    "a chunked body with more framing than its limit",
                ));
            }
            let size = chunk_size(&line).ok_or_else(|| bad_request("a bad chunk size"))?;
            if size == 0 {
                break;
            }
            let total = body.len().saturating_add(size);
            if total > self.limits.max_body {
                return Err(self.too_large(total));
            }
            let start = body.len();
            body.resize(total, 0);
            self.reader.read_exact(&mut body[start..])?;
            self.chunk_end()?;
        }
        let mut trailer = 0;
        loop {
            let line = self.read_line(MAX_HEAD)?;
            trailer += line.len() + 2;
            if line.is_empty() {
                return Ok(body);
            }
            if trailer > MAX_HEAD {
                return Err(bad_request("a chunked body's trailer is too long"));
            }
        }
    }

    /// The line end after a chunk's bytes: anything else means the chunk is longer than its
    /// size said.
    fn chunk_end(&mut self) -> Result<(), Stop> {
        let mut byte = [0];
        self.reader.read_exact(&mut byte)?;
        if byte[0] == b'\r' {
            self.reader.read_exact(&mut byte)?;
        }
        if byte[0] == b'\n' {
            Ok(())
        } else {
            Err(bad_request("a chunk longer than its size"))
        }
    }

    /// One line of at most `limit` bytes, without its line end (`\r\n` or `\n`).
    fn read_line(&mut self, limit: usize) -> Result<Vec<u8>, Stop> {
        let mut line = Vec::new();
        (&mut self.reader)
            .take(limit as u64 + 2)
            .read_until(b'\n', &mut line)?;
        if line.pop() != Some(b'\n') {
            return Err(bad_request(
                "a chunked body that breaks off or has a line too long",
            ));
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        Ok(line)
    }

    fn too_large(&self, length: usize) -> Stop {
        Stop::Refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the request body has {length} bytes; this endpoint takes at most {}",
                self.limits.max_body
            ),
        )
    }

    /// The bytes up to and with the blank line that ends a request's head.
    fn read_head(&mut self) -> Result<Vec<u8>, Stop> {
        let mut head = Vec::new();
        loop {
            let read = (&mut self.reader)
                .take((MAX_HEAD + 1 - head.len()) as u64)
                .read_until(b'\n', &mut head)?;
            if read == 0 {
                return Err(Stop::Quietly);
            }
            if head.len() > MAX_HEAD {
                return Err(Stop::Refuse(
                    StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                    format!(
                        "the request head is over {MAX_HEAD} bytes; send a long query with POST"
                    ),
                ));
            }
            if head.ends_with(b"\r\n\r\n") || head.ends_with(b"\n\n") {
                return Ok(head);
            }
        }
    }

    /// Writes a response: its head, and its body unless the request was `HEAD`, whose head
    /// has the length the body would have.
    fn write(
        &mut self,
        response: &mut Response<Body>,
        head_only: bool,
        keep_alive: bool,
    ) -> io::Result<()> {
        let mut out = io::BufWriter::new(&self.writer);
        write!(out, "HTTP/1.1 {}\r\n", response.status())?;
        for (name, value) in response.headers() {
            if name != CONTENT_LENGTH && name != TRANSFER_ENCODING && name != CONNECTION {
                write!(out, "{name}: ")?;
                out.write_all(value.as_bytes())?;
                out.write_all(b"\r\n")?;
            }
        }
        if !keep_alive {
            out.write_all(b"connection: close\r\n")?;
        }
        match response.body().len() {
            Some(length) => {
                write!(out, "content-length: {length}\r\n\r\n")?;
                if !head_only {
                    io::copy(response.body_mut(), &mut out)?;
                }
            }
            None => {
                out.write_all(b"transfer-encoding: chunked\r\n\r\n")?;
                if !head_only {
                    write_chunked(response.body_mut(), &mut out)?;
                }
            }
        }
        out.flush()
    }
}

fn write_chunked(body: &mut Body, out: &mut impl Write) -> io::Result<()> {
    let mut buffer = vec![0; 64 * 1024];
    loop {
        let read = body.read(&mut buffer)?;
        if read == 0 {
            return out.write_all(b"0\r\n\r\n");
        }
        write!(out, "{read:x}\r\n")?;
        out.write_all(&buffer[..read])?;
        out.write_all(b"\r\n")?;
    }
}

fn wants_keep_alive(request: &Request<Body>) -> bool {
    let close = request
        .headers()
        .get(CONNECTION)
        .is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"close"));
    !close && request.version() >= Version::HTTP_11
}

/// Whether a `Transfer-Encoding` is `chunked` alone, the only coding a request may use here;
/// any other is refused with 501, as HTTP/1.1 asks of a coding the server does not know.
fn is_only_chunked(value: &[u8]) -> Result<bool, Stop> {
    if value.trim_ascii().eq_ignore_ascii_case(b"chunked") {
        Ok(true)
    } else {
        Err(Stop::Refuse(
            StatusCode::NOT_IMPLEMENTED,
            "a request body may be sent with Content-Length or `Transfer-Encoding: chunked`, not another coding".to_owned(),
        ))
    }
}

/// A chunk's size, from the hexadecimal digits that open its line (an extension after `;`
/// is ignored). At most 15 digits, so the size fits whatever the platform.
fn chunk_size(line: &[u8]) -> Option<usize> {
    let digits = line.split(|&b| b == b';').next()?.trim_ascii();
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    usize::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
}

fn bad_request(message: &str) -> Stop {
    Stop::Refuse(StatusCode::BAD_REQUEST, message.to_owned())
}

fn text_response(status: StatusCode, message: String) -> Response<Body> {
    let mut response = Response::new(Body::from(format!("{message}\n")));
    *response.status_mut() = status;
    response.headers_mut().insert(
        oxhttp::model::header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// A socket read under a deadline: each read may wait only for what is left of it, so a client
/// that sends a byte at a time cannot stretch a request past it.
struct DeadlineStream {
    stream: TcpStream,
    deadline: Option<Instant>,
}

impl Read for DeadlineStream {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        if let Some(deadline) = self.deadline {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(io::ErrorKind::TimedOut.into());
            }
            self.stream.set_read_timeout(Some(left))?;
        }
        self.stream.read(buffer)
    }
}
