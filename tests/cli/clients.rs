//! The Python clients researchers point at `kamervragen serve`, as they send their requests:
//! SPARQLWrapper in every return format it has, by GET, by POST of a form and by POST of the
//! query itself, and rdflib's `SPARQLStore` reading the graph and querying it. Each answer,
//! as the client reads it, is compared with what `kamervragen query` gives for the same query:
//! the same rows, or the same triples.

use super::serve::Server;
use super::{independent_tool, parse_triples, Workspace};
use oxigraph::io::RdfFormat;
use serde_json::Value;
use std::collections::BTreeSet;

/// Rows of several kinds: IRIs, a date, non-ASCII strings, and an unbound column.
const SELECT: &str = "PREFIX kv: <https://w3id.org/kamervragen/def#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?set ?identifier ?submitted ?title ?earlier WHERE {
  ?set a kv:QuestionSet ; dct:identifier ?identifier ; dct:dateSubmitted ?submitted ; dct:title ?title .
  OPTIONAL { ?set kv:followsUp ?earlier }
} ORDER BY ?identifier ?earlier LIMIT 25";

/// Triples of several kinds: IRIs, typed and plain literals, non-ASCII text.
const CONSTRUCT: &str = "PREFIX kv: <https://w3id.org/kamervragen/def#>
PREFIX dct: <http://purl.org/dc/terms/>
CONSTRUCT { ?set dct:identifier ?identifier ; dct:dateSubmitted ?submitted ; dct:title ?title ; kv:followsUp ?earlier }
WHERE {
  ?set a kv:QuestionSet ; dct:identifier ?identifier ; dct:dateSubmitted ?submitted ; dct:title ?title .
  OPTIONAL { ?set kv:followsUp ?earlier }
}";

/// A resource's description, as DESCRIBE gives it.
const DESCRIBE: &str = "DESCRIBE <https://w3id.org/kamervragen/zaak/2019Z15244>";

/// The statements of one kind that rdflib reads through `SPARQLStore.triples`, counted.
const TYPES: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?o }";

/// Runs every client and prints, as one JSON object, what each read: `{case: {"type": the
/// Content-Type answered, "value": what the client made of it}}`. SELECT results become SPARQL
/// JSON (from the XML with the standard library's DOM, independently of the server's JSON);
/// graphs become N-Triples, written by rdflib from the graph it parsed.
const SCRIPT: &str = r#"
import json, sys, warnings
from SPARQLWrapper import SPARQLWrapper, GET, POST, POSTDIRECTLY, URLENCODED
from SPARQLWrapper import JSON, XML, CSV, TSV, TURTLE, N3, JSONLD, RDFXML, RDF
from rdflib import Graph, Literal, URIRef, BNode, XSD
from rdflib.namespace import RDF as RDFNS
from rdflib.plugins.stores.sparqlstore import SPARQLStore

# SPARQLWrapper warns (RuntimeWarning) when the answer is not in the format asked for.
warnings.simplefilter("error", RuntimeWarning)
endpoint, select, construct, describe = sys.argv[1:5]
RESULTS = "http://www.w3.org/2005/sparql-results#"
XML_NS = "http://www.w3.org/XML/1998/namespace"

def xml_results(document):
    head = [v.getAttribute("name") for v in document.getElementsByTagNameNS(RESULTS, "variable")]
    rows = []
    for result in document.getElementsByTagNameNS(RESULTS, "result"):
        row = {}
        for binding in result.getElementsByTagNameNS(RESULTS, "binding"):
            term = [n for n in binding.childNodes if n.nodeType == n.ELEMENT_NODE][0]
            text = "".join(n.data for n in term.childNodes if n.nodeType == n.TEXT_NODE)
            value = {"type": term.localName, "value": text}
            if term.hasAttribute("datatype"):
                value["datatype"] = term.getAttribute("datatype")
            if term.hasAttributeNS(XML_NS, "lang"):
                value["xml:lang"] = term.getAttributeNS(XML_NS, "lang")
            row[binding.getAttribute("name")] = value
        rows.append(row)
    return {"head": {"vars": head}, "results": {"bindings": rows}}

def rdflib_term(term):
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    value = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        value["datatype"] = str(term.datatype)
    return value

def ntriples(graph):
    return graph.serialize(format="nt")

def graph_of(converted, content_type):
    if isinstance(converted, Graph):
        return ntriples(converted)
    # SPARQLWrapper hands Turtle and N3 over as bytes.
    return ntriples(Graph().parse(data=converted, format="turtle"))

seen = {}
requests = [("GET", GET, URLENCODED), ("POST", POST, URLENCODED), ("POST-direct", POST, POSTDIRECTLY)]
for name, method, encoding in requests:
    for form, query, formats in [
        ("select", select, [JSON, XML, CSV, TSV]),
        ("construct", construct, [XML, TURTLE, N3, JSONLD, RDFXML, RDF, JSON]),
        ("describe", describe, [XML, TURTLE, JSONLD]),
    ]:
        for return_format in formats:
            client = SPARQLWrapper(endpoint)
            client.setMethod(method)
            client.setRequestMethod(encoding)
            client.setQuery(query)
            client.setReturnFormat(return_format)
            with warnings.catch_warnings():
                # For RDF and JSON on a graph SPARQLWrapper warns that it sends `Accept: */*`
                # (and the name in `format=`), which is what is tested.
                if return_format in (RDF, JSON) and form != "select":
                    warnings.simplefilter("ignore", RuntimeWarning)
                answer = client.query()
                content_type = answer.info()["content-type"]
                converted = answer.convert()
            if form == "select":
                if return_format == JSON:
                    value = converted
                elif return_format == XML:
                    value = xml_results(converted)
                else:
                    value = converted.decode("utf-8")
            else:
                value = graph_of(converted, content_type)
            seen[f"{name} {form} {return_format}"] = {"type": content_type, "value": value}

# rdflib's store, as it comes: results asked for as XML (Accept: application/rdf+xml and
# application/sparql-results+xml), by GET.
store = SPARQLStore(endpoint)
seen["rdflib triples"] = {"type": None, "value": len(list(store.triples((None, RDFNS.type, None))))}
graph = Graph()
for triple in store.query(construct):
    graph.add(triple)
seen["rdflib construct"] = {"type": None, "value": ntriples(graph)}
rows = store.query(select)
seen["rdflib select"] = {"type": None, "value": {
    "head": {"vars": [str(v) for v in rows.vars]},
    "results": {"bindings": [
        {str(v): rdflib_term(row[v]) for v in rows.vars if row[v] is not None} for row in rows
    ]},
}}
print(json.dumps(seen))
"#;

/// What `kamervragen query` prints for `query` in `format`.
fn cli(workspace: &Workspace, query: &str, format: &str) -> String {
    workspace
        .run(&["query", "seeds", "--quiet", "-f", format, "-e", query])
        .success()
}

/// The triples `kamervragen query` gives for a CONSTRUCT or DESCRIBE (always Turtle).
fn cli_triples(workspace: &Workspace, query: &str) -> BTreeSet<String> {
    parse_triples(cli(workspace, query, "table").as_bytes(), RdfFormat::Turtle)
}

/// What the client read of `case`: the Content-Type and the value.
fn case<'a>(seen: &'a Value, case: &str) -> (&'a str, &'a Value) {
    let entry = seen
        .get(case)
        .unwrap_or_else(|| panic!("no case {case} in {seen}"));
    (entry["type"].as_str().unwrap_or(""), &entry["value"])
}

fn triples(value: &Value) -> BTreeSet<String> {
    parse_triples(value.as_str().unwrap().as_bytes(), RdfFormat::NTriples)
}

#[test]
fn sparqlwrapper_and_rdflib_read_what_the_query_command_gives() {
    let Some(mut python) = independent_tool(
        "python3",
        &["-c", "import SPARQLWrapper, rdflib"],
        "pip install SPARQLWrapper rdflib",
    ) else {
        return;
    };
    let workspace = Workspace::with_all_seeds();
    let server = Server::start(&workspace, &[]);
    let endpoint = format!("http://127.0.0.1:{}/sparql", server.port);
    let output = python
        .args(["-c", SCRIPT, &endpoint, SELECT, CONSTRUCT, DESCRIBE])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let seen: Value = serde_json::from_slice(&output.stdout).expect("the script prints JSON");

    let json: Value = serde_json::from_str(&cli(&workspace, SELECT, "json")).unwrap();
    let csv = cli(&workspace, SELECT, "csv");
    let tsv = cli(&workspace, SELECT, "tsv");
    // Rows with ?earlier bound and rows without.
    let rows = json["results"]["bindings"].as_array().unwrap();
    assert!(rows.len() > 5, "{json}");
    assert!(rows.iter().any(|row| row.get("earlier").is_some()));
    assert!(rows.iter().any(|row| row.get("earlier").is_none()));
    let graph = cli_triples(&workspace, CONSTRUCT);
    assert!(graph.len() > 20, "{}", graph.len());
    let description = cli_triples(&workspace, DESCRIBE);
    assert!(!description.is_empty());

    for method in ["GET", "POST", "POST-direct"] {
        let select = |format| case(&seen, &format!("{method} select {format}"));
        assert_eq!(
            select("json"),
            ("application/sparql-results+json", &json),
            "{method} json"
        );
        assert_eq!(
            select("xml"),
            ("application/sparql-results+xml", &json),
            "{method} xml"
        );
        assert_eq!(
            select("csv"),
            ("text/csv", &Value::from(csv.clone())),
            "{method} csv"
        );
        assert_eq!(
            select("tsv"),
            ("text/tab-separated-values", &Value::from(tsv.clone())),
            "{method} tsv"
        );
        for (format, media_type) in [
            ("xml", "application/rdf+xml"),
            ("turtle", "text/turtle"),
            ("n3", "text/turtle"),
            ("json-ld", "application/ld+json"),
            ("rdf+xml", "application/rdf+xml"),
            ("rdf", "application/rdf+xml"),
            ("json", "application/ld+json"),
        ] {
            let (answered, value) = case(&seen, &format!("{method} construct {format}"));
            assert_eq!(answered, media_type, "{method} construct {format}");
            assert_eq!(triples(value), graph, "{method} construct {format}");
        }
        for (format, media_type) in [
            ("xml", "application/rdf+xml"),
            ("turtle", "text/turtle"),
            ("json-ld", "application/ld+json"),
        ] {
            let (answered, value) = case(&seen, &format!("{method} describe {format}"));
            assert_eq!(answered, media_type, "{method} describe {format}");
            assert_eq!(triples(value), description, "{method} describe {format}");
        }
    }

    let types = cli(&workspace, TYPES, "csv");
    let (_, counted) = case(&seen, "rdflib triples");
    assert_eq!(
        counted.to_string(),
        types.lines().nth(1).unwrap(),
        "rdflib's triples((None, RDF.type, None))"
    );
    assert_eq!(triples(case(&seen, "rdflib construct").1), graph);
    assert_eq!(case(&seen, "rdflib select").1, &json);
}
