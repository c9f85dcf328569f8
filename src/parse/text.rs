//! Small readers of running text: URLs in footnotes, `Zie antwoord vraag n` pointers, and
//! footnotes kept inside a question's text.

use super::{bytes, sections};

/// KOOP's XML keeps a question's footnote in its text: `… regulier? 1 Zie https://…`. The
/// question's text and the note, where the paragraph ends in one.
pub(super) fn split_inline_note(text: &str) -> (String, Option<(u32, String)>) {
    static INLINE_NOTE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"([?.!»”])\s+(\d{1,2})\s+((?:Zie |Aanhangsel |Kamerstuk|https?://|www\.)\S.*)$",
        )
        .expect("valid pattern")
    });
    match INLINE_NOTE.captures(text) {
        Some(captures) => {
            let cut = captures.get(1).map_or(text.len(), |m| m.end());
            let number = captures[2].parse().unwrap_or(0);
            (
                text[..cut].to_owned(),
                Some((number, captures[3].to_owned())),
            )
        }
        None => (text.to_owned(), None),
    }
}

/// `Zie antwoord vraag 2`, `Zie het antwoord op vraag 7`, `Zie de antwoorden op de vragen 2, 6
/// en 8`: the questions whose answers this answer points to. The word boundary is ASCII's
/// (`(?-u:\b)`): Unicode's keeps the fast engine off any text with a non-ASCII letter in it.
pub(super) fn see_answers(text: &str) -> Vec<u32> {
    static SEE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)(?-u:\b)zie (?:het |de )?antwoord(?:en)? (?:op |bij )?(?:de )?vra(?:ag|gen) (\d{1,3}(?:(?:, ?| en | t/m )\d{1,3})*)")
            .expect("valid pattern")
    });
    SEE.captures_iter(text)
        .filter_map(|captures| sections::number_list(&captures[1]))
        .flatten()
        .collect()
}

/// The first URL in a footnote (`https://…`, `http://…` or `www.…`), joined again where the
/// extraction broke it over lines, without surrounding punctuation.
pub(super) fn find_url(text: &str) -> Option<String> {
    static BARE_DOMAIN_PATH: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:nl|com|org|net|eu|be|de|int|gov|info|io)/",
        )
        .expect("valid pattern")
    });
    let start = ["https://", "http://", "www."]
        .iter()
        .filter_map(|prefix| bytes::find(text, prefix))
        .min()
        .or_else(|| BARE_DOMAIN_PATH.find(text).map(|m| m.start()))?;
    let rest = &text[start..];
    let mut url = String::new();
    let mut parts = rest.split(' ').peekable();
    while let Some(part) = parts.next() {
        url.push_str(part);
        let continues = parts.peek().is_some_and(|next| url_continues(&url, next));
        if !continues {
            break;
        }
    }
    let url = url.trim_end_matches(['.', ',', ';', ')', '>', '»', ']']);
    let url = url.trim_start_matches(['<', '(']);
    (url.len() > "www.".len()).then(|| url.to_owned())
}

/// Whether a URL broken at a line end goes on with `next`: it ended on a character a URL
/// cannot end with, or `next` looks like the rest of a path.
fn url_continues(url: &str, next: &str) -> bool {
    if next.is_empty() || next.starts_with(|c: char| c.is_uppercase()) || next.starts_with('(') {
        return false;
    }
    if next.starts_with('%') {
        return true;
    }
    let open_end = url.ends_with(['-', '/', '_', '=', '?', '&', '#', '%', '.']);
    let looks_like_path = next.contains(['/', '-', '_', '=', '.'])
        && !next.ends_with(':')
        && next
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
    !url.ends_with(')') && (open_end || url.contains("://") && looks_like_path)
}

/// Checked as the IRI that will be written: `www.…` gets `https://` first.
pub(super) fn is_valid_iri(url: &str) -> bool {
    let iri = if url.contains("://") {
        url.to_owned()
    } else {
        format!("https://{url}")
    };
    oxigraph::model::NamedNode::new(iri).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_broken_over_lines_are_joined() {
        assert_eq!(
            find_url("Relief Web, «Joint» (https://reliefweb.int/report/yemen/joint-statement-190- yemen-humanitarian-enar)").as_deref(),
            Some("https://reliefweb.int/report/yemen/joint-statement-190-yemen-humanitarian-enar")
        );
        assert_eq!(
            find_url("Zie https://www.example.org/a/b. Verder").as_deref(),
            Some("https://www.example.org/a/b")
        );
        assert_eq!(
            find_url("Zie www.internetconsultatie.nl/huisvesting_ evacuees/b1").as_deref(),
            Some("www.internetconsultatie.nl/huisvesting_evacuees/b1")
        );
    }

    #[test]
    fn see_answer_pointers() {
        assert_eq!(see_answers("Zie het antwoord op vraag 7."), [7]);
        assert_eq!(
            see_answers("Zie de antwoorden op de vragen 2, 6 en 8."),
            [2, 6, 8]
        );
        assert_eq!(see_answers("Zie antwoord vraag 2"), [2]);
        assert_eq!(see_answers("Ja. ZIE ANTWOORD VRAAG 4"), [4]);
        assert!(see_answers("Het antwoord op vraag 3 volgt.").is_empty());
    }
}
