//! The reference tables as a graph of their own: parties, ministries and posts. Tables enter;
//! the quads of `{base}graph/reference` leave. A member of the tables is described where a
//! document names them ([`table_person`]), so that the graph holds the people of its documents,
//! not the thousand of the tables.

use super::{QuadList, QuadWriter};
use crate::identity::reference::{Member, ReferenceData};
use crate::rdf::iri::IriMinter;
use crate::rdf::links;
use crate::rdf::vocab::{foaf, kv, org, owl, rdfs, schema, skos, time};
use chrono::NaiveDate;
use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, NamedNode};

/// The reference tables as a graph: parties with their labels and links, ministries and the
/// posts of ministers without a ministry of their own.
pub(crate) fn reference_quads(minter: &IriMinter, reference: &ReferenceData) -> QuadList {
    let mut out = QuadWriter::new(minter.reference_graph());
    for party in &reference.parties {
        let iri = minter.party(&party.key);
        out.add_type(&iri, org::ORGANIZATION);
        out.add_type(&iri, schema::POLITICAL_PARTY);
        out.add(
            &iri,
            skos::PREF_LABEL,
            Literal::new_simple_literal(&party.label),
        );
        for variant in &party.variants {
            out.add(&iri, skos::ALT_LABEL, Literal::new_simple_literal(variant));
        }
        if let Some(id) = &party.wikidata {
            out.add(&iri, owl::SAME_AS, links::wikidata(id));
        }
    }
    for ministry in &reference.ministries {
        let iri = minter.ministry(&ministry.key);
        out.add_type(&iri, org::ORGANIZATION);
        out.add_type(&iri, schema::GOVERNMENT_ORGANIZATION);
        let label = format!("Ministerie van {}", ministry.name);
        out.add(&iri, skos::PREF_LABEL, Literal::new_simple_literal(label));
        for short in &ministry.abbreviations {
            out.add(&iri, skos::ALT_LABEL, Literal::new_simple_literal(short));
        }
    }
    for post in &reference.posts {
        let label = format!("Minister voor {}", post.name);
        let iri = minter.office(&label);
        out.add_type(&iri, org::POST);
        out.add(&iri, skos::PREF_LABEL, Literal::new_simple_literal(&label));
        for short in &post.abbreviations {
            let alt = format!("Minister voor {short}");
            out.add(&iri, skos::ALT_LABEL, Literal::new_simple_literal(alt));
        }
        if let Some(ministry) = &post.ministry {
            out.add(&iri, org::POST_IN, minter.ministry(ministry));
        }
    }
    out.quads
}

/// What the tables know of a person a document names: names, identifiers and the parties they
/// sat for.
pub(super) fn table_person(out: &mut QuadWriter<'_>, minter: &IriMinter, member: &Member) {
    let iri = minter.person(&member.key);
    out.add(
        &iri,
        foaf::NAME,
        Literal::new_simple_literal(member.full_name()),
    );
    out.add(
        &iri,
        foaf::FAMILY_NAME,
        Literal::new_simple_literal(&member.surname),
    );
    if let Some(given) = &member.given_name {
        out.add(&iri, foaf::GIVEN_NAME, Literal::new_simple_literal(given));
    }
    if let Some(initials) = &member.initials {
        out.add(&iri, kv::INITIALS, Literal::new_simple_literal(initials));
    }
    if let Some(id) = &member.wikidata {
        out.add(&iri, owl::SAME_AS, links::wikidata(id));
    }
    if let Some(id) = &member.parlement_com {
        out.add(&iri, foaf::PAGE, links::parlement_com(id));
    }
    if let Some(guid) = &member.tk_persoon {
        out.add(&iri, rdfs::SEE_ALSO, links::tk_persoon(guid));
    }
    for (index, seat) in member.parties.iter().enumerate() {
        let party = minter.party(&seat.party);
        out.add(&iri, org::MEMBER_OF, party.clone());
        let membership = minter.membership(&iri, index + 1);
        out.add_type(&membership, org::MEMBERSHIP);
        out.add(&membership, org::MEMBER, iri.clone());
        out.add(&membership, org::ORGANIZATION_PROPERTY, party);
        member_during(out, minter, &membership, seat.from, seat.until);
    }
}

/// When a membership (a seat, or an office held) lasted: `org:memberDuring` a `time:Interval`
/// with the ends the table knows; nothing where it knows neither.
pub(super) fn member_during(
    out: &mut QuadWriter<'_>,
    minter: &IriMinter,
    membership: &NamedNode,
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
) {
    if from.is_none() && until.is_none() {
        return;
    }
    let period = minter.membership_period(membership);
    out.add(membership, org::MEMBER_DURING, period.clone());
    out.add_type(&period, time::INTERVAL);
    let ends = [
        (from, time::HAS_BEGINNING, true),
        (until, time::HAS_END, false),
    ];
    for (date, predicate, beginning) in ends {
        let Some(date) = date else { continue };
        let instant = minter.period_end(&period, beginning);
        out.add(&period, predicate, instant.clone());
        out.add_type(&instant, time::INSTANT);
        out.add(
            &instant,
            time::IN_XSD_DATE,
            Literal::new_typed_literal(date.to_string(), xsd::DATE),
        );
    }
}
