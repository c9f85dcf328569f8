//! The query editor of the query page: YASGUI (as the oxigraph server and Fuseki offer it),
//! over the page's plain form, which stays where YASGUI cannot load.
//!
//! [`EditorSource`] enters from `serve --editor`: YASGUI's published build (the default), a
//! folder holding a build (served here under [`PATH`], for use without a network), or none.
//! Out go the page's head ([`EditorSource::head`]), the page's Content-Security-Policy, which
//! lets scripts come from this server and the build's origin alone, and the files under
//! [`PATH`]: our script (`editor.js`, which turns the form into YASGUI with a tab for each
//! shipped query), the prefixes it completes (`prefixes.json`, the endpoint's, so completion
//! needs no other site) and a folder's build.

use super::{Endpoint, Refusal, Reply};
use std::path::PathBuf;

/// YASGUI's published build, the version the tests run (`.ci/run` fetches it from npm).
pub const PUBLISHED_BUILD: &str = "https://cdn.jsdelivr.net/npm/@triply/yasgui@4.2.28/build/";

/// Where this server answers the editor's files.
pub(super) const PATH: &str = "/editor/";

/// Our script, which sets YASGUI over the form.
const SCRIPT: &str = include_str!("editor.js");

/// The files of YASGUI's build a page loads.
const BUILD_FILES: [(&str, &str); 2] = [
    ("yasgui.min.js", "text/javascript; charset=utf-8"),
    ("yasgui.min.css", "text/css; charset=utf-8"),
];

/// Where the query page loads YASGUI from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorSource {
    /// A build at this address (ending in `/`), [`PUBLISHED_BUILD`] by default.
    Published(String),
    /// A build in this folder, served under [`PATH`].
    Folder(PathBuf),
    /// The plain form only.
    Off,
}

impl EditorSource {
    /// Where the build's files are, as the page names them.
    fn build_address(&self) -> Option<String> {
        match self {
            Self::Published(address) => Some(address.clone()),
            Self::Folder(_) => Some(PATH.to_owned()),
            Self::Off => None,
        }
    }

    /// The page's stylesheet and scripts (deferred: the form shows first, and stays if they
    /// fail).
    pub(super) fn head(&self) -> String {
        let Some(build) = self.build_address() else {
            return String::new();
        };
        let build = super::html::escape(&build);
        format!(
            "<link rel=\"stylesheet\" href=\"{build}yasgui.min.css\">\
             <script src=\"{build}yasgui.min.js\" defer></script>\
             <script src=\"{PATH}editor.js\" defer></script>"
        )
    }

    /// The query page's policy: the pages' own (nothing from elsewhere, no inline script),
    /// but for scripts and styles from this server and the build's origin, and the queries
    /// YASGUI sends to this server.
    pub(super) fn policy(&self) -> Option<String> {
        let origin = match self {
            Self::Published(address) => origin_of(address),
            Self::Folder(_) => String::new(),
            Self::Off => return None,
        };
        Some(format!(
            "default-src 'none'; script-src 'self' {origin}; style-src 'self' 'unsafe-inline' \
             {origin}; img-src 'self' data:; font-src 'self' data: {origin}; connect-src 'self'; \
             form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        ))
    }
}

/// The endpoint's prefixes as YASQE completes them (prefix.cc's shape: `{"prefix": "IRI"}`).
fn prefixes_json() -> Vec<u8> {
    let prefixes: serde_json::Map<String, serde_json::Value> = crate::rdf::vocab::prefixes()
        .into_iter()
        .map(|(prefix, iri)| (prefix.to_owned(), iri.into()))
        .collect();
    serde_json::to_vec(&prefixes).expect("strings serialise")
}

/// `https://host` of an address, for a policy.
fn origin_of(address: &str) -> String {
    let after_scheme = address.find("://").map_or(0, |at| at + 3);
    let end = address[after_scheme..]
        .find('/')
        .map_or(address.len(), |at| after_scheme + at);
    address[..end].to_owned()
}

impl Endpoint {
    /// `/editor/…`: our script, and the build's two files where they come from a folder.
    pub(super) fn editor_file(&self, name: &str) -> Result<Reply, Refusal> {
        if name == "editor.js" {
            return Ok(Reply::ok(BUILD_FILES[0].1, SCRIPT.as_bytes().to_vec()));
        }
        if name == "prefixes.json" {
            return Ok(Reply::ok("application/json", prefixes_json()));
        }
        let not_found = || Refusal::new(404, format!("not found: {PATH}{name}"));
        let EditorSource::Folder(folder) = &self.options.editor else {
            return Err(not_found());
        };
        // Only the build's own files, by their fixed names: nothing else of the folder.
        let (file, media_type) = BUILD_FILES
            .iter()
            .find(|(file, _)| *file == name)
            .ok_or_else(not_found)?;
        let bytes = std::fs::read(folder.join(file)).map_err(|error| {
            Refusal::new(500, format!("cannot read the editor's {file}: {error}"))
        })?;
        Ok(Reply::ok(media_type, bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_build_is_allowed_by_its_origin_only() {
        let source = EditorSource::Published(PUBLISHED_BUILD.to_owned());
        let policy = source.policy().unwrap();
        assert!(policy.starts_with(
            "default-src 'none'; script-src 'self' https://cdn.jsdelivr.net; style-src"
        ));
        assert_eq!(EditorSource::Off.policy(), None);
        assert_eq!(
            source.head(),
            "<link rel=\"stylesheet\" href=\"https://cdn.jsdelivr.net/npm/@triply/yasgui@4.2.28/build/yasgui.min.css\">\
             <script src=\"https://cdn.jsdelivr.net/npm/@triply/yasgui@4.2.28/build/yasgui.min.js\" defer></script>\
             <script src=\"/editor/editor.js\" defer></script>"
        );
    }
}
