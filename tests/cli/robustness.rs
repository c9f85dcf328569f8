//! Robustness of the parser: `kamervragen::parse::parse` never panics, whatever text it is given.
//!
//! Property tests (proptest) feed it arbitrary strings and mutations of the shipped seed document
//! (a byte range deleted, text inserted, the text truncated, a line duplicated, two lines
//! swapped, and several of these stacked), always cut at character boundaries. For every input
//! they check, through the public API only, that:
//!
//! - `parse` returns instead of panicking (a panic fails the property, and proptest shrinks the
//!   input to a small one that still panics);
//! - it is deterministic: the same text read twice gives equal results;
//! - every position it reports, in a syntax error or in a warning, is 1-based (line and column at
//!   least 1) and names a line that the text has;
//! - its results and errors can be formatted (`Debug`, and `Display` for errors and warnings).
//!
//! Case counts are kept moderate so that the module runs in seconds in a debug build; set
//! `PROPTEST_CASES` to run more.

use kamervragen::parse::parse;
use kamervragen::source::diagnostic::Position;
use proptest::prelude::*;
use proptest::sample::Index;

/// The shipped seed document, the starting point of every mutation.
const SEED: &str = include_str!("../../seeds/2019Z15244.md");

/// Cases per property, unless `PROPTEST_CASES` says otherwise.
const CASES: u32 = 256;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(CASES);
    ProptestConfig {
        // Failures are reported in full by the panic message; no regression files are written
        // into the source tree.
        failure_persistence: None,
        ..ProptestConfig::with_cases(cases)
    }
}

/// The most lines any reading of `text` can find: one more than its line-breaking characters.
fn max_lines(text: &str) -> usize {
    1 + text
        .chars()
        .filter(|c| {
            matches!(
                c,
                '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
            )
        })
        .count()
}

fn check_position(text: &str, position: Position, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        position.line >= 1 && position.column >= 1,
        "{what} at {position:?} is not 1-based"
    );
    prop_assert!(
        position.line <= max_lines(text),
        "{what} at line {} of a text with at most {} lines",
        position.line,
        max_lines(text)
    );
    Ok(())
}

/// Everything the properties check for one input.
fn check(text: &str) -> Result<(), TestCaseError> {
    let first = parse(text);
    let second = parse(text);
    prop_assert_eq!(&first, &second, "parse is not deterministic");
    let _ = format!("{first:?}");
    match &first {
        Ok(parsed) => {
            for warning in &parsed.warnings {
                let _ = warning.to_string();
                check_position(text, warning.position, "warning")?;
            }
        }
        Err(error) => {
            let _ = error.to_string();
            check_position(text, error.position, "syntax error")?;
        }
    }
    Ok(())
}

/// Byte offsets where `text` may be cut: each character's start, and the end.
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(at, _)| at)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// `text` split into lines, each ending in `\n` (one is added to a last line without it).
fn lines(text: &str) -> Vec<String> {
    text.split_inclusive('\n')
        .map(|line| {
            let mut line = line.to_owned();
            if !line.ends_with('\n') {
                line.push('\n');
            }
            line
        })
        .collect()
}

/// One edit of a text. Indices pick among the character boundaries or lines the text has when
/// the edit is applied, so every edit applies to any text, also an already edited one.
#[derive(Debug, Clone)]
enum Mutation {
    /// Delete the bytes between two character boundaries.
    Delete(Index, Index),
    /// Insert text at a character boundary.
    Insert(Index, String),
    /// Keep only the text before a character boundary.
    Truncate(Index),
    /// Put a copy of a line right after it.
    DuplicateLine(Index),
    /// Exchange two lines.
    SwapLines(Index, Index),
}

impl Mutation {
    fn apply(&self, text: &str) -> String {
        match self {
            Mutation::Delete(from, to) => {
                let cuts = boundaries(text);
                let (a, b) = (*from.get(&cuts), *to.get(&cuts));
                let (a, b) = (a.min(b), a.max(b));
                format!("{}{}", &text[..a], &text[b..])
            }
            Mutation::Insert(at, inserted) => {
                let at = *at.get(&boundaries(text));
                format!("{}{inserted}{}", &text[..at], &text[at..])
            }
            Mutation::Truncate(at) => text[..*at.get(&boundaries(text))].to_owned(),
            Mutation::DuplicateLine(line) => {
                let mut lines = lines(text);
                if lines.is_empty() {
                    return text.to_owned();
                }
                let line = line.index(lines.len());
                lines.insert(line, lines[line].clone());
                lines.concat()
            }
            Mutation::SwapLines(a, b) => {
                let mut lines = lines(text);
                if lines.is_empty() {
                    return text.to_owned();
                }
                let (a, b) = (a.index(lines.len()), b.index(lines.len()));
                lines.swap(a, b);
                lines.concat()
            }
        }
    }
}

/// Text to insert: arbitrary strings, and pieces of the documents' own shape (headings,
/// question and footnote markers, header words, dates, markup, odd line ends and numbers).
fn inserted_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,40}",
        any::<String>(),
        prop::sample::select(vec![
            "\n",
            "\n\n",
            "\r\n",
            "\r",
            "\u{feff}",
            "\u{0}",
            "\u{2028}",
            "\u{a0}",
            "## 2024Z00001\n",
            "## 2019Z15244\n",
            "## 9999Z99999999999999999999\n",
            "\n### Vraag 1\n",
            "\nVraag 1\n\n",
            "\nVraag 0\n\n",
            "\nVraag 4294967296\n\n",
            "\nVraag\n\n",
            "\nAntwoord 1\n\n",
            "<sup>1</sup>",
            "<sup>0</sup>",
            "<sup>4294967296</sup>",
            "<sup>",
            "</sup>",
            "<sup></sup>",
            "\n<sup>1</sup> <https://example.org/>\n",
            "\n<sup>7</sup> <http://[::1>\n",
            "<https://",
            "https://",
            "Vragen van het lid ",
            "Vragen van de leden ",
            "Vragen van",
            " aan de ",
            " aan ",
            " over ",
            " over",
            " en ",
            "(",
            ")",
            "(D66)",
            "(ingezonden 18 juli 2019)",
            "(ingezonden 31 februari 2024)",
            "(ingezonden 1 mei 99999999999)",
            "(ingezonden ",
            "\n**Toelichting:**\n\n",
            "Toelichting:",
            "\n---\n",
            "vraagnummer 2019Z15131",
            "(vraagnummer ",
            "Minister van Financiën",
            "Staatssecretaris",
            "*",
            "**",
            "_",
            "#",
            "«",
            "»",
            "ﬁ",
            "İ",
        ])
        .prop_map(String::from),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Delete(a, b)),
        (any::<Index>(), inserted_text()).prop_map(|(at, text)| Mutation::Insert(at, text)),
        any::<Index>().prop_map(Mutation::Truncate),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

#[test]
fn the_seed_itself_parses() {
    // The mutations below start from a document the parser reads; if this fails, they mostly
    // test the error path.
    if let Err(error) = parse(SEED) {
        panic!("the seed does not parse: {error}");
    }
    check(SEED).expect("the seed passes the checks");
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_string_is_read_without_panic(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn any_printable_string_is_read_without_panic(text in "\\PC*") {
        check(&text)?;
    }

    #[test]
    fn the_seed_with_a_byte_range_deleted(from in any::<Index>(), to in any::<Index>()) {
        check(&Mutation::Delete(from, to).apply(SEED))?;
    }

    #[test]
    fn the_seed_with_text_inserted(at in any::<Index>(), text in inserted_text()) {
        check(&Mutation::Insert(at, text).apply(SEED))?;
    }

    #[test]
    fn the_seed_truncated(at in any::<Index>()) {
        check(&Mutation::Truncate(at).apply(SEED))?;
    }

    #[test]
    fn the_seed_with_a_line_duplicated(line in any::<Index>()) {
        check(&Mutation::DuplicateLine(line).apply(SEED))?;
    }

    #[test]
    fn the_seed_with_two_lines_swapped(a in any::<Index>(), b in any::<Index>()) {
        check(&Mutation::SwapLines(a, b).apply(SEED))?;
    }

    #[test]
    fn the_seed_after_several_mutations(mutations in prop::collection::vec(mutation(), 1..8)) {
        let text = mutations
            .iter()
            .fold(SEED.to_owned(), |text, mutation| mutation.apply(&text));
        check(&text)?;
    }
}
