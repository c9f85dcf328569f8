//! Links out: the addresses of the datasets this graph links to, and the families of links
//! that the dataset description counts as `void:Linkset`s.
//!
//! Identifiers enter (a Zaak number, an officielebekendmakingen id, a Wikidata id, a TK
//! Persoon GUID); IRIs of pages and entities elsewhere leave. The patterns follow the project's
//! identifiers reference.

use crate::rdf::iri::is_unreserved;
use crate::rdf::vocab::{foaf, owl, rdfs};
use oxigraph::model::{NamedNode, NamedNodeRef};

/// One family of links: the predicate, where the objects live, and the dataset they belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkFamily {
    /// Used in the linkset's IRI (`{base}linkset/{key}`).
    pub key: &'static str,
    pub title: &'static str,
    pub predicate: NamedNodeRef<'static>,
    /// Every link object of this family starts with this.
    pub prefix: &'static str,
    /// The dataset the links point into, as `void:objectsTarget`.
    pub target: NamedNodeRef<'static>,
}

/// Every family of links the mapping writes.
pub const FAMILIES: [LinkFamily; 6] = [
    LinkFamily {
        key: "wikidata",
        title: "Wikidata",
        predicate: owl::SAME_AS,
        prefix: "http://www.wikidata.org/entity/",
        target: NamedNodeRef::new_unchecked("http://www.wikidata.org/"),
    },
    LinkFamily {
        key: "parlement-com",
        title: "Parlement.com",
        predicate: foaf::PAGE,
        prefix: "https://www.parlement.com/",
        target: NamedNodeRef::new_unchecked("https://www.parlement.com/"),
    },
    LinkFamily {
        key: "tk-opendata",
        title: "Tweede Kamer open data",
        predicate: rdfs::SEE_ALSO,
        prefix: "https://gegevensmagazijn.tweedekamer.nl/",
        target: NamedNodeRef::new_unchecked("https://opendata.tweedekamer.nl/"),
    },
    LinkFamily {
        key: "tweedekamer",
        title: "tweedekamer.nl",
        predicate: foaf::PAGE,
        prefix: "https://www.tweedekamer.nl/",
        target: NamedNodeRef::new_unchecked("https://www.tweedekamer.nl/"),
    },
    LinkFamily {
        key: "officielebekendmakingen",
        title: "officielebekendmakingen.nl",
        predicate: foaf::PAGE,
        prefix: "https://zoek.officielebekendmakingen.nl/",
        target: NamedNodeRef::new_unchecked("https://zoek.officielebekendmakingen.nl/"),
    },
    LinkFamily {
        key: "openkamer",
        title: "openkamer.org",
        predicate: foaf::PAGE,
        prefix: "https://www.openkamer.org/",
        target: NamedNodeRef::new_unchecked("https://www.openkamer.org/"),
    },
];

/// The pages of a set of questions: tweedekamer.nl, officielebekendmakingen (`kv-tk-…`) and
/// openkamer. The Tweede Kamer's page takes the questions' document number (`did=`) where the
/// open data gave it, and the Zaak number alone otherwise.
pub(crate) fn set_pages(zaak: &str, document_nummer: Option<&str>) -> [NamedNode; 3] {
    let tweedekamer = match document_nummer {
        Some(did) => iri(
            format!(
                "https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id={zaak}&did={did}"
            ),
            &[zaak, did],
        ),
        None => iri(
            format!("https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id={zaak}"),
            &[zaak],
        ),
    };
    [
        tweedekamer,
        iri(
            format!("https://zoek.officielebekendmakingen.nl/kv-tk-{zaak}"),
            &[zaak],
        ),
        iri(
            format!("https://www.openkamer.org/kamervraag/{zaak}/"),
            &[zaak],
        ),
    ]
}

/// The page of a publication at officielebekendmakingen: `ah-tk-…`, `kst-…`.
pub(crate) fn publication_page(id: &str) -> NamedNode {
    iri(
        format!("https://zoek.officielebekendmakingen.nl/{id}"),
        &[id],
    )
}

pub fn wikidata(id: &str) -> NamedNode {
    iri(format!("http://www.wikidata.org/entity/{id}"), &[id])
}

pub(crate) fn parlement_com(id: &str) -> NamedNode {
    iri(format!("https://www.parlement.com/id/{id}/"), &[id])
}

/// A set of questions (Zaak) in the Tweede Kamer's open data (OData v4).
pub(crate) fn tk_zaak(guid: &str) -> NamedNode {
    iri(
        format!("https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Zaak({guid})"),
        &[guid],
    )
}

/// A person in the Tweede Kamer's open data (OData v4).
pub(crate) fn tk_persoon(guid: &str) -> NamedNode {
    iri(
        format!("https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Persoon({guid})"),
        &[guid],
    )
}

/// The identifiers come from the documents (Zaak numbers and publication ids, both checked by
/// the parser) or from the reference tables, which a person may edit: whatever an IRI cannot
/// hold is percent-encoded, byte by byte, so the output stays valid. `text` is one of the
/// patterns above with the `identifiers` put in.
fn iri(text: String, identifiers: &[&str]) -> NamedNode {
    if identifiers
        .iter()
        .all(|identifier| is_unreserved(identifier))
    {
        // Each pattern is a valid IRI with its identifiers in the path or the query, where
        // unreserved characters stand for themselves: the result needs no parsing.
        debug_assert!(NamedNode::new(&text).is_ok(), "an invalid link: {text}");
        return NamedNode::new_unchecked(text);
    }
    NamedNode::new(&text).unwrap_or_else(|_| {
        let mut encoded = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_ascii_graphic() && !"<>\"{}|\\^`".contains(c) {
                encoded.push(c);
            } else {
                let mut bytes = [0; 4];
                for byte in c.encode_utf8(&mut bytes).bytes() {
                    encoded.push_str(&format!("%{byte:02X}"));
                }
            }
        }
        NamedNode::new_unchecked(encoded)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_recognises_its_own_links() {
        let pages = set_pages("2019Z15244", None);
        assert_eq!(
            pages[0].as_str(),
            "https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id=2019Z15244"
        );
        for (page, family) in
            pages
                .iter()
                .zip(["tweedekamer", "officielebekendmakingen", "openkamer"])
        {
            let found = FAMILIES
                .iter()
                .find(|f| page.as_str().starts_with(f.prefix))
                .unwrap();
            assert_eq!(found.key, family);
        }
        assert!(wikidata("Q747910").as_str().starts_with(FAMILIES[0].prefix));
        assert!(parlement_com("vj0nk8ju81lw")
            .as_str()
            .starts_with(FAMILIES[1].prefix));
        assert!(tk_persoon("bf030048-0434-42f1-bbed-8b0c04014db4")
            .as_str()
            .starts_with(FAMILIES[2].prefix));
    }

    #[test]
    fn an_edited_table_cannot_make_an_invalid_iri() {
        let link = wikidata("Q1 2<é>");
        assert_eq!(
            link.as_str(),
            "http://www.wikidata.org/entity/Q1%202%3C%C3%A9%3E"
        );
        NamedNode::new(link.as_str()).unwrap();
    }
}
