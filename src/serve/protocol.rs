//! The SPARQL 1.1 Protocol's query operation: an HTTP request → the query and its dataset.
//!
//! A request enters as method, content type, query string and body; a [`SparqlRequest`] leaves,
//! or a [`Refusal`] with the HTTP status and a message that says what to send instead. The
//! three ways the protocol allows are read: GET with `query=`, POST of a form, POST of the
//! query itself (`application/sparql-query`). Updates are refused: the endpoint is read-only.

use oxigraph::model::NamedNode;

/// A query and the dataset the request asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SparqlRequest {
    pub query: String,
    pub default_graphs: Vec<NamedNode>,
    pub named_graphs: Vec<NamedNode>,
    /// The values of `format=` and `output=`, in the order the request gives them: the first
    /// that names a format of the query's answer wins over `Accept` (`media::named_type`).
    pub formats: Vec<String>,
}

/// Why a request is not answered, as an HTTP status and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub message: String,
    /// Whether asking again in a moment may succeed (`Retry-After`): the endpoint was busy.
    pub retry_soon: bool,
}

impl Refusal {
    pub fn new(status: u16, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            retry_soon: false,
        }
    }

    /// 503, with `Retry-After`: the endpoint is at a limit that frees up by itself.
    pub fn busy(message: impl Into<String>) -> Self {
        Self {
            retry_soon: true,
            ..Self::new(503, message)
        }
    }
}

/// What the request was, as HTTP told it.
pub(crate) struct HttpRequest<'a> {
    pub method: &'a str,
    pub content_type: Option<&'a str>,
    pub query_string: Option<&'a str>,
    pub body: &'a [u8],
}

/// The parameters that name a format: `format` (Virtuoso's, SPARQLWrapper's) and `output`
/// (Fuseki's, SPARQLWrapper's). The SPARQL 1.1 Protocol names none.
pub(super) const FORMAT_PARAMETERS: [&str; 2] = ["format", "output"];

const READ_ONLY: &str = "this endpoint is read-only: SPARQL updates are not accepted";

/// Reads the query operation of a request; `Ok(None)` when it asks no query (a GET without
/// `query=`, answered with the service description).
pub(crate) fn read_request(request: &HttpRequest<'_>) -> Result<Option<SparqlRequest>, Refusal> {
    let mut parameters = read_form(request.query_string.unwrap_or("").as_bytes())?;
    let media_type = request.content_type.map(|value| {
        value
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    });
    if let Some(charset) = request.content_type.and_then(declared_charset) {
        if !charset.eq_ignore_ascii_case("utf-8") {
            return Err(Refusal::new(
                415,
                format!("the request is declared `charset={charset}`: only UTF-8 is read"),
            ));
        }
    }
    let mut direct_query = None;
    match request.method {
        "GET" | "HEAD" => {}
        "POST" => match media_type.as_deref() {
            Some("application/x-www-form-urlencoded") => {
                parameters.extend(read_form(request.body)?);
            }
            Some("application/sparql-query") => {
                let text = std::str::from_utf8(request.body)
                    .map_err(|_| Refusal::new(400, "the query is not UTF-8"))?;
                direct_query = Some(text.to_owned());
            }
            Some("application/sparql-update") => return Err(Refusal::new(403, READ_ONLY)),
            other => {
                return Err(Refusal::new(
                    415,
                    format!(
                        "a POST must be application/x-www-form-urlencoded or application/sparql-query, not {}",
                        other.unwrap_or("without a content type")
                    ),
                ))
            }
        },
        other => {
            return Err(Refusal::new(
                405,
                format!("{other} is not allowed: use GET or POST"),
            ))
        }
    }
    if parameters.iter().any(|(name, _)| name == "update") {
        return Err(Refusal::new(403, READ_ONLY));
    }
    let mut queries: Vec<String> = parameters
        .iter()
        .filter(|(name, _)| name == "query")
        .map(|(_, value)| value.clone())
        .collect();
    queries.extend(direct_query);
    let query = match queries.len() {
        // A GET that names no query asks what the service is; anything more asks a query
        // and forgot it.
        0 if request.method != "POST" && asks_nothing(&parameters) => return Ok(None),
        0 => return Err(Refusal::new(400, "the request has no `query`")),
        1 => queries.remove(0),
        _ => return Err(Refusal::new(400, "give exactly one query")),
    };
    Ok(Some(SparqlRequest {
        query,
        default_graphs: graphs(&parameters, "default-graph-uri")?,
        named_graphs: graphs(&parameters, "named-graph-uri")?,
        formats: parameters
            .iter()
            .filter(|(name, _)| FORMAT_PARAMETERS.contains(&name.as_str()))
            .map(|(_, value)| value.clone())
            .collect(),
    }))
}

fn graphs(parameters: &[(String, String)], name: &str) -> Result<Vec<NamedNode>, Refusal> {
    parameters
        .iter()
        .filter(|(key, _)| key == name)
        .map(|(_, value)| {
            NamedNode::new(value.as_str()).map_err(|error| {
                Refusal::new(400, format!("{name} `{value}` is not an IRI: {error}"))
            })
        })
        .collect()
}

/// Whether the parameters ask for nothing but a format: the service description's request.
fn asks_nothing(parameters: &[(String, String)]) -> bool {
    parameters
        .iter()
        .all(|(name, _)| FORMAT_PARAMETERS.contains(&name.as_str()))
}

/// The `charset` a `Content-Type` declares, without its quotes.
fn declared_charset(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"'))
    })
}

/// The name-value pairs of a SPARQL request's query string or form body, refused (400) where
/// a name or value is not UTF-8 once decoded: a query is never run with characters replaced.
fn read_form(bytes: &[u8]) -> Result<Vec<(String, String)>, Refusal> {
    bytes
        .split(|byte| *byte == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = match pair.iter().position(|byte| *byte == b'=') {
                Some(at) => (&pair[..at], &pair[at + 1..]),
                None => (pair, &b""[..]),
            };
            Ok((form_text(name)?, form_text(value)?))
        })
        .collect()
}

/// One form-encoded name or value: `+` a space, `%XX` a byte, the bytes UTF-8.
fn form_text(encoded: &[u8]) -> Result<String, Refusal> {
    let spaced: Vec<u8> = encoded
        .iter()
        .map(|byte| if *byte == b'+' { b' ' } else { *byte })
        .collect();
    let decoded: Vec<u8> = percent_encoding::percent_decode(&spaced).collect();
    String::from_utf8(decoded).map_err(|error| {
        Refusal::new(
            400,
            format!(
                "the request's parameters are not UTF-8 once decoded (at byte {})",
                error.utf8_error().valid_up_to()
            ),
        )
    })
}

/// The name-value pairs of a query string or a form body, decoded (bytes that are not UTF-8
/// replaced): for the parameters of pages and graphs, where a replaced character finds
/// nothing rather than something else.
pub(super) fn parse_form(bytes: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(bytes)
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(query_string: &str) -> Result<Option<SparqlRequest>, Refusal> {
        read_request(&HttpRequest {
            method: "GET",
            content_type: None,
            query_string: Some(query_string),
            body: b"",
        })
    }

    fn post(content_type: &str, body: &str) -> Result<Option<SparqlRequest>, Refusal> {
        read_request(&HttpRequest {
            method: "POST",
            content_type: Some(content_type),
            query_string: None,
            body: body.as_bytes(),
        })
    }

    #[test]
    fn the_three_ways_give_the_same_request() {
        let expected = SparqlRequest {
            query: "ASK { ?s ?p ?o }".into(),
            default_graphs: vec![NamedNode::new("https://e.org/g").unwrap()],
            named_graphs: vec![],
            formats: vec![],
        };
        let encoded = "query=ASK+%7B+%3Fs+%3Fp+%3Fo+%7D&default-graph-uri=https%3A%2F%2Fe.org%2Fg";
        assert_eq!(get(encoded).unwrap().unwrap(), expected);
        let form = "application/x-www-form-urlencoded; charset=UTF-8";
        assert_eq!(post(form, encoded).unwrap().unwrap(), expected);
        let direct = read_request(&HttpRequest {
            method: "POST",
            content_type: Some("application/sparql-query"),
            query_string: Some("default-graph-uri=https%3A%2F%2Fe.org%2Fg"),
            body: b"ASK { ?s ?p ?o }",
        });
        assert_eq!(direct.unwrap().unwrap(), expected);
    }

    #[test]
    fn format_and_output_are_read_from_the_query_string_and_the_form() {
        // As SPARQLWrapper sends TSV: each name twice, the short name and the media type.
        let sent = "query=ASK%7B%7D&format=tsv&format=text%2Ftab-separated-values&output=tsv";
        let expected = vec!["tsv", "text/tab-separated-values", "tsv"];
        assert_eq!(get(sent).unwrap().unwrap().formats, expected);
        let form = "application/x-www-form-urlencoded";
        assert_eq!(post(form, sent).unwrap().unwrap().formats, expected);
        let direct = read_request(&HttpRequest {
            method: "POST",
            content_type: Some("application/sparql-query"),
            query_string: Some("output=json"),
            body: b"ASK {}",
        });
        assert_eq!(direct.unwrap().unwrap().formats, vec!["json"]);
    }

    #[test]
    fn no_query_asks_for_the_description() {
        assert_eq!(get("").unwrap(), None);
    }

    #[test]
    fn updates_and_other_requests_are_refused() {
        assert_eq!(get("update=CLEAR+ALL").unwrap_err().status, 403);
        assert_eq!(
            post("application/sparql-update", "CLEAR ALL")
                .unwrap_err()
                .status,
            403
        );
        assert_eq!(post("text/plain", "ASK {}").unwrap_err().status, 415);
        assert_eq!(get("query=a&query=b").unwrap_err().status, 400);
        let error = get("query=ASK{}&named-graph-uri=not%20an%20iri").unwrap_err();
        assert_eq!(error.status, 400);
        assert!(error
            .message
            .starts_with("named-graph-uri `not an iri` is not an IRI"));
        let put = read_request(&HttpRequest {
            method: "PUT",
            content_type: None,
            query_string: None,
            body: b"",
        });
        assert_eq!(put.unwrap_err().status, 405);
    }
}
