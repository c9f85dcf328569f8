//! Hostile and careless input: queries built to exhaust the endpoint, files built to exhaust
//! the reader. Each case is sent as an attacker would, then the test checks that the process
//! is still there and answers a cheap query at once.

use super::serve::{Server, COUNT};
use super::Workspace;
use std::time::{Duration, Instant};

/// Queries of about 2 KB to 20 KB whose nesting or chains of operators overflowed the stack.
fn nested_queries() -> Vec<(&'static str, String)> {
    let n = 1_000;
    vec![
        (
            "parentheses",
            format!("ASK {{ FILTER({}true{}) }}", "(".repeat(n), ")".repeat(n)),
        ),
        ("groups", format!("ASK {}{}", "{".repeat(n), "}".repeat(n))),
        (
            "OPTIONAL",
            format!(
                "ASK {{ ?s ?p ?o {}{} }}",
                "OPTIONAL { ?s ?p ?o ".repeat(n),
                "}".repeat(n)
            ),
        ),
        (
            "UNION",
            format!(
                "ASK {{ {}{{ ?s ?p ?o }} }}",
                "{ ?s ?p ?o } UNION ".repeat(n)
            ),
        ),
        (
            "negations",
            format!(
                "ASK {{ FILTER({}true{}) }}",
                "!(".repeat(10 * n),
                ")".repeat(10 * n)
            ),
        ),
        (
            "path",
            format!("ASK {{ ?s {}<p> ?o }}", "<p>/".repeat(10 * n)),
        ),
        (
            "sum",
            format!("ASK {{ FILTER({}1 > 0) }}", "1+".repeat(10 * n)),
        ),
    ]
}

/// Sends `query` in a POST body, asking for CSV.
fn post_query(server: &Server, query: &str) -> super::http::Reply {
    server.request(
        "POST",
        "/sparql",
        &[
            ("Content-Type", "application/sparql-query"),
            ("Accept", "text/csv"),
        ],
        query.as_bytes(),
    )
}

/// The cheap query is answered, and at once.
fn answers_at_once(server: &Server) {
    let started = Instant::now();
    let reply = server.get(COUNT, "text/csv");
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn deeply_nested_queries_are_refused_and_the_endpoint_lives() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &["--timeout", "5"]);
    for (name, query) in nested_queries() {
        let reply = post_query(&server, query.as_str());
        assert_eq!(reply.status, 400, "{name}: {}", reply.body);
        assert!(
            reply
                .body
                .starts_with("the query is nested deeper than 64 brackets")
                || reply
                    .body
                    .starts_with("the query has more than 256 operators")
                || reply
                    .body
                    .starts_with("the query has a path of more than 16 steps"),
            "{name}: {}",
            reply.body
        );
        // The page that runs queries for a browser shows the refusal (it takes the query in
        // its address, which holds the shorter ones).
        let encoded: String = form_urlencoded::byte_serialize(query.as_bytes()).collect();
        if encoded.len() < 8_000 {
            let page = server.request("GET", &format!("/query?query={encoded}"), &[], b"");
            assert_eq!(page.status, 200, "{name}: the page");
            assert!(
                page.body
                    .contains("the query is nested deeper than 64 brackets")
                    || page.body.contains("the query has more than 256 operators")
                    || page
                        .body
                        .contains("the query has a path of more than 16 steps"),
                "{name}: the page"
            );
        }
        answers_at_once(&server);
    }
}

#[test]
fn deeply_nested_queries_are_refused_on_the_command_line() {
    let workspace = Workspace::with_seed();
    for (name, query) in nested_queries() {
        let run = workspace.run(&["query", "seeds", "--quiet", "-e", &query]);
        assert_eq!(run.code(), Some(2), "{name}: {}", run.stderr());
        assert!(
            run.stderr()
                .starts_with("kamervragen: error: query refused: the query "),
            "{name}: {}",
            run.stderr()
        );
    }
}

/// Runs `args` in `workspace`, killed if it takes more than 20 s (a reader that hangs).
fn run_bounded(workspace: &Workspace, args: &[&str]) -> super::Run {
    let mut child = workspace
        .command(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("{args:?} did not end in 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    super::Run(child.wait_with_output().unwrap())
}

#[cfg(unix)]
#[test]
fn the_reader_leaves_out_what_is_not_a_text_file_and_goes_on() {
    use std::os::unix::fs::symlink;
    let workspace = Workspace::with_seed();
    let seeds = workspace.path().join("seeds");
    symlink("/dev/zero", seeds.join("x.md")).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(seeds.join("q.md"))
        .status()
        .unwrap();
    assert!(fifo.success());
    symlink("nowhere.md", seeds.join("dangling.md")).unwrap();
    std::fs::create_dir(seeds.join("sub")).unwrap();
    symlink("..", seeds.join("sub/up")).unwrap();
    symlink("..", seeds.join("up")).unwrap();
    // Two names that differ only in bytes that are not UTF-8.
    {
        use std::os::unix::ffi::OsStrExt;
        for name in [&b"a\xff.md"[..], b"a\xfe.md"] {
            let path = seeds.join(std::ffi::OsStr::from_bytes(name));
            std::fs::write(path, "").unwrap();
        }
    }
    let run = run_bounded(&workspace, &["check", "seeds"]);
    assert_eq!(run.code(), Some(1), "{}", run.stderr());
    let out = run.stdout();
    let expected = [
        "seeds/2019Z15244.md: questions 2019Z15244: 10 questions, 3 footnotes",
        "seeds/dangling.md: error: cannot read: No such file or directory (os error 2)",
        "seeds/q.md: error: a named pipe (FIFO): expected a file (Markdown or plain text, Word or PDF)",
        "seeds/sub/up: error: a link to a folder that is read already (a loop): not followed",
        "seeds/up: error: a link to a folder that is read already (a loop): not followed",
        "seeds/x.md: error: a device: expected a file (Markdown or plain text, Word or PDF)",
        "checked 8 file(s): 1 read (1 clean, 0 with warnings), 7 failed and left out",
    ];
    for line in expected {
        assert!(out.lines().any(|l| l == line), "{line}\n{out}");
    }
    // The two names read as two (empty) files.
    let empty = out
        .lines()
        .filter(|l| l.ends_with(":1:1: error: the file is empty: expected a Kamervragen document"))
        .count();
    assert_eq!(empty, 2, "{out}");
    // `export` goes on past them too.
    let export = run_bounded(
        &workspace,
        &["export", "seeds", "-o", "out.nt", "-f", "ntriples"],
    );
    assert_eq!(export.code(), Some(1), "{}", export.stderr());
}

/// The seed with its line ends and encoding changed: each is read as the seed is.
#[test]
fn line_ends_and_utf16_read_as_the_text_they_hold() {
    let seed = std::fs::read_to_string(super::seed_path()).unwrap();
    let workspace = Workspace::empty();
    workspace.write("in/cr.md", &seed.replace('\n', "\r"));
    workspace.write("in/crlf.md", &seed.replace('\n', "\r\n"));
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(seed.encode_utf16().flat_map(u16::to_le_bytes));
    workspace.write_bytes("in/utf16.md", &utf16);
    let mut no_mark = Vec::new();
    no_mark.extend(seed.encode_utf16().flat_map(u16::to_le_bytes));
    workspace.write_bytes("in/utf16-no-mark.md", &no_mark);
    let run = workspace.run(&["check", "in"]);
    let out = run.stdout();
    for name in ["cr", "crlf", "utf16"] {
        let line = format!("in/{name}.md: questions 2019Z15244: 10 questions, 3 footnotes");
        assert!(out.lines().any(|l| l == line), "{line}\n{out}");
    }
    assert!(out.contains(
        "in/utf16-no-mark.md: error: UTF-16 text without a byte-order mark: expected UTF-8 (or UTF-16 with its mark); save it as UTF-8"
    ), "{out}");
}

/// Control characters that XML 1.0 cannot hold are not text: read as spaces (or line ends)
/// with a warning, so that every format, RDF/XML among them, is well-formed.
#[test]
fn control_characters_become_plain_and_rdf_xml_stays_well_formed() {
    let seed = std::fs::read_to_string(super::seed_path()).unwrap();
    let workspace = Workspace::empty();
    let first = seed.find("Bent u bekend").unwrap();
    let text = format!(
        "{}Bent\u{1} u\u{8} bekend\u{b}{}",
        &seed[..first],
        &seed[first + 13..]
    );
    workspace.write("in/controls.md", &text);
    let check = workspace.run(&["check", "in"]).stdout();
    assert!(
        check.contains("warning: control character U+0001 is not text (3 in the file)"),
        "{check}"
    );
    let rdf_xml = workspace.run(&["export", "in", "-f", "rdfxml"]).success();
    let quads = super::parse_triples(rdf_xml.as_bytes(), oxigraph::io::RdfFormat::RdfXml);
    let ntriples = workspace.run(&["export", "in", "-f", "ntriples"]).success();
    let expected = super::parse_triples(ntriples.as_bytes(), oxigraph::io::RdfFormat::NTriples);
    assert_eq!(quads, expected);
    assert!(!rdf_xml.contains('\u{1}') && !rdf_xml.contains('\u{b}'));
}

#[test]
fn pages_link_only_web_iris_and_forbid_scripts_and_frames() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &[]);
    let query = "SELECT ?x WHERE { BIND(IRI(\"javascript:alert(document.domain)\") AS ?x) }";
    let encoded: String = form_urlencoded::byte_serialize(query.as_bytes()).collect();
    let page = server.request("GET", &format!("/query?query={encoded}"), &[], b"");
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("javascript:alert(document.domain)"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("href=\"javascript:"), "{}", page.body);
    // The query page runs scripts from this server and YASGUI's published build only.
    assert_eq!(
        page.header("content-security-policy"),
        Some(
            "default-src 'none'; script-src 'self' https://cdn.jsdelivr.net; style-src 'self' \
             'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data:; font-src 'self' \
             data: https://cdn.jsdelivr.net; connect-src 'self'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'"
        )
    );
    // Every other page, none.
    let landing = server.request("GET", "/", &[], b"");
    assert_eq!(
        landing.header("content-security-policy"),
        Some(
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'"
        )
    );
    for path in ["/", "/sparql", "/zaak/2019Z15244"] {
        let reply = server.request("GET", path, &[], b"");
        assert_eq!(
            reply.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(reply.header("x-frame-options"), Some("DENY"), "{path}");
    }
}

fn connect(server: &Server) -> std::net::TcpStream {
    std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap()
}

/// Everything the server sends on `stream` until it closes it (or 30 s pass).
fn read_all(mut stream: std::net::TcpStream) -> String {
    use std::io::Read;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    String::from_utf8_lossy(&raw).into_owned()
}

#[test]
fn connections_past_the_limit_get_503_at_once_and_idle_ones_are_closed() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &["--max-connections", "8"]);
    let idle: Vec<_> = (0..8).map(|_| connect(&server)).collect();
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let refused = read_all(connect(&server));
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert!(
        refused.starts_with("HTTP/1.1 503 Service Unavailable\r\n"),
        "{refused}"
    );
    assert!(refused.contains("retry-after: 1\r\n"), "{refused}");
    // Silent connections are closed after 5 s: the server answers again.
    std::thread::sleep(Duration::from_secs(6));
    answers_at_once(&server);
    drop(idle);
}

#[test]
fn a_request_sent_a_byte_at_a_time_is_cut_off_at_the_deadline() {
    use std::io::Write;
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &[]);
    let mut slow = connect(&server);
    let started = Instant::now();
    let mut cut = false;
    for byte in b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n"
        .iter()
        .cycle()
    {
        if slow.write_all(&[*byte]).is_err() || started.elapsed() > Duration::from_secs(40) {
            cut = true;
            break;
        }
        std::thread::sleep(Duration::from_secs(2));
        answers_at_once(&server);
    }
    assert!(cut);
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(20) && waited < Duration::from_secs(30),
        "{waited:?}"
    );
}

#[test]
fn pipelined_requests_head_and_connect_are_answered_as_http_says() {
    use std::io::Write;
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &[]);
    // Two requests in one write: both answered, in order.
    let mut stream = connect(&server);
    stream
        .write_all(
            b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\n\r\n\
              GET /sparql?query=ASK%7BFILTER(false)%7D HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\nConnection: close\r\n\r\n",
        )
        .unwrap();
    let both = read_all(stream);
    let statuses: Vec<&str> = both.matches("HTTP/1.1 200 OK\r\n").collect();
    assert_eq!(statuses.len(), 2, "{both}");
    let first = both.find("\r\n\r\ntrue").unwrap();
    let second = both.find("\r\n\r\nfalse").unwrap();
    assert!(first < second, "{both}");

    // HEAD: the headers GET would send, with its length, and no body.
    for path in ["/sparql?query=ASK%7B%7D", "/dump/kamervragen.nq", "/"] {
        let get = server.request("GET", path, &[], b"");
        let head = server.request("HEAD", path, &[], b"");
        assert_eq!(head.status, 200, "{path}");
        assert_eq!(get.status, 200, "{path}");
        assert_eq!(head.body, "", "{path}");
        assert_eq!(
            head.header("content-type"),
            get.header("content-type"),
            "{path}"
        );
        if let Some(length) = head.header("content-length") {
            assert_eq!(length, get.body.len().to_string(), "{path}");
        }
    }

    // CONNECT is refused, and the server says nothing of it on its error output.
    let mut stream = connect(&server);
    stream
        .write_all(b"CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n")
        .unwrap();
    let refused = read_all(stream);
    assert!(
        refused.starts_with("HTTP/1.1 405 Method Not Allowed\r\n"),
        "{refused}"
    );
    answers_at_once(&server);
    let errors = std::fs::read_to_string(
        workspace
            .path()
            .join(format!("serve-{}.stderr", server.port)),
    )
    .unwrap();
    assert_eq!(errors, "");
}

#[test]
fn queries_past_the_evaluation_limit_get_503_and_stopped_ones_are_gone_at_once() {
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &["--max-queries", "1", "--timeout", "1"]);
    let at_rest = Usage::of(&server);
    let slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let port = server.port;
    let first = std::thread::spawn(move || {
        let encoded: String = form_urlencoded::byte_serialize(slow.as_bytes()).collect();
        super::http::request(
            &format!("127.0.0.1:{port}"),
            "GET",
            &format!("/sparql?query={encoded}"),
            &[],
            b"",
        )
    });
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let busy = server.get("ASK { ?s ?p ?o }", "text/csv");
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(busy.status, 503, "{}", busy.body);
    assert_eq!(busy.header("retry-after"), Some("1"));
    assert_eq!(
        busy.body,
        "the endpoint is evaluating 1 queries, as many as it may at once; try again in a moment\n"
    );
    assert_eq!(first.join().unwrap().status, 503);
    // The cancelled evaluation stops at its next row, although it reads no quad for hundreds
    // of millions of rows at a time, and gives its place, its threads and its CPU back.
    back_at_rest(&server, &at_rest);
    answers_at_once(&server);
}

#[test]
fn an_evaluation_past_its_memory_budget_is_stopped_and_its_memory_given_back() {
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &["--max-memory", "100", "--timeout", "60"]);
    let at_rest = Usage::of(&server);
    // Every pair of quads, sorted: a sort gathering some 10⁹ rows before its first answer.
    let query = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a";
    let started = Instant::now();
    let reply = post_query(&server, query);
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.body,
        "the query's evaluation needs more than 100 MB of memory (rows it sorts, groups or \
         joins): add a LIMIT, or narrow its patterns\n"
    );
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    back_at_rest(&server, &at_rest);
    answers_at_once(&server);
}

/// The server's process as the kernel counts it.
#[derive(Debug)]
struct Usage {
    /// CPU time used so far, in clock ticks (1/100 s).
    cpu_ticks: u64,
    resident_kb: u64,
    threads: u64,
}

impl Usage {
    fn of(server: &Server) -> Self {
        let pid = server.pid();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        let field = |name: &str| -> u64 {
            let line = status.lines().find(|l| l.starts_with(name)).unwrap();
            line[name.len()..]
                .trim()
                .trim_end_matches(" kB")
                .parse()
                .unwrap()
        };
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
        // The fields after the command's name, which is in parentheses: utime and stime are
        // the 14th and 15th of the whole line.
        let after_name: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..].split(' ').collect();
        let ticks = |n: usize| -> u64 { after_name[n - 3].parse().unwrap() };
        Self {
            cpu_ticks: ticks(14) + ticks(15),
            resident_kb: field("VmRSS:"),
            threads: field("Threads:"),
        }
    }
}

/// Within a second of the last answer, the server is as it was at rest: no evaluation thread
/// left, its resident memory within 32 MB of what it was, and no CPU used over half a second.
fn back_at_rest(server: &Server, at_rest: &Usage) {
    let deadline = Instant::now() + Duration::from_secs(1);
    let mut now = Usage::of(server);
    while (now.threads > at_rest.threads || now.resident_kb > at_rest.resident_kb + 32 * 1024)
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(50));
        now = Usage::of(server);
    }
    assert!(
        now.threads <= at_rest.threads,
        "{now:?} against {at_rest:?}"
    );
    assert!(
        now.resident_kb <= at_rest.resident_kb + 32 * 1024,
        "{now:?} against {at_rest:?}"
    );
    std::thread::sleep(Duration::from_millis(500));
    let later = Usage::of(server);
    assert!(
        later.cpu_ticks - now.cpu_ticks <= 5,
        "{later:?} after {now:?}"
    );
}

#[test]
fn output_may_not_be_an_input_nor_be_read_by_the_next_run() {
    let workspace = Workspace::with_seed();
    let run = workspace.run(&[
        "export",
        "seeds/2019Z15244.md",
        "-o",
        "seeds/2019Z15244.md",
        "-f",
        "turtle",
    ]);
    assert_eq!(run.code(), Some(2));
    assert_eq!(
        run.stderr(),
        "kamervragen: error: -o seeds/2019Z15244.md: that is an input file, which would be overwritten\n"
    );
    let run = workspace.run(&["export", "seeds", "-o", "seeds/out.md", "-f", "turtle"]);
    assert_eq!(run.code(), Some(2));
    assert!(
        run.stderr().contains("the next run would read it"),
        "{}",
        run.stderr()
    );
    // Nothing was written, and the input is whole.
    assert!(!workspace.path().join("seeds/out.md").exists());
    let seed = std::fs::read_to_string(super::seed_path()).unwrap();
    assert_eq!(
        std::fs::read_to_string(workspace.path().join("seeds/2019Z15244.md")).unwrap(),
        seed
    );
}

#[cfg(unix)]
#[test]
fn an_export_stopped_with_ctrl_c_leaves_no_partial_file() {
    let seed = std::fs::read_to_string(super::seed_path()).unwrap();
    let workspace = Workspace::empty();
    for n in 0..3_000 {
        workspace.write(
            &format!("in/{n:05}.md"),
            &seed.replace("2019Z15244", &format!("2019Z{n:05}")),
        );
    }
    let mut child = workspace
        .command(&["export", "in", "-o", "out.ttl", "--quiet"])
        .spawn()
        .unwrap();
    let partial = workspace.path().join("out.ttl.partial");
    let started = Instant::now();
    while !partial.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no partial file"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let signal = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(signal.success());
    let status = child.wait().unwrap();
    // Stopped by the signal, not finished: nothing half-written is left, and no dump either.
    assert_eq!(status.code(), Some(130), "{status}");
    assert!(!partial.exists());
    assert!(!workspace.path().join("out.ttl").exists());
}

#[test]
fn a_join_of_values_blocks_is_stopped_at_the_time_limit() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &["--timeout", "2"]);
    let at_rest = Usage::of(&server);
    let block = |name: &str| {
        let terms: Vec<String> = (0..1000).map(|n| n.to_string()).collect();
        format!("VALUES ?{name} {{ {} }}", terms.join(" "))
    };
    // 10⁹ rows joined and sorted from what the query holds: no quad is read, no term made.
    let query = format!(
        "SELECT ?a WHERE {{ {} {} {} }} ORDER BY ?a LIMIT 1",
        block("a"),
        block("b"),
        block("c")
    );
    let reply = post_query(&server, query.as_str());
    assert_eq!(reply.status, 503);
    assert_eq!(
        reply.body,
        "the query was stopped after 2 s, the time limit of this endpoint\n"
    );
    back_at_rest(&server, &at_rest);
    answers_at_once(&server);
}

#[test]
fn results_are_refused_past_their_bytes_as_well_as_their_rows() {
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &["--max-rows", "5000000", "--timeout", "60"]);
    // Question texts three times over: some 300 bytes a term, a million rows.
    let query = "SELECT ?t1 ?t2 ?t3 WHERE { ?a schema:text ?t1 . ?b schema:text ?t2 . \
                 ?c schema:text ?t3 } LIMIT 3000000";
    let reply = post_query(&server, query);
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.body,
        "the results hold more than 256 MB: add a LIMIT, or page with OFFSET\n"
    );
    answers_at_once(&server);
}

#[test]
fn a_client_that_expects_100_continue_is_told_to_send_its_body() {
    use std::io::{Read, Write};
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &[]);
    let mut stream = connect(&server);
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let body = b"ASK {}";
    write!(
        stream,
        "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n\
         Accept: text/csv\r\nConnection: close\r\nExpect: 100-continue\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    let mut interim = [0; 25];
    stream.read_exact(&mut interim).unwrap();
    assert_eq!(&interim, b"HTTP/1.1 100 Continue\r\n\r\n");
    stream.write_all(body).unwrap();
    let answer = read_all(stream);
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert!(answer.ends_with("\r\n\r\ntrue"), "{answer}");
}

/// Sends `head` and `body` as one request on a new connection; what the server answers.
fn raw_exchange(server: &Server, head: &str, body: &[u8]) -> String {
    use std::io::Write;
    let mut stream = connect(server);
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    read_all(stream)
}

#[test]
fn a_chunked_request_body_is_read_within_the_body_limit() {
    let workspace = Workspace::with_seed();
    let server = Server::start(&workspace, &["--max-request", "64"]);
    let head = "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n\
                Accept: text/csv\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n";
    // `ASK {}` in two chunks, one with an extension, then a trailer.
    let answer = raw_exchange(
        &server,
        head,
        b"4;x=y\r\nASK \r\n2\r\n{}\r\n0\r\nX-T: 1\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert!(answer.ends_with("\r\n\r\ntrue"), "{answer}");

    // 40 + 40 bytes: past the limit of 64 at the second chunk's size, before its bytes.
    let chunk = format!("28\r\n{}\r\n", "#".repeat(40));
    let answer = raw_exchange(&server, head, format!("{chunk}28\r\n").as_bytes());
    assert!(answer.starts_with("HTTP/1.1 413 "), "{answer}");
    assert!(
        answer.contains("the request body has 80 bytes; this endpoint takes at most 64"),
        "{answer}"
    );

    for (body, message) in [
        (&b"zz\r\nASK {}\r\n0\r\n\r\n"[..], "a bad chunk size"),
        (&b"ffffffffffffffffff\r\n"[..], "a bad chunk size"),
        (
            &b"2\r\nASK {}\r\n0\r\n\r\n"[..],
            "a chunk longer than its size",
        ),
    ] {
        let answer = raw_exchange(&server, head, body);
        assert!(answer.starts_with("HTTP/1.1 400 "), "{answer}");
        assert!(answer.contains(message), "{message}: {answer}");
    }

    let both = head.replace("\r\n\r\n", "\r\nContent-Length: 6\r\n\r\n");
    let answer = raw_exchange(&server, &both, b"ASK {}");
    assert!(answer.starts_with("HTTP/1.1 400 "), "{answer}");
    assert!(
        answer.contains("both Transfer-Encoding and Content-Length"),
        "{answer}"
    );

    let gzip = head.replace("chunked", "gzip");
    let answer = raw_exchange(&server, &gzip, b"");
    assert!(answer.starts_with("HTTP/1.1 501 "), "{answer}");
    answers_at_once(&server);
}
