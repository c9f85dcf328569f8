//! Typed document → quads.
//!
//! A [`Document`] and the facts about its source file enter; quads leave, as a [`QuadList`]
//! that shares their terms: the document's own statements in its named graph (those about
//! shared resources in the shared graph), and the provenance of that graph in the provenance
//! graph.
//! The shape follows the interoperability contract (ELI and ELI-DL for works and participations,
//! W3C ORG for parties and offices, schema.org for questions, CiTO for citations). Oxigraph
//! does no reasoning, so each local sub-property is written next to its standard super-property
//! and part-whole links are written both ways. The reference graph, the linksets and the
//! provenance graph are written by [`reference`], [`linksets`] and [`provenance`].

mod linksets;
mod options;
mod provenance;
mod quads;
mod reference;

pub(crate) use linksets::linkset_quads;
pub use options::{LoadOptions, ProgressHook};
use provenance::provenance;
pub use quads::{GraphId, Object, QuadList};
pub(crate) use reference::reference_quads;

use crate::identity::people::{Basis, OfficeIdentity, PersonIdentity, Resolver};
use crate::identity::reference::ReferenceData;
use crate::identity::sets::{SetBasis, SetIdentity, SubjectRole};
use crate::model::{
    Answer, Document, DocumentKind, FollowUp, Footnote, NoteRef, Office, OfficeHolder, Publication,
    Question, Role, Submitter, ZaakNumber,
};
use crate::rdf::iri::IriMinter;
use crate::rdf::links;
use crate::rdf::vocab::{
    bibo, cito, dct, eli, eli_dl, ep_document_types, epvoc, foaf, kv, org, rdfs, schema, skos,
};
use chrono::{DateTime, NaiveDate, Utc};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{Literal, LiteralRef, NamedNode, NamedNodeRef};
use std::sync::LazyLock;

/// What the mapping needs to know about the file a document came from.
#[derive(Debug, Clone, Copy)]
pub struct SourceFacts<'a> {
    /// The path recorded as provenance (`seeds/2019Z15244.md`).
    pub source_path: &'a str,
    pub sha256: &'a str,
    /// The media type of the file as published (`application/pdf`).
    pub media_type: &'a str,
    /// The file's size in bytes.
    pub size: u64,
    /// When the graph was generated; `None` keeps dumps byte-identical across runs.
    pub generated_at: Option<DateTime<Utc>>,
}

/// Maps one document read from one source file.
pub fn map_document(
    minter: &IriMinter,
    reference: &ReferenceData,
    document: &Document,
    set: &SetIdentity,
    source: SourceFacts<'_>,
) -> QuadList {
    let graph = minter.document_graph(source.source_path);
    let mut mapper = Mapper {
        minter,
        resolver: Resolver::new(reference),
        out: QuadWriter::for_document(graph.clone(), minter, expected_quads(document)),
        set,
    };
    let topic = mapper.document(document);
    let set = minter.question_set(&set.key);
    provenance(minter, &graph, &topic, &set, source, mapper.out.quads)
}

/// About how many quads a document maps to, so that the list is allocated once rather than
/// grown (and copied) several times; a guess that is short or long changes nothing else.
fn expected_quads(document: &Document) -> usize {
    let people = document.submitters.len() + document.answerers.len();
    let offices = document.addressees.len() + document.on_behalf_of.len();
    let follow_ups: usize = document
        .follow_ups
        .iter()
        .map(|earlier| 8 + 16 * earlier.submitters.len())
        .sum();
    32 + 16 * people
        + 6 * offices
        + 5 * document.questions.len()
        + 7 * document.answers.len()
        + 6 * document.footnotes.len()
        + 3 * document.publications.len()
        + follow_ups
}

/// Collects quads in one graph.
struct QuadWriter<'a> {
    graph: GraphId,
    /// For a document: where statements about shared resources go, and who tells them apart.
    shared: Option<(GraphId, &'a IriMinter)>,
    quads: QuadList,
}

impl QuadWriter<'_> {
    fn new(graph: NamedNode) -> Self {
        Self::appending_to(graph, QuadList::default())
    }

    /// A writer that adds its quads after those already in `quads`.
    fn appending_to(graph: NamedNode, mut quads: QuadList) -> Self {
        Self {
            graph: quads.add_graph(graph),
            shared: None,
            quads,
        }
    }
}

impl<'a> QuadWriter<'a> {
    /// A document's writer: statements about the document's own resources go to its graph,
    /// statements about shared resources to the shared graph, so that each stands once in a
    /// store however many documents state it.
    fn for_document(graph: NamedNode, minter: &'a IriMinter, capacity: usize) -> Self {
        let mut quads = QuadList::with_capacity(capacity);
        Self {
            graph: quads.add_graph(graph),
            shared: Some((quads.add_graph(minter.shared_graph()), minter)),
            quads,
        }
    }

    fn add(
        &mut self,
        subject: &NamedNode,
        predicate: NamedNodeRef<'static>,
        object: impl Into<Object>,
    ) {
        let graph = match self.shared {
            Some((shared, minter)) if !minter.is_document_owned(subject.as_str()) => shared,
            _ => self.graph,
        };
        self.quads.push(graph, subject, predicate, object);
    }

    fn add_type(&mut self, subject: &NamedNode, class: NamedNodeRef<'static>) {
        self.add(subject, rdf::TYPE, class);
    }
}

struct Mapper<'a> {
    minter: &'a IriMinter,
    resolver: Resolver<'a>,
    out: QuadWriter<'a>,
    /// The set of questions the document is about, as decided over all documents.
    set: &'a SetIdentity,
}

impl Mapper<'_> {
    /// Maps the document; returns the resource it is about (the set, or the answer or notice).
    fn document(&mut self, document: &Document) -> NamedNode {
        let set = self.minter.question_set(&self.set.key);
        let zaak = document.zaak.as_ref().map(ZaakNumber::as_str);
        let oral = document.kind == DocumentKind::Oral;
        self.question_set(&set, zaak, oral, &document.submitters, document.submitted);
        self.set_identity(&set);
        if let Some(subject) = &document.subject {
            match self.set.subject {
                SubjectRole::Title => self.out.add(&set, dct::TITLE, nl(subject)),
                SubjectRole::Variant => self.out.add(&set, dct::ALTERNATIVE, nl(subject)),
                SubjectRole::Repeated => {}
            }
        }
        for office in &document.addressees {
            let post = self.office(office);
            self.out.add(&set, bibo::RECIPIENT, post);
        }
        if let Some(note) = &document.explanation {
            self.out.add(&set, kv::EXPLANATION, nl(note));
            self.out.add(&set, dct::DESCRIPTION, nl(note));
        }
        for question in &document.questions {
            self.question(&set, question);
        }
        for earlier in &document.follow_ups {
            self.follow_up(&set, earlier);
        }
        let (topic, footnote_owner) = match document.kind {
            DocumentKind::Questions | DocumentKind::Oral => (set.clone(), FootnoteOwner::Set),
            DocumentKind::Answer | DocumentKind::Notice => {
                let reply = self.reply(&set, document);
                (reply.clone(), FootnoteOwner::Reply(reply))
            }
        };
        for footnote in &document.footnotes {
            self.footnote(&set, &footnote_owner, footnote, document);
        }
        for publication in &document.publications {
            let target = self.publication(publication);
            self.out.add(&topic, dct::REFERENCES, target);
        }
        topic
    }

    /// How this document's set was decided (each document states its own decision, so a set
    /// described by several documents may carry several), and the sets it could also be.
    fn set_identity(&mut self, set: &NamedNode) {
        self.out
            .add(set, kv::IDENTITY_BASIS, set_basis_concept(self.set.basis));
        for candidate in &self.set.candidates {
            let other = self.minter.question_set(candidate);
            self.out.add(set, kv::IDENTITY_CANDIDATE, other);
        }
    }

    /// What every set of questions has, whether read in full or only mentioned by a later set.
    /// Oral questions are a class of their own, so that no query for written questions (and
    /// none for unanswered ones) counts them.
    fn question_set(
        &mut self,
        set: &NamedNode,
        zaak: Option<&str>,
        oral: bool,
        submitters: &[Submitter],
        submitted: Option<NaiveDate>,
    ) {
        let (class, work_type) = if oral {
            (kv::ORAL_QUESTION_SET, ep_document_types::QUESTION_ORAL)
        } else {
            (kv::QUESTION_SET, ep_document_types::QUESTION_WRITTEN)
        };
        self.out.add_type(set, eli::WORK);
        self.out.add_type(set, class);
        self.out.add(set, eli::WORK_TYPE, work_type);
        if let Some(zaak) = zaak {
            self.out
                .add(set, dct::IDENTIFIER, Literal::new_simple_literal(zaak));
        }
        if let Some(date) = submitted {
            self.out.add(set, dct::DATE_SUBMITTED, date_literal(date));
            self.out.add(set, eli::DATE_DOCUMENT, date_literal(date));
        }
        for (index, submitter) in submitters.iter().enumerate() {
            self.submitter(set, index + 1, submitter, submitted);
        }
        if let Some(zaak) = zaak {
            self.links_of_set(set, zaak);
        }
    }

    /// The set's pages at the Tweede Kamer, officielebekendmakingen and openkamer.
    fn links_of_set(&mut self, set: &NamedNode, zaak: &str) {
        let known = self.resolver.tk_zaak(zaak);
        let document_nummer = known.and_then(|z| z.document_nummer.as_deref());
        for page in links::set_pages(zaak, document_nummer) {
            self.out.add(set, foaf::PAGE, page);
        }
        if let Some(known) = known {
            self.out
                .add(set, rdfs::SEE_ALSO, links::tk_zaak(&known.tk_zaak));
        }
    }

    fn submitter(
        &mut self,
        set: &NamedNode,
        position: usize,
        submitter: &Submitter,
        date: Option<NaiveDate>,
    ) {
        let identity = self.resolver.member(submitter, date);
        let person = self.person(&identity, &submitter.name);
        let participation = self.minter.participation(set, position);
        let role = role_concept(Role::at(position));
        self.creator(set, &person, &participation, role, position);
        if let Some(label) = &submitter.party {
            let party = self.party(label);
            self.out.add(&person, org::MEMBER_OF, party.clone());
            self.out
                .add(&participation, eli_dl::PARTICIPATION_IN_NAME_OF, party);
        }
    }

    /// The person an identity names, with how the identity was decided. A person from the
    /// reference table has its name there; the form printed here is kept as a label.
    fn person(&mut self, identity: &PersonIdentity, printed: &str) -> NamedNode {
        let person = self.minter.person(&identity.key);
        self.out.add_type(&person, foaf::PERSON);
        let name = Literal::new_simple_literal(printed);
        match self.resolver.table_row(identity) {
            Some(member) => {
                self.out.add(&person, skos::ALT_LABEL, name);
                reference::table_person(&mut self.out, self.minter, member);
            }
            None => self.out.add(&person, foaf::NAME, name),
        }
        self.out
            .add(&person, kv::IDENTITY_BASIS, basis_concept(identity.basis));
        for candidate in &identity.candidates {
            self.out.add(
                &person,
                kv::IDENTITY_CANDIDATE,
                self.minter.person(candidate),
            );
        }
        person
    }

    /// A person who made a work: `dct:creator`, and the part they played as an ELI-DL
    /// participation with its role and position.
    fn creator(
        &mut self,
        work: &NamedNode,
        person: &NamedNode,
        participation: &NamedNode,
        role: NamedNodeRef<'static>,
        position: usize,
    ) {
        self.out.add(work, dct::CREATOR, person.clone());
        self.out
            .add(work, epvoc::WORK_HAD_PARTICIPATION, participation.clone());
        self.out.add_type(participation, eli_dl::PARTICIPATION);
        self.out.add(
            participation,
            eli_dl::HAD_PARTICIPANT_PERSON,
            person.clone(),
        );
        self.out
            .add(participation, eli_dl::PARTICIPATION_ROLE, role);
        self.out
            .add(participation, schema::POSITION, integer(position as u64));
    }

    /// A party as printed. Its label from the table is its `skos:prefLabel`; a variant printed
    /// in the document is an `skos:altLabel`, so a party has one preferred label.
    fn party(&mut self, printed: &str) -> NamedNode {
        let identity = self.resolver.party(printed);
        let party = self.minter.party(&identity.key);
        self.out.add_type(&party, org::ORGANIZATION);
        self.out.add_type(&party, schema::POLITICAL_PARTY);
        self.out.add(
            &party,
            skos::PREF_LABEL,
            Literal::new_simple_literal(&identity.label),
        );
        if identity.label != printed {
            self.out.add(
                &party,
                skos::ALT_LABEL,
                Literal::new_simple_literal(printed),
            );
        }
        party
    }

    /// An office as printed, as the offices table names it, in its ministry.
    fn office(&mut self, office: &Office) -> NamedNode {
        let identity = self.resolver.office(office);
        let post = self.post(&identity);
        let printed = office.label();
        if printed != identity.label {
            self.out
                .add(&post, skos::ALT_LABEL, Literal::new_simple_literal(printed));
        }
        post
    }

    fn post(&mut self, identity: &OfficeIdentity) -> NamedNode {
        let post = self.minter.office(&identity.label);
        self.out.add_type(&post, org::POST);
        self.out.add(
            &post,
            skos::PREF_LABEL,
            Literal::new_simple_literal(&identity.label),
        );
        if let Some((key, name)) = &identity.ministry {
            let ministry = self.minter.ministry(key);
            self.out.add_type(&ministry, org::ORGANIZATION);
            self.out
                .add_type(&ministry, schema::GOVERNMENT_ORGANIZATION);
            self.out.add(
                &ministry,
                skos::PREF_LABEL,
                Literal::new_simple_literal(name),
            );
            self.out.add(&post, org::POST_IN, ministry);
        }
        post
    }

    fn question(&mut self, set: &NamedNode, question: &Question) {
        let iri = self.minter.question(set, question.number);
        self.out.add_type(&iri, schema::QUESTION);
        self.out
            .add(&iri, schema::POSITION, integer(question.number.into()));
        if !question.text.is_empty() {
            self.out.add(&iri, schema::TEXT, nl(&question.text));
        }
        self.out.add(&iri, eli::IS_PART_OF, set.clone());
        self.out.add(set, eli::HAS_PART, iri.clone());
    }

    /// An answer or notice: its own work, linked to the set it answers or postpones.
    fn reply(&mut self, set: &NamedNode, document: &Document) -> NamedNode {
        let (class, kind) = match document.kind {
            DocumentKind::Notice => (kv::POSTPONEMENT_NOTICE, "mededeling"),
            _ => (kv::ANSWER_DOCUMENT, "antwoord"),
        };
        let reply = self
            .minter
            .reply(document.aanhangsel.as_deref(), &self.set.key, kind);
        self.out.add_type(&reply, eli::WORK);
        self.out.add_type(&reply, class);
        if let Some(id) = &document.aanhangsel {
            self.out
                .add(&reply, dct::IDENTIFIER, Literal::new_simple_literal(id));
            self.out
                .add(&reply, foaf::PAGE, links::publication_page(id));
        }
        if let Some(date) = document.received {
            self.out.add(&reply, dct::DATE_ACCEPTED, date_literal(date));
            self.out.add(&reply, eli::DATE_DOCUMENT, date_literal(date));
        }
        if document.kind == DocumentKind::Notice {
            self.out.add(&reply, kv::POSTPONES, set.clone());
            self.out.add(&reply, dct::REFERENCES, set.clone());
        } else {
            self.out.add(
                &reply,
                eli::WORK_TYPE,
                ep_document_types::QUESTION_WRITTEN_ANSWER,
            );
            self.out.add(&reply, eli_dl::ANSWERS_TO, set.clone());
        }
        for (index, holder) in document.answerers.iter().enumerate() {
            self.answerer(&reply, index + 1, holder, document.received);
        }
        for office in &document.on_behalf_of {
            let post = self.office(office);
            self.out.add(&reply, kv::ON_BEHALF_OF, post);
        }
        for answer in &document.answers {
            self.answer(set, &reply, answer);
        }
        if let Some(id) = &document.earlier_notice {
            let notice = self.minter.aanhangsel(id);
            self.out.add_type(&notice, eli::WORK);
            self.out.add_type(&notice, kv::POSTPONEMENT_NOTICE);
            self.out
                .add(&notice, dct::IDENTIFIER, Literal::new_simple_literal(id));
            self.out.add(&notice, kv::POSTPONES, set.clone());
            self.out.add(&notice, dct::REFERENCES, set.clone());
        }
        reply
    }

    fn answerer(
        &mut self,
        reply: &NamedNode,
        position: usize,
        holder: &OfficeHolder,
        date: Option<NaiveDate>,
    ) {
        let identity = self.resolver.office_holder(holder, date);
        let person = self.person(&identity, &holder.name);
        let participation = self.minter.answerer_participation(reply, position);
        self.creator(reply, &person, &participation, kv::ANSWERER, position);
        self.out.add(
            &participation,
            kv::TITLE,
            Literal::new_simple_literal(&holder.title),
        );
        if let Some(portfolio) = &holder.portfolio {
            self.out.add(
                &participation,
                kv::PORTFOLIO,
                Literal::new_simple_literal(portfolio),
            );
        }
        if let Some(office) = self.resolver.held_office(holder) {
            let post = self.post(&office);
            self.out.add(&person, org::HOLDS, post.clone());
            self.out.add(&post, org::HELD_BY, person.clone());
            self.dated_holding(&person, &post, &office, &identity, holder, date);
        }
    }

    /// The office held as the table dates it: an `org:Membership` of the person in the
    /// ministry, for the post (`kv:post`), during the mandate the table records for the date
    /// the document was received.
    fn dated_holding(
        &mut self,
        person: &NamedNode,
        post: &NamedNode,
        office: &OfficeIdentity,
        identity: &PersonIdentity,
        holder: &OfficeHolder,
        date: Option<NaiveDate>,
    ) {
        let Some(member) = self.resolver.table_row(identity) else {
            return;
        };
        let Some((index, mandate)) =
            date.and_then(|date| member.office_at(holder.portfolio.as_deref(), date))
        else {
            return;
        };
        let membership = self.minter.office_mandate(person, index + 1);
        self.out.add_type(&membership, org::MEMBERSHIP);
        self.out.add(&membership, org::MEMBER, person.clone());
        self.out.add(&membership, kv::POST, post.clone());
        if let Some((key, _)) = &office.ministry {
            let ministry = self.minter.ministry(key);
            self.out
                .add(&membership, org::ORGANIZATION_PROPERTY, ministry);
        }
        reference::member_during(
            &mut self.out,
            self.minter,
            &membership,
            mandate.from,
            mandate.until,
        );
    }

    fn answer(&mut self, set: &NamedNode, reply: &NamedNode, answer: &Answer) {
        let iri = self.minter.answer(reply, answer.number);
        self.out.add_type(&iri, schema::ANSWER);
        self.out
            .add(&iri, schema::POSITION, integer(answer.number.into()));
        self.out.add(
            &iri,
            schema::PARENT_ITEM,
            self.minter.question(set, answer.number),
        );
        if !answer.text.is_empty() {
            self.out.add(&iri, schema::TEXT, nl(&answer.text));
        }
        self.out.add(&iri, eli::IS_PART_OF, reply.clone());
        self.out.add(reply, eli::HAS_PART, iri.clone());
        for other in &answer.see_answers {
            self.out
                .add(&iri, dct::REFERENCES, self.minter.answer(reply, *other));
        }
    }

    fn footnote(
        &mut self,
        set: &NamedNode,
        owner: &FootnoteOwner,
        footnote: &Footnote,
        document: &Document,
    ) {
        // A second series of notes, numbered from 1 again, is named after the first.
        let place = document.footnote_place(footnote.key());
        let iri = match owner {
            FootnoteOwner::Set => self.minter.footnote(set, place),
            FootnoteOwner::Reply(reply) => self.minter.reply_footnote(reply, place),
        };
        self.out.add_type(&iri, cito::CITATION);
        self.out.add(&iri, schema::POSITION, integer(place.into()));
        self.out.add(&iri, schema::TEXT, nl(&footnote.text));
        let cited = footnote.cited_iri().as_deref().and_then(external);
        let citing = self.citing_items(set, owner, footnote.key(), document);
        for item in citing {
            self.out.add(&iri, cito::HAS_CITING_ENTITY, item.clone());
            if let Some(url) = &cited {
                self.out.add(&item, cito::CITES, url.clone());
            }
        }
        if let Some(url) = cited {
            self.out.add(&iri, cito::HAS_CITED_ENTITY, url);
        }
    }

    /// The questions and answers whose text carries the footnote's marker.
    fn citing_items(
        &self,
        set: &NamedNode,
        owner: &FootnoteOwner,
        note: NoteRef,
        document: &Document,
    ) -> Vec<NamedNode> {
        let questions = document
            .questions
            .iter()
            .filter(|q| q.cites.contains(&note))
            .map(|q| self.minter.question(set, q.number));
        let answers = match owner {
            FootnoteOwner::Reply(reply) => document
                .answers
                .iter()
                .filter(|a| a.cites.contains(&note))
                .map(|a| self.minter.answer(reply, a.number))
                .collect(),
            FootnoteOwner::Set => Vec::new(),
        };
        questions.chain(answers).collect()
    }

    fn follow_up(&mut self, set: &NamedNode, earlier: &FollowUp) {
        let key = earlier.zaak.as_str();
        let earlier_set = self.minter.question_set(key);
        self.out.add(set, dct::REFERENCES, earlier_set.clone());
        self.out.add(set, kv::FOLLOWS_UP, earlier_set.clone());
        self.question_set(
            &earlier_set,
            Some(key),
            false,
            &earlier.submitters,
            earlier.submitted,
        );
    }

    /// Another publication, as a work with its identifier.
    fn publication(&mut self, publication: &Publication) -> NamedNode {
        let target = match publication {
            Publication::Aanhangsel(id) => self.minter.aanhangsel(id),
            Publication::Kamerstuk(id) => self.minter.kamerstuk(id),
        };
        self.out.add_type(&target, eli::WORK);
        self.out.add(
            &target,
            dct::IDENTIFIER,
            Literal::new_simple_literal(publication.id()),
        );
        self.out.add(
            &target,
            foaf::PAGE,
            links::publication_page(publication.id()),
        );
        target
    }
}

/// Footnotes of a set of questions are numbered within the set; those of an answer or notice
/// within that document (its numbers may differ from the questions' own).
enum FootnoteOwner {
    Set,
    Reply(NamedNode),
}

fn basis_concept(basis: Basis) -> NamedNodeRef<'static> {
    match basis {
        Basis::ReferenceTable => kv::REFERENCE_TABLE,
        Basis::PrintedNameAndParty => kv::PRINTED_NAME_AND_PARTY,
        Basis::PrintedName => kv::PRINTED_NAME,
        Basis::Ambiguous => kv::AMBIGUOUS,
    }
}

fn set_basis_concept(basis: SetBasis) -> NamedNodeRef<'static> {
    match basis {
        SetBasis::PrintedZaak => kv::PRINTED_ZAAK,
        SetBasis::MatchedHeader => kv::MATCHED_HEADER,
        SetBasis::PrintedHeader => kv::PRINTED_HEADER,
        SetBasis::Ambiguous => kv::AMBIGUOUS_HEADER,
        SetBasis::SourceFile => kv::SOURCE_FILE,
    }
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

/// chrono writes a date as `%Y-%m-%d` (sign and all for years past 9999), without parsing a
/// format string first.
fn date_literal(date: NaiveDate) -> Literal {
    Literal::new_typed_literal(date.to_string(), xsd::DATE)
}

/// An `xsd:integer`. Those under 100 (positions, mostly) come from a table, so that the
/// quads stating them borrow it rather than each own a copy.
fn integer(value: u64) -> Object {
    static SMALL: LazyLock<Vec<String>> =
        LazyLock::new(|| (0..100).map(|number: u32| number.to_string()).collect());
    match usize::try_from(value)
        .ok()
        .and_then(|index| SMALL.get(index))
    {
        Some(text) => LiteralRef::new_typed_literal(text, xsd::INTEGER).into(),
        None => Literal::new_typed_literal(value.to_string(), xsd::INTEGER).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_strftime_would() {
        for (year, month, day) in [(2019, 9, 3), (999, 12, 31), (-5, 1, 1), (12345, 6, 7)] {
            let date = NaiveDate::from_ymd_opt(year, month, day).unwrap();
            let expected = date.format("%Y-%m-%d").to_string();
            assert_eq!(date_literal(date).value(), expected);
        }
    }
}
