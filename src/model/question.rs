/// One numbered question of a set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub number: u32,
    /// The question's text, paragraphs separated by a blank line, footnote markers removed.
    pub text: String,
    /// The footnotes this question cites, by number, in order of appearance.
    pub cites: Vec<u32>,
}

/// The answer to one numbered question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The number of the question answered.
    pub number: u32,
    pub text: String,
    pub cites: Vec<u32>,
    /// Other questions whose answers this one points to (`Zie antwoord vraag 2`).
    pub see_answers: Vec<u32>,
}

/// A numbered footnote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footnote {
    pub number: u32,
    /// The footnote's text, without markup.
    pub text: String,
    /// The URL the footnote cites, as printed (`https://…` or `www.…`), when there is one.
    pub url: Option<String>,
}

impl Footnote {
    /// The cited URL as an absolute IRI: an address printed without a scheme (`www.…`,
    /// `regiopurmerend.nl/…`) is read as the `https://` address it names, as browsers do.
    pub fn cited_iri(&self) -> Option<String> {
        let url = self.url.as_deref()?;
        if self.lacks_scheme() {
            Some(format!("https://{url}"))
        } else {
            Some(url.to_owned())
        }
    }

    /// Whether the URL was printed without a scheme (`http://`, `https://`, …).
    pub(crate) fn lacks_scheme(&self) -> bool {
        self.url.as_deref().is_some_and(|url| !url.contains("://"))
    }
}
