//! Bad input and bad arguments: clear messages with file and line, nothing else harmed, exit
//! statuses a script can rely on.

use super::Workspace;

#[test]
fn a_missing_path_is_named() {
    let run = Workspace::with_seed().run(&["export", "nowhere"]);
    assert_eq!(run.code(), Some(2));
    assert!(
        run.stderr().contains("nowhere: no such file or folder"),
        "{}",
        run.stderr()
    );
    assert!(run.stdout().is_empty());
}

#[test]
fn no_path_and_no_seeds_folder_is_explained() {
    let run = Workspace::empty().run(&["export"]);
    assert_eq!(run.code(), Some(2));
    assert!(run.stderr().contains("no PATH given"), "{}", run.stderr());
}

#[test]
fn a_bad_document_is_reported_and_the_rest_exported() {
    let workspace = Workspace::with_seed();
    workspace.write_bytes("seeds/binary.txt", b"Vragen van\n\xff\xfe");
    workspace.write("seeds/notes.md", "Een boodschappenlijst.\n\nMelk\n");
    let run = workspace.run(&["export", "-f", "ntriples"]);
    assert_eq!(run.code(), Some(1), "{}", run.stderr());
    let stderr = run.stderr();
    assert!(
        stderr.contains("binary.txt:2:1: error: not UTF-8 text"),
        "{stderr}"
    );
    assert!(
        stderr.contains("notes.md:1:1: error: expected a header opening with `Vragen van`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("3 file(s): 1 read (1 clean, 0 with warnings), 2 failed and left out"),
        "{stderr}"
    );
    assert!(run
        .stdout()
        .contains("<https://w3id.org/kamervragen/zaak/2019Z15244>"));
}

#[test]
fn a_header_missing_a_part_says_which_and_where() {
    let workspace = Workspace::empty();
    workspace.write(
        "in/x.md",
        "## 2020Z00001\n\nVragen van het lid Jansen (SP) over de zorg (ingezonden 1 mei 2020).\n",
    );
    let run = workspace.run(&["export", "in"]);
    assert_eq!(run.code(), Some(1));
    assert!(
        run.stderr().contains(
            "x.md:3:1: error: expected `aan de …` naming the offices addressed after the members"
        ),
        "{}",
        run.stderr()
    );
}

#[test]
fn an_invalid_cited_url_is_kept_as_text_with_a_warning() {
    let workspace = Workspace::empty();
    workspace.write(
        "in/x.md",
        "## 2020Z00001\n\nVragen van het lid Jansen (SP) aan de Minister van Financiën over de belasting (ingezonden 1 mei 2020).\n\nVraag 1\n\nKlopt het?<sup>1</sup>\n\n<sup>1</sup> https://example.org/a|b\n",
    );
    let run = workspace.run(&["export", "in", "-f", "ntriples", "--verbose"]);
    assert_eq!(run.code(), Some(0));
    assert!(
        run.stderr().contains(
            "x.md:9:1: warning: footnote 1: `https://example.org/a|b` is not a valid IRI"
        ),
        "{}",
        run.stderr()
    );
    let nt = run.stdout();
    assert!(nt.contains("\"https://example.org/a|b\"@nl"));
    assert!(!nt.contains("http://purl.org/spar/cito/cites"));
    assert!(nt.contains("<https://w3id.org/kamervragen/ministerie/financien>"));
}

#[test]
fn bad_arguments_name_the_flag() {
    let workspace = Workspace::with_seed();
    let run = workspace.run(&["export", "--base", "not an iri"]);
    assert_eq!(run.code(), Some(2));
    assert!(run.stderr().contains("--base"), "{}", run.stderr());
    let run = workspace.run(&["export", "-o", "out.unknown"]);
    assert_eq!(run.code(), Some(2));
    assert!(run.stderr().contains("give --format"), "{}", run.stderr());
    let run = workspace.run(&["export", "--generated-at", "yesterday"]);
    assert!(
        run.stderr().contains("--generated-at `yesterday`"),
        "{}",
        run.stderr()
    );
    let run = workspace.run(&["query"]);
    assert_eq!(run.code(), Some(2));
    let run = workspace.run(&["query", "-e", "SELECT WHERE {"]);
    assert_eq!(run.code(), Some(2));
    // Where the problem is, said once, as the endpoint says it.
    let stderr = run.stderr();
    let error = stderr
        .lines()
        .find(|line| line.starts_with("kamervragen: error: the query does not parse"));
    let error = error.expect("an error line");
    assert_eq!(error.matches("line 1, column").count(), 1, "{error}");
    let run = workspace.run(&["query", "-e", "SELEC * WHERE {}"]);
    assert!(
        run.stderr().contains(
            "the query does not parse at line 1, column 1: expected SELECT, CONSTRUCT, ASK or DESCRIBE, not `SELEC`"
        ),
        "{}",
        run.stderr()
    );
}

/// `kamervragen export | head` stops reading early: that is not an error, whether the lines
/// go straight out (N-Triples) or through a serializer fed from another thread (Turtle).
#[test]
fn a_closed_pipe_is_not_an_error() {
    for format in ["ntriples", "turtle", "nquads"] {
        assert_a_closed_pipe_is_success(&["export", "-f", format]);
    }
}

/// Nor for `kamervragen query | head`, whose results are written by another serializer.
#[test]
fn a_closed_pipe_after_query_results_is_not_an_error() {
    for format in ["table", "csv", "json"] {
        assert_a_closed_pipe_is_success(&[
            "query",
            "--quiet",
            "-f",
            format,
            "-e",
            "SELECT * { ?s ?p ?o }",
        ]);
    }
}

/// Runs the command on 301 documents, reads 100 bytes of its output and closes the pipe.
fn assert_a_closed_pipe_is_success(args: &[&str]) {
    use std::io::Read;
    use std::process::Stdio;
    let workspace = Workspace::with_seed();
    let seed = std::fs::read_to_string(super::seed_path()).unwrap();
    for n in 0..300 {
        let zaak = format!("2020Z{n:05}");
        workspace.write(
            &format!("seeds/{zaak}.md"),
            &seed.replace("2019Z15244", &zaak),
        );
    }
    let mut child = workspace
        .command(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // Dropping our end of the pipe closes it, as `head` does.
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{args:?}: {status:?}: {stderr}");
    assert!(!stderr.contains("error"), "{args:?}: {stderr}");
}

#[test]
fn help_explains_the_commands() {
    let help = Workspace::empty().run(&["--help"]).success();
    assert!(help.contains("export") && help.contains("query"));
    let export_help = Workspace::empty().run(&["export", "--help"]).success();
    assert!(export_help.contains("--format") && export_help.contains("turtle"));
}

/// The prefixes `query --help` promises are the ones the store declares.
#[test]
fn query_help_lists_every_declared_prefix() {
    let help = Workspace::empty().run(&["query", "--help"]).success();
    let folded = help.split_whitespace().collect::<Vec<_>>().join(" ");
    for (prefix, _) in kamervragen::rdf::vocab::prefixes() {
        assert!(
            folded.contains(&format!(" {prefix},")) || folded.contains(&format!(" {prefix}.")),
            "query --help does not list {prefix}"
        );
    }
}
