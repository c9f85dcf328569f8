/// One numbered question of a set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub number: u32,
    /// The question's text, paragraphs separated by a blank line, footnote markers removed.
    pub text: String,
    /// The footnotes this question cites, by number, in order of appearance.
    pub cites: Vec<u32>,
}

/// A numbered footnote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footnote {
    pub number: u32,
    /// The footnote's text, without markup.
    pub text: String,
    /// The URL the footnote cites, when it has one that is a valid IRI.
    pub url: Option<String>,
}
