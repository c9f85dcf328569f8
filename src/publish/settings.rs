//! What a publisher decides about a published dataset: who publishes it, where the files will
//! be downloaded from, under which licence.
//!
//! Settings enter as TOML text (a `publish.toml`), are completed with defaults that depend
//! only on the base IRI, and leave as [`PublishSettings`], every IRI checked. Nothing about a
//! particular publisher is written in code: publisher and contact point must be given.

use chrono::NaiveDate;
use oxigraph::model::NamedNode;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The licence when none is configured: CC0 1.0, the usual choice for open government data.
pub(crate) const DEFAULT_LICENSE: &str = "http://creativecommons.org/publicdomain/zero/1.0/";
/// Access rights when none are configured: public (the EU access-right vocabulary).
pub(crate) const DEFAULT_ACCESS_RIGHTS: &str =
    "http://publications.europa.eu/resource/authority/access-right/PUBLIC";

/// The settings file as written: every field optional, so that flags can fill gaps.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsFile {
    pub dataset: Option<String>,
    pub download_url: Option<String>,
    pub sparql_endpoint: Option<String>,
    pub license: Option<String>,
    pub access_rights: Option<String>,
    pub issued: Option<NaiveDate>,
    pub modified: Option<NaiveDate>,
    pub title: Option<Texts>,
    pub description: Option<Texts>,
    pub publisher: Option<AgentFile>,
    pub creator: Option<AgentFile>,
    pub contact: Option<ContactFile>,
}

/// A text in Dutch and in English.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    pub nl: String,
    pub en: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentFile {
    pub iri: String,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactFile {
    pub iri: Option<String>,
    pub name: String,
    pub email: Option<String>,
    pub url: Option<String>,
}

/// A person or organisation, by IRI and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    pub iri: NamedNode,
    pub name: String,
}

/// Who to ask about the dataset (a `vcard:Kind`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub iri: NamedNode,
    pub name: String,
    pub email: Option<NamedNode>,
    pub url: Option<NamedNode>,
}

/// Complete, checked settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishSettings {
    pub dataset: NamedNode,
    /// Where the dumps will be downloadable: each file's name is appended.
    pub download_url: String,
    pub sparql_endpoint: Option<NamedNode>,
    pub license: NamedNode,
    pub access_rights: NamedNode,
    /// `None`: the date of the newest document.
    pub issued: Option<NaiveDate>,
    /// `None`: the date of the newest document.
    pub modified: Option<NaiveDate>,
    pub title: Texts,
    pub description: Texts,
    pub publisher: Agent,
    pub creator: Agent,
    pub contact: Contact,
}

impl SettingsFile {
    /// Reads a settings file; an error names the file and the line.
    pub fn read(path: &Path) -> Result<Self, SettingsError> {
        let text = std::fs::read_to_string(path).map_err(|error| SettingsError {
            file: Some(path.to_owned()),
            line: None,
            message: format!("cannot read the file: {error}"),
        })?;
        Self::parse(&text, Some(path))
    }

    pub fn parse(text: &str, path: Option<&Path>) -> Result<Self, SettingsError> {
        toml::from_str(text).map_err(|error| SettingsError {
            file: path.map(Path::to_path_buf),
            line: error
                .span()
                .map(|span| text[..span.start].matches('\n').count() + 1),
            message: error.message().to_owned(),
        })
    }

    /// Fills what is not set with the defaults under `base`, and checks every IRI.
    pub fn complete(
        self,
        base: &str,
        file: Option<PathBuf>,
    ) -> Result<PublishSettings, SettingsError> {
        let problem = |message: String| SettingsError {
            file: file.clone(),
            line: None,
            message,
        };
        let iri = |field: &str, value: &str| {
            NamedNode::new(value)
                .map_err(|error| problem(format!("`{field}` is not an IRI ({value}): {error}")))
        };
        let publisher = self.publisher.ok_or_else(|| {
            problem("no publisher: set [publisher] iri and name (or --publisher-iri and --publisher-name)".into())
        })?;
        let publisher = Agent {
            iri: iri("publisher.iri", &publisher.iri)?,
            name: publisher.name,
        };
        let creator = match self.creator {
            Some(creator) => Agent {
                iri: iri("creator.iri", &creator.iri)?,
                name: creator.name,
            },
            None => publisher.clone(),
        };
        let dataset = iri(
            "dataset",
            &self.dataset.unwrap_or_else(|| format!("{base}dataset")),
        )?;
        let contact = self.contact.ok_or_else(|| {
            problem("no contact point: set [contact] name and email or url (or --contact-name and --contact-email)".into())
        })?;
        if contact.email.is_none() && contact.url.is_none() {
            return Err(problem("the contact point needs an email or a url".into()));
        }
        let contact = Contact {
            iri: iri(
                "contact.iri",
                &contact
                    .iri
                    .unwrap_or_else(|| format!("{}/contact", dataset.as_str())),
            )?,
            name: contact.name,
            email: contact
                .email
                .map(|email| iri("contact.email", &format!("mailto:{email}")))
                .transpose()?,
            url: contact
                .url
                .map(|url| iri("contact.url", &url))
                .transpose()?,
        };
        let download_url = self.download_url.unwrap_or_else(|| format!("{base}dump/"));
        iri("download_url", &download_url)?;
        // DCAT-AP asks for a title and a description in each language given: an empty one
        // would pass into the catalogue as a blank.
        let texts = [("title", &self.title), ("description", &self.description)];
        for (field, texts) in texts {
            let Some(texts) = texts else { continue };
            for (language, text) in [("nl", &texts.nl), ("en", &texts.en)] {
                if text.trim().is_empty() {
                    return Err(problem(format!(
                        "`{field}.{language}` is empty: give the text"
                    )));
                }
            }
        }
        Ok(PublishSettings {
            download_url,
            sparql_endpoint: self
                .sparql_endpoint
                .map(|url| iri("sparql_endpoint", &url))
                .transpose()?,
            license: iri(
                "license",
                self.license.as_deref().unwrap_or(DEFAULT_LICENSE),
            )?,
            access_rights: iri(
                "access_rights",
                self.access_rights
                    .as_deref()
                    .unwrap_or(DEFAULT_ACCESS_RIGHTS),
            )?,
            issued: self.issued,
            modified: self.modified,
            title: self.title.unwrap_or_else(default_title),
            description: self.description.unwrap_or_else(default_description),
            dataset,
            publisher,
            creator,
            contact,
        })
    }
}

impl PublishSettings {
    /// The defaults under `base` when no settings were given, for a description that names
    /// nobody (`describe_served` with `attributed` false). Publisher and contact point are
    /// required fields, so they hold the dataset's own IRI here; that description never
    /// writes them.
    pub fn unattributed(base: &str) -> Result<Self, SettingsError> {
        let dataset = format!("{base}dataset");
        SettingsFile {
            publisher: Some(AgentFile {
                iri: dataset.clone(),
                name: String::new(),
            }),
            contact: Some(ContactFile {
                iri: Some(dataset.clone()),
                name: String::new(),
                email: None,
                url: Some(dataset),
            }),
            ..SettingsFile::default()
        }
        .complete(base, None)
    }
}

fn default_title() -> Texts {
    Texts {
        nl: "Schriftelijke Kamervragen als linked data".into(),
        en: "Written parliamentary questions of the Dutch House of Representatives as linked data"
            .into(),
    }
}

fn default_description() -> Texts {
    Texts {
        nl: "Schriftelijke vragen van leden van de Tweede Kamer, de antwoorden en uitstelberichten van de regering, de indieners en hun fracties, de gevraagde bewindspersonen en de geciteerde bronnen, als RDF.".into(),
        en: "Written questions by members of the Dutch House of Representatives, the government's answers and postponement notices, the members and their parties, the offices asked and the sources cited, as RDF.".into(),
    }
}

/// Publishing settings that do not read or are incomplete: the file, the line when the
/// problem is at one, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct SettingsError {
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for SettingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => write!(f, "{}:{line}: {}", file.display(), self.message),
            (Some(file), None) => write!(f, "{}: {}", file.display(), self.message),
            (None, Some(line)) => write!(f, "line {line}: {}", self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://example.org/kv/";

    fn complete(text: &str) -> Result<PublishSettings, SettingsError> {
        SettingsFile::parse(text, None)?.complete(BASE, None)
    }

    const MINIMAL: &str = "[publisher]\niri = \"https://example.org/org\"\nname = \"Org\"\n\
                           [contact]\nname = \"Desk\"\nemail = \"desk@example.org\"\n";

    #[test]
    fn defaults_follow_the_base() {
        let settings = complete(MINIMAL).unwrap();
        assert_eq!(settings.dataset.as_str(), "https://example.org/kv/dataset");
        assert_eq!(settings.download_url, "https://example.org/kv/dump/");
        assert_eq!(settings.license.as_str(), DEFAULT_LICENSE);
        assert_eq!(settings.creator, settings.publisher);
        assert_eq!(
            settings.contact.email.unwrap().as_str(),
            "mailto:desk@example.org"
        );
        assert_eq!(
            settings.contact.iri.as_str(),
            "https://example.org/kv/dataset/contact"
        );
    }

    #[test]
    fn a_publisher_and_a_contact_must_be_given() {
        let error = complete("").unwrap_err();
        assert!(error.message.contains("no publisher"), "{error}");
        let error = complete("[publisher]\niri = \"https://e.org/\"\nname = \"E\"\n").unwrap_err();
        assert!(error.message.contains("no contact point"), "{error}");
    }

    #[test]
    fn an_empty_title_or_description_is_refused() {
        let text = format!("{MINIMAL}\n[title]\nnl = \" \"\nen = \"Questions\"\n");
        let error = complete(&text).unwrap_err();
        assert_eq!(error.message, "`title.nl` is empty: give the text");
    }

    #[test]
    fn errors_name_the_line_and_the_field() {
        let error = SettingsFile::parse("title = 3\n\nlicence = \"x\"\n", None).unwrap_err();
        assert_eq!(error.line, Some(1), "{error}");
        let text = format!("license = \"not an iri\"\n{MINIMAL}");
        let error = complete(&text).unwrap_err();
        assert!(error.message.contains("`license` is not an IRI"), "{error}");
    }
}
