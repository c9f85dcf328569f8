//! SPARQL results → bytes.
//!
//! Query results enter as oxigraph hands them over; they leave as an aligned table for a
//! terminal, or through oxigraph's own serialisers as CSV, TSV, SPARQL JSON or XML. Graph
//! results (CONSTRUCT, DESCRIBE) are written as sorted Turtle whatever the format.

use crate::export::{self, ExportFormat};
use crate::rdf::vocab;
use oxigraph::model::{GraphName, Quad, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, QuerySolution, Variable};
use std::io::{self, Write};

/// How `query` prints solutions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsFormat {
    /// Aligned columns for reading in a terminal.
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
}

/// Writing results failed: the query failed while its results were read, or the output did.
#[derive(Debug, thiserror::Error)]
pub enum ResultsError {
    #[error("query evaluation")]
    Evaluation(#[from] QueryEvaluationError),
    // Not transparent: the `io::Error` must stay in the error's chain, where the binary looks
    // for a closed pipe (`kamervragen query … | head` is no error).
    #[error("cannot write the results")]
    Io(#[from] io::Error),
}

/// Writes `results` to `writer` in `format`.
pub fn write_results<W: Write>(
    results: QueryResults<'_>,
    format: ResultsFormat,
    mut writer: W,
) -> Result<W, ResultsError> {
    match results {
        QueryResults::Boolean(value) => match serializer(format) {
            Some(serializer) => Ok(serializer.serialize_boolean_to_writer(writer, value)?),
            None => {
                writeln!(writer, "{value}")?;
                Ok(writer)
            }
        },
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let rows: Vec<QuerySolution> = solutions.collect::<Result<_, _>>()?;
            match serializer(format) {
                Some(serializer) => {
                    let mut out = serializer.serialize_solutions_to_writer(writer, variables)?;
                    for row in &rows {
                        out.serialize(row)?;
                    }
                    Ok(out.finish()?)
                }
                None => {
                    write_table(&variables, &rows, &mut writer)?;
                    Ok(writer)
                }
            }
        }
        QueryResults::Graph(triples) => {
            let quads = triples
                .map(|triple| triple.map(|t| t.in_graph(GraphName::DefaultGraph)))
                .collect::<Result<Vec<Quad>, _>>()?;
            Ok(export::write_sorted(quads, ExportFormat::Turtle, writer)?)
        }
    }
}

fn serializer(format: ResultsFormat) -> Option<QueryResultsSerializer> {
    let format = match format {
        ResultsFormat::Table => return None,
        ResultsFormat::Csv => QueryResultsFormat::Csv,
        ResultsFormat::Tsv => QueryResultsFormat::Tsv,
        ResultsFormat::Json => QueryResultsFormat::Json,
        ResultsFormat::Xml => QueryResultsFormat::Xml,
    };
    Some(QueryResultsSerializer::from_format(format))
}

/// A header, a rule, then one line per solution; columns padded to their widest cell.
fn write_table(
    variables: &[Variable],
    rows: &[QuerySolution],
    writer: &mut impl Write,
) -> io::Result<()> {
    let header: Vec<String> = variables.iter().map(|v| v.as_str().to_owned()).collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            variables
                .iter()
                .map(|v| row.get(v).map(cell).unwrap_or_default())
                .collect()
        })
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|column| {
            std::iter::once(&header)
                .chain(&cells)
                .map(|line| line[column].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    write_row(&header, &widths, writer)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    write_row(&rule, &widths, writer)?;
    for line in &cells {
        write_row(line, &widths, writer)?;
    }
    writeln!(
        writer,
        "({} row{})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )
}

fn write_row(cells: &[String], widths: &[usize], writer: &mut impl Write) -> io::Result<()> {
    let mut line = String::new();
    for (index, (cell, width)) in cells.iter().zip(widths).enumerate() {
        if index > 0 {
            line.push_str("  ");
        }
        line.push_str(cell);
        if index + 1 < cells.len() {
            line.extend(std::iter::repeat_n(' ', width - cell.chars().count()));
        }
    }
    writeln!(writer, "{line}")
}

/// A term as a reader wants it in a table: IRIs compacted where a known prefix fits, literals
/// by their value, line breaks shown as `\n` so that a row stays one line.
fn cell(term: &Term) -> String {
    let text = match term {
        Term::NamedNode(node) => compact(node.as_str()),
        Term::BlankNode(node) => format!("_:{}", node.as_str()),
        Term::Literal(literal) => literal.value().to_owned(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    };
    text.replace('\n', "\\n")
}

fn compact(iri: &str) -> String {
    for (prefix, namespace) in vocab::prefixes() {
        if let Some(local) = iri.strip_prefix(namespace) {
            let simple = !local.is_empty()
                && local
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if simple {
                return format!("{prefix}:{local}");
            }
        }
    }
    iri.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compacts_only_known_namespaces_with_simple_names() {
        assert_eq!(
            compact("https://w3id.org/kamervragen/def#Indiener"),
            "kv:Indiener"
        );
        assert_eq!(compact("https://example.org/a"), "https://example.org/a");
        assert_eq!(
            compact("http://purl.org/dc/terms/a/b"),
            "http://purl.org/dc/terms/a/b"
        );
    }
}
