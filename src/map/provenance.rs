//! Where each document graph came from: the source file, its path, SHA-256, media type and size
//! (of the file as published: a Word file's, not of the text read from it), and the resource
//! the graph is about. The quads go to `{base}graph/provenance`.

use super::{integer, SourceFacts};
use super::{QuadList, QuadWriter};
use crate::rdf::iri::IriMinter;
use crate::rdf::vocab::{dcat, foaf, kv, prov, spdx};
use chrono::SecondsFormat;
use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, NamedNode};

/// The provenance of one document graph: the file it was derived from, with its path and
/// SHA-256, the resource it is about and the set of questions it was taken to describe (so
/// that an update can tell when that decision changed); added after the document's own
/// `quads`.
pub(super) fn provenance(
    minter: &IriMinter,
    graph: &NamedNode,
    topic: &NamedNode,
    set: &NamedNode,
    source: SourceFacts<'_>,
    quads: QuadList,
) -> QuadList {
    let mut out = QuadWriter::appending_to(minter.provenance_graph(), quads);
    let file = minter.source(source.source_path);
    let checksum = minter.checksum(source.source_path);
    out.add_type(graph, prov::ENTITY);
    out.add(graph, prov::WAS_DERIVED_FROM, file.clone());
    out.add(graph, foaf::PRIMARY_TOPIC, topic.clone());
    out.add(graph, foaf::TOPIC, set.clone());
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
    let media_type = format!(
        "http://www.iana.org/assignments/media-types/{}",
        source.media_type
    );
    out.add(
        &file,
        dcat::MEDIA_TYPE,
        NamedNode::new_unchecked(media_type),
    );
    // xsd:integer, not xsd:nonNegativeInteger: oxigraph's store keeps the derived integer
    // types as xsd:integer, so a graph read back from a store would differ from a fresh one.
    out.add(&file, dcat::BYTE_SIZE, integer(source.size));
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
