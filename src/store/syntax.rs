//! A query that does not parse, told so that the client can mend it.
//!
//! The query's text and the text of oxigraph's error enter; one line leaves, which says where
//! and what. oxigraph 0.5 (its parser, spargebra, is a peg grammar) gives no position apart
//! from its text, `error at LINE:COLUMN: expected …`, and that position is as far as the parser
//! read: a keyword it tried counts up to its own length past the place it was tried, so
//! `SELEC * WHERE {}` reads `error at 1:10: expected CONSTRUCT`. Two mistakes are therefore
//! found here on the text itself, with their true place: a query that does not start with its
//! form (after its BASE, PREFIX and VERSION declarations), and a prefix that is not declared.
//! Anything else is told as the parser says it, its notation made readable.

/// The query forms, as a query must start.
const FORMS: [&str; 4] = ["SELECT", "CONSTRUCT", "ASK", "DESCRIBE"];

/// What to answer for `query`, which the parser refused with `error`.
pub(crate) fn explain(query: &str, error: &str) -> String {
    let message = explain_lines(query, error);
    // One line, whatever the parser's text held.
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn explain_lines(query: &str, error: &str) -> String {
    if let Some((at, found)) = missing_form(query) {
        let (line, column) = line_column(query, at);
        let found = if found.is_empty() {
            String::new()
        } else {
            format!(", not `{found}`")
        };
        return format!(
            "the query does not parse at line {line}, column {column}: expected SELECT, CONSTRUCT, ASK or DESCRIBE{found}"
        );
    }
    let Some((line, column, expected)) = read_error(error) else {
        return format!("the query does not parse: {error}");
    };
    let tokens = tokens(expected);
    if tokens.contains(&"Prefix not found") {
        if let Some(end) = offset(query, line, column) {
            if let Some((start, prefix)) = prefixed_name_before(query, end) {
                let (line, column) = line_column(query, start);
                return format!(
                    "the query does not parse at line {line}, column {column}: the prefix {prefix}: is not declared; declare it (PREFIX {prefix}: <…>) or write the IRI in full"
                );
            }
        }
    }
    let stopped =
        format!("the query does not parse: the parser stopped at line {line}, column {column}");
    // The grammar's own words for what is wrong (`Duplicated variable name in SELECT`).
    let messages: Vec<&str> = tokens
        .iter()
        .copied()
        .filter(|token| is_message(token))
        .collect();
    if !messages.is_empty() {
        return format!("{stopped}: {}", messages.join("; "));
    }
    // Keywords and literals as the parser lists them, then what it says of characters.
    let mut readable: Vec<String> = Vec::new();
    let (literal, described): (Vec<&str>, Vec<&str>) = tokens
        .into_iter()
        .partition(|token| !token.starts_with('['));
    for token in literal.into_iter().chain(described) {
        let text = readable_token(token);
        if !readable.contains(&text) {
            readable.push(text);
        }
    }
    match readable.as_slice() {
        [] => stopped,
        [one] => format!("{stopped}, expecting {one}"),
        [first @ .., last] => format!("{stopped}, expecting one of {} or {last}", first.join(", ")),
    }
}

/// Where the query's form should be and the word found there, when it is not a form; `None`
/// when the query starts with its form, or its declarations are not as this reads them (the
/// parser's own words then stand).
fn missing_form(query: &str) -> Option<(usize, &str)> {
    let mut at = skip_space(query, 0);
    loop {
        let word = word_at(query, at);
        if word.eq_ignore_ascii_case("BASE") {
            at = skip_iri(query, skip_space(query, at + word.len()))?;
        } else if word.eq_ignore_ascii_case("PREFIX") {
            let name = skip_space(query, at + word.len());
            let colon = name + query[name..].find(':')?;
            if query[name..colon]
                .chars()
                .any(|c| c.is_whitespace() || c == '<')
            {
                return None;
            }
            at = skip_iri(query, skip_space(query, colon + 1))?;
        } else if word.eq_ignore_ascii_case("VERSION") {
            at = skip_string(query, skip_space(query, at + word.len()))?;
        } else if FORMS.iter().any(|form| word.eq_ignore_ascii_case(form)) {
            return None;
        } else if word.is_empty() {
            // Not a word: a bracket, say, or the end of the query.
            let next = query[at..].chars().next().map_or(0, char::len_utf8);
            return Some((at, &query[at..at + next]));
        } else {
            return Some((at, word));
        }
        at = skip_space(query, at);
    }
}

/// Past white space and comments from `at`.
fn skip_space(query: &str, mut at: usize) -> usize {
    loop {
        let rest = &query[at..];
        let trimmed = rest.trim_start();
        at += rest.len() - trimmed.len();
        if trimmed.starts_with('#') {
            at += trimmed.find('\n').unwrap_or(trimmed.len());
        } else {
            return at;
        }
    }
}

/// The letters, digits and underscores from `at`.
fn word_at(query: &str, at: usize) -> &str {
    let rest = &query[at..];
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Past an `<IRI>` at `at`.
fn skip_iri(query: &str, at: usize) -> Option<usize> {
    let rest = query[at..].strip_prefix('<')?;
    let end = rest.find(|c: char| c == '>' || c.is_whitespace())?;
    rest[end..].starts_with('>').then_some(at + 1 + end + 1)
}

/// Past a quoted string at `at` (a VERSION's).
fn skip_string(query: &str, at: usize) -> Option<usize> {
    let quote = query[at..]
        .chars()
        .next()
        .filter(|c| *c == '"' || *c == '\'')?;
    let end = query[at + 1..].find(quote)?;
    Some(at + 1 + end + 1)
}

/// The line, column and expected tokens of the parser's `error at L:C: expected …`.
fn read_error(error: &str) -> Option<(usize, usize, &str)> {
    let rest = error.strip_prefix("error at ")?;
    let (position, expected) = rest.split_once(": expected ")?;
    let (line, column) = position.split_once(':')?;
    Some((line.parse().ok()?, column.parse().ok()?, expected))
}

/// The tokens of the parser's list (`one of "{", ABS, ['0'..='9'], [_]`): each quoted literal,
/// character class or bare word or message.
fn tokens(expected: &str) -> Vec<&str> {
    let list = expected.strip_prefix("one of ").unwrap_or(expected);
    let bytes = list.as_bytes();
    let mut tokens = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        match bytes[at] {
            b'"' => at = past_quoted(bytes, at, b'"'),
            b'[' => {
                at += 1;
                while at < bytes.len() && bytes[at] != b']' {
                    at = if bytes[at] == b'\'' {
                        past_quoted(bytes, at, b'\'')
                    } else {
                        at + 1
                    };
                }
                at = (at + 1).min(bytes.len());
            }
            _ => at = list[at..].find(", ").map_or(bytes.len(), |end| at + end),
        }
        tokens.push(list[start..at].trim());
        at = if list[at..].starts_with(", ") {
            at + 2
        } else {
            at.max(start + 1)
        };
    }
    tokens.retain(|token| !token.is_empty());
    tokens
}

/// Past a literal quoted with `quote` that starts at `at`, its escapes included.
fn past_quoted(bytes: &[u8], mut at: usize, quote: u8) -> usize {
    at += 1;
    while at < bytes.len() && bytes[at] != quote {
        at += if bytes[at] == b'\\' { 2 } else { 1 };
    }
    (at + 1).min(bytes.len())
}

/// A message of the grammar's own, not a token it looked for: words with spaces.
fn is_message(token: &str) -> bool {
    !token.starts_with(['"', '[']) && token.contains(' ')
}

/// A token as a reader understands it: keywords and quoted literals as they are.
fn readable_token(token: &str) -> String {
    let one_character = token
        .strip_prefix("['")
        .and_then(|rest| rest.strip_suffix("']"))
        .filter(|inside| inside.chars().count() <= 2);
    match (token, one_character) {
        ("[_]", _) => "more text".into(),
        ("['0'..='9']" | "['0' ..= '9']", _) => "a digit".into(),
        // `['%']`, `['\\']`.
        (_, Some(character)) => format!("\"{character}\""),
        _ if token.starts_with('[') => "a character of a name".into(),
        _ => token.into(),
    }
}

/// The 1-based line and column (in characters) of byte `at`.
fn line_column(query: &str, at: usize) -> (usize, usize) {
    let before = &query[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.chars().rev().take_while(|&c| c != '\n').count() + 1;
    (line, column)
}

/// The byte at a 1-based line and column (in characters).
fn offset(query: &str, line: usize, column: usize) -> Option<usize> {
    let start = match line.checked_sub(2) {
        None => 0,
        Some(newlines) => query.match_indices('\n').nth(newlines)?.0 + 1,
    };
    let column = column.checked_sub(1)?;
    let rest = &query[start..];
    match rest.char_indices().nth(column) {
        Some((at, _)) => Some(start + at),
        None if rest.chars().count() == column => Some(query.len()),
        None => None,
    }
}

/// The prefixed name that ends at `end`: where it starts, and its prefix.
fn prefixed_name_before(query: &str, end: usize) -> Option<(usize, &str)> {
    let before = &query[..end];
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| {
            c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '%' | '\\') || !c.is_ascii()
        })
        .last()
        .map_or(end, |(at, _)| at);
    let name = &query[start..end];
    let (prefix, _) = name.split_once(':')?;
    Some((start, prefix))
}

#[cfg(test)]
mod tests {
    use super::explain;
    use oxigraph::sparql::SparqlEvaluator;

    /// What the endpoint says of `query`, from the error oxigraph's parser gives.
    fn said(query: &str) -> String {
        let error = SparqlEvaluator::new()
            .parse_query(query)
            .err()
            .expect("the query does not parse");
        explain(query, &error.to_string())
    }

    #[test]
    fn a_query_without_its_form_is_told_where_the_form_belongs() {
        assert_eq!(
            said("SELEC * WHERE {}"),
            "the query does not parse at line 1, column 1: expected SELECT, CONSTRUCT, ASK or DESCRIBE, not `SELEC`"
        );
        assert_eq!(
            said("# the members\nPREFIX ex: <http://example.org/>\n  BASE <http://example.org/>\n  { ?s ?p ?o }"),
            "the query does not parse at line 4, column 3: expected SELECT, CONSTRUCT, ASK or DESCRIBE, not `{`"
        );
        assert_eq!(
            said("INSERT DATA { <a:b> <a:c> <a:d> }"),
            "the query does not parse at line 1, column 1: expected SELECT, CONSTRUCT, ASK or DESCRIBE, not `INSERT`"
        );
        assert_eq!(
            said(""),
            "the query does not parse at line 1, column 1: expected SELECT, CONSTRUCT, ASK or DESCRIBE"
        );
    }

    #[test]
    fn an_undeclared_prefix_is_named() {
        assert_eq!(
            said("SELECT * WHERE {\n  ?s foo:bar ?o }"),
            "the query does not parse at line 2, column 6: the prefix foo: is not declared; declare it (PREFIX foo: <…>) or write the IRI in full"
        );
    }

    #[test]
    fn any_error_text_gives_one_line() {
        for (query, error) in [
            ("", "error at 0:0: expected [']"),
            ("é", "error at 1:9: expected one of \"\\\", ['é'], [\n'a'"),
            (
                "SELECT ?x WHERE { ?x ?y ?z }",
                "error at 3:1: expected Prefix not found",
            ),
            ("SELECT * {}\n", "error at 2:1: expected "),
            ("SELECT * {}", "Invalid SPARQL base IRI provided"),
        ] {
            let said = explain(query, error);
            assert!(said.starts_with("the query does not parse"), "{said}");
            assert!(!said.contains('\n'), "{said}");
        }
    }

    #[test]
    fn other_mistakes_are_told_as_the_parser_tells_them() {
        assert_eq!(
            said("SELECT * WHERE { ?s ?p ?o "),
            "the query does not parse: the parser stopped at line 1, column 27, expecting one of \",\", \".\", \";\", \"{\", \"{|\", \"}\", \"~\" or more text"
        );
        assert_eq!(
            said("select * where { ?s a ?o } limit x"),
            "the query does not parse: the parser stopped at line 1, column 34, expecting one of HAVING, OFFSET, OPTIONAL, VALUES or a digit"
        );
        let unbound = said("SELECT * WHERE { ?s ?p ?o } GROUP BY ?s");
        assert!(
            unbound.starts_with("the query does not parse: the parser stopped at line 1, column "),
            "{unbound}"
        );
        assert!(!unbound.contains('['), "{unbound}");
    }
}
