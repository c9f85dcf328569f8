//! One graph to one triple store, over the SPARQL 1.1 Graph Store HTTP Protocol: `PUT
//! ENDPOINT?graph=IRI` with the graph as N-Triples, which replaces what the store held in that
//! graph. Credentials are sent as the server's challenge asks: the challenge is learnt once,
//! with a HEAD request, and answered on every PUT after (a server that refuses a PUT sent
//! without credentials may close the connection before a large body is through). A failure that
//! may pass (no connection, a 5xx, 408 or 429) is tried again after a pause that doubles each
//! time.
//!
//! A graph's IRI and bytes enter; the status the store answered with, or a [`PushError`] that
//! names the graph, leaves.

use super::auth::{Challenge, Credentials};
use super::PushError;
use oxhttp::model::header::{AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use oxhttp::model::{Body, HeaderValue, Method, Request, StatusCode, Uri};
use std::io::Read;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// How often and how patiently to try.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Tries after the first.
    pub retries: u32,
    /// The pause before the first retry; each later pause is twice the one before.
    pub first_pause: Duration,
}

/// A Graph Store Protocol endpoint, and how to talk to it.
pub(crate) struct GraphStoreClient {
    endpoint: String,
    credentials: Option<Credentials>,
    retry: RetryPolicy,
    client: oxhttp::Client,
    /// The server's last challenge, answered on every request until it goes stale.
    challenge: Mutex<Option<Challenge>>,
}

/// What a failed try was, and whether another may do better.
struct Failure {
    message: String,
    status: Option<StatusCode>,
    passing: bool,
}

impl GraphStoreClient {
    pub fn new(
        endpoint: String,
        credentials: Option<Credentials>,
        retry: RetryPolicy,
        timeout: Duration,
    ) -> Self {
        let client = oxhttp::Client::new()
            .with_global_timeout(timeout)
            .with_redirection_limit(0);
        Self {
            endpoint,
            credentials,
            retry,
            client,
            challenge: Mutex::new(None),
        }
    }

    /// Replaces `graph` on the server with `ntriples`, trying again while that may help.
    pub fn put(&self, graph: &str, ntriples: &[u8]) -> Result<StatusCode, PushError> {
        let url = graph_url(&self.endpoint, graph);
        let mut pause = self.retry.first_pause;
        let mut tries = 0;
        loop {
            tries += 1;
            match self.try_put(&url, ntriples) {
                Ok(status) => return Ok(status),
                Err(failure) if failure.passing && tries <= self.retry.retries => {
                    std::thread::sleep(pause);
                    pause *= 2;
                }
                Err(failure) => {
                    return Err(PushError::Refused {
                        graph: graph.to_owned(),
                        status: failure.status.map(|s| s.as_u16()),
                        message: failure.message,
                        tries,
                    })
                }
            }
        }
    }

    fn try_put(&self, url: &str, body: &[u8]) -> Result<StatusCode, Failure> {
        let path = path_and_query(url)?;
        let authorization = self.authorization(url, &path)?;
        let response = self
            .send(Method::PUT, url, body, authorization)
            .inspect_err(|_| {
                // A server may drop the connection on a stale Digest nonce while the body is
                // still coming: ask afresh on the next try.
                *self.lock_challenge() = None;
            })?;
        if response.status() != StatusCode::UNAUTHORIZED {
            return outcome(response);
        }
        if self.credentials.is_none() {
            return Err(refusal(
                response,
                "the server asks for credentials: give --user (and the password)",
            ));
        }
        // The challenge is new, or the one kept went stale: answer this one, once.
        let authorization = self.learn_and_answer(&response, &path)?;
        let response = self.send(Method::PUT, url, body, authorization)?;
        if response.status() == StatusCode::UNAUTHORIZED {
            return Err(refusal(response, "the user name or password is wrong"));
        }
        outcome(response)
    }

    /// The `Authorization` header for a request to `url`: Basic at once when asked for;
    /// otherwise the answer to the challenge the server gave, asked for first with a HEAD
    /// request (which carries no body for the server to refuse halfway). The challenge is kept
    /// locked while it is asked for, so that one thread asks and the others wait for it.
    fn authorization(&self, url: &str, path: &str) -> Result<Option<String>, Failure> {
        let Some(credentials) = &self.credentials else {
            return Ok(None);
        };
        if let Some(header) = credentials.unprompted() {
            return Ok(Some(header));
        }
        let mut kept = self.lock_challenge();
        if kept.is_none() {
            let response = self.send(Method::HEAD, url, &[], None)?;
            if response.status() != StatusCode::UNAUTHORIZED {
                return Ok(None);
            }
            *kept = Some(challenge_of(&response)?);
        }
        answer(credentials, &mut kept, path)
    }

    /// Keeps the challenge of a 401 response, and answers it for a PUT of `path`.
    fn learn_and_answer(
        &self,
        response: &oxhttp::model::Response<Body>,
        path: &str,
    ) -> Result<Option<String>, Failure> {
        let mut kept = self.lock_challenge();
        *kept = Some(challenge_of(response)?);
        match &self.credentials {
            Some(credentials) => answer(credentials, &mut kept, path),
            None => Ok(None),
        }
    }

    fn lock_challenge(&self) -> MutexGuard<'_, Option<Challenge>> {
        self.challenge.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn send(
        &self,
        method: Method,
        url: &str,
        body: &[u8],
        authorization: Option<String>,
    ) -> Result<oxhttp::model::Response<Body>, Failure> {
        let mut request = Request::builder()
            .method(method)
            .uri(url)
            .header(CONTENT_TYPE, "application/n-triples");
        if let Some(value) = authorization.and_then(|a| HeaderValue::from_str(&a).ok()) {
            request = request.header(AUTHORIZATION, value);
        }
        let request = request
            .body(Body::from(body.to_vec()))
            .map_err(|error| Failure {
                message: format!("cannot make the request: {error}"),
                status: None,
                passing: false,
            })?;
        self.client.request(request).map_err(|error| Failure {
            message: format!("no answer from {}: {error}", self.endpoint),
            status: None,
            passing: true,
        })
    }
}

/// The challenge of a 401 response.
fn challenge_of(response: &oxhttp::model::Response<Body>) -> Result<Challenge, Failure> {
    let header = response
        .headers()
        .get(WWW_AUTHENTICATE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    Challenge::parse(header).map_err(|message| Failure {
        message,
        status: Some(StatusCode::UNAUTHORIZED),
        passing: false,
    })
}

/// The answer of `credentials` to the challenge kept, for a PUT of `path`.
fn answer(
    credentials: &Credentials,
    kept: &mut Option<Challenge>,
    path: &str,
) -> Result<Option<String>, Failure> {
    let Some(challenge) = kept.as_mut() else {
        return Ok(None);
    };
    credentials
        .answer(challenge, "PUT", path)
        .map(Some)
        .map_err(|message| Failure {
            message,
            status: Some(StatusCode::UNAUTHORIZED),
            passing: false,
        })
}

/// The path and query of `url`, which a Digest answer names.
fn path_and_query(url: &str) -> Result<String, Failure> {
    let uri: Uri = url.parse().map_err(|_| Failure {
        message: format!("`{url}` is not a URL"),
        status: None,
        passing: false,
    })?;
    Ok(uri
        .path_and_query()
        .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned()))
}

/// The address `graph` is written to: `endpoint` with `graph=IRI` added.
pub fn graph_url(endpoint: &str, graph: &str) -> String {
    let separator = if endpoint.contains('?') { '&' } else { '?' };
    let encoded: String = form_urlencoded::byte_serialize(graph.as_bytes()).collect();
    format!("{endpoint}{separator}graph={encoded}")
}

/// A success status, or the failure the response tells of.
fn outcome(response: oxhttp::model::Response<Body>) -> Result<StatusCode, Failure> {
    let status = response.status();
    if status.is_success() {
        return Ok(status);
    }
    Err(refusal(response, ""))
}

/// The failure a response tells of: its status, the first line of its body, and `hint`.
fn refusal(mut response: oxhttp::model::Response<Body>, hint: &str) -> Failure {
    let status = response.status();
    let mut text = String::new();
    let _ = response.body_mut().take(4096).read_to_string(&mut text);
    let first_line = text.lines().map(str::trim).find(|l| !l.is_empty());
    let mut message = format!("{status}");
    if let Some(line) = first_line {
        message.push_str(&format!(": {line}"));
    }
    if !hint.is_empty() {
        message.push_str(&format!(" ({hint})"));
    }
    Failure {
        message,
        status: Some(status),
        passing: status.is_server_error()
            || status == StatusCode::REQUEST_TIMEOUT
            || status == StatusCode::TOO_MANY_REQUESTS,
    }
}
