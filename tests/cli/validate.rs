//! `kamervragen validate`: the shipped documents conform to the shapes, and broken graphs are
//! reported with the focus node, the path, the constraint and the shape.

use super::Workspace;
use std::path::Path;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/shacl")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

const ZAAK: &str = "<https://w3id.org/kamervragen/zaak/2019Z15244>";
const QUESTION: &str = "<https://w3id.org/kamervragen/zaak/2019Z15244/vraag/1>";
const PERSON: &str = "<https://w3id.org/kamervragen/persoon/2b533923-83a2-4ac6-b497-934a549b50ab>";
/// Sjoerd Sjoerdsma, the seed's submitter, by his TK Persoon GUID.
const SEED_PERSON: &str =
    "<https://w3id.org/kamervragen/persoon/bf030048-0434-42f1-bbed-8b0c04014db4>";
const QUESTION_SHAPE: &str = "(shape <https://w3id.org/kamervragen/shapes#QuestionShape>)";
const SET_SHAPE: &str = "(shape <https://w3id.org/kamervragen/shapes#QuestionSetShape>)";

#[test]
fn the_shipped_documents_conform() {
    let workspace = Workspace::with_all_seeds();
    let run = workspace.run(&["validate", "seeds", "--quiet"]);
    let stdout = run.success();
    assert!(
        stdout.starts_with("0 violation(s) of 21 shape(s)"),
        "{stdout}"
    );
}

#[test]
fn every_class_the_mapping_writes_has_a_shape() {
    let workspace = Workspace::with_all_seeds();
    let classes = workspace
        .run(&[
            "query",
            "seeds",
            "--quiet",
            "-f",
            "tsv",
            "-e",
            "SELECT DISTINCT ?c WHERE { ?s a ?c } ORDER BY ?c",
        ])
        .success();
    let shapes =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology/shapes.ttl"))
            .unwrap();
    let targets = kamervragen::validate::shapes::read_shapes(&shapes).unwrap();
    for class in classes.lines().skip(1) {
        let class = class.trim_start_matches('<').trim_end_matches('>');
        assert!(
            targets
                .iter()
                .any(|shape| shape.target_class.as_str() == class),
            "no shape targets {class}"
        );
    }
    assert!(classes.lines().count() > 15, "{classes}");
}

#[test]
fn a_valid_graph_passes() {
    let run = Workspace::empty().run(&["validate", "--rdf", &fixture("valid.ttl")]);
    assert_eq!(
        run.success(),
        "0 violation(s) of 21 shape(s) from ontology/shapes.ttl\n"
    );
}

#[test]
fn a_missing_identifier_is_reported() {
    let run = Workspace::empty().run(&["validate", "--rdf", &fixture("missing-identifier.ttl")]);
    assert_eq!(run.code(), Some(1), "{}", run.stderr());
    assert_eq!(
        run.stdout(),
        format!(
            "{PERSON} <http://xmlns.com/foaf/0.1/name>: expected sh:minCount 1 (shape <https://w3id.org/kamervragen/shapes#PersonShape>)\n\
             {QUESTION} <http://schema.org/position>: expected sh:minCount 1 {QUESTION_SHAPE}\n\
             2 violation(s) of 21 shape(s) from ontology/shapes.ttl\n"
        )
    );
}

#[test]
fn a_wrong_datatype_is_reported() {
    let run = Workspace::empty().run(&["validate", "--rdf", &fixture("wrong-datatype.ttl")]);
    assert_eq!(run.code(), Some(1), "{}", run.stderr());
    assert_eq!(
        run.stdout(),
        format!(
            "{QUESTION} <http://schema.org/position>: expected sh:datatype <http://www.w3.org/2001/XMLSchema#integer>, found \"1\" {QUESTION_SHAPE}\n\
             {ZAAK} <http://purl.org/dc/terms/dateSubmitted>: expected sh:datatype <http://www.w3.org/2001/XMLSchema#date>, found \"18 juli 2019\" {SET_SHAPE}\n\
             2 violation(s) of 21 shape(s) from ontology/shapes.ttl\n"
        )
    );
}

#[test]
fn text_where_a_resource_belongs_is_reported() {
    let run = Workspace::empty().run(&["validate", "--rdf", &fixture("literal-for-iri.ttl")]);
    assert_eq!(run.code(), Some(1), "{}", run.stderr());
    assert_eq!(
        run.stdout(),
        format!(
            "{QUESTION} <http://purl.org/spar/cito/cites>: expected sh:nodeKind sh:IRI, found \"https://example.org/bericht\" {QUESTION_SHAPE}\n\
             {ZAAK} <http://purl.org/dc/terms/creator>: expected sh:class <http://xmlns.com/foaf/0.1/Person>, found \"Jasper van Dijk\" {SET_SHAPE}\n\
             2 violation(s) of 21 shape(s) from ontology/shapes.ttl\n"
        )
    );
}

#[test]
fn an_oral_sets_questions_conform_and_a_question_of_anything_else_does_not() {
    let workspace = Workspace::empty();
    workspace.write(
        "seeds/oral.txt",
        "Mondelinge vragen van het lid Dassen (Volt) aan de Minister van Buitenlandse Zaken \
         (bij afwezigheid van de Staatssecretaris van Buitenlandse Zaken) over het bericht \
         «EU-top mislukt».\n\n1. Wat is uw reactie op het bericht?\n2. Welke stappen zet het \
         kabinet?\n",
    );
    let stdout = workspace.run(&["validate", "--quiet"]).success();
    assert_eq!(
        stdout,
        "0 violation(s) of 21 shape(s) from ontology/shapes.ttl\n"
    );
    // A question that is part of an answer document is neither set's.
    workspace.write(
        "wrong.ttl",
        "<https://w3id.org/kamervragen/zaak/2019Z15244/vraag/1> a <http://schema.org/Question> ;\n\
         \x20   <http://schema.org/position> 1 ;\n\
         \x20   <http://schema.org/text> \"Klopt het?\"@nl ;\n\
         \x20   <http://data.europa.eu/eli/ontology#is_part_of> <https://w3id.org/kamervragen/aanhangsel/ah-tk-20232024-1> .\n\
         <https://w3id.org/kamervragen/aanhangsel/ah-tk-20232024-1> a <https://w3id.org/kamervragen/def#AnswerDocument> .\n",
    );
    let run = workspace.run(&["validate", "--rdf", "wrong.ttl", "--quiet"]);
    assert_eq!(run.code(), Some(1), "{}", run.stderr());
    // The answer document, bare as it is here, breaks its own shape too; the question's lines:
    let stdout = run.stdout();
    let about_the_question: Vec<&str> = stdout
        .lines()
        .filter(|line| line.starts_with(QUESTION))
        .collect();
    assert_eq!(
        about_the_question,
        [format!(
            "{QUESTION} <http://data.europa.eu/eli/ontology#is_part_of>: expected sh:or ( \
             [ sh:class <https://w3id.org/kamervragen/def#QuestionSet> ] \
             [ sh:class <https://w3id.org/kamervragen/def#OralQuestionSet> ] ), found \
             <https://w3id.org/kamervragen/aanhangsel/ah-tk-20232024-1> {QUESTION_SHAPE}"
        )]
    );
}

#[test]
fn a_published_dump_validates_like_the_documents() {
    let workspace = Workspace::with_seed();
    workspace.run(&["export", "-o", "graph.nq"]).success();
    let from_documents = workspace.run(&["validate", "--quiet"]).success();
    let from_dump = workspace.run(&["validate", "--rdf", "graph.nq"]).success();
    assert_eq!(from_documents, from_dump);
    // The dump is really read and checked: without one person's name, that person is reported.
    let dump = std::fs::read_to_string(workspace.path().join("graph.nq")).unwrap();
    let name = "<http://xmlns.com/foaf/0.1/name>";
    let (nameless, rest): (Vec<&str>, Vec<&str>) = dump
        .lines()
        .partition(|line| line.starts_with(SEED_PERSON) && line.contains(name));
    assert!(!nameless.is_empty(), "the seed names Sjoerd Sjoerdsma");
    workspace.write("broken.nq", &(rest.join("\n") + "\n"));
    let run = workspace.run(&["validate", "--rdf", "broken.nq"]);
    assert_eq!(run.code(), Some(1));
    assert!(
        run.stdout()
            .starts_with(&format!("{SEED_PERSON} {name}: expected sh:minCount 1")),
        "{}",
        run.stdout()
    );
}

#[test]
fn shapes_that_cannot_be_checked_are_refused() {
    let workspace = Workspace::with_seed();
    let prefix = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n";
    let refused = [
        (
            "shapes.ttl",
            "<http://e/S> sh:targetClass <http://e/C> ; sh:property [ sh:path [ sh:inversePath <http://e/p> ] ; sh:minCount 1 ] .\n",
            "shape <http://e/S>: only a predicate is supported as sh:path",
        ),
        (
            "counted.ttl",
            "<http://e/S> sh:targetClass <http://e/C> ; sh:property [ sh:path <http://e/p> ; sh:or ( [ sh:minCount 1 ] [ sh:class <http://e/D> ] ) ] .\n",
            "shape <http://e/S>: sh:minCount is not supported inside sh:or",
        ),
        (
            "broken.ttl",
            "<http://e/S> sh:targetClass .\n",
            "shapes `broken.ttl`: 2:",
        ),
    ];
    for (name, shapes, message) in refused {
        workspace.write(name, &format!("{prefix}{shapes}"));
        let run = workspace.run(&["validate", "--quiet", "--shapes", name]);
        assert_eq!(run.code(), Some(2), "{name}");
        assert!(run.stderr().contains(message), "{}", run.stderr());
    }
}

#[test]
fn a_broken_rdf_file_names_its_line() {
    let workspace = Workspace::empty();
    workspace.write(
        "graph.ttl",
        "<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/b> .\n",
    );
    let run = workspace.run(&["validate", "--rdf", "graph.ttl"]);
    assert_eq!(run.code(), Some(2));
    assert!(run.stderr().contains("graph.ttl:2:"), "{}", run.stderr());
}
