//! Text → typed document.
//!
//! A source text enters as a string; it leaves as a [`Document`] with the warnings raised while
//! reading it, or as a [`SyntaxError`] that says where and what was expected. Reading goes in
//! three steps: [`lines`] takes markup out of each line, [`sections`] splits the lines into the
//! parts the documents name in their own words, and [`DocumentReader`] reads each part.

mod date;
mod followup;
mod header;
mod lines;
mod offices;
mod sections;
mod submitters;

use crate::diagnostic::{Position, Warning};
use crate::error::SyntaxError;
use crate::model::{Document, DocumentKind, Footnote, Question, ZaakNumber};
use header::Header;
use sections::{Section, SectionKind};

/// A document and what the parser had to work around to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub document: Document,
    pub warnings: Vec<Warning>,
}

/// Reads one document.
///
/// ```
/// let text = "## 2024Z00001\n\nVragen van het lid Jansen (SP) aan de Minister van Financiën \
///             over de belasting (ingezonden 1 mei 2024).\n\nVraag 1\n\nKlopt het?\n";
/// let parsed = kamervragen::parse::parse(text)?;
/// assert_eq!(parsed.document.zaak.as_str(), "2024Z00001");
/// assert_eq!(parsed.document.addressees[0].label(), "Minister van Financiën");
/// assert_eq!(parsed.document.questions[0].text, "Klopt het?");
/// # Ok::<_, kamervragen::error::SyntaxError>(())
/// ```
pub fn parse(text: &str) -> Result<Parsed, SyntaxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let sections = sections::split(&lines::read_lines(text));
    DocumentReader::default().read(&sections)
}

/// Gathers the parts of a document as the sections come.
#[derive(Default)]
struct DocumentReader {
    zaak: Option<ZaakNumber>,
    header: Option<Header>,
    questions: Vec<(usize, Question)>,
    footnotes: Vec<(usize, Footnote)>,
    explanation: Option<(usize, String)>,
    warnings: Vec<Warning>,
}

impl DocumentReader {
    fn read(mut self, sections: &[Section]) -> Result<Parsed, SyntaxError> {
        for section in sections {
            self.read_section(section)?;
        }
        self.finish()
    }

    fn read_section(&mut self, section: &Section) -> Result<(), SyntaxError> {
        let at = Position::line_start(section.line);
        match &section.kind {
            SectionKind::Preamble => {}
            SectionKind::Zaak(zaak) => self.read_zaak(zaak, at),
            SectionKind::Header => {
                self.header = Some(header::parse_header(&section.body.text(), at)?);
            }
            SectionKind::Question(number) => self.read_question(*number, section),
            SectionKind::Footnote(number) => self.read_footnote(*number, section),
            SectionKind::Explanation => {
                self.explanation = Some((section.line, section.body.text()));
            }
        }
        Ok(())
    }

    fn read_zaak(&mut self, zaak: &ZaakNumber, at: Position) {
        match &self.zaak {
            None => self.zaak = Some(zaak.clone()),
            Some(first) if first == zaak => {}
            Some(first) => self.warn(
                at,
                format!("second Zaak number {zaak} ignored; the document is {first}"),
            ),
        }
    }

    fn read_question(&mut self, number: u32, section: &Section) {
        let at = Position::line_start(section.line);
        if self.questions.iter().any(|(_, q)| q.number == number) {
            self.warn(at, format!("question {number} appears twice; the second is kept as a separate question text"));
        }
        let text = section.body.text();
        if text.is_empty() {
            self.warn(
                at,
                format!("expected the text of question {number} after `Vraag {number}`"),
            );
        }
        let question = Question {
            number,
            text,
            cites: section.body.cites.clone(),
        };
        self.questions.push((section.line, question));
    }

    fn read_footnote(&mut self, number: u32, section: &Section) {
        let at = Position::line_start(section.line);
        if self.footnotes.iter().any(|(_, f)| f.number == number) {
            self.warn(
                at,
                format!("footnote {number} appears twice; the first is kept"),
            );
            return;
        }
        let text = section.body.text();
        let url = match find_url(&text) {
            Some(url) if is_valid_iri(url) => Some(url.to_owned()),
            Some(url) => {
                self.warn(
                    at,
                    format!(
                        "footnote {number}: `{url}` is not a valid IRI; kept as footnote text only"
                    ),
                );
                None
            }
            None => None,
        };
        self.footnotes
            .push((section.line, Footnote { number, text, url }));
    }

    fn finish(mut self) -> Result<Parsed, SyntaxError> {
        let header = self.header.take().ok_or_else(|| {
            SyntaxError::new(
                Position::line_start(1),
                format!(
                    "expected a header opening with `{}`",
                    header::OPENING.trim()
                ),
            )
        })?;
        let zaak = self.zaak.take().ok_or_else(|| {
            SyntaxError::new(
                Position::line_start(1),
                "expected a Zaak number (like `2019Z15244`) on a line of its own",
            )
        })?;
        self.check_citations();
        let follow_ups = self
            .explanation
            .as_ref()
            .map(|(_, note)| followup::find_follow_ups(note, &zaak))
            .unwrap_or_default();
        let mut footnotes: Vec<Footnote> = self.footnotes.into_iter().map(|(_, f)| f).collect();
        footnotes.sort_by_key(|f| f.number);
        let document = Document {
            kind: DocumentKind::Questions,
            zaak,
            submitters: header.submitters,
            addressees: header.addressees,
            subject: header.subject,
            submitted: header.submitted,
            questions: self.questions.into_iter().map(|(_, q)| q).collect(),
            footnotes,
            explanation: self.explanation.map(|(_, note)| note),
            follow_ups,
        };
        Ok(Parsed {
            document,
            warnings: self.warnings,
        })
    }

    /// Every marker should have a footnote body and every body a marker.
    fn check_citations(&mut self) {
        let mut problems = Vec::new();
        for (line, question) in &self.questions {
            for number in &question.cites {
                if !self.footnotes.iter().any(|(_, f)| f.number == *number) {
                    problems.push((
                        *line,
                        format!(
                            "question {} cites footnote {number}, which has no text",
                            question.number
                        ),
                    ));
                }
            }
        }
        for (line, footnote) in &self.footnotes {
            if !self
                .questions
                .iter()
                .any(|(_, q)| q.cites.contains(&footnote.number))
            {
                problems.push((
                    *line,
                    format!("footnote {} is cited by no question", footnote.number),
                ));
            }
        }
        for (line, message) in problems {
            self.warn(Position::line_start(line), message);
        }
    }

    fn warn(&mut self, position: Position, message: String) {
        self.warnings.push(Warning { position, message });
    }
}

/// The first `http://` or `https://` URL in a footnote, without trailing punctuation.
fn find_url(text: &str) -> Option<&str> {
    let start = text.find("https://").or_else(|| text.find("http://"))?;
    let rest = &text[start..];
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    Some(rest[..end].trim_end_matches(['.', ',', ';', ')', '>']))
}

/// Checked with the same parser that will build the IRI, so what passes here is written.
fn is_valid_iri(text: &str) -> bool {
    oxigraph::model::NamedNode::new(text).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invalid_url_stays_text_with_a_warning() {
        let text = "## 2020Z00001\n\nVragen van het lid A (B) aan de Minister van C over D (ingezonden 1 mei 2020).\n\nVraag 1\n\nE?<sup>1</sup>\n\n<sup>1</sup> https://example.org/{bad}\n";
        let parsed = parse(text).unwrap();
        let footnote = &parsed.document.footnotes[0];
        assert_eq!(footnote.url, None);
        assert_eq!(footnote.text, "https://example.org/{bad}");
        assert_eq!(parsed.warnings.len(), 1);
        assert_eq!(parsed.warnings[0].position, Position::line_start(9));
    }

    #[test]
    fn a_text_without_header_is_an_error_at_line_one() {
        let error = parse("Zomaar wat tekst.\n").unwrap_err();
        assert_eq!(error.position, Position::line_start(1));
        assert!(error.message.contains("Vragen van"));
    }

    #[test]
    fn a_header_without_zaak_number_is_an_error() {
        let error = parse("Vragen van het lid A (B) aan de Minister van C over D.\n").unwrap_err();
        assert!(error.message.contains("Zaak number"), "{error}");
    }
}

/// The seed document, read field by field. The expected values were written from the document
/// itself, not from the parser's output.
#[cfg(test)]
mod seed_tests {
    use super::*;
    use crate::model::{Preposition, Submitter};
    use chrono::NaiveDate;

    const SEED: &str = include_str!("../../seeds/2019Z15244.md");

    fn seed() -> Parsed {
        parse(SEED).expect("the seed parses")
    }

    fn member(name: &str, party: &str) -> Submitter {
        Submitter {
            name: name.into(),
            party: Some(party.into()),
        }
    }

    #[test]
    fn header_facts() {
        let document = seed().document;
        assert_eq!(document.kind, DocumentKind::Questions);
        assert_eq!(document.zaak.as_str(), "2019Z15244");
        assert_eq!(document.submitters, vec![member("Sjoerdsma", "D66")]);
        assert_eq!(document.addressees.len(), 1);
        let office = &document.addressees[0];
        assert_eq!(office.title, "Minister");
        assert_eq!(office.preposition, Some(Preposition::Voor));
        assert_eq!(
            office.label(),
            "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking"
        );
        assert_eq!(
            document.subject,
            "het bericht «Berucht Chinees veiligheidsministerie gebruikt Nederlandse software die emoties leest»"
        );
        assert_eq!(document.submitted, NaiveDate::from_ymd_opt(2019, 7, 18));
    }

    #[test]
    fn ten_questions_with_their_full_text() {
        let document = seed().document;
        let numbers: Vec<u32> = document.questions.iter().map(|q| q.number).collect();
        assert_eq!(numbers, (1..=10).collect::<Vec<_>>());
        let text = |n: usize| document.questions[n - 1].text.as_str();
        assert_eq!(
            text(1),
            "Bent u bekend met het bericht «Berucht Chinees veiligheidsministerie gebruikt Nederlandse software die emoties leest»?"
        );
        assert_eq!(
            text(2),
            "Klopt het dat twee Nederlandse technologiebedrijven emotieherkenningssoftware hebben geleverd aan de Chinese staat? Klopt het dat deze bedrijven deze software hebben geleverd aan het Chinese Ministerie van Openbare Veiligheid en aan de Chinese politieacademie? Kunt u toelichten vanaf wanneer deze bedrijven aan de Chinese staat emotieherkenningssoftware leveren?"
        );
        assert_eq!(
            text(4),
            "Bent u bekend met de plannen van de Chinese staat om in 2020 alle naar schatting 200 miljoen openbare beveiligingscamera's te integreren tot één groot videosurveillancesysteem, dat gekoppeld wordt aan gezichtsherkenningsoftware en een database met persoonlijke gegevens over alle 1,4 miljard Chinezen? Wat is uw mening over deze plannen?"
        );
        assert_eq!(
            text(5),
            "Bent u op de hoogte van de berichtgeving van mensenrechtenorganisaties die waarschuwen dat China surveillance-technologie inzet tegen iedereen die uit de pas loopt, zoals activisten, dissidenten en minderheden (één miljoen Oeigoeren)?"
        );
        assert_eq!(
            text(6),
            "Bent u het eens dat het onwenselijk is wanneer door Nederlandse bedrijven ontwikkelde en verkochte software wordt ingezet om bevolkingsgroepen te onderdrukken en mensenrechten te schenden?"
        );
        assert_eq!(
            text(10),
            "Bent u het eens dat Nederlandse cybersurveillance technologie aan exportcontrole zou moeten worden onderworpen, en dat een mensenrechtentoets hier onderdeel van uit zou moeten maken? Bent u het eens dat dergelijke exportcontrole op Europees niveau zou moeten gelden?"
        );
        for question in &document.questions {
            assert!(
                !question.text.contains("sup>"),
                "marker left in {}",
                question.number
            );
            assert!(
                !question.text.contains('#'),
                "heading left in {}",
                question.number
            );
            assert!(!question.text.starts_with("Vraag"), "{}", question.number);
        }
    }

    #[test]
    fn three_footnotes_cited_by_questions_one_and_five() {
        let document = seed().document;
        let footnotes: Vec<(u32, Option<&str>)> = document
            .footnotes
            .iter()
            .map(|f| (f.number, f.url.as_deref()))
            .collect();
        assert_eq!(
            footnotes,
            vec![
                (1, Some("https://decorrespondent.nl/10307/berucht-chinees-veiligheidsministerie-gebruikt-nederlandse-software-die-emoties-leest/317002092-cae75d58")),
                (2, Some("https://www.hrw.org/news/2017/11/19/china-police-big-data-systems-violate-privacy-target-dissent")),
                (3, Some("https://www.nytimes.com/2019/04/14/technology/china-surveillance-artificial-intelligence-racial-profiling.html")),
            ]
        );
        let cites: Vec<(u32, Vec<u32>)> = document
            .questions
            .iter()
            .filter(|q| !q.cites.is_empty())
            .map(|q| (q.number, q.cites.clone()))
            .collect();
        assert_eq!(cites, vec![(1, vec![1]), (5, vec![2, 3])]);
    }

    #[test]
    fn the_follow_up_and_its_earlier_set() {
        let document = seed().document;
        assert_eq!(document.follow_ups.len(), 1);
        let earlier = &document.follow_ups[0];
        assert_eq!(earlier.zaak.as_str(), "2019Z15131");
        assert_eq!(
            earlier.submitters,
            vec![
                member("Van Ojik", "GroenLinks"),
                member("Diks", "GroenLinks")
            ]
        );
        assert_eq!(earlier.submitted, NaiveDate::from_ymd_opt(2019, 7, 18));
        assert!(document
            .explanation
            .as_deref()
            .is_some_and(|note| note.starts_with("Deze vragen dienen ter aanvulling")));
    }

    #[test]
    fn the_seed_raises_no_warnings() {
        assert_eq!(seed().warnings, vec![]);
    }
}
