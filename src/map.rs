//! Typed document → quads.
//!
//! A [`Document`] and the facts about its source file enter; quads leave: the document's own
//! statements in its named graph, and the provenance of that graph in the provenance graph.
//! The shape follows the interoperability contract (ELI and ELI-DL for works and participations,
//! W3C ORG for parties and offices, schema.org for questions, CiTO for citations). Oxigraph
//! does no reasoning, so each local sub-property is written next to its standard super-property
//! and part-whole links are written both ways.

use crate::iri::IriMinter;
use crate::model::{Document, FollowUp, Footnote, Office, Question, Role, Submitter, ZaakNumber};
use crate::vocab::{
    bibo, cito, dct, eli, eli_dl, ep_document_types, epvoc, foaf, kv, org, prov, schema, skos, spdx,
};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};

/// What the mapping needs to know about the file a document came from.
#[derive(Debug, Clone, Copy)]
pub struct SourceFacts<'a> {
    /// The path recorded as provenance (`seeds/2019Z15244.md`).
    pub source_path: &'a str,
    pub sha256: &'a str,
    /// When the graph was generated; `None` keeps dumps byte-identical across runs.
    pub generated_at: Option<DateTime<Utc>>,
}

/// Maps one document read from one source file.
pub fn map_document(minter: &IriMinter, document: &Document, source: SourceFacts<'_>) -> Vec<Quad> {
    let graph = minter.document_graph(source.source_path);
    let mut mapper = Mapper {
        minter,
        out: QuadWriter::new(graph.clone()),
    };
    mapper.document(document);
    let mut quads = mapper.out.quads;
    quads.extend(provenance(
        minter,
        &graph,
        &minter.question_set(&document.zaak),
        source,
    ));
    quads
}

/// Collects quads in one graph.
struct QuadWriter {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl QuadWriter {
    fn new(graph: NamedNode) -> Self {
        Self {
            graph: graph.into(),
            quads: Vec::new(),
        }
    }

    fn add(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, object: impl Into<Term>) {
        self.quads.push(Quad::new(
            subject.clone(),
            predicate,
            object,
            self.graph.clone(),
        ));
    }

    fn add_type(&mut self, subject: &NamedNode, class: NamedNodeRef<'_>) {
        self.add(subject, rdf::TYPE, class);
    }
}

struct Mapper<'a> {
    minter: &'a IriMinter,
    out: QuadWriter,
}

impl Mapper<'_> {
    fn document(&mut self, document: &Document) {
        let set = self.minter.question_set(&document.zaak);
        self.question_set(
            &set,
            &document.zaak,
            &document.submitters,
            document.submitted,
        );
        self.out.add(&set, dct::TITLE, nl(&document.subject));
        for office in &document.addressees {
            let post = self.office(office);
            self.out.add(&set, bibo::RECIPIENT, post);
        }
        if let Some(note) = &document.explanation {
            self.out.add(&set, kv::EXPLANATION, nl(note));
            self.out.add(&set, dct::DESCRIPTION, nl(note));
        }
        for question in &document.questions {
            self.question(&set, &document.zaak, question, &document.footnotes);
        }
        for footnote in &document.footnotes {
            self.footnote(&document.zaak, footnote, &document.questions);
        }
        for earlier in &document.follow_ups {
            self.follow_up(&set, earlier);
        }
    }

    /// What every set of questions has, whether read in full or only mentioned by a later set.
    fn question_set(
        &mut self,
        set: &NamedNode,
        zaak: &ZaakNumber,
        submitters: &[Submitter],
        submitted: Option<NaiveDate>,
    ) {
        self.out.add_type(set, eli::WORK);
        self.out.add_type(set, kv::QUESTION_SET);
        self.out
            .add(set, eli::WORK_TYPE, ep_document_types::QUESTION_WRITTEN);
        self.out.add(
            set,
            dct::IDENTIFIER,
            Literal::new_simple_literal(zaak.as_str()),
        );
        if let Some(date) = submitted {
            self.out.add(set, dct::DATE_SUBMITTED, date_literal(date));
            self.out.add(set, eli::DATE_DOCUMENT, date_literal(date));
        }
        for (index, submitter) in submitters.iter().enumerate() {
            self.submitter(set, zaak, index + 1, submitter);
        }
    }

    fn submitter(
        &mut self,
        set: &NamedNode,
        zaak: &ZaakNumber,
        position: usize,
        submitter: &Submitter,
    ) {
        let person = self
            .minter
            .member(&submitter.name, submitter.party.as_deref());
        self.out.add_type(&person, foaf::PERSON);
        self.out.add(
            &person,
            foaf::NAME,
            Literal::new_simple_literal(&submitter.name),
        );
        self.out.add(set, dct::CREATOR, person.clone());

        let participation = self.minter.participation(zaak, position);
        self.out
            .add(set, epvoc::WORK_HAD_PARTICIPATION, participation.clone());
        self.out.add_type(&participation, eli_dl::PARTICIPATION);
        self.out.add(
            &participation,
            eli_dl::HAD_PARTICIPANT_PERSON,
            person.clone(),
        );
        self.out.add(
            &participation,
            eli_dl::PARTICIPATION_ROLE,
            role_concept(Role::at(position)),
        );
        self.out
            .add(&participation, schema::POSITION, integer(position as u64));

        if let Some(label) = &submitter.party {
            let party = self.party(label);
            self.out.add(&person, org::MEMBER_OF, party.clone());
            self.out
                .add(&participation, eli_dl::PARTICIPATION_IN_NAME_OF, party);
        }
    }

    fn party(&mut self, label: &str) -> NamedNode {
        let party = self.minter.party(label);
        self.out.add_type(&party, org::ORGANIZATION);
        self.out.add_type(&party, schema::POLITICAL_PARTY);
        self.out
            .add(&party, skos::PREF_LABEL, Literal::new_simple_literal(label));
        party
    }

    fn office(&mut self, office: &Office) -> NamedNode {
        let post = self.minter.office(office);
        self.out.add_type(&post, org::POST);
        self.out.add(
            &post,
            skos::PREF_LABEL,
            Literal::new_simple_literal(office.label()),
        );
        if let Some(name) = office.ministry() {
            let ministry = self.minter.ministry(&name);
            self.out.add_type(&ministry, org::ORGANIZATION);
            self.out
                .add_type(&ministry, schema::GOVERNMENT_ORGANIZATION);
            self.out.add(
                &ministry,
                skos::PREF_LABEL,
                Literal::new_simple_literal(&name),
            );
            self.out.add(&post, org::POST_IN, ministry);
        }
        post
    }

    fn question(
        &mut self,
        set: &NamedNode,
        zaak: &ZaakNumber,
        question: &Question,
        footnotes: &[Footnote],
    ) {
        let iri = self.minter.question(zaak, question.number);
        self.out.add_type(&iri, schema::QUESTION);
        self.out
            .add(&iri, schema::POSITION, integer(question.number.into()));
        self.out.add(&iri, schema::TEXT, nl(&question.text));
        self.out.add(&iri, eli::IS_PART_OF, set.clone());
        self.out.add(set, eli::HAS_PART, iri.clone());
        let cited_urls = question
            .cites
            .iter()
            .filter_map(|number| footnotes.iter().find(|f| f.number == *number))
            .filter_map(|footnote| footnote.url.as_deref())
            .filter_map(external);
        for url in cited_urls {
            self.out.add(&iri, cito::CITES, url);
        }
    }

    fn footnote(&mut self, zaak: &ZaakNumber, footnote: &Footnote, questions: &[Question]) {
        let iri = self.minter.footnote(zaak, footnote.number);
        self.out.add_type(&iri, cito::CITATION);
        self.out
            .add(&iri, schema::POSITION, integer(footnote.number.into()));
        self.out.add(&iri, schema::TEXT, nl(&footnote.text));
        let citing = questions
            .iter()
            .filter(|q| q.cites.contains(&footnote.number));
        for question in citing {
            let question = self.minter.question(zaak, question.number);
            self.out.add(&iri, cito::HAS_CITING_ENTITY, question);
        }
        if let Some(url) = footnote.url.as_deref().and_then(external) {
            self.out.add(&iri, cito::HAS_CITED_ENTITY, url);
        }
    }

    fn follow_up(&mut self, set: &NamedNode, earlier: &FollowUp) {
        let earlier_set = self.minter.question_set(&earlier.zaak);
        self.out.add(set, dct::REFERENCES, earlier_set.clone());
        self.out.add(set, kv::FOLLOWS_UP, earlier_set.clone());
        self.question_set(
            &earlier_set,
            &earlier.zaak,
            &earlier.submitters,
            earlier.submitted,
        );
    }
}

/// The provenance of one document graph: the file it was derived from, with its path and
/// SHA-256, and the set of questions it is about.
fn provenance(
    minter: &IriMinter,
    graph: &NamedNode,
    topic: &NamedNode,
    source: SourceFacts<'_>,
) -> Vec<Quad> {
    let mut out = QuadWriter::new(minter.provenance_graph());
    let file = minter.source(source.source_path);
    let checksum = minter.checksum(source.source_path);
    out.add_type(graph, prov::ENTITY);
    out.add(graph, prov::WAS_DERIVED_FROM, file.clone());
    out.add(graph, foaf::PRIMARY_TOPIC, topic.clone());
    if let Some(time) = source.generated_at {
        let stamp = time.to_rfc3339_opts(SecondsFormat::Secs, true);
        out.add(
            graph,
            prov::GENERATED_AT_TIME,
            Literal::new_typed_literal(stamp, xsd::DATE_TIME),
        );
    }
    out.add_type(&file, prov::ENTITY);
    out.add(
        &file,
        kv::SOURCE_PATH,
        Literal::new_simple_literal(source.source_path),
    );
    out.add(&file, spdx::CHECKSUM_PROPERTY, checksum.clone());
    out.add_type(&checksum, spdx::CHECKSUM);
    out.add(&checksum, spdx::ALGORITHM, spdx::SHA256);
    out.add(
        &checksum,
        spdx::CHECKSUM_VALUE,
        Literal::new_simple_literal(source.sha256),
    );
    out.quads
}

fn role_concept(role: Role) -> NamedNodeRef<'static> {
    match role {
        Role::Submitter => kv::SUBMITTER,
        Role::CoSubmitter => kv::CO_SUBMITTER,
    }
}

/// A URL from a footnote. The parser keeps only URLs that are valid IRIs, so `None` is not
/// expected; if it happens the citation link is left out rather than written invalid.
fn external(url: &str) -> Option<NamedNode> {
    NamedNode::new(url).ok()
}

fn nl(text: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(text, "nl")
}

fn date_literal(date: NaiveDate) -> Literal {
    Literal::new_typed_literal(date.format("%Y-%m-%d").to_string(), xsd::DATE)
}

fn integer(value: u64) -> Literal {
    Literal::new_typed_literal(value.to_string(), xsd::INTEGER)
}
