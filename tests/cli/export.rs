//! `export`: the graph of the seed, as the interoperability contract describes it, in every
//! format, sorted and reproducible.

use super::{iri, kv_data, parse_quads, parse_triples, seed_path, Workspace};
use kamervragen::export::ExportFormat;
use kamervragen::run::pipeline::load;

use kamervragen::map::LoadOptions;
use oxigraph::io::RdfFormat;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::PathBuf;

const XSD_DATE: &str = "http://www.w3.org/2001/XMLSchema#date";
const XSD_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";

fn p(prefixed: &str) -> String {
    let (prefix, local) = prefixed.split_once(':').unwrap();
    let namespace = match prefix {
        "rdf" => "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "eli" => "http://data.europa.eu/eli/ontology#",
        "eli-dl" => "http://data.europa.eu/eli/eli-draft-legislation-ontology#",
        "epvoc" => "https://data.europarl.europa.eu/def/epvoc#",
        "dct" => "http://purl.org/dc/terms/",
        "foaf" => "http://xmlns.com/foaf/0.1/",
        "org" => "http://www.w3.org/ns/org#",
        "time" => "http://www.w3.org/2006/time#",
        "schema" => "http://schema.org/",
        "cito" => "http://purl.org/spar/cito/",
        "bibo" => "http://purl.org/ontology/bibo/",
        "skos" => "http://www.w3.org/2004/02/skos/core#",
        "prov" => "http://www.w3.org/ns/prov#",
        "spdx" => "http://spdx.org/rdf/terms#",
        "kv" => "https://w3id.org/kamervragen/def#",
        other => panic!("unknown prefix {other}"),
    };
    iri(&format!("{namespace}{local}"))
}

fn triple(s: &str, predicate: &str, o: &str) -> String {
    format!("{s} {} {o}", p(predicate))
}

fn plain(text: &str) -> String {
    format!("\"{text}\"")
}

fn dutch(text: &str) -> String {
    format!("\"{text}\"@nl")
}

fn date(text: &str) -> String {
    format!("\"{text}\"^^<{XSD_DATE}>")
}

fn integer(n: u32) -> String {
    format!("\"{n}\"^^<{XSD_INTEGER}>")
}

fn seed_triples() -> BTreeSet<String> {
    let turtle = Workspace::with_seed().run(&["export"]).success();
    parse_triples(turtle.as_bytes(), RdfFormat::Turtle)
}

fn assert_contains(triples: &BTreeSet<String>, expected: &[String]) {
    for line in expected {
        assert!(triples.contains(line), "missing: {line}");
    }
}

#[test]
fn the_set_of_questions() {
    let set = kv_data("zaak/2019Z15244");
    let triples = seed_triples();
    assert_contains(
        &triples,
        &[
            triple(&set, "rdf:type", &p("eli:Work")),
            triple(&set, "rdf:type", &p("kv:QuestionSet")),
            triple(&set, "dct:identifier", &plain("2019Z15244")),
            triple(&set, "dct:title", &dutch("het bericht «Berucht Chinees veiligheidsministerie gebruikt Nederlandse software die emoties leest»")),
            triple(&set, "dct:dateSubmitted", &date("2019-07-18")),
            triple(&set, "eli:date_document", &date("2019-07-18")),
            triple(&set, "bibo:recipient", &kv_data("ambt/minister-voor-buitenlandse-handel-en-ontwikkelingssamenwerking")),
        ],
    );
    let titles = triples
        .iter()
        .filter(|t| t.starts_with(&set) && t.contains(&p("dct:title")))
        .count();
    assert_eq!(titles, 1);
}

#[test]
fn the_submitter_their_party_and_role() {
    let set = kv_data("zaak/2019Z15244");
    let person = kv_data("persoon/bf030048-0434-42f1-bbed-8b0c04014db4");
    let party = kv_data("partij/d66");
    let participation = kv_data("zaak/2019Z15244/indiener/1");
    let triples = seed_triples();
    assert_contains(
        &triples,
        &[
            triple(&set, "dct:creator", &person),
            triple(&person, "rdf:type", &p("foaf:Person")),
            triple(&person, "foaf:name", &plain("Sjoerd Sjoerdsma")),
            triple(&person, "skos:altLabel", &plain("Sjoerdsma")),
            triple(&person, "org:memberOf", &party),
            triple(&party, "rdf:type", &p("org:Organization")),
            triple(&party, "rdf:type", &p("schema:PoliticalParty")),
            triple(&party, "skos:prefLabel", &plain("D66")),
            triple(&set, "epvoc:workHadParticipation", &participation),
            triple(&participation, "rdf:type", &p("eli-dl:Participation")),
            triple(&participation, "eli-dl:had_participant_person", &person),
            triple(&participation, "eli-dl:participation_in_name_of", &party),
            triple(
                &participation,
                "eli-dl:participation_role",
                &p("kv:Indiener"),
            ),
            triple(&participation, "schema:position", &integer(1)),
            triple(&person, "kv:identityBasis", &p("kv:ReferenceTable")),
        ],
    );
    // His seat for D66 as the members data dates it (polder-tk: 2012-09-20 to 2023-12-05).
    let seat = kv_data("persoon/bf030048-0434-42f1-bbed-8b0c04014db4/lidmaatschap/1");
    let period = kv_data("persoon/bf030048-0434-42f1-bbed-8b0c04014db4/lidmaatschap/1/periode");
    let begin =
        kv_data("persoon/bf030048-0434-42f1-bbed-8b0c04014db4/lidmaatschap/1/periode/begin");
    let end = kv_data("persoon/bf030048-0434-42f1-bbed-8b0c04014db4/lidmaatschap/1/periode/einde");
    assert_contains(
        &triples,
        &[
            triple(&seat, "rdf:type", &p("org:Membership")),
            triple(&seat, "org:member", &person),
            triple(&seat, "org:organization", &party),
            triple(&seat, "org:memberDuring", &period),
            triple(&period, "rdf:type", &p("time:Interval")),
            triple(&period, "time:hasBeginning", &begin),
            triple(&period, "time:hasEnd", &end),
            triple(&begin, "time:inXSDDate", &date("2012-09-20")),
            triple(&end, "time:inXSDDate", &date("2023-12-05")),
        ],
    );
    let creators = triples
        .iter()
        .filter(|t| t.starts_with(&format!("{set} {}", p("dct:creator"))))
        .count();
    assert_eq!(creators, 1);
}

#[test]
fn the_office_addressed() {
    let post = kv_data("ambt/minister-voor-buitenlandse-handel-en-ontwikkelingssamenwerking");
    let triples = seed_triples();
    assert_contains(
        &triples,
        &[
            triple(&post, "rdf:type", &p("org:Post")),
            triple(
                &post,
                "skos:prefLabel",
                &plain("Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking"),
            ),
        ],
    );
    // A `voor` post has no ministry of its own; the offices table says where it sits.
    assert!(triples.contains(&triple(&post, "org:postIn", &kv_data("ministerie/bz"))));
    assert!(triples.contains(&triple(
        &kv_data("ministerie/bz"),
        "skos:prefLabel",
        &plain("Ministerie van Buitenlandse Zaken")
    )));
}

#[test]
fn ten_questions_as_parts_of_the_set() {
    let set = kv_data("zaak/2019Z15244");
    let triples = seed_triples();
    for n in 1..=10 {
        let question = kv_data(&format!("zaak/2019Z15244/vraag/{n}"));
        assert_contains(
            &triples,
            &[
                triple(&question, "rdf:type", &p("schema:Question")),
                triple(&question, "schema:position", &integer(n)),
                triple(&question, "eli:is_part_of", &set),
                triple(&set, "eli:has_part", &question),
            ],
        );
        let texts = triples
            .iter()
            .filter(|t| t.starts_with(&format!("{question} {}", p("schema:text"))))
            .count();
        assert_eq!(texts, 1, "question {n}");
    }
    assert!(triples.contains(&triple(
        &kv_data("zaak/2019Z15244/vraag/7"),
        "schema:text",
        &dutch("Hebben Nederlandse technologiebedrijven een vergunningsplicht voor export van software die gebruikt kan worden voor gezichtsherkenning en emotieherkenning die ook ingezet kan worden voor predictive policing?")
    )));
    let questions = triples
        .iter()
        .filter(|t| t.ends_with(&p("schema:Question")))
        .count();
    assert_eq!(questions, 10);
}

#[test]
fn footnotes_and_cited_sources() {
    let triples = seed_triples();
    let q1 = kv_data("zaak/2019Z15244/vraag/1");
    let q5 = kv_data("zaak/2019Z15244/vraag/5");
    let correspondent = iri("https://decorrespondent.nl/10307/berucht-chinees-veiligheidsministerie-gebruikt-nederlandse-software-die-emoties-leest/317002092-cae75d58");
    let hrw = iri("https://www.hrw.org/news/2017/11/19/china-police-big-data-systems-violate-privacy-target-dissent");
    let nyt = iri("https://www.nytimes.com/2019/04/14/technology/china-surveillance-artificial-intelligence-racial-profiling.html");
    let note = |n: u32| kv_data(&format!("zaak/2019Z15244/voetnoot/{n}"));
    assert_contains(
        &triples,
        &[
            triple(&q1, "cito:cites", &correspondent),
            triple(&q5, "cito:cites", &hrw),
            triple(&q5, "cito:cites", &nyt),
            triple(&note(1), "rdf:type", &p("cito:Citation")),
            triple(&note(1), "schema:position", &integer(1)),
            triple(&note(1), "cito:hasCitingEntity", &q1),
            triple(&note(1), "cito:hasCitedEntity", &correspondent),
            triple(&note(2), "cito:hasCitingEntity", &q5),
            triple(&note(2), "cito:hasCitedEntity", &hrw),
            triple(&note(3), "cito:hasCitingEntity", &q5),
            triple(&note(3), "cito:hasCitedEntity", &nyt),
            triple(&note(2), "schema:text", &dutch("https://www.hrw.org/news/2017/11/19/china-police-big-data-systems-violate-privacy-target-dissent")),
        ],
    );
    assert_eq!(
        triples
            .iter()
            .filter(|t| t.contains(&p("cito:cites")))
            .count(),
        3
    );
    assert_eq!(
        triples
            .iter()
            .filter(|t| t.ends_with(&p("cito:Citation")))
            .count(),
        3
    );
}

#[test]
fn the_follow_up_and_the_earlier_set() {
    let set = kv_data("zaak/2019Z15244");
    let earlier = kv_data("zaak/2019Z15131");
    let van_ojik = kv_data("persoon/cefbf19c-653b-4af7-84a6-e17fba0e4a70");
    let diks = kv_data("persoon/a901d2d2-35f6-4341-bbfb-38e5d9b21d07");
    let groenlinks = kv_data("partij/groenlinks");
    let triples = seed_triples();
    assert_contains(
        &triples,
        &[
            triple(&set, "dct:references", &earlier),
            triple(&set, "kv:followsUp", &earlier),
            triple(&earlier, "rdf:type", &p("eli:Work")),
            triple(&earlier, "rdf:type", &p("kv:QuestionSet")),
            triple(&earlier, "dct:identifier", &plain("2019Z15131")),
            triple(&earlier, "dct:dateSubmitted", &date("2019-07-18")),
            triple(&earlier, "dct:creator", &van_ojik),
            triple(&earlier, "dct:creator", &diks),
            triple(&van_ojik, "foaf:name", &plain("Bram van Ojik")),
            triple(&diks, "foaf:name", &plain("Isabelle Diks")),
            triple(&van_ojik, "org:memberOf", &groenlinks),
            triple(&diks, "org:memberOf", &groenlinks),
            triple(&groenlinks, "skos:prefLabel", &plain("GroenLinks")),
            triple(
                &kv_data("zaak/2019Z15131/indiener/1"),
                "eli-dl:had_participant_person",
                &van_ojik,
            ),
            triple(
                &kv_data("zaak/2019Z15131/indiener/2"),
                "eli-dl:participation_role",
                &p("kv:Medeindiener"),
            ),
        ],
    );
}

#[test]
fn one_named_graph_per_document_and_its_provenance() {
    let workspace = Workspace::with_seed();
    let nquads = workspace.run(&["export", "--format", "nquads"]).success();
    let quads = parse_quads(nquads.as_bytes(), RdfFormat::NQuads);
    let document_graph = kv_data("graph/seeds/2019Z15244.md");
    let provenance_graph = kv_data("graph/provenance");
    let graphs: BTreeSet<String> = oxigraph::io::RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(nquads.as_bytes())
        .map(|q| q.unwrap().graph_name.to_string())
        .collect();
    assert_eq!(
        graphs,
        BTreeSet::from([
            document_graph.clone(),
            provenance_graph.clone(),
            kv_data("graph/reference"),
            kv_data("graph/linksets"),
            kv_data("graph/shared"),
        ])
    );

    let sha256: String = Sha256::digest(std::fs::read(seed_path()).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let source = kv_data("source/seeds/2019Z15244.md");
    let checksum = kv_data("source/seeds/2019Z15244.md#sha256");
    for line in [
        triple(&document_graph, "prov:wasDerivedFrom", &source),
        triple(
            &document_graph,
            "foaf:primaryTopic",
            &kv_data("zaak/2019Z15244"),
        ),
        triple(&source, "kv:sourcePath", &plain("seeds/2019Z15244.md")),
        triple(&source, "spdx:checksum", &checksum),
        triple(&checksum, "spdx:checksumValue", &plain(&sha256)),
    ] {
        assert!(
            quads.contains(&format!("{line} {provenance_graph}")),
            "missing in provenance: {line}"
        );
    }
    assert!(quads.contains(&format!(
        "{} {document_graph}",
        triple(
            &kv_data("zaak/2019Z15244"),
            "dct:identifier",
            &plain("2019Z15244")
        )
    )));
    assert!(
        !nquads.contains("generatedAtTime"),
        "no timestamp unless asked"
    );
}

#[test]
fn a_generation_time_is_written_only_when_asked() {
    let workspace = Workspace::with_seed();
    let nquads = workspace
        .run(&[
            "export",
            "-f",
            "nquads",
            "--generated-at",
            "2024-06-28T12:00:00+02:00",
        ])
        .success();
    assert!(nquads.contains(&format!(
        "{} \"2024-06-28T10:00:00Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime> {}",
        p("prov:generatedAtTime"),
        kv_data("graph/provenance")
    )));
}

#[test]
fn every_format_reads_back_as_the_stores_graph() {
    let loaded = load(&[seed_path()], &LoadOptions::default()).unwrap();
    let store_quads = quad_lines(&loaded);
    let store_triples = triple_lines(&loaded);
    assert!(store_quads.len() > 100);
    let workspace = Workspace::with_seed();
    for format in ExportFormat::ALL {
        let name = format!("{format:?}").to_lowercase();
        let output = workspace.run(&["export", "seeds/2019Z15244.md", "--format", &name]);
        let bytes = output.success().into_bytes();
        if format.keeps_graphs() {
            assert_eq!(
                parse_quads(&bytes, format.rdf_format()),
                store_quads,
                "{name}"
            );
        } else {
            assert_eq!(
                parse_triples(&bytes, format.rdf_format()),
                store_triples,
                "{name}"
            );
        }
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let workspace = Workspace::with_seed();
    let copy = std::fs::read_to_string(seed_path())
        .unwrap()
        .replace("2019Z15244", "2019Z15245");
    workspace.write("more/2019Z15245.md", &copy);
    for format in ["turtle", "trig", "ntriples", "nquads", "rdfxml", "jsonld"] {
        let first = workspace
            .run(&["export", "seeds", "more", "-f", format])
            .success();
        let second = workspace
            .run(&["export", "more", "seeds", "-f", format])
            .success();
        assert_eq!(first, second, "{format}");
    }
}

#[test]
fn output_file_format_follows_its_ending() {
    let workspace = Workspace::with_seed();
    workspace.run(&["export", "-o", "out.nq"]).success();
    workspace.run(&["export", "-o", "out.ttl"]).success();
    let nq = std::fs::read(workspace.path().join("out.nq")).unwrap();
    let ttl = std::fs::read(workspace.path().join("out.ttl")).unwrap();
    assert!(!parse_quads(&nq, RdfFormat::NQuads).is_empty());
    assert!(String::from_utf8(ttl.clone())
        .unwrap()
        .starts_with("@prefix"));
    assert!(!parse_triples(&ttl, RdfFormat::Turtle).is_empty());
    let leftovers: Vec<PathBuf> = std::fs::read_dir(workspace.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_format_may_be_named_as_its_file_ending_or_media_type_subtype() {
    let workspace = Workspace::with_seed();
    let named = [
        ("turtle", "ttl"),
        ("ntriples", "nt"),
        ("ntriples", "n-triples"),
        ("nquads", "nq"),
        ("nquads", "n-quads"),
        ("rdfxml", "rdf"),
        ("rdfxml", "xml"),
        ("rdfxml", "rdf+xml"),
        ("jsonld", "json-ld"),
    ];
    for (name, alias) in named {
        let by_name = workspace.run(&["export", "-f", name]).success();
        let by_alias = workspace.run(&["export", "-f", alias]).success();
        assert_eq!(by_alias, by_name, "-f {alias}");
    }
}

#[test]
fn a_dash_for_output_is_standard_output() {
    let workspace = Workspace::with_seed();
    let plain = workspace.run(&["export", "-f", "nquads"]).success();
    let dashed = workspace
        .run(&["export", "-f", "nquads", "-o", "-"])
        .success();
    assert_eq!(dashed, plain);
    assert!(dashed.contains("<https://w3id.org/kamervragen/zaak/2019Z15244>"));
    assert!(!workspace.path().join("-").exists());
    // Without --format, Turtle, as without -o.
    let turtle = workspace.run(&["export", "-o", "-"]).success();
    assert_eq!(turtle, workspace.run(&["export"]).success());
    assert!(turtle.starts_with("@prefix"));
}

#[test]
fn a_configured_base_mints_every_resource_under_it() {
    let workspace = Workspace::with_seed();
    let nt = workspace
        .run(&[
            "export",
            "-f",
            "ntriples",
            "--base",
            "http://localhost:7878/kv/",
        ])
        .success();
    assert!(nt.contains("<http://localhost:7878/kv/zaak/2019Z15244>"));
    assert!(!nt.contains("https://w3id.org/kamervragen/zaak"));
}

/// The Turtle dump is read by an independent parser, raptor's `rapper`. CI installs it; on a
/// machine without it the test says so and passes only outside CI.
#[test]
fn rapper_reads_the_turtle_dump() {
    let workspace = Workspace::with_seed();
    workspace
        .run(&["export", "-o", "kamervragen.ttl"])
        .success();
    let output = std::process::Command::new("rapper")
        .args(["-i", "turtle", "-c", "kamervragen.ttl"])
        .current_dir(workspace.path())
        .output();
    let output = match output {
        Ok(output) => output,
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("rapper is not installed (Debian: raptor2-utils); not checked here");
            return;
        }
        Err(error) => panic!("rapper is needed in CI: {error}"),
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let expected = seed_triples().len();
    assert!(
        stderr.contains(&format!("returned {expected} triples")),
        "{stderr}"
    );
}

/// The streamed dump holds exactly the graph a store would, on the whole shipped corpus.
#[test]
fn the_stream_holds_the_stores_graph_on_the_whole_corpus() {
    let workspace = Workspace::with_all_seeds();
    let seeds = workspace.path().join("seeds");
    let loaded = load(&[seeds], &LoadOptions::default()).unwrap();
    let store_quads = quad_lines(&loaded);
    let nquads = workspace.run(&["export", "-f", "nquads"]).success();
    assert_eq!(
        parse_quads(nquads.as_bytes(), RdfFormat::NQuads),
        store_quads
    );
    let store_triples = triple_lines(&loaded);
    let turtle = workspace.run(&["export", "-f", "turtle"]).success();
    assert_eq!(
        parse_triples(turtle.as_bytes(), RdfFormat::Turtle),
        store_triples
    );
}

/// What documents say about the people, parties and offices they share is in the shared graph,
/// each statement once, however many documents name them.
#[test]
fn shared_resources_are_stated_once_in_the_shared_graph() {
    let workspace = Workspace::with_all_seeds();
    let nquads = workspace.run(&["export", "-f", "nquads"]).success();
    let lines: Vec<&str> = nquads.lines().collect();
    let unique: BTreeSet<&str> = lines.iter().copied().collect();
    assert_eq!(lines.len(), unique.len(), "a quad was written twice");

    let shared = kv_data("graph/shared");
    let person = kv_data("persoon/");
    let person = person.trim_end_matches('>');
    let about_people: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|line| line.starts_with(person))
        .collect();
    let in_shared = about_people
        .iter()
        .filter(|line| line.ends_with(&format!("{shared} .")))
        .count();
    assert!(in_shared > 50, "{in_shared} statements about people");
    for line in about_people {
        assert!(
            line.ends_with(&format!("{shared} ."))
                || line.ends_with(&format!("{} .", kv_data("graph/reference"))),
            "a statement about a person outside the shared and reference graphs: {line}"
        );
    }
}

/// A merged dump writes each triple once, though answers restate their set's facts and one
/// answer in the shipped corpus comes as both PDF and DOCX text; it writes them sorted (as
/// N-Triples lines), so that a subject's statements stand together.
#[test]
fn a_merged_dump_writes_each_triple_once_in_order() {
    let workspace = Workspace::with_all_seeds();
    let ntriples = workspace.run(&["export", "-f", "ntriples"]).success();
    let lines: Vec<&str> = ntriples.lines().collect();
    assert!(lines.len() > 5000, "{} triples", lines.len());
    assert!(
        lines.windows(2).all(|pair| pair[0] < pair[1]),
        "N-Triples lines out of order or repeated"
    );
    for (format, rdf_format) in [("turtle", RdfFormat::Turtle), ("rdfxml", RdfFormat::RdfXml)] {
        let dump = workspace.run(&["export", "-f", format]).success();
        let triples: Vec<String> = oxigraph::io::RdfParser::from_format(rdf_format)
            .for_slice(dump.as_bytes())
            .map(|quad| oxigraph::model::Triple::from(quad.unwrap()).to_string() + " .")
            .collect();
        assert_eq!(
            triples, lines,
            "{format}: the triples of the N-Triples dump, in its order"
        );
    }
}

/// Documents are read on every core; the bytes do not depend on how many.
#[test]
fn one_thread_and_many_give_the_same_bytes() {
    let workspace = Workspace::with_all_seeds();
    for format in ["nquads", "turtle"] {
        let run = |threads: &str| {
            let output = workspace
                .command(&["export", "-f", format])
                .env("RAYON_NUM_THREADS", threads)
                .output()
                .unwrap();
            assert!(output.status.success());
            output.stdout
        };
        assert_eq!(run("1"), run("4"), "{format}");
    }
}

/// The merge of the store's document graphs as N-Triples lines, to compare as a set.
fn triple_lines(loaded: &kamervragen::run::pipeline::Loaded) -> BTreeSet<String> {
    let quads = loaded.store.quads().unwrap();
    let triples = quads.into_iter().map(oxigraph::model::Triple::from);
    triples.map(|triple| triple.to_string()).collect()
}

/// The store's document graphs as N-Quads lines, to compare as a set.
fn quad_lines(loaded: &kamervragen::run::pipeline::Loaded) -> BTreeSet<String> {
    let quads = loaded.store.quads().unwrap();
    quads.iter().map(ToString::to_string).collect()
}

#[test]
fn a_device_or_pipe_is_written_in_place_and_a_link_is_followed() {
    // `-o /dev/null` once put a plain file where /dev/null was (the dump was written beside it
    // and renamed over it). A named pipe stands in for the device here, which a test may make.
    let workspace = Workspace::with_seed();
    let pipe = workspace.path().join("pipe.nq");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("mkfifo is not here; not checked");
        return;
    }
    let reader = {
        let pipe = pipe.clone();
        std::thread::spawn(move || std::fs::read(pipe).unwrap())
    };
    workspace
        .run(&["export", "--quiet", "-o", "pipe.nq"])
        .success();
    let through_the_pipe = reader.join().unwrap();
    let expected = workspace
        .run(&["export", "--quiet", "-f", "nquads"])
        .success();
    assert_eq!(String::from_utf8(through_the_pipe).unwrap(), expected);
    let kind = std::fs::symlink_metadata(&pipe).unwrap().file_type();
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&kind),
        "still a pipe"
    );

    // A link is followed: the file it names gets the dump, and the link stays a link.
    std::os::unix::fs::symlink("real.nq", workspace.path().join("link.nq")).unwrap();
    workspace
        .run(&["export", "--quiet", "-o", "link.nq"])
        .success();
    let link = std::fs::symlink_metadata(workspace.path().join("link.nq")).unwrap();
    assert!(link.file_type().is_symlink());
    assert_eq!(
        std::fs::read_to_string(workspace.path().join("real.nq")).unwrap(),
        expected
    );
}

const JSON_LD: RdfFormat = RdfFormat::JsonLd {
    profile: oxigraph::io::JsonLdProfileSet::empty(),
};

/// Compacted JSON-LD, expanded again, is exactly the N-Quads dump: read by oxigraph's JSON-LD
/// parser and by rdflib's, on the whole shipped corpus. Each graph is one node, each subject
/// one node in it, though the provenance and shared graphs gather statements from every
/// document; the bytes do not depend on how many threads read the documents.
#[test]
fn compacted_json_ld_expands_to_the_nquads_dump() {
    let workspace = Workspace::with_all_seeds();
    let nquads = workspace.run(&["export", "-f", "nquads"]).success();
    let expected = parse_quads(nquads.as_bytes(), RdfFormat::NQuads);
    assert!(expected.len() > 5000, "{} quads", expected.len());
    let jsonld = workspace.run(&["export", "-f", "jsonld"]).success();
    assert_eq!(parse_quads(jsonld.as_bytes(), JSON_LD), expected);
    assert_one_node_per_graph_and_subject(&jsonld);
    if let Some(from_rdflib) = rdflib_nquads(&jsonld) {
        assert_eq!(parse_quads(&from_rdflib, RdfFormat::NQuads), expected);
    }
    let one_thread = workspace
        .command(&["export", "-f", "jsonld"])
        .env("RAYON_NUM_THREADS", "1")
        .output()
        .unwrap();
    assert!(one_thread.stdout == jsonld.as_bytes());
}

/// The top-level graphs of a JSON-LD dump, and the subjects in each, each once.
fn assert_one_node_per_graph_and_subject(jsonld: &str) {
    let document: serde_json::Value = serde_json::from_str(jsonld).unwrap();
    let graphs = document["@graph"].as_array().unwrap();
    let graph_ids: Vec<&str> = graphs.iter().map(|g| g["@id"].as_str().unwrap()).collect();
    let unique: BTreeSet<&str> = graph_ids.iter().copied().collect();
    assert_eq!(unique.len(), graph_ids.len(), "{graph_ids:?}");
    assert!(unique.contains("https://w3id.org/kamervragen/graph/provenance"));
    for graph in graphs {
        let nodes = graph["@graph"].as_array().unwrap();
        let subjects: BTreeSet<&str> = nodes.iter().map(|n| n["@id"].as_str().unwrap()).collect();
        assert_eq!(subjects.len(), nodes.len(), "{}", graph["@id"]);
    }
}

/// rdflib's reading of a JSON-LD document, as N-Quads; `None` where rdflib is missing outside CI.
fn rdflib_nquads(jsonld: &str) -> Option<Vec<u8>> {
    let mut python =
        super::independent_tool("python3", &["-c", "import rdflib"], "pip install rdflib")?;
    let script = "import sys\nfrom rdflib import Dataset\n\
        d = Dataset()\nd.parse(data=sys.stdin.read(), format='json-ld')\n\
        sys.stdout.write(d.serialize(format='nquads'))\n";
    let mut child = python
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let text = jsonld.to_owned();
    let writing = std::thread::spawn(move || {
        use std::io::Write;
        input.write_all(text.as_bytes()).unwrap();
    });
    let output = child.wait_with_output().unwrap();
    writing.join().unwrap();
    assert!(output.status.success(), "rdflib could not read the JSON-LD");
    Some(output.stdout)
}

/// Keys, `@type` and datatypes are compact IRIs of the inline `@context`, which holds the
/// vocabulary's prefixes; resources keep their full IRIs; each node is a line.
#[test]
fn json_ld_is_compacted_with_the_vocabulary_prefixes() {
    let workspace = Workspace::with_seed();
    let jsonld = workspace
        .run(&["export", "seeds/2019Z15244.md", "-f", "jsonld"])
        .success();
    let lines: Vec<&str> = jsonld.lines().collect();
    assert_eq!(lines[0], "{\"@context\":{");
    assert_eq!(lines[1], "\"bibo\":\"http://purl.org/ontology/bibo/\",");
    assert!(lines.contains(&"\"schema\":\"http://schema.org/\","));
    assert!(lines.contains(&"\"kv\":\"https://w3id.org/kamervragen/def#\","));
    assert!(lines.contains(&"\"xsd\":\"http://www.w3.org/2001/XMLSchema#\"},"));
    assert!(lines.contains(&"\"@graph\":["));
    assert!(
        lines.contains(&"{\"@id\":\"https://w3id.org/kamervragen/graph/provenance\",\"@graph\":[")
    );
    assert_eq!(lines.last(), Some(&"]}"));
    let question = lines
        .iter()
        .find(|line| {
            line.starts_with("{\"@id\":\"https://w3id.org/kamervragen/zaak/2019Z15244/vraag/1\",")
        })
        .expect("question 1 is a node of its own");
    assert!(
        question.contains("\"@type\":[\"schema:Question\"]"),
        "{question}"
    );
    assert!(
        question.contains("\"schema:position\":[{\"@type\":\"xsd:integer\",\"@value\":\"1\"}]"),
        "{question}"
    );
    assert!(
        question.contains(
            "\"eli:is_part_of\":[{\"@id\":\"https://w3id.org/kamervragen/zaak/2019Z15244\"}]"
        ),
        "{question}"
    );
    let document: serde_json::Value = serde_json::from_str(&jsonld).unwrap();
    for graph in document["@graph"].as_array().unwrap() {
        for node in graph["@graph"].as_array().unwrap() {
            for key in node.as_object().unwrap().keys() {
                assert!(!key.contains("://"), "a key left whole: {key}");
            }
        }
    }
}
