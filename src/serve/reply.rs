//! A finished answer to one request, as bytes: what the routes of the endpoint make, what the
//! cache keeps, and what becomes the HTTP response.

use super::protocol::Refusal;
use oxhttp::model::header::{
    CONTENT_LOCATION, CONTENT_SECURITY_POLICY, CONTENT_TYPE, RETRY_AFTER, VARY,
};
use oxhttp::model::{Body, HeaderValue, Response, StatusCode};

const HTML: &str = "text/html; charset=utf-8";
const PLAIN_TEXT: &str = "text/plain; charset=utf-8";

/// An answer: its status, its media type, whether it was chosen by `Accept`, and its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: StatusCode,
    pub media_type: Option<&'static str>,
    /// The body depends on the request's `Accept` header (`Vary: Accept` tells caches so).
    pub varies_by_accept: bool,
    /// Where this very representation can be asked for, when the request chose among several.
    pub location: Option<String>,
    /// Ask again in a second (`Retry-After: 1`).
    pub retry_soon: bool,
    /// A page's own Content-Security-Policy, where it needs another than every page's.
    pub policy: Option<String>,
    pub bytes: Vec<u8>,
}

impl Reply {
    /// A 200 answer with a body of `media_type`.
    pub fn ok(media_type: &'static str, bytes: Vec<u8>) -> Self {
        Self {
            status: StatusCode::OK,
            media_type: Some(media_type),
            varies_by_accept: false,
            location: None,
            retry_soon: false,
            policy: None,
            bytes,
        }
    }

    pub fn html(html: String) -> Self {
        Self::ok(HTML, html.into_bytes())
    }

    /// A status with no body.
    pub fn empty(status: StatusCode) -> Self {
        Self {
            status,
            media_type: None,
            varies_by_accept: false,
            location: None,
            retry_soon: false,
            policy: None,
            bytes: Vec::new(),
        }
    }

    /// One of several representations, chosen by `Accept`, and found itself at `location`.
    pub fn negotiated(self, location: String) -> Self {
        Self {
            varies_by_accept: true,
            location: Some(location),
            ..self
        }
    }

    /// A page with its own Content-Security-Policy (see `editor`).
    pub fn with_policy(self, policy: Option<String>) -> Self {
        Self { policy, ..self }
    }

    /// Whether another request for the same thing may get this answer: a refusal may come from
    /// a moment (the time limit under load), so only successes are kept.
    pub(crate) fn is_lasting(&self) -> bool {
        self.status == StatusCode::OK
    }

    pub(crate) fn to_response(&self) -> Response<Body> {
        let mut response = Response::new(Body::from(self.bytes.clone()));
        *response.status_mut() = self.status;
        let headers = response.headers_mut();
        if let Some(media_type) = self.media_type {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(media_type));
        }
        // A page names properties and classes in the language `Accept-Language` prefers.
        let vary = match (self.varies_by_accept, self.media_type == Some(HTML)) {
            (true, true) => Some("Accept, Accept-Language"),
            (true, false) => Some("Accept"),
            (false, true) => Some("Accept-Language"),
            (false, false) => None,
        };
        if let Some(vary) = vary {
            headers.insert(VARY, HeaderValue::from_static(vary));
        }
        if self.retry_soon {
            headers.insert(RETRY_AFTER, HeaderValue::from_static("1"));
        }
        if let Some(policy) = self.policy.as_deref() {
            if let Ok(value) = HeaderValue::from_str(policy) {
                headers.insert(CONTENT_SECURITY_POLICY, value);
            }
        }
        if let Some(location) = self.location.as_deref() {
            if let Ok(value) = HeaderValue::from_str(location) {
                headers.insert(CONTENT_LOCATION, value);
            }
        }
        response
    }
}

impl From<Refusal> for Reply {
    /// The refusal's status, and its message as one line of plain text.
    fn from(refusal: Refusal) -> Self {
        Self {
            status: StatusCode::from_u16(refusal.status)
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            media_type: Some(PLAIN_TEXT),
            varies_by_accept: false,
            location: None,
            retry_soon: refusal.retry_soon,
            policy: None,
            bytes: format!("{}\n", refusal.message).into_bytes(),
        }
    }
}
