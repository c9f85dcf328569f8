//! The description of a published dataset, as DCAT and VoID together.
//!
//! The publisher's settings, the statistics of the dump and the list of files written enter;
//! triples leave, for `dataset.ttl`. The dataset is a `dcat:Dataset` and a `void:Dataset`
//! with the fields DCAT-AP-DONL 2.0 requires and those DCAT-AP-NL 3.0 adds; every file is a
//! `dcat:Distribution` with its size and SHA-256. Linked resources (publisher, licence,
//! theme, media types) are typed, since the DCAT-AP shapes check their classes. No blank
//! nodes: partitions and distributions get IRIs under the dataset's.

use super::settings::PublishSettings;
use super::statistics::Statistics;
use crate::export::ExportFormat;
use crate::identity::reference::TABLE_SOURCES;
use crate::rdf::iri::{dataset_part, IriMinter};
use crate::rdf::links::FAMILIES;
use crate::rdf::vocab::{self, dcat, dct, foaf, prov, rdfs, skos, spdx, vcard, void};
use chrono::NaiveDate;
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, Term, Triple};

/// The themes: on data.overheid.nl (DCAT-AP-DONL's value list), and in the EU data-theme
/// vocabulary (government and public sector), with their labels as those lists give them.
const THEMES: &[(&str, &[(&str, &str)])] = &[
    (
        "http://standaarden.overheid.nl/owms/terms/Parlement",
        &[("Parlement", "nl")],
    ),
    (
        "http://publications.europa.eu/resource/authority/data-theme/GOVE",
        &[
            ("Overheid en publieke sector", "nl"),
            ("Government and public sector", "en"),
        ],
    ),
];
/// Dutch, in the EU language vocabulary.
const LANGUAGE_DUTCH: &str = "http://publications.europa.eu/resource/authority/language/NLD";
const GZIP: &str = "http://www.iana.org/assignments/media-types/application/gzip";

/// One file written beside the description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedFile {
    pub name: String,
    pub format: ExportFormat,
    pub gzip: bool,
    pub bytes: u64,
    pub sha256: String,
}

/// Where the shapes the data conforms to are published.
pub struct Conformance {
    pub shapes: NamedNode,
}

/// The triples of `dataset.ttl`.
pub fn describe(
    settings: &PublishSettings,
    statistics: &Statistics,
    files: &[PublishedFile],
    minter: &IriMinter,
    conformance: &Conformance,
) -> Vec<Triple> {
    describe_with(settings, true, statistics, files, minter, conformance)
}

/// What `kamervragen serve` answers at `/dataset`: the description `publish` writes (without
/// publisher, creator and contact point unless `attributed`: nobody is named who was not
/// given), and the endpoint of `settings.sparql_endpoint` as a `dcat:DataService` that serves
/// the dataset.
pub fn describe_served(
    settings: &PublishSettings,
    attributed: bool,
    statistics: &Statistics,
    files: &[PublishedFile],
    minter: &IriMinter,
    conformance: &Conformance,
) -> Vec<Triple> {
    let mut triples = describe_with(settings, attributed, statistics, files, minter, conformance);
    if let Some(endpoint) = &settings.sparql_endpoint {
        let mut out = Description::default();
        out.data_service(settings, attributed, endpoint);
        triples.append(&mut out.triples);
    }
    triples
}

fn describe_with(
    settings: &PublishSettings,
    attributed: bool,
    statistics: &Statistics,
    files: &[PublishedFile],
    minter: &IriMinter,
    conformance: &Conformance,
) -> Vec<Triple> {
    let mut out = Description::default();
    let dataset = &settings.dataset;
    out.catalogue_fields(settings, statistics);
    if attributed {
        out.agents(settings);
    }
    out.void_fields(dataset, statistics, minter);
    for file in files {
        out.distribution(settings, file);
    }
    if let Some(endpoint) = &settings.sparql_endpoint {
        out.add(dataset, void::SPARQL_ENDPOINT, endpoint.clone());
    }
    out.table_sources(dataset);
    out.add(dataset, dct::CONFORMS_TO, conformance.shapes.clone());
    out.add_type(&conformance.shapes, dct::STANDARD);
    out.triples
}

#[derive(Default)]
struct Description {
    triples: Vec<Triple>,
}

impl Description {
    fn add(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, object: impl Into<Term>) {
        self.triples
            .push(Triple::new(subject.clone(), predicate, object));
    }

    fn add_type(&mut self, subject: &NamedNode, class: NamedNodeRef<'_>) {
        self.add(subject, rdf::TYPE, class);
    }

    /// A resource the description links to, typed as the DCAT-AP shapes expect.
    fn linked(
        &mut self,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
        object: &NamedNode,
        class: NamedNodeRef<'_>,
    ) {
        self.add(subject, predicate, object.clone());
        self.add_type(object, class);
    }

    /// The data the member tables were built from, with its licence.
    fn table_sources(&mut self, dataset: &NamedNode) {
        for (address, title, licence) in TABLE_SOURCES {
            let source = NamedNode::new_unchecked(*address);
            self.add(dataset, prov::WAS_DERIVED_FROM, source.clone());
            self.add(&source, dct::TITLE, Literal::new_simple_literal(*title));
            let licence = NamedNode::new_unchecked(*licence);
            self.linked(&source, dct::LICENSE, &licence, dct::LICENSE_DOCUMENT);
        }
    }

    fn catalogue_fields(&mut self, settings: &PublishSettings, statistics: &Statistics) {
        let dataset = &settings.dataset;
        self.add_type(dataset, dcat::DATASET);
        self.add_type(dataset, void::DATASET);
        self.add(
            dataset,
            dct::IDENTIFIER,
            Literal::new_simple_literal(dataset.as_str()),
        );
        self.texts(dataset, dct::TITLE, &settings.title.nl, &settings.title.en);
        let description = &settings.description;
        self.texts(dataset, dct::DESCRIPTION, &description.nl, &description.en);
        self.linked(
            dataset,
            dct::LICENSE,
            &settings.license,
            dct::LICENSE_DOCUMENT,
        );
        self.linked(
            dataset,
            dct::ACCESS_RIGHTS,
            &settings.access_rights,
            dct::RIGHTS_STATEMENT,
        );
        for (theme, labels) in THEMES {
            let theme = NamedNode::new_unchecked(*theme);
            self.linked(dataset, dcat::THEME, &theme, skos::CONCEPT);
            for (label, language) in *labels {
                let label = Literal::new_language_tagged_literal_unchecked(*label, *language);
                self.add(&theme, skos::PREF_LABEL, label);
            }
        }
        let dutch = NamedNode::new_unchecked(LANGUAGE_DUTCH);
        self.linked(dataset, dct::LANGUAGE, &dutch, dct::LINGUISTIC_SYSTEM);
        for keyword in ["Tweede Kamer", "Kamervragen", "schriftelijke vragen"] {
            let keyword = Literal::new_language_tagged_literal_unchecked(keyword, "nl");
            self.add(dataset, dcat::KEYWORD, keyword);
        }
        // Without configured dates, the dataset is as new as its newest document: the same
        // input then gives the same description.
        let modified = settings.modified.or(statistics.newest_document);
        if let Some(modified) = modified {
            self.add(dataset, dct::MODIFIED, date(modified));
        }
        if let Some(issued) = settings.issued.or(modified) {
            self.add(dataset, dct::ISSUED, date(issued));
        }
    }

    fn agents(&mut self, settings: &PublishSettings) {
        let dataset = &settings.dataset;
        for (predicate, agent) in [
            (dct::PUBLISHER, &settings.publisher),
            (dct::CREATOR, &settings.creator),
        ] {
            self.linked(dataset, predicate, &agent.iri, foaf::AGENT);
            self.add(
                &agent.iri,
                foaf::NAME,
                Literal::new_simple_literal(&agent.name),
            );
        }
        let contact = &settings.contact;
        self.linked(dataset, dcat::CONTACT_POINT, &contact.iri, vcard::KIND);
        self.add(
            &contact.iri,
            vcard::FN,
            Literal::new_simple_literal(&contact.name),
        );
        if let Some(email) = &contact.email {
            self.add(&contact.iri, vcard::HAS_EMAIL, email.clone());
        }
        if let Some(url) = &contact.url {
            self.add(&contact.iri, vcard::HAS_URL, url.clone());
        }
    }

    fn void_fields(&mut self, dataset: &NamedNode, statistics: &Statistics, minter: &IriMinter) {
        self.add(dataset, void::TRIPLES, integer(statistics.triples));
        self.add(dataset, void::ENTITIES, integer(statistics.entities));
        self.add(
            dataset,
            void::URI_SPACE,
            Literal::new_simple_literal(minter.base()),
        );
        if let Some(example) = &statistics.example {
            self.add(dataset, void::EXAMPLE_RESOURCE, example.clone());
        }
        for (class, instances) in &statistics.classes {
            let partition = dataset_part(dataset, "class", &short_name(class));
            self.add(dataset, void::CLASS_PARTITION, partition.clone());
            self.add(&partition, void::CLASS, class.clone());
            self.add(&partition, void::ENTITIES, integer(*instances));
        }
        for (property, triples) in &statistics.properties {
            let partition = dataset_part(dataset, "property", &short_name(property));
            self.add(dataset, void::PROPERTY_PARTITION, partition.clone());
            self.add(&partition, void::PROPERTY, property.clone());
            self.add(&partition, void::TRIPLES, integer(*triples));
        }
        for (_, namespace) in vocab::prefixes() {
            let used = statistics
                .properties
                .keys()
                .chain(statistics.classes.keys())
                .any(|term| term.as_str().starts_with(namespace));
            if used {
                self.add(
                    dataset,
                    void::VOCABULARY,
                    NamedNode::new_unchecked(namespace),
                );
            }
        }
        // The linksets are described in the data itself (its linkset graph); the description
        // names them as subsets so that a harvester of this file finds them too.
        for family in &FAMILIES {
            self.add(dataset, void::SUBSET, minter.linkset(family.key));
        }
        self.triples.extend(statistics.linksets.iter().cloned());
    }

    fn distribution(&mut self, settings: &PublishSettings, file: &PublishedFile) {
        let dataset = &settings.dataset;
        let distribution = dataset_part(dataset, "distribution", &file.name);
        let url = NamedNode::new_unchecked(format!("{}{}", settings.download_url, file.name));
        self.add(dataset, dcat::DISTRIBUTION_PROPERTY, distribution.clone());
        self.add(dataset, void::DATA_DUMP, url.clone());
        self.add_type(&distribution, dcat::DISTRIBUTION);
        let title = format!("{} ({})", file.name, file.format.rdf_format().name());
        self.add(
            &distribution,
            dct::TITLE,
            Literal::new_simple_literal(title),
        );
        self.linked(&distribution, dcat::ACCESS_URL, &url, rdfs::RESOURCE);
        self.linked(&distribution, dcat::DOWNLOAD_URL, &url, rdfs::RESOURCE);
        let media_type = NamedNode::new_unchecked(file.format.media_type_iri());
        self.linked(
            &distribution,
            dcat::MEDIA_TYPE,
            &media_type,
            dct::MEDIA_TYPE,
        );
        let format = NamedNode::new_unchecked(file.format.eu_file_type());
        self.linked(
            &distribution,
            dct::FORMAT,
            &format,
            dct::MEDIA_TYPE_OR_EXTENT,
        );
        if file.gzip {
            let gzip = NamedNode::new_unchecked(GZIP);
            self.linked(&distribution, dcat::COMPRESS_FORMAT, &gzip, dct::MEDIA_TYPE);
        }
        self.linked(
            &distribution,
            dct::LICENSE,
            &settings.license,
            dct::LICENSE_DOCUMENT,
        );
        let size = Literal::new_typed_literal(file.bytes.to_string(), xsd::NON_NEGATIVE_INTEGER);
        self.add(&distribution, dcat::BYTE_SIZE, size);
        let checksum = dataset_part(dataset, "checksum", &file.name);
        self.add(&distribution, spdx::CHECKSUM_PROPERTY, checksum.clone());
        self.add_type(&checksum, spdx::CHECKSUM);
        let algorithm = spdx::SHA256.into_owned();
        self.linked(
            &checksum,
            spdx::ALGORITHM,
            &algorithm,
            spdx::CHECKSUM_ALGORITHM,
        );
        let value = Literal::new_typed_literal(&file.sha256, xsd::HEX_BINARY);
        self.add(&checksum, spdx::CHECKSUM_VALUE, value);
    }

    /// The SPARQL endpoint at `endpoint`, as a `dcat:DataService` that serves the dataset;
    /// its SPARQL service description is at the same address.
    /// With the fields DCAT-AP-NL 3.0 requires of a data service; publisher and contact point
    /// (those of the dataset) only when `attributed`.
    fn data_service(&mut self, settings: &PublishSettings, attributed: bool, endpoint: &NamedNode) {
        let dataset = &settings.dataset;
        let service = dataset_part(dataset, "service", "sparql");
        self.add_type(&service, dcat::DATA_SERVICE);
        self.add(
            &service,
            dct::IDENTIFIER,
            Literal::new_simple_literal(service.as_str()),
        );
        self.texts(
            &service,
            dct::TITLE,
            &format!("SPARQL-endpoint: {}", settings.title.nl),
            &format!("SPARQL endpoint: {}", settings.title.en),
        );
        self.texts(
            &service,
            dct::DESCRIPTION,
            "Een SPARQL 1.1-endpoint (alleen lezen) over de gegevens van de dataset.",
            "A read-only SPARQL 1.1 endpoint over the data of the dataset.",
        );
        for (theme, _) in THEMES {
            self.add(&service, dcat::THEME, NamedNode::new_unchecked(*theme));
        }
        if attributed {
            self.add(&service, dct::PUBLISHER, settings.publisher.iri.clone());
            self.add(&service, dcat::CONTACT_POINT, settings.contact.iri.clone());
        }
        self.linked(&service, dcat::ENDPOINT_URL, endpoint, rdfs::RESOURCE);
        self.add(&service, dcat::ENDPOINT_DESCRIPTION, endpoint.clone());
        self.add(&service, dcat::SERVES_DATASET, dataset.clone());
        self.linked(
            &service,
            dct::LICENSE,
            &settings.license,
            dct::LICENSE_DOCUMENT,
        );
        self.linked(
            &service,
            dct::ACCESS_RIGHTS,
            &settings.access_rights,
            dct::RIGHTS_STATEMENT,
        );
    }

    fn texts(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, nl: &str, en: &str) {
        for (text, language) in [(nl, "nl"), (en, "en")] {
            let literal = Literal::new_language_tagged_literal_unchecked(text, language);
            self.add(subject, predicate, literal);
        }
    }
}

/// `kv-QuestionSet` for `kv:QuestionSet`: a readable, unique name for a partition's IRI.
fn short_name(term: &NamedNode) -> String {
    vocab::prefixes()
        .into_iter()
        .filter(|(_, namespace)| term.as_str().starts_with(namespace))
        .max_by_key(|(_, namespace)| namespace.len())
        .map_or_else(
            || term.as_str().to_owned(),
            |(prefix, namespace)| format!("{prefix}-{}", &term.as_str()[namespace.len()..]),
        )
}

fn date(date: NaiveDate) -> Literal {
    Literal::new_typed_literal(date.format("%Y-%m-%d").to_string(), xsd::DATE)
}

fn integer(value: u64) -> Literal {
    Literal::new_typed_literal(value.to_string(), xsd::INTEGER)
}
