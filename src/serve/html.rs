//! HTML for the endpoint's pages: escaping, the page frame with its stylesheet, and result
//! tables whose IRIs are links.
//!
//! Text and terms enter; HTML strings leave. Everything is written on the server, with no
//! script and nothing fetched from elsewhere, so the pages work offline.

use oxigraph::model::Term;
use oxigraph::sparql::{QuerySolution, Variable};
use std::fmt::Write;

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:72rem;margin:1rem auto;padding:0 1rem;color:#222}\
a{color:#0645ad}nav a{margin-right:1rem}table{border-collapse:collapse;margin:.5rem 0}\
td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}\
th{background:#f3f3f3}textarea{width:100%;font-family:monospace}\
.count{font-size:1.4rem;font-weight:bold}.facts td:first-child{font-weight:bold}\
svg{background:#fafafa;border:1px solid #ddd}";

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// A whole page.
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body>\
         <nav><a href=\"/\">kamervragen</a><a href=\"/query\">SPARQL</a></nav>\n{body}\n</body></html>\n",
        escape(title)
    )
}

/// Links IRIs under `base` to their page on this server, and others to themselves.
pub(crate) struct Linker<'a> {
    pub base: &'a str,
}

impl Linker<'_> {
    /// Where an IRI's page is: its path here when it is minted under the base.
    pub fn href(&self, iri: &str) -> String {
        match iri.strip_prefix(self.base) {
            Some(path) => format!("/{path}"),
            None => iri.to_owned(),
        }
    }

    /// A term as HTML: an IRI as a link, a literal as its text.
    pub fn term(&self, term: &Term) -> String {
        match term {
            Term::NamedNode(node) => self.link(node.as_str(), node.as_str()),
            Term::Literal(literal) => escape(literal.value()),
            other => escape(&other.to_string()),
        }
    }

    /// An IRI as a link, where following it is safe: one under the base, or an `http` or
    /// `https` IRI. Any other (`javascript:`, `data:`, a query's `IRI("…")`) is shown as text.
    pub fn link(&self, iri: &str, text: &str) -> String {
        let followable = iri.starts_with(self.base)
            || ["http://", "https://"].iter().any(|scheme| {
                iri.len() > scheme.len() && iri[..scheme.len()].eq_ignore_ascii_case(scheme)
            });
        if !followable {
            return escape(text);
        }
        format!(
            "<a href=\"{}\">{}</a>",
            escape(&self.href(iri)),
            escape(text)
        )
    }

    /// Solutions as a table: a column per variable, a row per solution.
    pub fn table(&self, variables: &[Variable], rows: &[QuerySolution]) -> String {
        let mut html = String::from("<table><thead><tr>");
        for variable in variables {
            let _ = write!(html, "<th>{}</th>", escape(variable.as_str()));
        }
        html.push_str("</tr></thead><tbody>\n");
        for row in rows {
            html.push_str("<tr>");
            for variable in variables {
                let cell = row
                    .get(variable)
                    .map(|term| self.term(term))
                    .unwrap_or_default();
                let _ = write!(html, "<td>{cell}</td>");
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</tbody></table>");
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode};

    #[test]
    fn only_http_iris_and_those_under_the_base_are_links() {
        let linker = Linker {
            base: "https://w3id.org/kamervragen/",
        };
        assert_eq!(
            linker.link(
                "javascript:alert(document.domain)",
                "javascript:alert(document.domain)"
            ),
            "javascript:alert(document.domain)"
        );
        assert_eq!(linker.link("data:text/html,<b>", "x"), "x");
        assert_eq!(
            linker.link("HTTPS://example.org/", "e"),
            "<a href=\"HTTPS://example.org/\">e</a>"
        );
    }

    #[test]
    fn escapes_and_links() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        let linker = Linker {
            base: "https://w3id.org/kamervragen/",
        };
        let minted = Term::from(NamedNode::new_unchecked(
            "https://w3id.org/kamervragen/zaak/2019Z15244",
        ));
        assert_eq!(
            linker.term(&minted),
            "<a href=\"/zaak/2019Z15244\">https://w3id.org/kamervragen/zaak/2019Z15244</a>"
        );
        let outside = Term::from(NamedNode::new_unchecked("https://example.org/?a=1&b=2"));
        assert_eq!(
            linker.term(&outside),
            "<a href=\"https://example.org/?a=1&amp;b=2\">https://example.org/?a=1&amp;b=2</a>"
        );
        assert_eq!(
            linker.term(&Literal::new_simple_literal("<b>").into()),
            "&lt;b&gt;"
        );
    }
}
