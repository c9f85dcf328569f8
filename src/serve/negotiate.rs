//! Content negotiation: an `Accept` header and what a response can be → the media type to send.
//!
//! The header enters as text, with the candidates in order of preference; the chosen candidate
//! leaves, or `None` when the client accepts none of them (406). Quality values and wildcards
//! (`*/*`, `text/*`) are honoured; among equal qualities the server's order decides.

/// Picks from `candidates` (media types, the server's preferred first) what `accept` allows.
pub(crate) fn negotiate<'a>(accept: Option<&str>, candidates: &[&'a str]) -> Option<&'a str> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return candidates.first().copied();
    };
    let ranges: Vec<(String, f32)> = accept.split(',').filter_map(parse_range).collect();
    let mut best: Option<(&str, f32)> = None;
    for candidate in candidates {
        let quality = ranges
            .iter()
            .filter(|(range, _)| matches(range, candidate))
            .map(|(range, quality)| (specificity(range), *quality))
            .max_by(|a, b| a.0.cmp(&b.0))
            .map_or(0.0, |(_, quality)| quality);
        if quality > 0.0 && best.is_none_or(|(_, q)| quality > q) {
            best = Some((candidate, quality));
        }
    }
    best.map(|(candidate, _)| candidate)
}

fn parse_range(item: &str) -> Option<(String, f32)> {
    let mut parts = item.split(';');
    let range = parts.next()?.trim().to_ascii_lowercase();
    if range.is_empty() {
        return None;
    }
    let quality = parts
        .filter_map(|p| p.trim().strip_prefix("q="))
        .find_map(|q| q.trim().parse::<f32>().ok())
        .unwrap_or(1.0);
    Some((range, quality))
}

fn matches(range: &str, candidate: &str) -> bool {
    range == "*/*"
        || range == candidate
        || range
            .strip_suffix("/*")
            .is_some_and(|kind| candidate.split('/').next() == Some(kind))
}

/// A full type counts over `text/*`, which counts over `*/*`.
fn specificity(range: &str) -> u8 {
    match range {
        "*/*" => 0,
        _ if range.ends_with("/*") => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESULTS: &[&str] = &["application/sparql-results+json", "text/csv", "text/html"];

    #[test]
    fn picks_by_quality_then_by_the_servers_order() {
        assert_eq!(
            negotiate(None, RESULTS),
            Some("application/sparql-results+json")
        );
        assert_eq!(negotiate(Some("text/csv"), RESULTS), Some("text/csv"));
        assert_eq!(
            negotiate(
                Some("text/csv;q=0.5, application/sparql-results+json"),
                RESULTS
            ),
            Some("application/sparql-results+json")
        );
        assert_eq!(negotiate(Some("text/*"), RESULTS), Some("text/csv"));
        assert_eq!(
            negotiate(Some("*/*"), RESULTS),
            Some("application/sparql-results+json")
        );
        assert_eq!(
            negotiate(Some("*/*;q=0.1, text/html"), RESULTS),
            Some("text/html")
        );
        assert_eq!(negotiate(Some("image/png"), RESULTS), None);
        assert_eq!(
            negotiate(Some("text/csv;q=0, */*;q=0.5"), &["text/csv"]),
            None
        );
    }
}
