//! `kamervragen publish`: the folder a portal harvests, its description, and what stays the
//! same from run to run.

use super::{independent_tool, parse_quads, Workspace};
use oxigraph::io::RdfFormat;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::path::Path;

const WHO: &[&str] = &[
    "--publisher-iri",
    "https://example.org/publisher",
    "--publisher-name",
    "Example",
    "--contact-name",
    "Data desk",
    "--contact-email",
    "data@example.org",
];

fn publish(workspace: &Workspace, out: &str, extra: &[&str]) -> String {
    let mut args = vec!["publish", "seeds", "-o", out, "--quiet"];
    args.extend_from_slice(WHO);
    args.extend_from_slice(extra);
    workspace.run(&args).success()
}

fn names(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// The objects of `predicate` for `subject` in `dataset.ttl`, as N-Triples terms.
fn objects(description: &BTreeSet<String>, subject: &str, predicate: &str) -> Vec<String> {
    let prefix = format!("{subject} <{predicate}> ");
    description
        .iter()
        .filter_map(|quad| quad.strip_prefix(&prefix))
        .map(|rest| rest.trim_end_matches(" .").to_owned())
        .collect()
}

const DCAT: &str = "http://www.w3.org/ns/dcat#";
const VOID: &str = "http://rdfs.org/ns/void#";
const DATASET: &str = "<https://w3id.org/kamervragen/dataset>";

#[test]
fn writes_the_dumps_the_vocabulary_the_shapes_and_their_description() {
    let workspace = Workspace::with_all_seeds();
    let listing = publish(&workspace, "dist", &["--gzip"]);
    let dist = workspace.path().join("dist");
    let expected: BTreeSet<String> = [
        "kamervragen.ttl",
        "kamervragen.ttl.gz",
        "kamervragen.trig",
        "kamervragen.trig.gz",
        "kamervragen.nt",
        "kamervragen.nt.gz",
        "kamervragen.nq",
        "kamervragen.nq.gz",
        "ontology.ttl",
        "shapes.ttl",
        "context.jsonld",
        "dataset.ttl",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(names(&dist), expected);
    assert_eq!(listing.lines().count(), 13, "{listing}");
    // The JSON-LD context, as `serve` answers `/context.jsonld` (tests/cli/serve.rs).
    assert_eq!(
        fs::read(dist.join("context.jsonld")).unwrap(),
        kamervragen::export::jsonld::context_document()
    );

    let description = parse_quads(
        &fs::read(dist.join("dataset.ttl")).unwrap(),
        RdfFormat::Turtle,
    );
    assert!(
        description.iter().all(|quad| !quad.contains("_:")),
        "no blank nodes"
    );
    // void:triples is what the N-Triples dump holds, line for line.
    let ntriples = fs::read_to_string(dist.join("kamervragen.nt")).unwrap();
    let triples = objects(&description, DATASET, &format!("{VOID}triples"));
    assert_eq!(
        triples,
        [format!(
            "\"{}\"^^<http://www.w3.org/2001/XMLSchema#integer>",
            ntriples.lines().count()
        )]
    );
    let licence = objects(&description, DATASET, "http://purl.org/dc/terms/license");
    assert_eq!(
        licence,
        ["<http://creativecommons.org/publicdomain/zero/1.0/>"]
    );
    // The member tables' sources, each with its licence (docs/reference-data.md).
    let polder =
        "<https://github.com/anneschuth/polder/tree/82b2d3b07f6d8ec2cfc2efe79e60856e56008227>";
    let openkamer =
        "<https://github.com/openkamer/openkamer/tree/535b83a21d7ccf7d2c0ee5f52562a9ab5a86e1f2>";
    assert_eq!(
        objects(
            &description,
            DATASET,
            "http://www.w3.org/ns/prov#wasDerivedFrom"
        ),
        [polder, openkamer]
    );
    assert_eq!(
        objects(&description, polder, "http://purl.org/dc/terms/license"),
        ["<http://creativecommons.org/publicdomain/zero/1.0/>"]
    );
    assert_eq!(
        objects(&description, openkamer, "http://purl.org/dc/terms/license"),
        ["<https://opensource.org/licenses/MIT>"]
    );
    let publisher = objects(&description, DATASET, "http://purl.org/dc/terms/publisher");
    assert_eq!(publisher, ["<https://example.org/publisher>"]);
    let contact = objects(&description, DATASET, &format!("{DCAT}contactPoint"));
    assert_eq!(
        objects(
            &description,
            &contact[0],
            "http://www.w3.org/2006/vcard/ns#hasEmail"
        ),
        ["<mailto:data@example.org>"]
    );

    // The linksets are described as the data describes them.
    let data = parse_quads(ntriples.as_bytes(), RdfFormat::NTriples);
    let wikidata = "<https://w3id.org/kamervragen/linkset/wikidata>";
    let links = objects(&description, wikidata, &format!("{VOID}triples"));
    assert_eq!(links, objects(&data, wikidata, &format!("{VOID}triples")));
    assert_eq!(links.len(), 1);

    // One distribution per dump, whose size and checksum are the file's.
    let distributions = objects(&description, DATASET, &format!("{DCAT}distribution"));
    assert_eq!(distributions.len(), 8);
    for distribution in &distributions {
        let url = &objects(&description, distribution, &format!("{DCAT}downloadURL"))[0];
        let name = url.trim_end_matches('>').rsplit('/').next().unwrap();
        let bytes = fs::read(dist.join(name)).unwrap();
        assert_eq!(
            objects(&description, distribution, &format!("{DCAT}byteSize")),
            [format!(
                "\"{}\"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>",
                bytes.len()
            )]
        );
        let checksum = &objects(
            &description,
            distribution,
            "http://spdx.org/rdf/terms#checksum",
        )[0];
        assert_eq!(
            objects(
                &description,
                checksum,
                "http://spdx.org/rdf/terms#checksumValue"
            ),
            [format!(
                "\"{:x}\"^^<http://www.w3.org/2001/XMLSchema#hexBinary>",
                Sha256::digest(&bytes)
            )]
        );
        assert_eq!(
            objects(&description, DATASET, &format!("{VOID}dataDump"))
                .iter()
                .filter(|dump| *dump == url)
                .count(),
            1
        );
    }
    // A gzipped dump holds the same bytes as the plain one.
    for plain in ["kamervragen.ttl", "kamervragen.nq"] {
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(fs::File::open(dist.join(format!("{plain}.gz"))).unwrap())
            .read_to_end(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, fs::read(dist.join(plain)).unwrap());
    }
    // The shapes and the vocabulary are the ones shipped.
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology");
    for name in ["shapes.ttl", "ontology.ttl"] {
        let shipped_name = if name == "ontology.ttl" {
            "kamervragen.ttl"
        } else {
            name
        };
        assert_eq!(
            fs::read(dist.join(name)).unwrap(),
            fs::read(shipped.join(shipped_name)).unwrap()
        );
    }
}

#[test]
fn the_dumps_are_the_exports_and_no_dump_has_blank_nodes() {
    let workspace = Workspace::with_all_seeds();
    publish(&workspace, "dist", &[]);
    for (name, format) in [
        ("kamervragen.ttl", "turtle"),
        ("kamervragen.nq", "nquads"),
        ("kamervragen.nt", "ntriples"),
        ("kamervragen.trig", "trig"),
    ] {
        let exported = workspace.run(&["export", "seeds", "--quiet", "-f", format]);
        let published = fs::read(workspace.path().join("dist").join(name)).unwrap();
        assert!(
            exported.0.stdout == published,
            "{name} differs from `export -f {format}`"
        );
        let nq = String::from_utf8(published).unwrap();
        assert!(
            !nq.contains(" _:") && !nq.starts_with("_:") && !nq.contains("\n_:"),
            "{name}"
        );
    }
}

#[test]
fn the_same_input_gives_the_same_folder() {
    let workspace = Workspace::with_all_seeds();
    publish(&workspace, "first", &["--gzip"]);
    publish(&workspace, "second", &["--gzip"]);
    let (first, second) = (
        workspace.path().join("first"),
        workspace.path().join("second"),
    );
    for name in names(&first) {
        assert!(
            fs::read(first.join(&name)).unwrap() == fs::read(second.join(&name)).unwrap(),
            "{name} differs between two runs"
        );
    }
}

#[test]
fn a_changed_document_changes_only_its_own_lines() {
    let workspace = Workspace::with_all_seeds();
    publish(&workspace, "before", &[]);
    let changed = "seeds/corpus/ah-tk-20232024-2129.txt";
    let text = fs::read_to_string(workspace.path().join(changed)).unwrap();
    let edited = text.replacen("Bent u bekend met", "Kent u", 1);
    assert_ne!(edited, text, "the edit applies");
    workspace.write(changed, &edited);
    publish(&workspace, "after", &[]);
    let lines = |dir: &str| -> BTreeSet<String> {
        fs::read_to_string(workspace.path().join(dir).join("kamervragen.nq"))
            .unwrap()
            .lines()
            .map(String::from)
            .collect()
    };
    let (before, after) = (lines("before"), lines("after"));
    let differing: Vec<&String> = before.symmetric_difference(&after).collect();
    assert!(!differing.is_empty());
    let graph = "<https://w3id.org/kamervragen/graph/seeds/corpus/ah-tk-20232024-2129.txt>";
    // The file's own statements (its size) and its checksum's.
    let source = "<https://w3id.org/kamervragen/source/seeds/corpus/ah-tk-20232024-2129.txt";
    for line in differing {
        assert!(
            line.ends_with(&format!("{graph} .")) || line.starts_with(source),
            "a line of another document changed: {line}"
        );
    }
}

#[test]
fn settings_come_from_publish_toml_and_flags_win() {
    let workspace = Workspace::with_seed();
    workspace.write(
        "publish.toml",
        "download_url = \"https://files.example.org/kv/\"\n\
         sparql_endpoint = \"https://query.example.org/sparql\"\n\
         [publisher]\niri = \"https://example.org/toml-publisher\"\nname = \"From the file\"\n\
         [contact]\nname = \"Desk\"\nurl = \"https://example.org/contact\"\n",
    );
    workspace
        .run(&[
            "publish",
            "-o",
            "dist",
            "--quiet",
            "--license",
            "https://example.org/licence",
        ])
        .success();
    let description = parse_quads(
        &fs::read(workspace.path().join("dist/dataset.ttl")).unwrap(),
        RdfFormat::Turtle,
    );
    assert_eq!(
        objects(&description, DATASET, "http://purl.org/dc/terms/publisher"),
        ["<https://example.org/toml-publisher>"]
    );
    assert_eq!(
        objects(&description, DATASET, "http://purl.org/dc/terms/license"),
        ["<https://example.org/licence>"]
    );
    assert_eq!(
        objects(&description, DATASET, &format!("{VOID}sparqlEndpoint")),
        ["<https://query.example.org/sparql>"]
    );
    assert!(objects(&description, DATASET, &format!("{VOID}dataDump"))
        .contains(&"<https://files.example.org/kv/kamervragen.ttl>".to_owned()));
}

#[test]
fn without_a_publisher_nothing_is_written() {
    let workspace = Workspace::with_seed();
    let run = workspace.run(&["publish", "-o", "dist", "--quiet"]);
    assert_eq!(run.code(), Some(2));
    assert!(
        run.stderr()
            .contains("no publisher: set [publisher] iri and name"),
        "{}",
        run.stderr()
    );
    assert!(!workspace.path().join("dist").exists());
    workspace.write(
        "bad.toml",
        "[publisher]\niri = \"https://e.org/\"\nname = \"E\"\nfax = 3\n",
    );
    let run = workspace.run(&["publish", "-o", "dist", "--config", "bad.toml"]);
    assert_eq!(run.code(), Some(2));
    assert!(run.stderr().contains("bad.toml:4:"), "{}", run.stderr());
}

/// What pyshacl says of `data` against `shapes`: whether it conforms, and the focus nodes.
fn pyshacl(dir: &Path, data: &str, shapes: &Path) -> Option<(bool, BTreeSet<String>)> {
    let output = independent_tool("pyshacl", &["--help"], "pip install pyshacl")?
        .args(["-df", "turtle", "-sf", "turtle", "-s"])
        .arg(shapes)
        .arg(data)
        .current_dir(dir)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout).into_owned();
    let conforms = report.contains("Conforms: True");
    let focus = report
        .lines()
        .filter_map(|line| line.trim().strip_prefix("Focus Node: "))
        .map(|node| format!("<{}>", node.trim_start_matches('<').trim_end_matches('>')))
        .collect();
    Some((conforms, focus))
}

fn shipped_shapes() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology/shapes.ttl")
}

#[test]
fn pyshacl_agrees_that_the_published_data_and_description_conform() {
    let workspace = Workspace::with_all_seeds();
    publish(&workspace, "dist", &[]);
    let dist = workspace.path().join("dist");
    let Some((conforms, focus)) = pyshacl(&dist, "kamervragen.ttl", &shipped_shapes()) else {
        return;
    };
    assert!(conforms, "pyshacl finds violations at {focus:?}");
    // The published DCAT-AP 3.0 and DCAT-AP-NL 3.0 shapes, as the project's references hold them.
    let standards = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/standards");
    if !standards.is_dir() {
        eprintln!(
            "{} is not here: dataset.ttl not checked against DCAT-AP",
            standards.display()
        );
        return;
    }
    for shapes in [
        "dcat-ap3-shacl.ttl",
        "dcat-ap-nl30-shacl.ttl",
        "dcat-ap-nl30-codelijsten.ttl",
    ] {
        let (conforms, focus) = pyshacl(&dist, "dataset.ttl", &standards.join(shapes)).unwrap();
        assert!(conforms, "dataset.ttl breaks {shapes} at {focus:?}");
    }
}

#[test]
fn pyshacl_finds_the_same_violations_as_validate() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shacl");
    for fixture in [
        "valid.ttl",
        "missing-identifier.ttl",
        "wrong-datatype.ttl",
        "literal-for-iri.ttl",
    ] {
        let Some((conforms, focus)) = pyshacl(&fixtures, fixture, &shipped_shapes()) else {
            return;
        };
        let ours = Workspace::empty().run(&[
            "validate",
            "--rdf",
            &fixtures.join(fixture).to_string_lossy(),
        ]);
        let our_focus: BTreeSet<String> = ours
            .stdout()
            .lines()
            .filter(|line| line.starts_with('<'))
            .map(|line| {
                line.split(' ')
                    .next()
                    .unwrap()
                    .trim_end_matches(':')
                    .to_owned()
            })
            .collect();
        assert_eq!(conforms, ours.code() == Some(0), "{fixture}");
        assert_eq!(focus, our_focus, "{fixture}");
    }
}

#[test]
fn rapper_reads_every_dump_with_the_same_count() {
    let workspace = Workspace::with_all_seeds();
    publish(&workspace, "dist", &[]);
    let dist = workspace.path().join("dist");
    let lines = |name: &str| fs::read_to_string(dist.join(name)).unwrap().lines().count();
    for (name, syntax, expected) in [
        ("kamervragen.ttl", "turtle", lines("kamervragen.nt")),
        ("kamervragen.nt", "ntriples", lines("kamervragen.nt")),
        ("kamervragen.trig", "trig", lines("kamervragen.nq")),
        ("kamervragen.nq", "nquads", lines("kamervragen.nq")),
        ("dataset.ttl", "turtle", 0),
    ] {
        let Some(mut rapper) = independent_tool("rapper", &["--version"], "Debian: raptor2-utils")
        else {
            return;
        };
        let output = rapper
            .args(["-i", syntax, "-c", name])
            .current_dir(&dist)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{name}: {stderr}");
        if expected > 0 {
            assert!(
                stderr.contains(&format!("returned {expected} ")),
                "{name}: {stderr}"
            );
        }
    }
}
