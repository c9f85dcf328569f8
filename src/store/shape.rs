//! How deep a query nests, measured on its text before it is parsed.
//!
//! Query text enters; a refusal leaves when the query nests deeper, or chains more operators,
//! than the parser and evaluator can follow. Both recurse once per level (a chain `1+1+…` or a
//! path `a/b/…` is a tree as deep as it is long), and a stack that overflows aborts the whole
//! process, so the text is measured with a scan that uses no stack at all. Strings, IRIs and
//! comments are skipped, so what they hold does not count.

/// The stack a thread that parses and evaluates queries is given. The parser and the evaluator
/// recurse once per level of the query; at [`MAX_DEPTH`] and [`MAX_OPERATORS`] a debug build
/// needs more than the 2 MiB of a thread and the 8 MiB of `main`. It is address space: only
/// the pages a query touches take memory.
pub const QUERY_STACK: usize = 64 << 20;

/// The deepest nesting of `(`, `{` and `[` accepted. The queries in `queries/` nest at most 6.
pub const MAX_DEPTH: usize = 64;

/// The most operators accepted in one query: `!`, `+`, `-`, `*`, `/`, `|`, `^`, `=`, `<`, `>`,
/// `&&`, `||`, and `UNION`, `OPTIONAL` and `MINUS`, which nest groups as deeply. The queries in
/// `queries/` use at most a few dozen.
pub const MAX_OPERATORS: usize = 256;

/// The most `/` in one triple pattern: a sequence path of that many steps. oxigraph's query
/// planner estimates a sequence inside an alternative (`<a> | <p>/<p>/…`) joined to another
/// pattern in time that doubles with each step (30 steps: 20 s), before evaluation starts, where
/// no time limit reaches it. The queries in `queries/` use at most 2.
pub const MAX_SEQUENCE: usize = 16;

/// Why a query was refused before it was parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryShapeError {
    #[error("the query is nested deeper than {MAX_DEPTH} brackets (at line {line})")]
    TooDeep { line: usize },
    #[error(
        "the query has more than {MAX_OPERATORS} operators (paths, UNION, OPTIONAL, MINUS and \
         operators of expressions count; at line {line})"
    )]
    TooManyOperators { line: usize },
    #[error(
        "the query has a path of more than {MAX_SEQUENCE} steps in sequence (`/`, at line {line})"
    )]
    PathTooLong { line: usize },
}

/// Refuses a query that nests deeper than [`MAX_DEPTH`] or has more than [`MAX_OPERATORS`].
pub fn check_query_shape(query: &str) -> Result<(), QueryShapeError> {
    let bytes = query.as_bytes();
    let mut depth = 0usize;
    let mut operators = 0usize;
    // The `/` since the last `.`, `;`, `,` or brace: one triple pattern's path steps.
    let mut sequence = 0usize;
    let mut line = 1;
    let mut at = 0;
    let mut count_operator = |line: usize| {
        operators += 1;
        if operators > MAX_OPERATORS {
            Err(QueryShapeError::TooManyOperators { line })
        } else {
            Ok(())
        }
    };
    while at < bytes.len() {
        let byte = bytes[at];
        match byte {
            b'\n' => line += 1,
            b'#' => at = skip_past(bytes, at, b'\n').saturating_sub(1),
            b'"' | b'\'' => {
                let end = string_end(bytes, at);
                line += bytes[at..end].iter().filter(|b| **b == b'\n').count();
                at = end;
                continue;
            }
            b'<' => match iri_end(bytes, at) {
                Some(end) => {
                    at = end;
                    continue;
                }
                None => count_operator(line)?,
            },
            b'(' | b'{' | b'[' => {
                if byte == b'{' {
                    sequence = 0;
                }
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(QueryShapeError::TooDeep { line });
                }
            }
            b')' | b'}' | b']' => {
                if byte == b'}' {
                    sequence = 0;
                }
                depth = depth.saturating_sub(1)
            }
            b'.' | b';' | b',' => sequence = 0,
            b'!' | b'+' | b'-' | b'*' | b'/' | b'|' | b'^' | b'=' | b'>' | b'&' => {
                // `&&` and `||` are one operator each.
                if matches!(byte, b'&' | b'|') && bytes.get(at + 1) == Some(&byte) {
                    at += 1;
                }
                if byte == b'/' {
                    sequence += 1;
                    // n steps have n - 1 slashes between them.
                    if sequence + 1 > MAX_SEQUENCE {
                        return Err(QueryShapeError::PathTooLong { line });
                    }
                }
                count_operator(line)?
            }
            _ if byte.is_ascii_alphabetic() => {
                let end = word_end(bytes, at);
                let word = &bytes[at..end];
                let nests = [&b"UNION"[..], b"OPTIONAL", b"MINUS"];
                if nests
                    .iter()
                    .any(|keyword| word.eq_ignore_ascii_case(keyword))
                {
                    count_operator(line)?;
                }
                at = end;
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    Ok(())
}

/// Just past the first `stop` at or after `from`, or the end.
fn skip_past(bytes: &[u8], from: usize, stop: u8) -> usize {
    bytes[from..]
        .iter()
        .position(|b| *b == stop)
        .map_or(bytes.len(), |offset| from + offset + 1)
}

/// Just past the string that opens at `from` (`"…"`, `'…'`, `"""…"""` or `'''…'''`, with
/// backslash escapes), or the end of the text if it does not close.
fn string_end(bytes: &[u8], from: usize) -> usize {
    let quote = bytes[from];
    let long = bytes.get(from..from + 3) == Some(&[quote, quote, quote][..]);
    let mut at = from + if long { 3 } else { 1 };
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b if b == quote && !long => return at + 1,
            b if b == quote && bytes.get(at..at + 3) == Some(&[quote, quote, quote][..]) => {
                return at + 3
            }
            b'\n' if !long => return at,
            _ => at += 1,
        }
    }
    bytes.len()
}

/// Just past the IRI that opens at `from`, where `<` opens one (`<https://…>`) rather than
/// being the operator (`?a < 3`): an IRI holds no space, quote or bracket before its `>`.
fn iri_end(bytes: &[u8], from: usize) -> Option<usize> {
    for (offset, byte) in bytes[from + 1..].iter().enumerate() {
        match byte {
            b'>' => return Some(from + offset + 2),
            b'<' | b'"' | b'{' | b'}' | b'|' | b'^' | b'`' | b'\\' => return None,
            byte if *byte <= b' ' => return None,
            _ => {}
        }
    }
    None
}

/// The end of a keyword or name: letters, digits and `_`.
fn word_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
        .map_or(bytes.len(), |offset| from + offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The planner's blow-up the differential fuzz target found: refused at 17 steps, while
    /// 16 in one pattern, or many short paths, pass.
    #[test]
    fn long_sequence_paths_are_refused_before_the_planner_sees_them() {
        let path = |steps: usize| vec!["<http://example.org/p>"; steps].join("/");
        let query = |steps: usize| {
            format!(
                "ASK {{ ?s <http://example.org/x> | {} ?o . ?o <http://example.org/q> ?z }}",
                path(steps)
            )
        };
        assert_eq!(check_query_shape(&query(16)), Ok(()));
        assert_eq!(
            check_query_shape(&query(17)),
            Err(QueryShapeError::PathTooLong { line: 1 })
        );
        let short_paths = (0..10)
            .map(|i| format!("?s{i} {} ?o{i} .", path(8)))
            .collect::<String>();
        assert_eq!(
            check_query_shape(&format!("ASK {{ {short_paths} }}")),
            Ok(())
        );
    }

    fn nested(open: &str, middle: &str, close: &str, times: usize) -> String {
        format!("{}{middle}{}", open.repeat(times), close.repeat(times))
    }

    #[test]
    fn the_shipped_queries_pass() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/queries");
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(check_query_shape(&text), Ok(()), "{}", path.display());
        }
    }

    #[test]
    fn deep_nesting_is_refused_with_its_line() {
        let query = format!("ASK {{\n FILTER({}) }}", nested("(", "true", ")", 100));
        assert_eq!(
            check_query_shape(&query),
            Err(QueryShapeError::TooDeep { line: 2 })
        );
        let groups = format!("ASK {}", nested("{", "", "}", 65));
        assert!(check_query_shape(&groups).is_err());
        let fits = format!("ASK {{ FILTER({}) }}", nested("(", "true", ")", 60));
        assert_eq!(check_query_shape(&fits), Ok(()));
    }

    #[test]
    fn long_chains_are_refused() {
        for chain in [
            format!("ASK {{ FILTER({}1 > 0) }}", "1+".repeat(257)),
            format!("ASK {{ FILTER({}true) }}", "!".repeat(257)),
            format!("ASK {{ ?s {}<p> ?o }}", "<p>|".repeat(257)),
            format!("ASK {{ {}{{}} }}", "{} UNION ".repeat(257)),
        ] {
            assert!(
                matches!(
                    check_query_shape(&chain),
                    Err(QueryShapeError::TooManyOperators { .. })
                ),
                "{}",
                &chain[..40]
            );
        }
    }

    #[test]
    fn strings_iris_and_comments_do_not_count() {
        let query = format!(
            "# {}\nSELECT * WHERE {{ ?s <https://example.org/a-b/c?d=e> \"{}\" ; <p> '''{}''' FILTER(?s < 3) }}",
            "(((".repeat(100),
            "((( -- //".repeat(400),
            "{{{ \\''' !!".repeat(400)
        );
        assert_eq!(check_query_shape(&query), Ok(()));
    }
}

/// The largest queries [`check_query_shape`] lets through, evaluated over a store on a thread
/// with the stack queries are given ([`QUERY_STACK`]): none overflows it, in a debug build too.
#[cfg(test)]
mod at_the_limits {
    use super::*;
    use crate::store::GraphStore;
    use oxigraph::sparql::QueryResults;

    fn evaluate_on_the_query_stack(query: String) {
        std::thread::Builder::new()
            .stack_size(QUERY_STACK)
            .spawn(move || {
                let store = GraphStore::new().unwrap();
                match store.query(&query, "https://example.org/").unwrap() {
                    QueryResults::Boolean(_) => {}
                    _ => panic!("an ASK query"),
                }
            })
            .unwrap()
            .join()
            .unwrap();
    }

    #[test]
    fn the_deepest_and_longest_accepted_queries_fit_the_query_stack() {
        let depth = MAX_DEPTH - 2;
        let operators = MAX_OPERATORS - 10;
        let queries = [
            format!(
                "ASK {{ FILTER({}true{}) }}",
                "(".repeat(depth),
                ")".repeat(depth)
            ),
            format!("ASK {}{}", "{".repeat(depth + 1), "}".repeat(depth + 1)),
            format!(
                "ASK {{ ?s ?p ?o {}{} }}",
                "OPTIONAL { ?s ?p ?o ".repeat(depth),
                "}".repeat(depth)
            ),
            format!(
                "ASK {{ {}{{ ?s ?p ?o }} }}",
                "{ ?s ?p ?o } UNION ".repeat(operators)
            ),
            // Sequences stop at MAX_SEQUENCE steps (the planner), far below what the stack holds.
            format!("ASK {{ ?s {}<p> ?o }}", "<p>/".repeat(MAX_SEQUENCE - 1)),
            format!("ASK {{ ?s {}<p> ?o }}", "<p>|".repeat(operators)),
            format!("ASK {{ FILTER({}1 > 0) }}", "1+".repeat(operators)),
            format!("ASK {{ FILTER({}true) }}", "true && ".repeat(operators)),
            format!(
                "ASK {{ FILTER({}{}1 > 0{}) }}",
                "(".repeat(depth),
                "1*".repeat(operators),
                ")".repeat(depth)
            ),
        ];
        for query in queries {
            assert_eq!(check_query_shape(&query), Ok(()), "{}", &query[..40]);
            evaluate_on_the_query_stack(query);
        }
    }
}
