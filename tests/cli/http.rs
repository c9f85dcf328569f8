//! A plain HTTP/1.1 client for the tests: one request per connection, the whole response read,
//! nothing hidden (no redirects followed, no retries).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};

/// What `start` makes of the first port it can have. A port the system hands out free is free
/// only until it is asked again, and the tests' own connections draw from the same ports, so
/// a start that finds it taken (`None`) is tried on another.
pub fn on_a_free_port<T>(mut start: impl FnMut(u16) -> Option<T>) -> T {
    const TRIES: usize = 20;
    for _ in 0..TRIES {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        if let Some(started) = start(port) {
            return started;
        }
    }
    panic!("no free port in {TRIES} tries");
}

/// Sends one request to `authority` (`host:port`); the status, the headers (lower-case names)
/// and the body.
pub fn request(
    authority: &str,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut stream = TcpStream::connect(authority).unwrap();
    let mut head = format!(
        "{method} {target} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    // The client's own `Host`, unless the test sends another.
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("host"))
    {
        head.push_str(&format!("Host: {authority}\r\n"));
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    Reply::parse(&raw)
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    fn parse(raw: &[u8]) -> Self {
        let split = raw
            .windows(4)
            .position(|window| window == b"\r\n\r\n")
            .expect("a complete response");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let body = &raw[split + 4..];
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
            .collect();
        let body = if head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked")
        {
            unchunk(body)
        } else {
            String::from_utf8_lossy(body).into_owned()
        };
        Self {
            status,
            headers,
            body,
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// The body of a chunked response. Chunks end at any byte, inside a letter too, so this works
/// on bytes; a body that is not text (a gzipped dump) is kept as the unchunked body is, lossily.
fn unchunk(mut body: &[u8]) -> String {
    let mut out = Vec::new();
    while let Some(end) = body.windows(2).position(|pair| pair == b"\r\n") {
        let size = std::str::from_utf8(&body[..end]).unwrap_or("0").trim();
        let size = usize::from_str_radix(size, 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let rest = &body[end + 2..];
        out.extend_from_slice(&rest[..size]);
        body = &rest[size + 2..];
    }
    String::from_utf8_lossy(&out).into_owned()
}
