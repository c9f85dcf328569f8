//! The offices a set of questions is addressed to: `de Minister voor X`,
//! `de Ministers van X en voor Y`, `de Staatssecretaris en de Minister van X`.
//!
//! Every office comes out singular and separate, with `van` / `voor` as printed.

use super::lines::fold_spaces;
use crate::model::{Office, Preposition};
use regex::Regex;
use std::sync::LazyLock;

/// Titles as printed, longest first so that `Ministers` is not read as `Minister` + `s`,
/// with the singular each one stands for.
const TITLES: &[(&str, &str)] = &[
    ("Minister-President", "Minister-President"),
    ("Staatssecretarissen", "Staatssecretaris"),
    ("Staatssecretaris", "Staatssecretaris"),
    ("Ministers", "Minister"),
    ("Minister", "Minister"),
];

/// One comma- or `en`-separated part of the list, before titles and portfolios are shared out.
#[derive(Debug, Default)]
struct Item {
    title: Option<&'static str>,
    preposition: Option<Preposition>,
    portfolio: Option<String>,
}

/// Reads the offices in the text between `aan` and `over`.
pub(crate) fn parse_offices(text: &str) -> Vec<Office> {
    let items: Vec<Item> = split_items(&repair_glued_office_words(&fold_spaces(text)))
        .iter()
        .flat_map(|part| split_plural(part))
        .map(|part| read_item(&part))
        .collect();
    share_out(items)
}

/// `de Staatssecretarissen van Onderwijs, Cultuur en Wetenschap en Volksgezondheid, Welzijn en
/// Sport`: a plural title over two portfolios with no `van` between them. A portfolio lists its
/// words as `A, B en C`, so an ` en ` after which a comma comes before any other ` en ` opens
/// the next portfolio. Without commas, three ` en ` between capitalised words
/// (`Justitie en Veiligheid en Binnenlandse Zaken en Koninkrijkrelaties`) can only be two
/// portfolios of two words each, since a plural names two at least: the middle one parts them.
/// Otherwise nothing tells where one ends, and the item stays whole.
fn split_plural(part: &str) -> Vec<String> {
    let plural = [
        "Ministers ",
        "Staatssecretarissen ",
        "ministers ",
        "staatssecretarissen ",
    ];
    let Some(title_end) = plural
        .iter()
        .find_map(|title| part.find(title).map(|at| at + title.len()))
    else {
        return vec![part.to_owned()];
    };
    let rest = &part[title_end..];
    let Some(portfolios) = rest.strip_prefix("van ") else {
        return vec![part.to_owned()];
    };
    let starts = portfolios.match_indices(" en ").map(|(at, _)| at);
    for at in starts {
        let after = &portfolios[at + " en ".len()..];
        let comma_first = match (after.find(", "), after.find(" en ")) {
            (Some(comma), Some(en)) => comma < en,
            (Some(_), None) => true,
            _ => false,
        };
        let before_has_comma = portfolios[..at].contains(", ");
        if comma_first && before_has_comma && after.starts_with(char::is_uppercase) {
            return parted(part, title_end, at);
        }
    }
    match two_pairs_middle(portfolios) {
        Some(at) => parted(part, title_end, at),
        None => vec![part.to_owned()],
    }
}

/// `A en B en C en D`, every part capitalised and no comma: where the middle ` en ` stands.
fn two_pairs_middle(portfolios: &str) -> Option<usize> {
    let joins: Vec<usize> = portfolios.match_indices(" en ").map(|(at, _)| at).collect();
    let capitalised = portfolios
        .split(" en ")
        .all(|word| word.starts_with(char::is_uppercase));
    (joins.len() == 3 && capitalised && !portfolios.contains(',')).then(|| joins[1])
}

/// The plural office `part` (its title ending at `title_end`) as two, its portfolios parted
/// at the ` en ` at byte `at` of them.
fn parted(part: &str, title_end: usize, at: usize) -> Vec<String> {
    let head = &part[..title_end];
    let portfolios = &part[title_end + "van ".len()..];
    vec![
        format!("{head}van {}", &portfolios[..at]),
        format!("{head}van {}", &portfolios[at + " en ".len()..]),
    ]
}

/// The spaces PDF extraction lost inside a list of offices, whose words are the grammar's few
/// small words and capitalised portfolio words: `MinisterKlimaat`, `BuitenlandseHandel`,
/// `vanBuitenlandse`, `enSport` (a lower-case letter glued to a capitalised word) and
/// `Klimaaten Groene` (`en` glued to the end of the portfolio word before it).
fn repair_glued_office_words(text: &str) -> String {
    static GLUED_CAPITAL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\p{Ll})(\p{Lu}\p{Ll})").expect("valid pattern"));
    static GLUED_EN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(\p{Lu}\p{Ll}{3,}?)en (\p{Lu}\p{Ll})").expect("valid pattern")
    });
    let parted = GLUED_CAPITAL.replace_all(text, "$1 $2");
    GLUED_EN
        .replace_all(&parted, |captures: &regex::Captures<'_>| {
            let word = format!("{}en", &captures[1]);
            // Plural portfolio words that end in `en` themselves (`Zaken`, `Financiën`'s kin).
            if PORTFOLIO_WORDS_IN_EN.contains(&word.as_str()) {
                format!("{word} {}", &captures[2])
            } else {
                format!("{} en {}", &captures[1], &captures[2])
            }
        })
        .into_owned()
}

/// Capitalised portfolio words that end in `en`: they are never `…` + a glued `en`.
const PORTFOLIO_WORDS_IN_EN: &[&str] = &["Zaken", "Wonen", "Ouderen", "Rechten"];

/// Splits at `, ` and ` en ` only where a new office starts, so that portfolios such as
/// `Buitenlandse Handel en Ontwikkelingssamenwerking` stay whole.
fn split_items(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let separator = [", en ", ", ", " en "]
            .into_iter()
            .find(|sep| rest.starts_with(sep) && starts_office(&rest[sep.len()..]));
        if let Some(separator) = separator {
            items.push(std::mem::take(&mut current));
            rest = &rest[separator.len()..];
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            current.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    items.push(current);
    items.retain(|item| !item.trim().is_empty());
    items
}

fn starts_office(text: &str) -> bool {
    let text = strip_article(text);
    text.starts_with("van ") || text.starts_with("voor ") || title_at_start(text).is_some()
}

/// The title a text opens with, in any case (DOCX text prints `minister`), and its length.
fn title_at_start(text: &str) -> Option<(&'static str, usize)> {
    TITLES.iter().find_map(|(printed, singular)| {
        let head = text.get(..printed.len())?;
        let whole_word = !text[printed.len()..].starts_with(|c: char| c.is_alphanumeric());
        (head.eq_ignore_ascii_case(printed) && whole_word).then_some((*singular, printed.len()))
    })
}

fn strip_article(text: &str) -> &str {
    ["de ", "het "]
        .iter()
        .find_map(|article| text.strip_prefix(article))
        .unwrap_or(text)
}

fn read_item(part: &str) -> Item {
    let mut rest = strip_article(part.trim());
    let mut item = Item::default();
    if let Some((singular, length)) = title_at_start(rest) {
        item.title = Some(singular);
        rest = rest[length..].trim_start();
    }
    let preposition = [("van ", Preposition::Van), ("voor ", Preposition::Voor)]
        .into_iter()
        .find(|(word, _)| rest.starts_with(word));
    if let Some((word, preposition)) = preposition {
        item.preposition = Some(preposition);
        rest = &rest[word.len()..];
    }
    let portfolio = rest.trim().trim_end_matches([',', '.']).trim();
    if !portfolio.is_empty() {
        item.portfolio = Some(portfolio.to_owned());
        // `Minister Justitie en Veiligheid`: the source left out the `van`.
        if item.title.is_some() && item.preposition.is_none() {
            item.preposition = Some(Preposition::Van);
        }
    }
    item
}

/// A title without a portfolio takes the next portfolio (`de Staatssecretaris en de Minister
/// van X`); a portfolio without a title takes the title before it (`de Ministers van X en voor Y`).
fn share_out(items: Vec<Item>) -> Vec<Office> {
    let mut offices = Vec::with_capacity(items.len());
    let mut last_title = "Minister";
    for (index, item) in items.iter().enumerate() {
        let title = item.title.unwrap_or(last_title);
        last_title = title;
        let (preposition, portfolio) = match &item.portfolio {
            Some(portfolio) => (item.preposition, Some(portfolio.clone())),
            // The Minister-President has no portfolio to take: in `de Minister-President,
            // Minister van Algemene Zaken` the second is an office of its own, as printed.
            None if title == "Minister-President" => (None, None),
            None => items[index + 1..]
                .iter()
                .find(|later| later.portfolio.is_some())
                .map_or((None, None), |later| {
                    (later.preposition, later.portfolio.clone())
                }),
        };
        offices.push(Office {
            title: title.to_owned(),
            preposition,
            portfolio,
        });
    }
    offices
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str) -> Vec<String> {
        parse_offices(text).iter().map(Office::label).collect()
    }

    #[test]
    fn one_office_whose_portfolio_contains_en() {
        assert_eq!(
            labels("de Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking"),
            vec!["Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking"]
        );
    }

    #[test]
    fn a_plural_title_shared_by_two_portfolios() {
        assert_eq!(
            labels("de Ministers van Justitie en Veiligheid en voor Langdurige Zorg en Sport"),
            vec![
                "Minister van Justitie en Veiligheid",
                "Minister voor Langdurige Zorg en Sport"
            ]
        );
    }

    #[test]
    fn two_offices_of_one_ministry() {
        assert_eq!(
            labels("de Staatssecretaris en de Minister van Financiën"),
            vec!["Staatssecretaris van Financiën", "Minister van Financiën"]
        );
    }

    #[test]
    fn the_minister_president_takes_no_portfolio_from_the_office_after_it() {
        assert_eq!(
            labels("de Minister-President, Minister van Algemene Zaken"),
            ["Minister-President", "Minister van Algemene Zaken"]
        );
        assert_eq!(labels("de minister-president"), ["Minister-President"]);
    }

    #[test]
    fn a_list_with_commas() {
        assert_eq!(
            labels("de Staatssecretaris van Economische Zaken en Klimaat en de Ministers van Buitenlandse Zaken, voor Klimaat en Energie en voor Buitenlandse Handel"),
            vec![
                "Staatssecretaris van Economische Zaken en Klimaat",
                "Minister van Buitenlandse Zaken",
                "Minister voor Klimaat en Energie",
                "Minister voor Buitenlandse Handel",
            ]
        );
    }

    #[test]
    fn lower_case_titles_and_a_missing_van() {
        assert_eq!(
            labels("de minister van Sociale Zaken en Werkgelegenheid"),
            vec!["Minister van Sociale Zaken en Werkgelegenheid"]
        );
        assert_eq!(
            labels("de Minister Justitie en Veiligheid"),
            vec!["Minister van Justitie en Veiligheid"]
        );
        assert_eq!(
            labels("de Minister en Staatssecretaris van Financiën"),
            vec!["Minister van Financiën", "Staatssecretaris van Financiën"]
        );
    }

    #[test]
    fn words_glued_by_pdf_extraction_are_parted() {
        assert_eq!(
            labels("de Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties en de MinisterKlimaat en Groene Groei"),
            vec![
                "Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties",
                "Minister van Klimaat en Groene Groei"
            ]
        );
        assert_eq!(
            labels(
                "de Minister voor BuitenlandseHandel en Ontwikkelingshulp en vanBuitenlandse Zaken"
            ),
            vec![
                "Minister voor Buitenlandse Handel en Ontwikkelingshulp",
                "Minister van Buitenlandse Zaken"
            ]
        );
        assert_eq!(
            labels("de Minister van Klimaaten Groene Groei"),
            vec!["Minister van Klimaat en Groene Groei"]
        );
        assert_eq!(
            labels("de Staatssecretaris van Volksgezondheid, Welzijn enSport"),
            vec!["Staatssecretaris van Volksgezondheid, Welzijn en Sport"]
        );
        // Words that end in `en` of their own stay whole.
        assert_eq!(
            labels("de Minister van Economische Zaken Klimaat"),
            vec!["Minister van Economische Zaken Klimaat"]
        );
    }

    #[test]
    fn a_plural_title_over_two_portfolios_listed_with_commas() {
        assert_eq!(
            labels("de Staatssecretarissen van Onderwijs, Cultuur en Wetenschap enVolksgezondheid, Welzijn en Sport"),
            vec![
                "Staatssecretaris van Onderwijs, Cultuur en Wetenschap",
                "Staatssecretaris van Volksgezondheid, Welzijn en Sport"
            ]
        );
        // One portfolio under a plural title stays one.
        assert_eq!(
            labels("de Ministers van Volksgezondheid, Welzijn en Sport"),
            vec!["Minister van Volksgezondheid, Welzijn en Sport"]
        );
    }

    #[test]
    fn a_plural_title_over_two_portfolios_of_two_words_each() {
        // minjenv-beantwoording-de-leden-lahlah-en-chakor-groenlinks-pvd.docx, as printed.
        assert_eq!(
            labels("de ministers van Justitie en Veiligheid en Binnenlandse Zaken en Koninkrijkrelaties"),
            vec![
                "Minister van Justitie en Veiligheid",
                "Minister van Binnenlandse Zaken en Koninkrijkrelaties"
            ]
        );
        // Two `en` could part `A en B` from `C`, or `A` from `B en C`: it stays whole.
        assert_eq!(
            labels("de ministers van Sociale Zaken en Werkgelegenheid en Defensie"),
            vec!["Minister van Sociale Zaken en Werkgelegenheid en Defensie"]
        );
    }

    #[test]
    fn only_van_names_a_ministry() {
        let offices = parse_offices("de Minister van Financiën en de Minister voor Wonen");
        assert_eq!(
            offices[0].ministry().as_deref(),
            Some("Ministerie van Financiën")
        );
        assert_eq!(offices[1].ministry(), None);
    }
}
