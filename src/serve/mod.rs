//! A read-only SPARQL 1.1 Protocol endpoint over a store.
//!
//! HTTP requests enter through [`Endpoint::handle`] (the server, [`serve`], hands each one over
//! on a thread of its own); responses leave: query results in the format the client names
//! (`format=`, `output=`: [`media`]) or accepts, the service description, or a status with a
//! message that says what went wrong ([`syntax`] for a query that does not parse). A query
//! runs at most [`ServeOptions::timeout`]: it is evaluated on a thread of its own, the client
//! gets its answer at the limit, and the evaluation is stopped at its next row by the store's
//! watch, which also stops it past [`ServeOptions::max_memory`]. Results over
//! [`ServeOptions::max_rows`] rows are refused rather than sent half. The store does not change
//! while it is served, so answers are kept and reused ([`cache`]). Whole graphs are read by the
//! Graph Store Protocol (`/graph/…`, `/sparql?graph=…`, `/sparql?default`), and the vocabulary
//! and its shapes are served at `/def` and `/def/shapes` ([`graphs`]). The dataset's DCAT/VoID
//! description, as `publish` writes it, is at `/dataset` and `/.well-known/void`
//! ([`catalogue`]), and every file it names is under `/dump/` ([`dumps`]).

mod browse;
mod cache;
mod catalogue;
mod charts;
mod dumps;
mod editor;
mod graphs;
mod html;
mod labels;
mod media;
mod negotiate;
mod pages;
mod protocol;
mod reply;
mod resources;
mod server;

pub use editor::{EditorSource, PUBLISHED_BUILD};
pub(crate) use negotiate::negotiate;
pub use pages::QUERIES;
pub(crate) use protocol::{read_request, HttpRequest};
pub use protocol::{Refusal, SparqlRequest};
pub use server::{serve, ServerLimits, IDLE_TIMEOUT, REQUEST_DEADLINE};

use cache::{RequestKey, ResponseCache};
use media::{named_type, short_name, Answer, GRAPH_TYPES, RESULT_TYPES};
use protocol::{parse_form, FORMAT_PARAMETERS};
use reply::Reply;

use crate::export::{self, jsonld, ExportFormat};
use crate::publish::PublishSettings;
use crate::rdf::iri::IriMinter;
use crate::rdf::vocab::{formats, sd};
use crate::store::{
    catching_stops, check_query_shape, term_bytes, EvaluationStop, GraphStore, QueryControl,
    StoreError, QUERY_STACK,
};
use oxhttp::model::header::{
    ACCEPT, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ALLOW, CONTENT_LENGTH, CONTENT_SECURITY_POLICY, CONTENT_TYPE,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{BlankNode, GraphName, NamedNode, NamedNodeRef, Quad, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, QuerySolution, Variable,
};
use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, OnceLock};
use std::time::{Duration, Instant};

/// An evaluation that runs this long may have held much memory (a sort or join of many rows),
/// which is then given back to the system at once; a shorter one keeps its freed pages.
const LONG_EVALUATION: Duration = Duration::from_millis(100);

/// The limits and manners of an endpoint.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// How long a query may run before it is stopped.
    pub timeout: Duration,
    /// The most rows a result may have.
    pub max_rows: usize,
    /// The largest request body accepted, in bytes.
    pub max_body: usize,
    /// Answer browsers on other origins (CORS), as YASGUI needs.
    pub cors: bool,
    /// Mints the IRIs served: their base is what relative IRIs in queries resolve against.
    pub minter: IriMinter,
    /// The most bytes of answers kept for reuse (0 keeps none).
    pub cache_bytes: usize,
    /// The most queries evaluated at once; another gets 503 at once. An evaluation that
    /// outlives its time limit keeps its place until it has stopped.
    pub max_evaluations: usize,
    /// The most bytes one evaluation may hold (rows it sorts, groups or joins, and its
    /// results), counted by the binary's allocator.
    pub max_memory: usize,
    /// Where the query page loads its editor (YASGUI) from.
    pub editor: EditorSource,
    /// What the publisher decided (as `publish` reads it), for the dataset's description;
    /// `None` describes the dataset without a publisher, creator or contact point.
    pub settings: Option<Arc<PublishSettings>>,
}

/// Answers SPARQL protocol requests from a store.
pub struct Endpoint {
    store: GraphStore,
    options: ServeOptions,
    cache: ResponseCache,
    /// Evaluations running now, on threads of their own.
    evaluations: Arc<AtomicUsize>,
    /// The dataset's description, made on first use.
    description: OnceLock<catalogue::Described>,
    /// The service description's default dataset (a statement per named graph), made on first
    /// use: a request for the service description is cheap, so its answer must be too.
    service_dataset: OnceLock<Vec<Quad>>,
}

impl Endpoint {
    pub fn new(store: GraphStore, options: ServeOptions) -> Self {
        let cache = ResponseCache::new(options.cache_bytes);
        Self {
            store,
            options,
            cache,
            evaluations: Arc::default(),
            description: OnceLock::new(),
            service_dataset: OnceLock::new(),
        }
    }

    /// Answers one request.
    pub fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        let mut response = match request.uri().path().strip_prefix(dumps::DUMP_PREFIX) {
            Some(file) if request.method() == Method::GET => self
                .dump(file)
                .unwrap_or_else(|refusal| Reply::from(refusal).to_response()),
            _ => self.reply(request).to_response(),
        };
        guard_headers(&mut response);
        if response.status() == StatusCode::METHOD_NOT_ALLOWED {
            let allowed = if request.uri().path() == "/sparql" && !graphs::names_graph(request) {
                "GET, HEAD, POST"
            } else {
                graphs::GRAPH_METHODS
            };
            response
                .headers_mut()
                .insert(ALLOW, HeaderValue::from_static(allowed));
        }
        if self.options.cors {
            let headers = response.headers_mut();
            headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
            headers.insert(
                ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static("GET, POST, OPTIONS"),
            );
            headers.insert(
                ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static("Content-Type, Accept"),
            );
        }
        response
    }

    /// The answer to a request for anything but a dump: kept, or computed and then kept.
    fn reply(&self, request: &mut Request<Body>) -> Arc<Reply> {
        if request.method() == Method::OPTIONS {
            return Arc::new(Reply::empty(StatusCode::NO_CONTENT));
        }
        match self.read_body(request) {
            Ok(body) => {
                let key = request_key(request, body);
                // Those waiting for another thread's answer wait as long as it may take.
                let patience = self.options.timeout + Duration::from_secs(5);
                self.cache
                    .answer(key.clone(), patience, || self.route(request, &key.body))
            }
            Err(refusal) => Arc::new(Reply::from(refusal)),
        }
    }

    fn route(&self, request: &Request<Body>, body: &[u8]) -> Reply {
        let routed = match request.uri().path() {
            "/sparql" => self
                .indirect_graph(request)
                .unwrap_or_else(|| self.sparql(request, body)),
            "/def" if self.serves_vocabulary() => self.vocabulary(request, false),
            "/def/shapes" if self.serves_vocabulary() => self.vocabulary(request, true),
            "/dataset" | "/.well-known/void" => self.dataset(request),
            path if path.starts_with("/dataset/") => self.described_resource(request),
            "/context.jsonld" => Ok(Reply::ok(jsonld::MEDIA_TYPE, jsonld::context_document())),
            path if path.starts_with(graphs::GRAPH_PREFIX) => {
                self.direct_graph(request, &iri_path(path.trim_start_matches('/')))
            }
            "/" => self.landing().map(Reply::html),
            "/query" => {
                let parameters = parse_form(request.uri().query().unwrap_or("").as_bytes());
                self.editor_page(&parameters, request)
            }
            path if path.starts_with(editor::PATH) => {
                self.editor_file(path.trim_start_matches(editor::PATH))
            }
            path if path.starts_with(browse::PREFIX) => self.browse(request),
            _ => self.resource(request),
        };
        routed.unwrap_or_else(Reply::from)
    }

    fn sparql(&self, request: &Request<Body>, body: &[u8]) -> Result<Reply, Refusal> {
        let header = |name| {
            request
                .headers()
                .get(name)
                .and_then(|v: &HeaderValue| v.to_str().ok())
        };
        let accept = header(ACCEPT);
        let http = HttpRequest {
            method: request.method().as_str(),
            content_type: header(CONTENT_TYPE),
            query_string: request.uri().query(),
            body,
        };
        match read_request(&http)? {
            Some(sparql) => self.answer(&sparql, accept),
            // Named by the configured base, never by the `Host` a client sent: the resources
            // it serves are the base's, and what a client says about itself is not echoed.
            // A browser at the endpoint's address gets the editor, not a download.
            None if prefers_a_page(accept) => self.editor_page(&[], request),
            None => {
                let endpoint = format!("{}sparql", self.options.minter.base());
                let formats: Vec<String> = parse_form(http.query_string.unwrap_or("").as_bytes())
                    .into_iter()
                    .filter(|(name, _)| FORMAT_PARAMETERS.contains(&name.as_str()))
                    .map(|(_, value)| value)
                    .collect();
                self.describe_service(&endpoint, &formats, accept)
            }
        }
    }

    /// Linked Data: the path under the server is the path under the base, so `/zaak/2019Z15244`
    /// describes `{base}zaak/2019Z15244`: every statement with it as subject. `?format=ttl` (or
    /// `nt`, `rdf`, `jsonld`, `html`, or any name of a graph format) picks a representation where
    /// `Accept` cannot be set; the answer's `Content-Location` is that address of the
    /// representation sent.
    fn resource(&self, request: &Request<Body>) -> Result<Reply, Refusal> {
        let raw_path = request.uri().path();
        let path = iri_path(raw_path.trim_start_matches('/'));
        let parameters = parse_form(request.uri().query().unwrap_or("").as_bytes());
        let format = parameters
            .iter()
            .find(|(name, _)| FORMAT_PARAMETERS.contains(&name.as_str()))
            .map(|(_, value)| value.as_str());
        let accept = match format {
            Some(name) if name.eq_ignore_ascii_case("html") => Some("text/html"),
            Some(name) => Some(named_type(name, Answer::Graph).ok_or_else(|| {
                Refusal::new(406, media::unnamed(name, Answer::Graph) + ", or html")
            })?),
            None => request.headers().get(ACCEPT).and_then(|v| v.to_str().ok()),
        };
        let iri = NamedNode::new(format!("{}{path}", self.options.minter.base()))
            .map_err(|_| Refusal::new(404, "not found: this path names no resource"))?;
        // RDF for clients that take anything; a page for browsers, which ask for HTML.
        let mut offered = GRAPH_TYPES.to_vec();
        offered.push("text/html");
        let media_type = acceptable(accept, &offered)?;
        let format = match media_type {
            "text/html" => "html",
            other => short_name(other),
        };
        let location = format!("{raw_path}?format={format}");
        if media_type == "text/html" {
            let page = self.resource_page(&iri, html::Language::of(request))?;
            return Ok(Reply::html(page).negotiated(location));
        }
        let construct = format!("CONSTRUCT {{ {iri} ?p ?o }} WHERE {{ {iri} ?p ?o }}");
        let quads = match self.evaluate(construct)? {
            Evaluated::Graph(quads) if !quads.is_empty() => quads,
            _ => {
                return Err(Refusal::new(
                    404,
                    format!("not found: nothing is said about {iri}"),
                ))
            }
        };
        Ok(graph_response(media_type, quads)?.negotiated(location))
    }

    fn read_body(&self, request: &mut Request<Body>) -> Result<Vec<u8>, Refusal> {
        let too_large = || {
            Refusal::new(
                413,
                format!("the request is larger than {} bytes", self.options.max_body),
            )
        };
        let declared = request
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
        if declared.is_some_and(|length| length > self.options.max_body) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        let limit = self.options.max_body as u64 + 1;
        request
            .body_mut()
            .take(limit)
            .read_to_end(&mut body)
            .map_err(|error| Refusal::new(400, format!("cannot read the request: {error}")))?;
        if body.len() > self.options.max_body {
            return Err(too_large());
        }
        Ok(body)
    }

    /// The query page, with the editor's own policy.
    fn editor_page(
        &self,
        parameters: &[(String, String)],
        request: &Request<Body>,
    ) -> Result<Reply, Refusal> {
        let page = self.query_page(parameters, html::Language::of(request))?;
        Ok(Reply::html(page).with_policy(self.options.editor.policy()))
    }

    /// Runs the query under the time limit. The evaluation runs on a thread of its own, so
    /// that the client hears at the limit while the evaluation stops at its next row.
    fn answer(&self, request: &SparqlRequest, accept: Option<&str>) -> Result<Reply, Refusal> {
        self.within_time_limit(request, accept, Job::run)
    }

    /// Runs `work` on a job for `request`, on a thread of its own, and gives up at the time
    /// limit: the job's token is then cancelled.
    fn within_time_limit<T: Send + 'static>(
        &self,
        request: &SparqlRequest,
        accept: Option<&str>,
        work: fn(Job) -> Result<T, Refusal>,
    ) -> Result<T, Refusal> {
        // Refused before it takes a place among the evaluations: the measure costs nothing.
        check_query_shape(&request.query).map_err(|error| Refusal::new(400, error.to_string()))?;
        let running = Arc::clone(&self.evaluations);
        if running.fetch_add(1, Ordering::SeqCst) >= self.options.max_evaluations {
            running.fetch_sub(1, Ordering::SeqCst);
            return Err(Refusal::busy(format!(
                "the endpoint is evaluating {} queries, as many as it may at once; try again in a moment",
                self.options.max_evaluations
            )));
        }
        let place = EvaluationPlace(running);
        let token = CancellationToken::new();
        let (sender, receiver) = mpsc::channel();
        let job = Job {
            store: self.store.clone(),
            options: self.options.clone(),
            request: request.clone(),
            accept: accept.map(str::to_owned),
            token: token.clone(),
        };
        let evaluation = std::thread::Builder::new()
            .name("query".to_owned())
            .stack_size(QUERY_STACK)
            .spawn(move || {
                let started = Instant::now();
                let result = work(job);
                // The place is given back before the answer, so that a client's next query,
                // sent the moment it has this one's answer, finds it free.
                drop(place);
                // The receiver is gone when the time ran out: nobody waits for this answer.
                let _ = sender.send(result);
                // What a long evaluation held (a large sort or join) goes back to the system
                // at once, after its answer; a short one cannot have held much, and keeps its
                // freed pages for the next query.
                if started.elapsed() >= LONG_EVALUATION {
                    crate::allocator::give_back_freed_memory();
                }
            });
        if evaluation.is_err() {
            return Err(Refusal::busy("the endpoint cannot start another query now"));
        }
        match receiver.recv_timeout(self.options.timeout) {
            Ok(result) => result,
            Err(_) => {
                token.cancel();
                Err(timed_out(self.options.timeout))
            }
        }
    }

    /// Evaluates a query under the endpoint's limits, for a page to show.
    fn evaluate(&self, query: String) -> Result<Evaluated, Refusal> {
        let request = SparqlRequest {
            query,
            default_graphs: Vec::new(),
            named_graphs: Vec::new(),
            formats: Vec::new(),
        };
        self.within_time_limit(&request, None, Job::evaluate)
    }

    /// What the endpoint is and offers, in SPARQL 1.1 Service Description terms.
    fn describe_service(
        &self,
        endpoint: &str,
        formats: &[String],
        accept: Option<&str>,
    ) -> Result<Reply, Refusal> {
        let media_type = choose(formats, accept, Answer::Graph)?;
        let service = NamedNode::new(endpoint).map_err(internal)?;
        let statement = |predicate: NamedNodeRef<'_>, object: NamedNodeRef<'_>| {
            Quad::new(service.clone(), predicate, object, GraphName::DefaultGraph)
        };
        let mut quads = vec![
            statement(rdf::TYPE, sd::SERVICE),
            statement(sd::ENDPOINT, service.as_ref()),
            statement(sd::SUPPORTED_LANGUAGE, sd::SPARQL11_QUERY),
            statement(sd::FEATURE, sd::UNION_DEFAULT_GRAPH),
        ];
        for format in [
            formats::SPARQL_RESULTS_JSON,
            formats::SPARQL_RESULTS_XML,
            formats::SPARQL_RESULTS_CSV,
            formats::SPARQL_RESULTS_TSV,
            formats::TURTLE,
            formats::N_TRIPLES,
            formats::JSON_LD,
            formats::RDF_XML,
        ] {
            quads.push(statement(sd::RESULT_FORMAT, format));
        }
        if self.service_dataset.get().is_none() {
            // Two requests at once may both make it; the first kept wins, the same.
            let _ = self.service_dataset.set(self.default_dataset(&service)?);
        }
        quads.extend(self.service_dataset.get().into_iter().flatten().cloned());
        graph_response(media_type, quads)
    }

    /// The service's default dataset: the default graph (the merge of all graphs) and each
    /// named graph by name, so that a client can find the graphs to ask for.
    fn default_dataset(&self, service: &NamedNode) -> Result<Vec<Quad>, Refusal> {
        let node = |name: &str| BlankNode::new_unchecked(name);
        let dataset = node("dataset");
        let default_graph = node("default-graph");
        let statement = |subject: &BlankNode, predicate: NamedNodeRef<'_>, object: Term| {
            Quad::new(subject.clone(), predicate, object, GraphName::DefaultGraph)
        };
        let mut quads = vec![
            Quad::new(
                service.clone(),
                sd::DEFAULT_DATASET,
                dataset.clone(),
                GraphName::DefaultGraph,
            ),
            statement(&dataset, rdf::TYPE, sd::DATASET.into()),
            statement(&dataset, sd::DEFAULT_GRAPH, default_graph.clone().into()),
            statement(&default_graph, rdf::TYPE, sd::GRAPH.into()),
        ];
        let names = self
            .store
            .graph_names()
            .map_err(|error| Refusal::new(500, crate::run::with_causes(&error)))?;
        for (number, name) in names.into_iter().enumerate() {
            let graph = node(&format!("graph-{number}"));
            quads.push(statement(&dataset, sd::NAMED_GRAPH, graph.clone().into()));
            quads.push(statement(&graph, rdf::TYPE, sd::NAMED_GRAPH_CLASS.into()));
            quads.push(statement(&graph, sd::NAME, name.into()));
        }
        Ok(quads)
    }
}

/// A place among the evaluations running, given back when the evaluation's thread ends.
struct EvaluationPlace(Arc<AtomicUsize>);

impl Drop for EvaluationPlace {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A query to evaluate on a thread of its own.
struct Job {
    store: GraphStore,
    options: ServeOptions,
    request: SparqlRequest,
    accept: Option<String>,
    token: CancellationToken,
}

/// Results read in full, within the limits: what a [`Job`] evaluates.
pub(crate) enum Evaluated {
    Solutions {
        variables: Vec<Variable>,
        rows: Vec<QuerySolution>,
    },
    Boolean(bool),
    Graph(Vec<Quad>),
}

impl Job {
    /// Evaluates and writes the results as negotiated.
    fn run(self) -> Result<Reply, Refusal> {
        let accept = self.accept.clone();
        let formats = self.request.formats.clone();
        let chosen = |answer| choose(&formats, accept.as_deref(), answer);
        match self.evaluate()? {
            Evaluated::Solutions { variables, rows } => {
                let media_type = chosen(Answer::Results)?;
                let serializer = QueryResultsSerializer::from_format(results_format(media_type));
                let mut out = serializer
                    .serialize_solutions_to_writer(Vec::new(), variables)
                    .map_err(internal)?;
                for row in &rows {
                    out.serialize(row).map_err(internal)?;
                }
                let bytes = out.finish().map_err(internal)?;
                Ok(Reply::ok(media_type, bytes))
            }
            Evaluated::Boolean(value) => {
                let media_type = chosen(Answer::Results)?;
                let serializer = QueryResultsSerializer::from_format(results_format(media_type));
                let bytes = serializer
                    .serialize_boolean_to_writer(Vec::new(), value)
                    .map_err(internal)?;
                Ok(Reply::ok(media_type, bytes))
            }
            Evaluated::Graph(quads) => graph_response(chosen(Answer::Graph)?, quads),
        }
    }

    /// Evaluates the query and reads every result, within the time limit and the memory budget.
    fn evaluate(self) -> Result<Evaluated, Refusal> {
        let control = QueryControl {
            cancellation: Some(self.token.clone()),
            memory_budget: Some(self.options.max_memory),
            default_graphs: self.request.default_graphs.clone(),
            named_graphs: self.request.named_graphs.clone(),
        };
        catching_stops(|| self.read_all(control)).unwrap_or_else(|stop| Err(self.stopped(stop)))
    }

    /// Reads every result, refusing more than the row limit.
    fn read_all(&self, control: QueryControl) -> Result<Evaluated, Refusal> {
        let results = self
            .store
            .query_with(&self.request.query, self.options.minter.base(), control)
            .map_err(|error| self.refusal(error))?;
        Ok(match results {
            QueryResults::Solutions(solutions) => {
                let variables = solutions.variables().to_vec();
                let mut rows = Vec::new();
                let mut bytes = 0;
                for row in solutions {
                    let row = row.map_err(|e| self.refusal(e.into()))?;
                    bytes += row
                        .values()
                        .iter()
                        .flatten()
                        .map(|term| term_bytes(term.as_ref()))
                        .sum::<usize>();
                    rows.push(row);
                    if rows.len() > self.options.max_rows {
                        return Err(self.too_many("rows"));
                    }
                    if bytes > MAX_RESULT_BYTES {
                        return Err(too_large());
                    }
                }
                Evaluated::Solutions { variables, rows }
            }
            QueryResults::Boolean(value) => Evaluated::Boolean(value),
            QueryResults::Graph(triples) => {
                let mut quads = Vec::new();
                let mut bytes = 0;
                for triple in triples {
                    let triple = triple.map_err(|e| self.refusal(e.into()))?;
                    bytes += term_bytes(triple.subject.as_ref().into())
                        + triple.predicate.as_str().len()
                        + term_bytes(triple.object.as_ref());
                    quads.push(triple.in_graph(GraphName::DefaultGraph));
                    if quads.len() > self.options.max_rows {
                        return Err(self.too_many("triples"));
                    }
                    if bytes > MAX_RESULT_BYTES {
                        return Err(too_large());
                    }
                }
                Evaluated::Graph(quads)
            }
        })
    }

    fn too_many(&self, what: &str) -> Refusal {
        Refusal::new(
            400,
            format!(
                "the results have more than {} {what}: add a LIMIT, or page with OFFSET",
                self.options.max_rows
            ),
        )
    }

    fn stopped(&self, stop: EvaluationStop) -> Refusal {
        match stop {
            EvaluationStop::Cancelled => timed_out(self.options.timeout),
            other => Refusal::new(400, other.to_string()),
        }
    }

    fn refusal(&self, error: StoreError) -> Refusal {
        match error {
            StoreError::Syntax(message) => Refusal::new(400, message),
            StoreError::Shape(error) => Refusal::new(400, error.to_string()),
            StoreError::Evaluation(QueryEvaluationError::Cancelled) => {
                timed_out(self.options.timeout)
            }
            StoreError::Evaluation(QueryEvaluationError::Dataset(error)) => {
                match error.downcast_ref::<EvaluationStop>() {
                    Some(stop) => self.stopped(*stop),
                    None => Refusal::new(400, format!("the query failed: {error}")),
                }
            }
            StoreError::Evaluation(error) => {
                Refusal::new(400, format!("the query failed: {error}"))
            }
            other => Refusal::new(500, crate::run::with_causes(&other)),
        }
    }
}

/// The most bytes of terms one answer may hold while it is read in full: `--max-rows` counts
/// rows, and a million rows of 4 KB strings is 4 GB.
const MAX_RESULT_BYTES: usize = 256 << 20;

fn too_large() -> Refusal {
    Refusal::new(
        400,
        format!(
            "the results hold more than {} MB: add a LIMIT, or page with OFFSET",
            MAX_RESULT_BYTES >> 20
        ),
    )
}

fn timed_out(timeout: Duration) -> Refusal {
    Refusal::new(
        503,
        format!(
            "the query was stopped after {} s, the time limit of this endpoint",
            timeout.as_secs_f64()
        ),
    )
}

/// What every answer tells a browser: take its media type as sent, never frame it; and for a
/// page, load nothing from elsewhere and run no script (the pages have none, their style is
/// inline; the query page's editor alone has scripts, and its own policy).
fn guard_headers(response: &mut Response<Body>) {
    let html = response
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"text/html"));
    let headers = response.headers_mut();
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // The query page sets its own, which lets the editor's scripts in (`editor`).
    if html && !headers.contains_key(CONTENT_SECURITY_POLICY) {
        headers.insert(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; \
                 form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            ),
        );
    }
}

/// Whether `Accept` asks for a page before any RDF (a browser's does; `*/*` does not).
fn prefers_a_page(accept: Option<&str>) -> bool {
    let mut offered = GRAPH_TYPES.to_vec();
    offered.push("text/html");
    acceptable(accept, &offered) == Ok("text/html")
}

/// A request path as the IRI has it: clients percent-encode the non-ASCII letters an IRI
/// holds as they are (`yeşilgöz`), so those are decoded; an ASCII escape (`%20`) was minted as
/// one and stays.
fn iri_path(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let escaped = (bytes[at] == b'%')
            .then(|| path.get(at + 1..at + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            .filter(|byte| !byte.is_ascii());
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                at += 3;
            }
            None => {
                decoded.push(bytes[at]);
                at += 1;
            }
        }
    }
    String::from_utf8(decoded).unwrap_or_else(|_| path.to_owned())
}

fn acceptable<'a>(accept: Option<&str>, candidates: &[&'a str]) -> Result<&'a str, Refusal> {
    negotiate(accept, candidates).ok_or_else(|| {
        Refusal::new(
            406,
            format!(
                "none of the accepted types is offered here: {}",
                candidates.join(", ")
            ),
        )
    })
}

/// The media type to answer with: the first of the request's `format=` and `output=` values
/// that names a format of `answer`, which wins over `Accept` (clients such as SPARQLWrapper send
/// both, and a default `Accept` with it); with none given, what `Accept` allows. Values given
/// that name none get 406, as an `Accept` that allows none does.
fn choose(
    formats: &[String],
    accept: Option<&str>,
    answer: Answer,
) -> Result<&'static str, Refusal> {
    if let Some(first) = formats.first() {
        return formats
            .iter()
            .find_map(|value| named_type(value, answer))
            .ok_or_else(|| Refusal::new(406, media::unnamed(first, answer)));
    }
    acceptable(
        accept,
        match answer {
            Answer::Results => RESULT_TYPES,
            Answer::Graph => GRAPH_TYPES,
        },
    )
}

fn results_format(media_type: &str) -> QueryResultsFormat {
    match media_type {
        "application/sparql-results+xml" | "application/xml" => QueryResultsFormat::Xml,
        "text/csv" => QueryResultsFormat::Csv,
        "text/tab-separated-values" => QueryResultsFormat::Tsv,
        _ => QueryResultsFormat::Json,
    }
}

fn graph_response(media_type: &'static str, quads: Vec<Quad>) -> Result<Reply, Refusal> {
    let format = match media_type {
        "application/n-triples" => ExportFormat::NTriples,
        "application/rdf+xml" => ExportFormat::RdfXml,
        "application/ld+json" => ExportFormat::JsonLd,
        _ => ExportFormat::Turtle,
    };
    let bytes = export::write_sorted(quads, format, Vec::new()).map_err(|error| {
        // RDF/XML cannot write some triples (a predicate such as `rdf:about`): say so, and
        // what else there is, rather than fail as the server.
        if error.kind() == std::io::ErrorKind::InvalidInput {
            Refusal::new(
                406,
                format!(
                    "the triples cannot be written as {media_type} ({error}): ask for another of {}",
                    GRAPH_TYPES
                        .iter()
                        .filter(|other| **other != media_type)
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        } else {
            internal(error)
        }
    })?;
    Ok(Reply::ok(media_type, bytes))
}

/// All of `request` that its answer depends on, `body` being what was read of it.
fn request_key(request: &Request<Body>, body: Vec<u8>) -> RequestKey {
    let header = |name| {
        request
            .headers()
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
            .map(str::to_owned)
    };
    let uri = request.uri();
    RequestKey {
        method: request.method().as_str().to_owned(),
        target: uri
            .path_and_query()
            .map_or_else(|| uri.path().to_owned(), |p| p.as_str().to_owned()),
        accept: header(ACCEPT),
        language: html::Language::of(request),
        content_type: header(CONTENT_TYPE),
        body,
    }
}

fn internal(error: impl std::fmt::Display) -> Refusal {
    Refusal::new(500, format!("cannot write the results: {error}"))
}

#[cfg(test)]
mod tests {
    use super::{choose, iri_path, Answer};

    #[test]
    fn a_named_format_wins_over_accept() {
        let named = |values: &[&str], accept, answer| {
            let values: Vec<String> = values.iter().map(|v| v.to_string()).collect();
            choose(&values, accept, answer)
        };
        assert_eq!(
            named(&[], Some("text/csv"), Answer::Results),
            Ok("text/csv")
        );
        assert_eq!(
            named(&["json"], Some("text/csv"), Answer::Results),
            Ok("application/sparql-results+json")
        );
        assert_eq!(
            named(&["json"], Some("*/*"), Answer::Graph),
            Ok("application/ld+json")
        );
        // The first value that names a format of the answer.
        assert_eq!(
            named(&["csv", "n3"], None, Answer::Graph),
            Ok("text/turtle")
        );
        assert_eq!(
            named(&["turtle"], Some("*/*"), Answer::Results)
                .unwrap_err()
                .status,
            406
        );
    }

    #[test]
    fn request_paths_become_iri_paths() {
        assert_eq!(iri_path("persoon/ye%C5%9Filg%C3%B6z"), "persoon/yeşilgöz");
        assert_eq!(iri_path("zaak/a%20b"), "zaak/a%20b");
        assert_eq!(iri_path("zaak/%FF"), "zaak/%FF");
        assert_eq!(iri_path("zaak/%4"), "zaak/%4");
    }
}
