//! Every vocabulary IRI the mapping writes, as constants, one module per namespace.
//!
//! Nothing else in the crate spells out a vocabulary IRI. The local namespace [`kv`] is declared
//! in `ontology/kamervragen.ttl`; a test checks each [`kv::TERMS`] entry against that file, and
//! another checks that every local term in an exported graph is one of them.

use oxigraph::model::NamedNodeRef;

/// Declares a namespace module: its IRI, its usual prefix, a constant per term, and the list
/// of all its terms (so tests and the ontology check can iterate over them).
macro_rules! namespace {
    ($(#[$doc:meta])* $module:ident, $prefix:literal, $iri:literal, { $($name:ident = $local:literal),* $(,)? }) => {
        $(#[$doc])*
        pub mod $module {
            use super::NamedNodeRef;
            /// The namespace IRI.
            pub const NAMESPACE: &str = $iri;
            /// The prefix used in dumps and pre-declared in queries.
            pub const PREFIX: &str = $prefix;
            $(
                #[doc = concat!("`", $prefix, ":", $local, "`")]
                pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked(concat!($iri, $local));
            )*
            /// Every term of this namespace that the crate uses.
            pub const TERMS: &[NamedNodeRef<'static>] = &[$($name),*];
        }
    };
}

namespace!(
    /// The project's own vocabulary, declared in `ontology/kamervragen.ttl`.
    kv, "kv", "https://w3id.org/kamervragen/def#", {
    QUESTION_SET = "QuestionSet",
    ORAL_QUESTION_SET = "OralQuestionSet",
    FOLLOWS_UP = "followsUp",
    EXPLANATION = "explanation",
    SOURCE_PATH = "sourcePath",
    SUBMITTER = "Indiener",
    CO_SUBMITTER = "Medeindiener",
    ANSWERER = "Beantwoorder",
    ANSWER_DOCUMENT = "AnswerDocument",
    POSTPONEMENT_NOTICE = "PostponementNotice",
    POSTPONES = "postpones",
    ON_BEHALF_OF = "onBehalfOf",
    PORTFOLIO = "portfolio",
    POST = "post",
    TITLE = "title",
    IDENTITY_BASIS = "identityBasis",
    IDENTITY_CANDIDATE = "identityCandidate",
    REFERENCE_TABLE = "ReferenceTable",
    PRINTED_NAME_AND_PARTY = "PrintedNameAndParty",
    PRINTED_NAME = "PrintedName",
    AMBIGUOUS = "Ambiguous",
    PRINTED_ZAAK = "PrintedZaak",
    MATCHED_HEADER = "MatchedHeader",
    PRINTED_HEADER = "PrintedHeader",
    AMBIGUOUS_HEADER = "AmbiguousHeader",
    SOURCE_FILE = "SourceFile",
    INITIALS = "initials",
});

namespace!(
    /// European Legislation Identifier ontology.
    eli, "eli", "http://data.europa.eu/eli/ontology#", {
    WORK = "Work",
    DATE_DOCUMENT = "date_document",
    HAS_PART = "has_part",
    IS_PART_OF = "is_part_of",
    WORK_TYPE = "work_type",
});

namespace!(
    /// ELI draft legislation (ELI-DL), as used by the European Parliament.
    eli_dl, "eli-dl", "http://data.europa.eu/eli/eli-draft-legislation-ontology#", {
    PARTICIPATION = "Participation",
    PARTICIPATION_ROLE = "participation_role",
    PARTICIPATION_IN_NAME_OF = "participation_in_name_of",
    HAD_PARTICIPANT_PERSON = "had_participant_person",
    ANSWERS_TO = "answers_to",
});

namespace!(
    /// The European Parliament's vocabulary (shortcut from a work to its participations).
    epvoc, "epvoc", "https://data.europarl.europa.eu/def/epvoc#", {
    WORK_HAD_PARTICIPATION = "workHadParticipation",
});

namespace!(
    /// The European Parliament's document types.
    ep_document_types, "ep-document-types", "https://data.europarl.europa.eu/def/ep-document-types/", {
    QUESTION_WRITTEN = "QUESTION_WRITTEN",
    QUESTION_ORAL = "QUESTION_ORAL",
    QUESTION_WRITTEN_ANSWER = "QUESTION_WRITTEN_ANSWER",
});

namespace!(
    /// Dublin Core terms.
    dct, "dct", "http://purl.org/dc/terms/", {
    IDENTIFIER = "identifier",
    TITLE = "title",
    ALTERNATIVE = "alternative",
    DESCRIPTION = "description",
    DATE_SUBMITTED = "dateSubmitted",
    DATE_ACCEPTED = "dateAccepted",
    CREATOR = "creator",
    REFERENCES = "references",
    LICENSE = "license",
    PUBLISHER = "publisher",
    ACCESS_RIGHTS = "accessRights",
    ISSUED = "issued",
    MODIFIED = "modified",
    FORMAT = "format",
    CONFORMS_TO = "conformsTo",
    LANGUAGE = "language",
    LICENSE_DOCUMENT = "LicenseDocument",
    RIGHTS_STATEMENT = "RightsStatement",
    MEDIA_TYPE = "MediaType",
    MEDIA_TYPE_OR_EXTENT = "MediaTypeOrExtent",
    LINGUISTIC_SYSTEM = "LinguisticSystem",
    STANDARD = "Standard",
});

namespace!(
    /// Friend of a friend.
    foaf, "foaf", "http://xmlns.com/foaf/0.1/", {
    PERSON = "Person",
    AGENT = "Agent",
    NAME = "name",
    GIVEN_NAME = "givenName",
    FAMILY_NAME = "familyName",
    PAGE = "page",
    PRIMARY_TOPIC = "primaryTopic",
    TOPIC = "topic",
});

namespace!(
    /// W3C Organization ontology.
    org, "org", "http://www.w3.org/ns/org#", {
    ORGANIZATION = "Organization",
    POST = "Post",
    MEMBER_OF = "memberOf",
    POST_IN = "postIn",
    HOLDS = "holds",
    HELD_BY = "heldBy",
    MEMBERSHIP = "Membership",
    MEMBER = "member",
    ORGANIZATION_PROPERTY = "organization",
    MEMBER_DURING = "memberDuring",
});

namespace!(
    /// OWL-Time, for the periods of a membership.
    time, "time", "http://www.w3.org/2006/time#", {
    INTERVAL = "Interval",
    INSTANT = "Instant",
    HAS_BEGINNING = "hasBeginning",
    HAS_END = "hasEnd",
    IN_XSD_DATE = "inXSDDate",
});

namespace!(
    /// schema.org.
    schema, "schema", "http://schema.org/", {
    QUESTION = "Question",
    ANSWER = "Answer",
    PARENT_ITEM = "parentItem",
    POLITICAL_PARTY = "PoliticalParty",
    GOVERNMENT_ORGANIZATION = "GovernmentOrganization",
    POSITION = "position",
    TEXT = "text",
});

namespace!(
    /// Citation typing ontology.
    cito, "cito", "http://purl.org/spar/cito/", {
    CITATION = "Citation",
    CITES = "cites",
    HAS_CITING_ENTITY = "hasCitingEntity",
    HAS_CITED_ENTITY = "hasCitedEntity",
});

namespace!(
    /// Bibliographic ontology.
    bibo, "bibo", "http://purl.org/ontology/bibo/", {
    RECIPIENT = "recipient",
});

namespace!(
    /// SKOS.
    skos, "skos", "http://www.w3.org/2004/02/skos/core#", {
    CONCEPT = "Concept",
    CONCEPT_SCHEME = "ConceptScheme",
    PREF_LABEL = "prefLabel",
    ALT_LABEL = "altLabel",
    IN_SCHEME = "inScheme",
    CLOSE_MATCH = "closeMatch",
});

namespace!(
    /// W3C provenance.
    prov, "prov", "http://www.w3.org/ns/prov#", {
    ENTITY = "Entity",
    WAS_DERIVED_FROM = "wasDerivedFrom",
    GENERATED_AT_TIME = "generatedAtTime",
});

namespace!(
    /// SPDX, for file checksums (as DCAT 3 does).
    spdx, "spdx", "http://spdx.org/rdf/terms#", {
    CHECKSUM = "Checksum",
    CHECKSUM_PROPERTY = "checksum",
    ALGORITHM = "algorithm",
    CHECKSUM_VALUE = "checksumValue",
    SHA256 = "checksumAlgorithm_sha256",
    CHECKSUM_ALGORITHM = "ChecksumAlgorithm",
});

namespace!(
    /// OWL, for identity links.
    owl, "owl", "http://www.w3.org/2002/07/owl#", {
    SAME_AS = "sameAs",
});

namespace!(
    /// RDF Schema.
    rdfs, "rdfs", "http://www.w3.org/2000/01/rdf-schema#", {
    SEE_ALSO = "seeAlso",
    RESOURCE = "Resource",
});

namespace!(
    /// VoID, for the description of the links out.
    void, "void", "http://rdfs.org/ns/void#", {
    DATASET = "Dataset",
    LINKSET = "Linkset",
    SUBSET = "subset",
    LINK_PREDICATE = "linkPredicate",
    SUBJECTS_TARGET = "subjectsTarget",
    OBJECTS_TARGET = "objectsTarget",
    TRIPLES = "triples",
    ENTITIES = "entities",
    CLASS_PARTITION = "classPartition",
    PROPERTY_PARTITION = "propertyPartition",
    CLASS = "class",
    PROPERTY = "property",
    DATA_DUMP = "dataDump",
    SPARQL_ENDPOINT = "sparqlEndpoint",
    EXAMPLE_RESOURCE = "exampleResource",
    URI_SPACE = "uriSpace",
    VOCABULARY = "vocabulary",
});

namespace!(
    /// DCAT, for the description of the published dataset and its files.
    dcat, "dcat", "http://www.w3.org/ns/dcat#", {
    DATASET = "Dataset",
    DISTRIBUTION = "Distribution",
    DISTRIBUTION_PROPERTY = "distribution",
    ACCESS_URL = "accessURL",
    DOWNLOAD_URL = "downloadURL",
    MEDIA_TYPE = "mediaType",
    COMPRESS_FORMAT = "compressFormat",
    BYTE_SIZE = "byteSize",
    THEME = "theme",
    CONTACT_POINT = "contactPoint",
    KEYWORD = "keyword",
    DATA_SERVICE = "DataService",
    ENDPOINT_URL = "endpointURL",
    ENDPOINT_DESCRIPTION = "endpointDescription",
    SERVES_DATASET = "servesDataset",
});

namespace!(
    /// SPARQL 1.1 Service Description, for what the endpoint says of itself.
    sd, "sd", "http://www.w3.org/ns/sparql-service-description#", {
    SERVICE = "Service",
    ENDPOINT = "endpoint",
    SUPPORTED_LANGUAGE = "supportedLanguage",
    SPARQL11_QUERY = "SPARQL11Query",
    RESULT_FORMAT = "resultFormat",
    FEATURE = "feature",
    UNION_DEFAULT_GRAPH = "UnionDefaultGraph",
    DEFAULT_DATASET = "defaultDataset",
    DATASET = "Dataset",
    DEFAULT_GRAPH = "defaultGraph",
    GRAPH = "Graph",
    NAMED_GRAPH = "namedGraph",
    NAMED_GRAPH_CLASS = "NamedGraph",
    NAME = "name",
});

namespace!(
    /// The W3C's names of formats, for the result formats an endpoint offers.
    formats, "formats", "http://www.w3.org/ns/formats/", {
    SPARQL_RESULTS_JSON = "SPARQL_Results_JSON",
    SPARQL_RESULTS_XML = "SPARQL_Results_XML",
    SPARQL_RESULTS_CSV = "SPARQL_Results_CSV",
    SPARQL_RESULTS_TSV = "SPARQL_Results_TSV",
    TURTLE = "Turtle",
    N_TRIPLES = "N-Triples",
    JSON_LD = "JSON-LD",
    RDF_XML = "RDF_XML",
});

namespace!(
    /// vCard, for the contact point of a dataset.
    vcard, "vcard", "http://www.w3.org/2006/vcard/ns#", {
    KIND = "Kind",
    FN = "fn",
    HAS_EMAIL = "hasEmail",
    HAS_URL = "hasURL",
});

/// Namespaces that are not written as terms but are useful as prefixes in dumps and queries.
const OTHER_PREFIXES: &[(&str, &str)] = &[
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

/// Every prefix the dumps declare and the query command pre-declares, sorted by prefix.
pub fn prefixes() -> Vec<(&'static str, &'static str)> {
    let mut all = vec![
        (kv::PREFIX, kv::NAMESPACE),
        (eli::PREFIX, eli::NAMESPACE),
        (eli_dl::PREFIX, eli_dl::NAMESPACE),
        (epvoc::PREFIX, epvoc::NAMESPACE),
        (ep_document_types::PREFIX, ep_document_types::NAMESPACE),
        (dct::PREFIX, dct::NAMESPACE),
        (foaf::PREFIX, foaf::NAMESPACE),
        (org::PREFIX, org::NAMESPACE),
        (schema::PREFIX, schema::NAMESPACE),
        (cito::PREFIX, cito::NAMESPACE),
        (bibo::PREFIX, bibo::NAMESPACE),
        (skos::PREFIX, skos::NAMESPACE),
        (prov::PREFIX, prov::NAMESPACE),
        (spdx::PREFIX, spdx::NAMESPACE),
        (owl::PREFIX, owl::NAMESPACE),
        (rdfs::PREFIX, rdfs::NAMESPACE),
        (void::PREFIX, void::NAMESPACE),
        (dcat::PREFIX, dcat::NAMESPACE),
        (time::PREFIX, time::NAMESPACE),
    ];
    all.extend_from_slice(OTHER_PREFIXES);
    all.sort_unstable();
    all
}

/// The ontology that declares the [`kv`] terms, as shipped in `ontology/`.
pub(crate) const ONTOLOGY_TURTLE: &str = include_str!("../../ontology/kamervragen.ttl");

/// Dutch and English names of the other vocabularies' terms the graph uses, for pages.
pub(crate) const TERM_LABELS_TURTLE: &str = include_str!("../../ontology/labels.ttl");

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::{RdfFormat, RdfParser};
    use oxigraph::model::{NamedNode, Term, Triple};

    fn ontology() -> Vec<Triple> {
        RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(ONTOLOGY_TURTLE.as_bytes())
            .map(|quad| quad.expect("the ontology is valid Turtle").into())
            .collect()
    }

    fn objects(triples: &[Triple], subject: NamedNodeRef<'_>, predicate: &str) -> Vec<Term> {
        triples
            .iter()
            .filter(|t| t.subject.to_string() == subject.to_string())
            .filter(|t| t.predicate.as_str() == predicate)
            .map(|t| t.object.clone())
            .collect()
    }

    /// Each local term the code can write is declared with Dutch and English labels, a comment,
    /// and at least one link to a term outside the local namespace.
    #[test]
    fn every_local_term_is_declared_in_the_ontology() {
        let triples = ontology();
        const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
        const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
        for term in kv::TERMS {
            let labels = objects(&triples, *term, &format!("{RDFS}label"));
            for language in ["nl", "en"] {
                assert!(
                    labels
                        .iter()
                        .any(|l| matches!(l, Term::Literal(l) if l.language() == Some(language))),
                    "{term} has no rdfs:label in {language}"
                );
            }
            assert!(
                !objects(&triples, *term, &format!("{RDFS}comment")).is_empty(),
                "{term} has no rdfs:comment"
            );
            let alignments: Vec<Term> = ["subClassOf", "subPropertyOf"]
                .iter()
                .map(|p| format!("{RDFS}{p}"))
                .chain(
                    ["closeMatch", "exactMatch", "broadMatch"]
                        .iter()
                        .map(|p| format!("{SKOS}{p}")),
                )
                .flat_map(|p| objects(&triples, *term, &p))
                .collect();
            assert!(
                alignments.iter().any(
                    |t| matches!(t, Term::NamedNode(n) if !n.as_str().starts_with(kv::NAMESPACE))
                ),
                "{term} is not aligned to any standard term"
            );
        }
    }

    #[test]
    fn every_constant_is_a_valid_iri_in_its_namespace() {
        for term in kv::TERMS.iter().chain(dct::TERMS).chain(spdx::TERMS) {
            NamedNode::new(term.as_str()).expect("valid IRI");
        }
        assert!(kv::QUESTION_SET.as_str().starts_with(kv::NAMESPACE));
    }

    #[test]
    fn prefixes_are_unique() {
        let all = prefixes();
        let mut names: Vec<_> = all.iter().map(|(p, _)| *p).collect();
        names.dedup();
        assert_eq!(names.len(), all.len());
    }
}
