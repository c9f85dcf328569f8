//! HTML for the endpoint's pages: escaping, the page frame with its stylesheet and its links
//! to other representations, and result tables whose IRIs are links.
//!
//! Text and terms enter; HTML strings leave. Everything is written on the server, with no
//! script and nothing fetched from elsewhere, so the pages work offline. An IRI is shown by
//! its label when the page knows one ([`Labels`]), else by a compact name (`schema:name`), and
//! keeps its full form as the link's target and its `title`, which a browser shows on hover.

use crate::rdf::vocab;
use oxhttp::model::header::ACCEPT_LANGUAGE;
use oxhttp::model::{Body, Request};
use oxigraph::model::Term;
use oxigraph::sparql::{QuerySolution, Variable};
use std::collections::HashMap;
use std::fmt::Write;

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:72rem;margin:1rem auto;padding:0 1rem;color:#222}\
a{color:#0645ad}nav a{margin-right:1rem}table{border-collapse:collapse;margin:.5rem 0}\
td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}\
th{background:#f3f3f3}textarea{width:100%;font-family:monospace}\
.count{font-size:1.4rem;font-weight:bold}.facts td:first-child{font-weight:bold}\
.facts th{background:none;width:12rem}.iri{color:#555;font-size:.9rem}\
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
    page_with_alternates(title, &[], body)
}

/// Another representation of what a page shows: its media type, a name for readers, and the
/// address on this server that answers it.
pub(crate) struct Alternate {
    pub media_type: &'static str,
    pub label: &'static str,
    pub href: String,
}

/// A whole page that names its other representations in its head (`<link rel="alternate">`,
/// for crawlers and tools) and in a line of download links under its heading (for readers).
pub(crate) fn page_with_alternates(title: &str, alternates: &[Alternate], body: &str) -> String {
    page_with_head(title, alternates, "", body)
}

/// A whole page, with `more_head` (stylesheets and scripts) in its head after its alternates.
pub(crate) fn page_with_head(
    title: &str,
    alternates: &[Alternate],
    more_head: &str,
    body: &str,
) -> String {
    let mut head = String::new();
    for alternate in alternates {
        let _ = write!(
            head,
            "<link rel=\"alternate\" type=\"{}\" href=\"{}\" title=\"{}\">",
            escape(alternate.media_type),
            escape(&alternate.href),
            escape(alternate.label)
        );
    }
    head.push_str(more_head);
    format!(
        "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title>{head}<style>{STYLE}</style></head><body>\
         <nav><a href=\"/\">kamervragen</a><a href=\"/browse/sets\">sets</a>\
         <a href=\"/browse/members\">members</a><a href=\"/browse/parties\">parties</a>\
         <a href=\"/browse/offices\">offices</a><a href=\"/query\">SPARQL</a></nav>\n{body}{}\n</body></html>\n",
        escape(title),
        download_links(alternates)
    )
}

/// The visible twin of the head's alternates, at the foot of the page.
fn download_links(alternates: &[Alternate]) -> String {
    if alternates.is_empty() {
        return String::new();
    }
    let links: Vec<String> = alternates
        .iter()
        .map(|alternate| {
            format!(
                "<a href=\"{}\" type=\"{}\">{}</a>",
                escape(&alternate.href),
                escape(alternate.media_type),
                escape(alternate.label)
            )
        })
        .collect();
    format!(
        "<p id=\"alternates\">This page as data: {}</p>",
        links.join(" · ")
    )
}

/// What the resources on a page are called: the label the graph gives each IRI that has one,
/// else, for a property or a class, its name in the page's language (`labels::term_name`).
#[derive(Debug, Default)]
pub(crate) struct Labels {
    names: HashMap<String, String>,
    language: Language,
}

impl Labels {
    pub fn insert(&mut self, iri: String, label: String) {
        self.names.insert(iri, label);
    }

    pub fn get(&self, iri: &str) -> Option<&str> {
        self.names
            .get(iri)
            .map(String::as_str)
            .or_else(|| super::labels::term_name(iri, self.language))
    }

    /// The same labels, with terms named in `language`.
    pub fn in_language(self, language: Language) -> Self {
        Self { language, ..self }
    }
}

/// The language pages name properties and classes in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) enum Language {
    #[default]
    Dutch,
    English,
}

impl Language {
    /// `?lang=en` or `?lang=nl`, else the first of the two `Accept-Language` prefers (by its
    /// order and weights), else Dutch, the documents' language.
    pub fn of(request: &Request<Body>) -> Self {
        let query = request.uri().query().unwrap_or("");
        let asked = super::protocol::parse_form(query.as_bytes())
            .into_iter()
            .find(|(name, _)| name == "lang")
            .and_then(|(_, value)| Self::named(&value));
        asked
            .or_else(|| {
                let header = request.headers().get(ACCEPT_LANGUAGE)?.to_str().ok()?;
                Self::preferred(header)
            })
            .unwrap_or_default()
    }

    fn named(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "nl" => Some(Self::Dutch),
            "en" => Some(Self::English),
            _ => None,
        }
    }

    /// The language of `Accept-Language` with the highest weight among Dutch and English; of
    /// equal weights, the first.
    fn preferred(header: &str) -> Option<Self> {
        let mut best: Option<(f32, Self)> = None;
        for entry in header.split(',') {
            let mut parts = entry.split(';');
            let Some(language) = parts.next().and_then(Self::named) else {
                continue;
            };
            let weight = parts
                .find_map(|part| part.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if weight > 0.0 && best.is_none_or(|(held, _)| weight > held) {
                best = Some((weight, language));
            }
        }
        best.map(|(_, language)| language)
    }
}

/// An IRI as `prefix:local` when it lies in a namespace the dumps declare (`schema:name`).
pub(crate) fn compact(iri: &str) -> Option<String> {
    compact_with(iri, &[])
}

/// An IRI as `prefix:local` when it lies in one of `declared` (a file's own prefixes) or of
/// the namespaces the dumps declare.
pub(crate) fn compact_with(iri: &str, declared: &[(String, String)]) -> Option<String> {
    declared
        .iter()
        .map(|(prefix, namespace)| (prefix.as_str(), namespace.as_str()))
        .chain(vocab::prefixes())
        .find_map(|(prefix, namespace)| {
            iri.strip_prefix(namespace)
                .filter(|local| !local.is_empty() && !local.contains(['/', '#', '?']))
                .map(|local| format!("{prefix}:{local}"))
        })
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
        self.anchor(iri, text, "")
    }

    /// A term as HTML for people: an IRI as a link whose text is its label, else its compact
    /// name, else its path under the base, with the full IRI as the link's `title`; a literal
    /// as its text.
    pub fn named(&self, term: &Term, labels: &Labels) -> String {
        let Term::NamedNode(node) = term else {
            return self.term(term);
        };
        let iri = node.as_str();
        let text = labels
            .get(iri)
            .map(str::to_owned)
            .or_else(|| compact(iri))
            .or_else(|| {
                iri.strip_prefix(self.base)
                    .filter(|path| !path.is_empty())
                    .map(str::to_owned)
            })
            .unwrap_or_else(|| iri.to_owned());
        self.titled_link(iri, &text)
    }

    /// An IRI as a link with `text`, its full form on hover (`title`) when the text is not it.
    pub fn titled_link(&self, iri: &str, text: &str) -> String {
        let title = if text == iri {
            String::new()
        } else {
            format!(" title=\"{}\"", escape(iri))
        };
        self.anchor(iri, text, &title)
    }

    /// The link itself; `attributes` are written into the tag as they are.
    fn anchor(&self, iri: &str, text: &str, attributes: &str) -> String {
        let followable = iri.starts_with(self.base)
            || ["http://", "https://"].iter().any(|scheme| {
                iri.len() > scheme.len() && iri[..scheme.len()].eq_ignore_ascii_case(scheme)
            });
        if !followable {
            return escape(text);
        }
        format!(
            "<a href=\"{}\"{attributes}>{}</a>",
            escape(&self.href(iri)),
            escape(text)
        )
    }

    /// Solutions as a table, a column per variable, a row per solution; each IRI shown [by
    /// its name](Linker::named).
    pub fn named_table(
        &self,
        variables: &[Variable],
        rows: &[QuerySolution],
        labels: &Labels,
    ) -> String {
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
                    .map(|term| self.named(term, labels))
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

    #[test]
    fn iris_are_shown_by_label_then_term_name_compact_name_or_path_with_the_iri_on_hover() {
        let linker = Linker {
            base: "https://w3id.org/kamervragen/",
        };
        let mut labels = Labels::default();
        labels.insert(
            "https://w3id.org/kamervragen/partij/d66".into(),
            "D66 <&>".into(),
        );
        let iri = |text: &str| Term::from(NamedNode::new_unchecked(text));
        assert_eq!(
            linker.named(&iri("https://w3id.org/kamervragen/partij/d66"), &labels),
            "<a href=\"/partij/d66\" title=\"https://w3id.org/kamervragen/partij/d66\">D66 &lt;&amp;&gt;</a>"
        );
        // Terms by their names in ontology/labels.ttl and the ontology, Dutch by default.
        assert_eq!(
            linker.named(&iri("http://schema.org/name"), &labels),
            "<a href=\"http://schema.org/name\" title=\"http://schema.org/name\">naam</a>"
        );
        let labels = labels.in_language(Language::English);
        assert_eq!(
            linker.named(&iri("https://w3id.org/kamervragen/def#followsUp"), &labels),
            "<a href=\"/def#followsUp\" title=\"https://w3id.org/kamervragen/def#followsUp\">follows up</a>"
        );
        // A term with no name: its compact name.
        assert_eq!(
            linker.named(&iri("http://schema.org/url"), &labels),
            "<a href=\"http://schema.org/url\" title=\"http://schema.org/url\">schema:url</a>"
        );
        assert_eq!(
            linker.named(&iri("https://w3id.org/kamervragen/zaak/2019Z15244/indiener/1"), &labels),
            "<a href=\"/zaak/2019Z15244/indiener/1\" title=\"https://w3id.org/kamervragen/zaak/2019Z15244/indiener/1\">zaak/2019Z15244/indiener/1</a>"
        );
        // An IRI with nothing shorter to show is its own text, with no title to repeat it.
        assert_eq!(
            linker.named(&iri("https://example.org/?a=1&b=2"), &labels),
            "<a href=\"https://example.org/?a=1&amp;b=2\">https://example.org/?a=1&amp;b=2</a>"
        );
        // Never a link where following it is unsafe, whatever its label.
        let mut labels = labels;
        labels.insert("javascript:alert(1)".into(), "click".into());
        assert_eq!(linker.named(&iri("javascript:alert(1)"), &labels), "click");
    }

    #[test]
    fn compact_names_need_a_plain_local_name() {
        assert_eq!(
            compact("http://purl.org/dc/terms/title").as_deref(),
            Some("dct:title")
        );
        assert_eq!(compact("http://purl.org/dc/terms/"), None);
        assert_eq!(compact("http://schema.org/a/b"), None);
    }

    #[test]
    fn a_page_names_its_alternates_in_its_head_and_in_links() {
        let html = page_with_alternates(
            "Set",
            &[Alternate {
                media_type: "text/turtle",
                label: "Turtle",
                href: "/zaak/x?format=ttl&y".into(),
            }],
            "<h1>Set</h1>",
        );
        assert!(html.contains("<link rel=\"alternate\" type=\"text/turtle\" href=\"/zaak/x?format=ttl&amp;y\" title=\"Turtle\">"), "{html}");
        assert!(
            html.contains("<a href=\"/zaak/x?format=ttl&amp;y\" type=\"text/turtle\">Turtle</a>"),
            "{html}"
        );
        assert!(!page("Plain", "").contains("rel=\"alternate\""));
    }
}
