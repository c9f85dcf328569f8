//! Minting the IRI of every resource the mapping writes: the one place IRIs are built.
//!
//! Keys from the typed document (a Zaak number, a printed name, a source path) enter; IRIs
//! under a configurable base leave. Minting is deterministic: the same key always gives the
//! same IRI. Names are turned into slugs (lower case, runs of anything but letters and digits
//! become one `-`), and every segment is percent-encoded where an IRI needs it, so no document
//! text can produce an invalid IRI. The patterns are listed in `docs/graph.md` ("IRI patterns").

use iri_string::percent_encode::PercentEncodedForIri;
use iri_string::types::IriStr;
use oxigraph::model::NamedNode;
use std::fmt::Write;

/// The base used when none is configured.
pub const DEFAULT_BASE: &str = "https://w3id.org/kamervragen/";

/// Mints IRIs under one base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IriMinter {
    base: String,
}

impl Default for IriMinter {
    fn default() -> Self {
        Self {
            base: DEFAULT_BASE.to_owned(),
        }
    }
}

/// A base IRI that resources cannot be minted under.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid base IRI `{iri}`: {message}")]
pub struct InvalidBase {
    pub iri: String,
    pub message: String,
}

impl IriMinter {
    /// A minter under `base`, which must be an absolute IRI ending in `/` or `#`.
    pub fn new(base: &str) -> Result<Self, InvalidBase> {
        let invalid = |message: &str| InvalidBase {
            iri: base.to_owned(),
            message: message.to_owned(),
        };
        // A base ending in `#` has a fragment, so it is an IRI but not an absolute one.
        IriStr::new(base).map_err(|e| invalid(&e.to_string()))?;
        if !(base.ends_with('/') || base.ends_with('#')) {
            return Err(invalid("expected it to end with `/` or `#`"));
        }
        Ok(Self {
            base: base.to_owned(),
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// `{base}zaak/{key}`: a set of questions (see [`crate::identity::sets`] for the key).
    pub(crate) fn question_set(&self, key: &str) -> NamedNode {
        self.mint(&["zaak", key])
    }

    /// `{set}/vraag/{n}` (`{base}zaak/{key}/vraag/{n}`): question n of a set.
    pub fn question(&self, set: &NamedNode, number: u32) -> NamedNode {
        numbered_part(set, "vraag", number.into())
    }

    /// `{set}/voetnoot/{n}` (`{base}zaak/{key}/voetnoot/{n}`): footnote n of a set of questions.
    pub fn footnote(&self, set: &NamedNode, number: u32) -> NamedNode {
        numbered_part(set, "voetnoot", number.into())
    }

    /// `{set}/indiener/{position}` (`{base}zaak/{key}/indiener/{position}`): the part the
    /// member at that position played.
    pub fn participation(&self, set: &NamedNode, position: usize) -> NamedNode {
        numbered_part(set, "indiener", position as u64)
    }

    /// `{base}aanhangsel/{id}` for an answer or notice whose Aanhangsel id is known, else
    /// `{base}zaak/{key}/antwoord` or `{base}zaak/{key}/mededeling`.
    pub fn reply(&self, aanhangsel: Option<&str>, key: &str, kind: &str) -> NamedNode {
        match aanhangsel {
            Some(id) => self.aanhangsel(id),
            None => self.mint(&["zaak", key, kind]),
        }
    }

    /// `{base}aanhangsel/{id}`: an answer or notice in the Aanhangsel, also when only referred to.
    pub fn aanhangsel(&self, id: &str) -> NamedNode {
        self.mint(&["aanhangsel", id])
    }

    /// `{base}kamerstuk/{id}`: a parliamentary paper referred to (`kst-21501-02-2732`).
    pub fn kamerstuk(&self, id: &str) -> NamedNode {
        self.mint(&["kamerstuk", id])
    }

    /// `{reply}/antwoord/{n}`: the answer to question n within an answer document.
    pub fn answer(&self, reply: &NamedNode, number: u32) -> NamedNode {
        numbered_part(reply, "antwoord", number.into())
    }

    /// `{reply}/voetnoot/{n}`: footnote n of an answer or notice.
    pub(crate) fn reply_footnote(&self, reply: &NamedNode, number: u32) -> NamedNode {
        numbered_part(reply, "voetnoot", number.into())
    }

    /// `{reply}/beantwoorder/{position}`: the part an answering office-holder played.
    pub(crate) fn answerer_participation(&self, reply: &NamedNode, position: usize) -> NamedNode {
        numbered_part(reply, "beantwoorder", position as u64)
    }

    /// `{base}persoon/{key}`: a person, from the key [`crate::identity::people`] decided: the
    /// reference table's (the TK Persoon GUID, `bf030048-…`, or for a minister who never sat in
    /// the Kamer polder's id, `dijkgraaf-1960`), or the printed name with the party's key.
    pub fn person(&self, key: &str) -> NamedNode {
        self.mint(&["persoon", &slug(key)])
    }

    /// `{person}/lidmaatschap/{n}`: the `n`th seat a person held for a party, in the table's
    /// order; `…/periode` its period, `…/periode/begin` and `…/periode/einde` its ends.
    pub fn membership(&self, person: &NamedNode, n: usize) -> NamedNode {
        numbered_part(person, "lidmaatschap", n as u64)
    }

    /// `{person}/ambt/{n}`: the `n`th office of the government a person held, in the table's
    /// order; its period as a seat's.
    pub(crate) fn office_mandate(&self, person: &NamedNode, n: usize) -> NamedNode {
        numbered_part(person, "ambt", n as u64)
    }

    /// `{membership}/periode`: when a seat or an office was held.
    pub(crate) fn membership_period(&self, membership: &NamedNode) -> NamedNode {
        fixed_part(membership, "periode")
    }

    /// `{period}/begin` or `{period}/einde`: where a period starts or ends.
    pub(crate) fn period_end(&self, period: &NamedNode, beginning: bool) -> NamedNode {
        fixed_part(period, if beginning { "begin" } else { "einde" })
    }

    /// `{base}partij/{key}`: a party, from its key in the parties table (or its printed label).
    pub fn party(&self, key: &str) -> NamedNode {
        self.mint(&["partij", &slug(key)])
    }

    /// `{base}ambt/{label}`: an office, from its name (`Minister van Financiën`).
    pub fn office(&self, label: &str) -> NamedNode {
        self.mint(&["ambt", &slug(label)])
    }

    /// `{base}ministerie/{key}`: a ministry, from its key in the offices table.
    pub fn ministry(&self, key: &str) -> NamedNode {
        self.mint(&["ministerie", &slug(key)])
    }

    /// `{base}graph/shared`: statements about resources that documents share (people,
    /// parties, offices, ministries, papers referred to), each once, whichever documents
    /// state them.
    pub fn shared_graph(&self) -> NamedNode {
        self.mint(&["graph", "shared"])
    }

    /// Whether a resource belongs to one document's own statements (a set of questions, its
    /// questions, an answer or notice and its parts, a graph, a source file), as opposed to a
    /// resource documents share.
    pub(crate) fn is_document_owned(&self, iri: &str) -> bool {
        iri.strip_prefix(self.base.as_str()).is_some_and(|rest| {
            ["zaak/", "aanhangsel/", "graph/", "source/"]
                .iter()
                .any(|kind| rest.starts_with(kind))
        })
    }

    /// `{base}graph/reference`: the graph of the reference tables.
    pub(crate) fn reference_graph(&self) -> NamedNode {
        self.mint(&["graph", "reference"])
    }

    /// `{base}graph/linksets`: the graph that describes the links out, family by family.
    pub(crate) fn linkset_graph(&self) -> NamedNode {
        self.mint(&["graph", "linksets"])
    }

    /// `{base}dataset`: the dataset as a whole.
    pub fn dataset(&self) -> NamedNode {
        self.mint(&["dataset"])
    }

    /// `{base}linkset/{family}`: one family of links out (`wikidata`, `openkamer`, …).
    pub fn linkset(&self, family: &str) -> NamedNode {
        self.mint(&["linkset", family])
    }

    /// `{base}graph/{source path}`: the named graph of one source file.
    pub fn document_graph(&self, source_path: &str) -> NamedNode {
        self.mint_path("graph", source_path)
    }

    /// `{base}graph/provenance`: the graph that describes where each document graph came from.
    /// No document graph can take this name: their last segment keeps its file ending.
    pub fn provenance_graph(&self) -> NamedNode {
        self.mint(&["graph", "provenance"])
    }

    /// `{base}source/{source path}`: a source file.
    pub fn source(&self, source_path: &str) -> NamedNode {
        self.mint_path("source", source_path)
    }

    /// `{base}source/{source path}#sha256`: a source file's checksum.
    pub fn checksum(&self, source_path: &str) -> NamedNode {
        let source = self.source(source_path);
        NamedNode::new_unchecked(format!("{}#sha256", source.as_str()))
    }

    fn mint_path(&self, kind: &str, path: &str) -> NamedNode {
        self.mint_segments(std::iter::once(kind).chain(path.split('/')))
    }

    fn mint(&self, segments: &[&str]) -> NamedNode {
        self.mint_segments(segments.iter().copied())
    }

    /// Joins percent-encoded segments under the base, in a string allocated once at the
    /// length the segments need unencoded.
    fn mint_segments<'s>(&self, segments: impl Iterator<Item = &'s str> + Clone) -> NamedNode {
        let length: usize = segments.clone().map(|segment| segment.len() + 1).sum();
        let mut iri = String::with_capacity(self.base.len() + length);
        iri.push_str(&self.base);
        for (index, segment) in segments.enumerate() {
            if index > 0 {
                iri.push('/');
            }
            push_path_segment(&mut iri, segment);
        }
        // The base was validated and every segment is percent-encoded for a path.
        debug_assert!(NamedNode::new(&iri).is_ok(), "minted an invalid IRI: {iri}");
        NamedNode::new_unchecked(iri)
    }
}

/// `{parent}/{kind}/{number}`: a numbered part of a minted resource.
/// `{parent}/{word}`: a part named by a fixed word.
fn fixed_part(parent: &NamedNode, word: &'static str) -> NamedNode {
    // A valid IRI followed by `/` and a fixed ASCII word is a valid IRI.
    NamedNode::new_unchecked(format!("{}/{word}", parent.as_str()))
}

fn numbered_part(parent: &NamedNode, kind: &'static str, number: u64) -> NamedNode {
    let mut iri = String::with_capacity(parent.as_str().len() + kind.len() + 22);
    for part in [parent.as_str(), "/", kind, "/"] {
        iri.push_str(part);
    }
    push_decimal(&mut iri, number);
    // The parent is a valid IRI, and `/`, a fixed ASCII word and digits may follow whatever
    // its last part is (a path, a query or a fragment).
    debug_assert!(NamedNode::new(&iri).is_ok(), "minted an invalid IRI: {iri}");
    NamedNode::new_unchecked(iri)
}

/// Appends `number` in decimal digits. Minting a document's dozens of parts through the
/// formatting machinery cost some 2% of parsing and mapping it.
fn push_decimal(iri: &mut String, mut number: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (number % 10) as u8;
        number /= 10;
        if number == 0 {
            break;
        }
    }
    iri.push_str(std::str::from_utf8(&digits[start..]).expect("ASCII digits"));
}

/// `{dataset}/{kind}/{name}`: a part of a published dataset's description (a distribution, a
/// class or property partition). The dataset IRI comes from the publisher's settings, so it
/// need not be under the base.
pub(crate) fn dataset_part(dataset: &NamedNode, kind: &str, name: &str) -> NamedNode {
    let mut iri = dataset.as_str().trim_end_matches('/').to_owned();
    for segment in [kind, name] {
        iri.push('/');
        push_path_segment(&mut iri, segment);
    }
    NamedNode::new_unchecked(iri)
}

/// Appends `segment`, percent-encoded for an IRI path. Most segments (Zaak numbers, slugs,
/// numbers) hold only unreserved characters, which need no encoding: they are copied.
fn push_path_segment(iri: &mut String, segment: &str) {
    if is_unreserved(segment) {
        iri.push_str(segment);
    } else {
        write!(iri, "{}", PercentEncodedForIri::from_path_segment(segment))
            .expect("writing to a String cannot fail");
    }
}

/// Whether `text` holds only unreserved characters (ASCII letters and digits, `-._~`), which
/// stand for themselves anywhere in an IRI's path, query or fragment.
pub(crate) fn is_unreserved(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// `Minister voor Buitenlandse Handel` → `minister-voor-buitenlandse-handel`. Letters outside
/// ASCII stay (IRIs allow them); a name with no letter or digit at all keeps its characters,
/// to be percent-encoded, rather than become empty.
pub fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut push = |c: char, alphanumeric: bool| {
        if alphanumeric {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    };
    for c in text.chars() {
        // Names are mostly ASCII, whose case and classes need no Unicode tables.
        if c.is_ascii() {
            push(c.to_ascii_lowercase(), c.is_ascii_alphanumeric());
        } else {
            for lower in c.to_lowercase() {
                push(lower, lower.is_alphanumeric());
            }
        }
    }
    slug.truncate(slug.trim_end_matches('-').len());
    if slug.is_empty() {
        text.to_owned()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zaak() -> &'static str {
        "2019Z15244"
    }

    #[test]
    fn copied_segments_are_what_percent_encoding_would_give() {
        for segment in [
            "2019Z15244",
            "dijk-sp",
            "a.b_c~d",
            "ingezonden-2024-01-02",
            "Kostić",
            "a b/c?",
        ] {
            let mut fast = String::new();
            push_path_segment(&mut fast, segment);
            let encoded = PercentEncodedForIri::from_path_segment(segment).to_string();
            assert_eq!(fast, encoded, "{segment}");
        }
    }

    #[test]
    fn patterns_under_the_default_base() {
        let minter = IriMinter::default();
        assert_eq!(
            minter.question(&minter.question_set(zaak()), 3).as_str(),
            "https://w3id.org/kamervragen/zaak/2019Z15244/vraag/3"
        );
        assert_eq!(
            minter.person("Dijk sp").as_str(),
            "https://w3id.org/kamervragen/persoon/dijk-sp"
        );
        assert_eq!(
            minter
                .office("Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking")
                .as_str(),
            "https://w3id.org/kamervragen/ambt/minister-voor-buitenlandse-handel-en-ontwikkelingssamenwerking"
        );
        assert_eq!(
            minter.document_graph("seeds/2019Z15244.md").as_str(),
            "https://w3id.org/kamervragen/graph/seeds/2019Z15244.md"
        );
    }

    #[test]
    fn a_configured_base_is_used_and_checked() {
        let minter = IriMinter::new("http://localhost:7878/").unwrap();
        assert_eq!(
            minter.party("D66").as_str(),
            "http://localhost:7878/partij/d66"
        );
        assert!(IriMinter::new("not an iri").is_err());
        assert!(IriMinter::new("kv/").is_err());
        assert!(IriMinter::new("https://example.org/no-slash").is_err());
        // A base may end in `#`, as the help says.
        let hash = IriMinter::new("https://example.org/kv#").unwrap();
        assert_eq!(
            hash.party("D66").as_str(),
            "https://example.org/kv#partij/d66"
        );
    }

    #[test]
    fn any_text_gives_a_valid_iri() {
        let minter = IriMinter::default();
        for text in [
            "a b>c",
            "«»",
            "{}|\\^`\"<>",
            "Yeşilgöz-Zegerius",
            "",
            "%41",
            "x/y?z#w",
        ] {
            let iri = minter.person(text);
            NamedNode::new(iri.as_str()).unwrap_or_else(|e| panic!("{text:?} → {iri}: {e}"));
            let iri = minter.source(text);
            NamedNode::new(iri.as_str()).unwrap_or_else(|e| panic!("{text:?} → {iri}: {e}"));
        }
    }

    #[test]
    fn slugs_keep_letters_and_fold_the_rest() {
        assert_eq!(slug("Faber – van de Klashorst"), "faber-van-de-klashorst");
        assert_eq!(slug("Yeşilgöz-Zegerius (VVD)"), "yeşilgöz-zegerius-vvd");
    }
}
