//! A load generator for `kamervragen serve`: many clients over loopback, each sending a mix of
//! the research queries and page requests, one after another, for a while.
//!
//! ```sh
//! cargo run --release -p kamervragen-bench --bin load -- http://127.0.0.1:7878 32 30
//! ```
//!
//! Prints requests/s, the 50th and 99th percentile latency, the errors (any status but 200,
//! or a broken connection) by kind, and the requests per kind of target. Plain HTTP/1.1 on a
//! TCP stream, a connection per request, so nothing here hides the server's own cost.

use kamervragen::serve::QUERIES;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One finished request: which target, how long it took, its status (0: no answer).
struct Sample {
    target: usize,
    latency: Duration,
    status: u16,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    kamervragen::allocator::set_up();
    let mut args = std::env::args().skip(1);
    let base = args
        .next()
        .unwrap_or_else(|| "http://127.0.0.1:7878".into());
    let clients: usize = args.next().map_or(Ok(32), |a| a.parse())?;
    let seconds: u64 = args.next().map_or(Ok(30), |a| a.parse())?;
    let address = base
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let targets = targets(&address)?;
    let samples = Arc::new(Mutex::new(Vec::new()));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|client| {
            let (address, targets, samples) =
                (address.clone(), targets.clone(), Arc::clone(&samples));
            std::thread::spawn(move || {
                // Each client starts at another place in the mix.
                let mut next = client * 7 % targets.len();
                while Instant::now() < deadline {
                    let began = Instant::now();
                    let status = request(&address, &targets[next].1).unwrap_or(0);
                    let sample = Sample {
                        target: next,
                        latency: began.elapsed(),
                        status,
                    };
                    samples.lock().expect("not poisoned").push(sample);
                    next = (next + 1) % targets.len();
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("a client does not panic");
    }
    let elapsed = started.elapsed().as_secs_f64();
    let samples = samples.lock().expect("not poisoned");
    report(&targets, &samples, clients, elapsed);
    Ok(())
}

/// The mix: every research query (as CSV) and the pages a reader opens (the first set and
/// the first person the server knows, whatever the corpus).
fn targets(address: &str) -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let mut targets: Vec<(String, String)> = QUERIES
        .iter()
        .map(|(name, text)| {
            let encoded: String = form_urlencoded::byte_serialize(text.as_bytes()).collect();
            (
                name.to_string(),
                format!("/sparql?query={encoded}&format=csv"),
            )
        })
        .collect();
    let set = first_path(address, "kv:QuestionSet")?;
    let person = first_path(address, "foaf:Person")?;
    for (name, path) in [
        ("landing page", "/".to_owned()),
        ("query page", "/query".to_owned()),
        ("a set's page", set),
        ("a member's page", person),
    ] {
        targets.push((name.to_owned(), path));
    }
    Ok(targets)
}

/// The path on the server of the first instance of `class`.
fn first_path(address: &str, class: &str) -> Result<String, Box<dyn std::error::Error>> {
    let query = format!("SELECT ?x WHERE {{ ?x a {class} }} ORDER BY ?x LIMIT 1");
    let encoded: String = form_urlencoded::byte_serialize(query.as_bytes()).collect();
    let mut stream = TcpStream::connect(address)?;
    write!(
        stream,
        "GET /sparql?query={encoded}&format=csv HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let iri = response
        .lines()
        .last()
        .ok_or("no answer")?
        .trim()
        .to_owned();
    let path = iri
        .strip_prefix(kamervragen::rdf::iri::DEFAULT_BASE)
        .ok_or_else(|| format!("no {class} under the default base: {iri}"))?;
    Ok(format!("/{path}"))
}

fn request(address: &str, path: &str) -> std::io::Result<u16> {
    let mut stream = TcpStream::connect(address)?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nAccept: text/html,*/*;q=0.8\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let head = String::from_utf8_lossy(&response[..response.len().min(32)]).into_owned();
    Ok(head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0))
}

fn report(targets: &[(String, String)], samples: &[Sample], clients: usize, elapsed: f64) {
    let mut latencies: Vec<Duration> = samples.iter().map(|s| s.latency).collect();
    latencies.sort();
    let percentile = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p).ceil() as usize).saturating_sub(1))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    let errors: BTreeMap<u16, usize> =
        samples
            .iter()
            .filter(|s| s.status != 200)
            .fold(BTreeMap::new(), |mut counts, s| {
                *counts.entry(s.status).or_default() += 1;
                counts
            });
    println!(
        "{clients} clients, {elapsed:.1} s: {} requests, {:.1} requests/s, p50 {:.0} ms, p99 {:.0} ms, errors {} {:?}",
        samples.len(),
        samples.len() as f64 / elapsed,
        percentile(0.50),
        percentile(0.99),
        errors.values().sum::<usize>(),
        errors
    );
    for (index, (name, _)) in targets.iter().enumerate() {
        let mine: Vec<&Sample> = samples.iter().filter(|s| s.target == index).collect();
        let slowest = mine.iter().map(|s| s.latency).max().unwrap_or_default();
        println!(
            "  {name}: {} requests, slowest {:.0} ms",
            mine.len(),
            slowest.as_secs_f64() * 1000.0
        );
    }
}

/// The allocator the `kamervragen` binary uses (src/main.rs), set up as it sets it up
/// (`main`), so that the figures compare with its.
#[global_allocator]
static ALLOCATOR: kamervragen::allocator::MiMalloc = kamervragen::allocator::MiMalloc;
