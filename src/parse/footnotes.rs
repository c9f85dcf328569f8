//! Footnotes in plain-text layouts: where their bodies start, and the markers that cite them.
//!
//! PDF and DOCX text has no markup for footnotes: a body is a line that starts with its number
//! (`1 Relief Web, …`, `4Kinderombudsman, …`, `1) Ipsos …`), and a marker is a number after a
//! question mark or a closing quote (`Jemen? 1`, `vragen?1, 2`), in brackets (`[1 ]`), alone on
//! a line, or as `1)`. Numbers are everywhere in prose, so a line counts as a footnote body only
//! when its number is the next one expected and either a marker for it stood earlier in the text,
//! the body holds a URL, or it opens a run of numbered lines that ends where the page ends (the
//! foot of a page); a marker is removed only when its footnote exists.

use super::date::MONTHS;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// Where footnote bodies start: line index → (footnote number, byte offset of the body text).
pub(crate) type FootnoteStarts = BTreeMap<usize, (u32, usize)>;

static BODY_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})(?:\)\s*|\s+|)(\S.*)$").expect("valid pattern"));
static BRACKETED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[\d{1,2}(?:(?:, ?| )\d{1,2})* ?\]").expect("valid pattern"));
static AFTER_PUNCTUATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([?!.,»”\x22’)])( ?)(\d{1,2})").expect("valid pattern"));
static GLUED_TO_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\p{Ll})(\d{1,2})").expect("valid pattern"));
static PARENTHESISED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r" (\d{1,2})\)").expect("valid pattern"));
static NUMBERS_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}(?:(?:, | en |,| )\d{1,2})*$").expect("valid pattern"));

/// The numbers of a line that holds nothing but footnote markers (`2, 3 en 4`).
pub(crate) fn marker_line(text: &str) -> Option<Vec<u32>> {
    let trimmed = text.trim();
    is_numbers_only(trimmed).then(|| numbers_in(trimmed).into_iter().map(|(n, _, _)| n).collect())
}
static LIST_CONTINUATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:, ?| en )(\d{1,2})").expect("valid pattern"));

/// A footnote marker found in a text: its number and where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marker {
    pub number: u32,
    pub start: usize,
    pub end: usize,
}

/// Finds the lines where footnote bodies start. `lines` are the texts of the document's
/// lines (`None` for a page break), in order.
#[cfg(test)]
pub fn find_body_starts(lines: &[Option<&str>]) -> FootnoteStarts {
    let markers: Vec<Vec<Marker>> = lines
        .iter()
        .map(|line| line.map(markers).unwrap_or_default())
        .collect();
    find_body_starts_with(lines, &markers)
}

/// Like [`find_body_starts`], given the [`markers`] of each line.
pub fn find_body_starts_with(lines: &[Option<&str>], markers: &[Vec<Marker>]) -> FootnoteStarts {
    let mut starts = FootnoteStarts::new();
    let mut cited = BTreeSet::new();
    let mut expected = 1;
    let mut index = 0;
    let mut after_last_body = 0;
    while index < lines.len() {
        let Some(line) = lines[index] else {
            index += 1;
            continue;
        };
        // A note whose marker stood earlier may open with a lower-case word glued to its
        // number (`1de Limburger`).
        let cited_note = || {
            let glued = numbered_start(line).filter(|(number, offset)| {
                *offset == number.to_string().len()
                    && line[*offset..].starts_with(char::is_alphabetic)
            });
            // `2. vng.nl/…`: a list numbered by Word (`%1.`), whose notes open with anything;
            // but so do the points of a numbered list in prose, which name no address.
            let listed_address = || {
                dotted_start(line)
                    .filter(|(_, offset)| super::text::find_url(&line[*offset..]).is_some())
            };
            // `1) de Volkskrant, 12 maart 2003.`: a number typed with its parenthesis, as the
            // marker was, opens the note whatever the word after it.
            let typed = || {
                numbered_start(line).filter(|(number, offset)| {
                    line[number.to_string().len()..].starts_with(')') && *offset < line.len()
                })
            };
            glued
                .or_else(typed)
                .or_else(listed_address)
                .filter(|(number, _)| *number == expected && cited.contains(number))
                .map(|(number, offset)| Candidate {
                    number,
                    offset,
                    has_url: false,
                })
        };
        // A marker printed as a lone number (`de vrije ruimte 3 naar eigen behoefte`) is
        // read as one only once its note is known: here, where the page's last note is the
        // expected one, such a number in the text since the last note vouches for it.
        let vouched = |number: u32| {
            cited.contains(&number)
                || lines[after_last_body..index]
                    .iter()
                    .flatten()
                    .any(|text| lone_number_at(text, number, "").is_some())
        };
        let page_end_note =
            || last_note_of_page(lines, index, expected).filter(|found| vouched(found.number));
        let found = candidate(line, expected)
            .or_else(cited_note)
            .map(|found| (found, false))
            .or_else(|| page_end_note().map(|found| (found, true)));
        if let Some((candidate, vouched_for)) = found {
            let zone = page_foot_zone(lines, index, candidate.number);
            let cited_before = vouched_for || cited.contains(&candidate.number);
            // A note out of turn (the one before it lost at a page break) needs more than
            // one numbered line at a page's foot: `4 Daarin heb ik …` is a pushed marker.
            let zone_vouches = zone.len() > 1
                || zone.len() == 1
                    && candidate.number == expected
                    && !opened_better_further_on(lines, index, candidate.number);
            if cited_before || candidate.has_url || zone_vouches {
                let accepted = if zone.is_empty() {
                    vec![(index, candidate)]
                } else {
                    zone
                };
                for (at, found) in &accepted {
                    starts.insert(*at, (found.number, found.offset));
                    expected = found.number + 1;
                }
                index = accepted.last().map_or(index, |(at, _)| *at) + 1;
                after_last_body = index;
                continue;
            }
        }
        cited.extend(markers[index].iter().map(|m| m.number));
        index += 1;
    }
    starts
}

/// Whether a line after `index`, within two pages (a note stands on its marker's page, or the
/// next when that one is full), opens a run of notes in order from `number` at a page's foot:
/// more to vouch for it than one line before a page break. Then the line at `index` (`2 Het
/// Europees Parlement heeft …` / a page break) is a marker pushed to a line's start, and the
/// note is the one further on (`22023 Annual report: https://…` / `3Een overzicht …`). An
/// address alone does not vouch: a year that opens a note's second line (`2024, www.…`) reads
/// as note 2 glued to `024`. Counted in lines, not page breaks: page furniture that extraction
/// left in the text may break a page anywhere.
fn opened_better_further_on(lines: &[Option<&str>], index: usize, number: u32) -> bool {
    (index + 1..lines.len().min(index + 1 + TWO_PAGES)).any(|at| {
        lines[at]
            .and_then(|line| candidate(line, number))
            .is_some_and(|found| {
                found.number == number && page_foot_zone(lines, at, number).len() > 1
            })
    })
}

/// Lines of text on two pages of an Aanhangsel (about 45 on one).
const TWO_PAGES: usize = 100;

/// A line that may start the body of footnote `expected` (or of the next one, when a body was
/// lost at a page break).
#[derive(Debug, Clone, Copy)]
struct Candidate {
    number: u32,
    offset: usize,
    has_url: bool,
}

fn candidate(line: &str, expected: u32) -> Option<Candidate> {
    let (number, offset) = numbered_start(line)
        .map(|found| single_digit_start(line, expected).unwrap_or(found))
        .or_else(|| bracketed_start(line))?;
    if number != expected && number != expected + 1 {
        return None;
    }
    let text = &line[offset..];
    let has_url = text.contains("http") || text.contains("www.");
    // A body glued to its one-digit number may open with a digit where it is one token, a
    // document's numbers (`32024Z15585/2024D37938`), not prose (`2024 is het jaar`).
    let glued_digits = offset == 1
        && text.starts_with(|c: char| c.is_ascii_digit())
        && !text.contains(char::is_whitespace)
        && text.contains(char::is_alphabetic);
    let opens_like_a_note = text.starts_with(|c: char| {
        c.is_uppercase() || matches!(c, '«' | '“' | '‘' | '"' | '\'' | '(' | '[')
    }) || has_url
        || glued_digits;
    // `1. Argos, … www.vpro.nl/…`: the body of a list Word numbers starts after the space.
    let offset = dotted_start(line)
        .filter(|(dotted, _)| *dotted == number)
        .map_or(offset, |(_, after)| after);
    opens_like_a_note.then_some(Candidate {
        number,
        offset,
        has_url,
    })
}

/// The number a line opens with and where the text after it starts, as [`BODY_START`] reads
/// them (`12 Tekst`, `3) Tekst`, `4Tekst`): two digits when something follows them, else one.
/// Read by hand, since most lines open with no digit and many with a date; a digit of another
/// script, or a line break, is left to the pattern.
fn numbered_start(line: &str) -> Option<(u32, usize)> {
    let line = line.trim_end();
    let bytes = line.as_bytes();
    if !bytes.first()?.is_ascii_digit() {
        return None;
    }
    let unusual = line[1..].starts_with(|c: char| !c.is_ascii() && c.is_numeric());
    if unusual || line.contains('\n') {
        let captures = BODY_START.captures(line)?;
        return Some((captures[1].parse().ok()?, captures.get(2)?.start()));
    }
    let digits = if bytes.len() > 2 && bytes[1].is_ascii_digit() {
        2
    } else {
        1
    };
    let rest = &line[digits..];
    let body = match rest.strip_prefix(')') {
        Some(after) if !after.is_empty() => after.trim_start(),
        _ if rest.starts_with(char::is_whitespace) => rest.trim_start(),
        _ if !rest.is_empty() => rest,
        _ => return None,
    };
    Some((line[..digits].parse().ok()?, line.len() - body.len()))
}

/// `1. Argos, …`: a number and a full stop, then a space and the body, as Word writes the
/// numbers of a list it numbers itself (`%1.`): the body starts after the space.
fn dotted_start(line: &str) -> Option<(u32, usize)> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let body = line[digits..].strip_prefix(". ")?.trim_start();
    let opens = body.starts_with(|c: char| !c.is_whitespace());
    opens.then(|| Some((line[..digits].parse().ok()?, line.len() - body.len())))?
}

/// The expected note, whatever its first word (`3 bis: culturele basisinfrastructuur`,
/// `3 1,92% van de totale loonsom …`), where it is the page's last text: a page break follows
/// within the few lines a body runs on, or the text ends. Only for a note whose marker stood earlier: a date
/// that runs on (`1 oktober 2024).`) or a numbered question (`2.`) can stand there too.
fn last_note_of_page(lines: &[Option<&str>], index: usize, expected: u32) -> Option<Candidate> {
    let (number, offset) = numbered_start(lines[index]?)?;
    if number != expected {
        return None;
    }
    let rest = lines.get(index + 1..)?;
    // The text's end ends its last page too.
    let page_ends = rest
        .iter()
        .take(MAX_BODY_RUN_ON + 1)
        .position(Option::is_none)
        .or((rest.len() <= MAX_BODY_RUN_ON).then_some(rest.len()))?;
    let runs_on_plainly = rest[..page_ends]
        .iter()
        .flatten()
        .all(|line| numbered_start(line).is_none());
    runs_on_plainly.then_some(Candidate {
        number,
        offset,
        has_url: false,
    })
}

/// `32024Z15585/2024D37938`: footnote 3, whose body opens with a digit, glued to its number.
/// Read so only where two digits would make a number out of turn and one the expected one.
fn single_digit_start(line: &str, expected: u32) -> Option<(u32, usize)> {
    let bytes = line.as_bytes();
    let two_digits = bytes.len() > 2 && bytes[0].is_ascii_digit() && bytes[1].is_ascii_digit();
    let first = u32::from(*bytes.first()? - b'0');
    let out_of_turn = two_digits && {
        let both = u32::from(bytes[0] - b'0') * 10 + u32::from(bytes[1] - b'0');
        both != expected && both != expected + 1
    };
    (out_of_turn && first == expected).then_some((first, 1))
}

/// `[3] Erasmus MC …`: a body opened by its marker in brackets, as DOCX text prints them.
fn bracketed_start(line: &str) -> Option<(u32, usize)> {
    let inside = line.strip_prefix('[')?;
    let close = inside.find(']')?;
    let digits = inside[..close].trim();
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let body = inside[close + 1..].trim_start();
    (!body.is_empty()).then(|| Some((digits.parse().ok()?, line.len() - body.len())))?
}

/// The bodies from `start` to the end of the page, when the lines there are footnote bodies in
/// order (each body may run on over several lines); empty when the page does not end so.
fn page_foot_zone(lines: &[Option<&str>], start: usize, first: u32) -> Vec<(usize, Candidate)> {
    let mut zone = Vec::new();
    let mut next = first;
    // Lines since the last body: a body runs on over a few lines at most, and running text
    // that only opens with a number (`2 Dit is …`, a marker pushed to the line's start) is
    // followed by many more before the page ends.
    let mut run_on = 0;
    for (index, line) in lines.iter().enumerate().skip(start) {
        let Some(line) = line else { return zone };
        if index - start > 40 {
            return Vec::new();
        }
        let found = candidate(line, next).or_else(|| continuing_body(line, next, &zone));
        // `2 Artikelen 74 en` / `76 van de DSA …` / `2Commission opens …`: the same number
        // again, as a note opens, after lines of running text: the first was a marker pushed
        // to a line's start, and this is the note.
        let repeated = (run_on > 0)
            .then(|| candidate(line, next - 1))
            .flatten()
            .filter(|c| c.number == next - 1);
        if let Some(found) = repeated {
            zone.pop();
            zone.push((index, found));
            run_on = 0;
            continue;
        }
        match found {
            // `2 Dit is …` / `scherming …` / `4 In deze brief …`: numbers out of turn at a
            // page's foot are markers pushed to line starts, not a zone of notes.
            Some(found) if found.number != next => return Vec::new(),
            Some(found) => {
                zone.push((index, found));
                next += 1;
                run_on = 0;
            }
            None if index == start => return Vec::new(),
            None if run_on >= MAX_BODY_RUN_ON => return Vec::new(),
            None => run_on += 1,
        }
    }
    zone
}

/// Within a page's foot, after the body before it: the next body may open with a lower-case
/// word (`5 pyrotechnische stoffen …`), as a note that defines a term does, or a figure.
fn continuing_body(line: &str, next: u32, zone: &[(usize, Candidate)]) -> Option<Candidate> {
    if zone.is_empty() {
        return None;
    }
    let (number, offset) = numbered_start(line)?;
    // `11 10 miljoen euro toegekend …`: a note may open with a figure too.
    let opens_with_a_word = line[offset..].starts_with(char::is_alphanumeric);
    (number == next && opens_with_a_word).then_some(Candidate {
        number,
        offset,
        has_url: false,
    })
}

/// Where `number` stands glued to the end of a word that itself ends in a digit: extraction
/// lost the space of a raised marker (`NIS24`: marker 4 after `NIS2`). Digits cannot tell
/// such a word from a number, so only where the word (`NIS2`) stands in the note's own text
/// (`note`), which names what it cites; then a space, punctuation or the line's end.
pub fn glued_to_a_word_its_note_names(
    text: &str,
    number: u32,
    note: &str,
) -> Option<(usize, usize)> {
    numbers_ending_there(text, number)
        .into_iter()
        .find(|&(start, _)| {
            let word_start = text[..start]
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_alphanumeric())
                .last()
                .map_or(start, |(at, _)| at);
            let word = &text[word_start..start];
            word.chars().count() >= 3
                && word.chars().any(char::is_alphabetic)
                && word.ends_with(|c: char| c.is_ascii_digit())
                && names_word(note, word)
        })
}

/// Where `number`'s digits stand in `text` followed by what may end a marker: a space,
/// punctuation (not a decimal point or a thousands' one, `3.354`) or the text's end.
fn numbers_ending_there(text: &str, number: u32) -> Vec<(usize, usize)> {
    let digits = number.to_string();
    text.match_indices(digits.as_str())
        .map(|(start, _)| (start, start + digits.len()))
        .filter(|&(_, end)| {
            let after = &text[end..];
            after.is_empty()
                || after.starts_with([' ', ',', '.', ';', ':', '?', '!', '»', ')'])
                    && !after.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
        })
        .collect()
}

/// Whether `word` stands in `text` as a word of its own: not inside a longer word or number.
fn names_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Where `number` stands as a marker no pattern reads: alone between words (a space before it,
/// or the line's start, where `previous_word` ends the line before), or glued to a word of
/// letters (`MIND3 dat`); then a space, punctuation or the line's end; not after a number or a
/// word that takes one, and not before a unit.
pub fn lone_number_at(text: &str, number: u32, previous_word: &str) -> Option<(usize, usize)> {
    for (start, end) in numbers_ending_there(text, number) {
        let before = &text[..start];
        let after = &text[end..];
        if before.ends_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let glued_word = before.rsplit(' ').next().unwrap_or("");
        if !before.is_empty() && !before.ends_with(' ') {
            // Glued: to a word of letters only, longer than a chemical formula's (`CO2`).
            let letters = glued_word.chars().all(char::is_alphabetic);
            if letters && glued_word.chars().count() > 3 && !after.starts_with(['.', ':']) {
                return Some((start, end));
            }
            continue;
        }
        let word = if before.is_empty() {
            previous_word
        } else {
            before.trim_end().rsplit(' ').next().unwrap_or("")
        };
        // After a year (`7 november 2023 1 heb ik`) a number is no part of it.
        // … or after a range of years (`Cybersecuritystrategie 2022–2028 13. Deze`).
        let year_digits = word.trim_start_matches(|c: char| !c.is_ascii_digit());
        let last_year = word
            .rsplit(['–', '-', '/'])
            .next()
            .filter(|_| year_digits.len() == word.len());
        let a_year = last_year.is_some_and(|year| {
            year.len() == 4
                && (year.starts_with("19") || year.starts_with("20"))
                && year.bytes().all(|b| b.is_ascii_digit())
        });
        // A number alone on a line of its own is where extraction puts a superscript; the word
        // that ends the line before does not make it that word's number (`het antwoord op
        // vraag` / `5.`, with footnote 5's marker found nowhere else).
        let alone_on_its_line = before.is_empty() && after.trim_end_matches('.').trim().is_empty();
        let takes_a_number = (word.chars().last().is_some_and(|c| c.is_ascii_digit()) && !a_year)
            || NUMBER_WORDS.contains(&word.to_lowercase().trim_end_matches(['.', ':']))
                && !alone_on_its_line
            || MONTHS.contains(&word.to_lowercase().as_str())
            || word.is_empty();
        let mut following = after.split_whitespace();
        let next = following.next().unwrap_or("");
        let word = next.trim_end_matches([',', '.']);
        // `2 en 3`, `5 tot 10`, `1 van de 5`: a range, a list or a share; `Peters 2 en over
        // …` and `een actueel bericht 1 van de Belastingdienst`: a marker.
        let ranges_on = RANGE_WORDS.contains(&word)
            && following
                .take(2)
                .any(|w| w.starts_with(|c: char| c.is_ascii_digit()));
        let a_quantity = next.starts_with(|c: char| c.is_ascii_digit())
            || UNIT_WORDS.contains(&word)
            || ranges_on
            || MONTHS.contains(&word);
        if !takes_a_number && !a_quantity {
            return Some((start, end));
        }
    }
    None
}

/// Words after which a number is a number, not a marker (and a month's name, before or after
/// it: a date).
const NUMBER_WORDS: &[&str] = &[
    "artikel",
    "art",
    "nr",
    "nummer",
    "vraag",
    "vragen",
    "antwoord",
    "lid",
    "punt",
    "pagina",
    "p",
    "blz",
    "hoofdstuk",
    "paragraaf",
    "bijlage",
    "fase",
    "stap",
    "categorie",
    "niveau",
    "groep",
    "klasse",
    "versie",
    "tabel",
    "figuur",
    "en",
    "of",
    "tot",
    "t/m",
    "tussen",
    "op",
    "van",
    "de",
    "het",
    "een",
    "ruim",
    "circa",
    "ca",
    "bijna",
    "maximaal",
    "minimaal",
    "ongeveer",
    "dan",
    "met",
    "is",
    "zijn",
    "om",
    "per",
    "à",
    "week",
    "dag",
    "jaar",
    "maand",
    "uur",
    "boek",
    "titel",
    "afdeling",
    "onderdeel",
    "sub",
    "co",
    "covid",
];

/// Words after a number that make it a quantity.
const UNIT_WORDS: &[&str] = &[
    "procent", "%", "euro", "jaar", "jaren", "maanden", "maand", "weken", "week", "dagen", "dag",
    "uur", "minuten", "keer", "mensen", "personen", "kinderen", "miljoen", "miljard", "x", "km",
    "kg", "m",
];

/// Words that join a number to a second one (`2 en 3`, `5 tot 10`, `1 op de 4`).
const RANGE_WORDS: &[&str] = &["en", "of", "tot", "t/m", "van", "op"];

/// How many lines one footnote body at a page's foot may run on after its first.
const MAX_BODY_RUN_ON: usize = 4;

/// Every footnote marker candidate in a line of running text, in order.
pub fn markers(text: &str) -> Vec<Marker> {
    let clues = Clues::of(text);
    if !clues.digit {
        return Vec::new();
    }
    let trimmed = text.trim();
    if is_numbers_only(trimmed) {
        let offset = text.len() - text.trim_start().len();
        return numbers_in(trimmed)
            .into_iter()
            .map(|(number, start, end)| Marker {
                number,
                start: offset + start,
                end: offset + end,
            })
            .collect();
    }
    // Each pattern is matched without capture groups (the fast engine): the groups are
    // recovered from the match, whose shape the pattern fixes.
    let mut found = Vec::new();
    if clues.bracket {
        for whole in BRACKETED.find_iter(text) {
            // `omgekomen [2], en`: the space before the brackets goes with them.
            let start = whole.start() - usize::from(text[..whole.start()].ends_with(' '));
            push_bracketed_list(&mut found, &text[start..whole.end()], start);
        }
    }
    if clues.parenthesis {
        for whole in PARENTHESISED.find_iter(text) {
            // `zijnde: 1) het niet naleven …; 2) de AP …`: an item of a list opens a clause
            // after a colon, semicolon or comma (`het UWV 1) ook` is a marker).
            let opens_an_item = text[whole.end()..]
                .strip_prefix(' ')
                .is_some_and(|next| next.starts_with(char::is_lowercase))
                && (text[..whole.start()].trim_end().is_empty()
                    || text[..whole.start()].ends_with([':', ';', ',']));
            if opens_an_item {
                continue;
            }
            let digits = &whole.as_str()[1..whole.len() - 1];
            push(&mut found, digits, whole.start(), whole.end());
        }
    }
    for whole in clues
        .glued
        .then(|| GLUED_TO_WORD.find_iter(text))
        .into_iter()
        .flatten()
    {
        let letter = whole.as_str().chars().next().map_or(0, char::len_utf8);
        let (start, end) = (whole.start() + letter, whole.end());
        let word = text[..start]
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        // A word with digits in it already is a code or a hash (`01aa75ed71a1`), not words.
        let in_url = word.contains(['/', '.', '_', '@', ':', '='])
            || word.bytes().any(|b| b.is_ascii_digit());
        if !in_url && ends_a_glued_marker(&text[end..]) {
            push(&mut found, &text[start..end], start, end);
        }
    }
    for whole in clues
        .punctuated
        .then(|| AFTER_PUNCTUATION.find_iter(text))
        .into_iter()
        .flatten()
    {
        let punctuation = whole.as_str().chars().next().map_or(0, char::len_utf8);
        let after_punctuation = whole.start() + punctuation;
        let glued = !text[after_punctuation..].starts_with(' ');
        // `versie 1.2, door`, `3.354`: a point between digits is a number's, unless a new
        // sentence follows (`vanaf 2023.13 De ekv-besluitvorming`).
        let new_sentence = text[whole.end()..]
            .strip_prefix(' ')
            .is_some_and(|next| next.starts_with(char::is_uppercase));
        let in_a_number = glued
            && whole.as_str().starts_with('.')
            && text[..whole.start()].ends_with(|c: char| c.is_ascii_digit())
            && !new_sentence;
        // `Joseph-Agema,7 blijft`: after a comma only a marker glued to a word; `3,7` is a
        // number and `5, 7 en 9` a list.
        let after_comma = whole.as_str().starts_with(',');
        let not_after_a_word = !text[..whole.start()].ends_with(char::is_alphabetic);
        if in_a_number || after_comma && (!glued || not_after_a_word) {
            continue;
        }
        let start_of_number = if glued {
            after_punctuation
        } else {
            after_punctuation + 1
        };
        let end = whole.end();
        let rest = &text[end..];
        let ends = if glued {
            ends_a_glued_marker(rest)
        } else {
            ends_a_marker(rest) || rest.starts_with(['?', '!']) || opens_a_sentence(rest)
        };
        if !ends {
            continue;
        }
        // The punctuation stays; the space before the number goes with the marker.
        push(
            &mut found,
            &text[start_of_number..end],
            after_punctuation,
            end,
        );
        let mut end = end;
        while let Some(more) = LIST_CONTINUATION.captures(&text[end..]) {
            let next = more.get(1).expect("group");
            push(&mut found, next.as_str(), end, end + next.end());
            end += more.get(0).expect("match").end();
        }
    }
    // `Kamerstuk 36 095, nr. 5)`: a number a word asks for is that number, not a marker.
    found.retain(|marker| !after_a_numbering_word(&text[..marker.start]));
    for marker in &mut found {
        take_typed_parenthesis(text, marker);
    }
    found.sort_by_key(|m| m.start);
    found
}

/// `Bureau Beke3) ,`, `(nos.nl)”1)?`: a marker typed by hand as `n)` glued to what it marks.
/// The parenthesis is the marker's, unless it closes one the text opened before it.
fn take_typed_parenthesis(text: &str, marker: &mut Marker) {
    let before = &text[..marker.start];
    let closes_one = before.matches('(').count() > before.matches(')').count();
    if text[marker.end..].starts_with(')') && !closes_one {
        marker.end += 1;
    }
}

/// Whether `before` ends in a word that a number follows as its value (`nr.`, `artikel`).
fn after_a_numbering_word(before: &str) -> bool {
    let word = before
        .trim_end()
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    matches!(
        word.to_lowercase().trim_end_matches(['.', ':']),
        "nr" | "nrs"
            | "nummer"
            | "artikel"
            | "art"
            | "lid"
            | "vraag"
            | "vragen"
            | "pagina"
            | "blz"
            | "p"
    )
}

/// Whether `text` begins and ends with a digit, as [`NUMBERS_ONLY`] wants: most lines with
/// a number in them are prose, and this spares them the pattern. (`\d` is any script's
/// digit; every such digit is numeric.)
fn may_be_numbers_only(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_numeric)
        && text.chars().next_back().is_some_and(char::is_numeric)
}

/// Whether a trimmed text is a list of footnote numbers and nothing else ([`NUMBERS_ONLY`]).
fn is_numbers_only(trimmed: &str) -> bool {
    may_be_numbers_only(trimmed) && NUMBERS_ONLY.is_match(trimmed)
}

/// What one look at a line's bytes tells about the patterns that could match in it: most
/// lines hold no digit, and most numbers in prose follow a plain space, so most lines are
/// spared every pattern. Only ASCII digits count (`\\d` also matches other scripts' digits,
/// which never parse as a footnote number).
#[derive(Debug, Default, Clone, Copy)]
struct Clues {
    digit: bool,
    /// A `[`, for [`BRACKETED`].
    bracket: bool,
    /// A `)`, for [`PARENTHESISED`].
    parenthesis: bool,
    /// A digit after a lower-case letter or a non-ASCII byte, for [`GLUED_TO_WORD`].
    glued: bool,
    /// A digit after punctuation, directly or after one space, for [`AFTER_PUNCTUATION`] (a
    /// non-ASCII byte may end `»`, `”` or `’`).
    punctuated: bool,
}

impl Clues {
    /// Looks at every byte with the two before it, without stopping early, so that the
    /// compiler can use vector instructions: one pass instead of one per pattern.
    fn of(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut clues = Clues::default();
        // The line as if two spaces stood before it: a space is no clue.
        for at in 0..bytes.len().min(2) {
            let before = |back: usize| if at >= back { bytes[at - back] } else { b' ' };
            clues.see(before(2), before(1), bytes[at]);
        }
        if bytes.len() > 2 {
            for ((&byte, &previous), &second) in bytes[2..].iter().zip(&bytes[1..]).zip(bytes) {
                clues.see(second, previous, byte);
            }
        }
        clues
    }

    #[inline(always)]
    fn see(&mut self, second: u8, previous: u8, byte: u8) {
        let punctuation =
            |b: u8| matches!(b, b'?' | b'!' | b'.' | b',' | b'"' | b')') | !b.is_ascii();
        let digit = byte.is_ascii_digit();
        self.digit |= digit;
        self.bracket |= byte == b'[';
        self.parenthesis |= byte == b')';
        self.glued |= digit & (previous.is_ascii_lowercase() | !previous.is_ascii());
        self.punctuated |=
            digit & (punctuation(previous) | ((previous == b' ') & punctuation(second)));
    }
}

/// `[1 ]` or a list in one pair of brackets (`[4 5 ]`, `[4, 5]`): one marker per number, their
/// spans tiling the brackets so that taking them all out leaves nothing of them behind.
fn push_bracketed_list(found: &mut Vec<Marker>, brackets: &str, offset: usize) {
    let numbers = numbers_in(brackets);
    let last = numbers.len().saturating_sub(1);
    let mut start = 0;
    for (index, (number, _, end)) in numbers.iter().enumerate() {
        let end = if index == last { brackets.len() } else { *end };
        found.push(Marker {
            number: *number,
            start: offset + start,
            end: offset + end,
        });
        start = end;
    }
}

fn push(found: &mut Vec<Marker>, digits: &str, start: usize, end: usize) {
    if let Ok(number) = digits.parse() {
        found.push(Marker { number, start, end });
    }
}

/// What may follow a marker: the end of the line, a list of further markers, or a new
/// sentence (`? 3 Heeft …`); not `nr. 9, geïnformeerd` or `op 15 februari`.
fn ends_a_marker(rest: &str) -> bool {
    if rest.trim().is_empty() || LIST_CONTINUATION.is_match(rest) {
        return true;
    }
    let after_space = rest.trim_start();
    rest.starts_with(char::is_whitespace)
        && after_space.starts_with(|c: char| c.is_uppercase() || matches!(c, '«' | '(' | '“'))
}

/// `gesproken. 3Toekomstige samenwerking`: extraction lost the space after the marker, and
/// the next sentence's first word (a capital, then lower case) follows it directly.
fn opens_a_sentence(rest: &str) -> bool {
    let mut chars = rest.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_some_and(char::is_lowercase)
}

/// After a marker glued to what it marks (`afgewogen1;`, `c.s.2,`), punctuation may follow
/// directly; another digit or letter means the number belongs to a word (`mp3s`, `2a`).
fn ends_a_glued_marker(rest: &str) -> bool {
    rest.is_empty()
        || rest.starts_with(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '?' | '!' | ')')
        })
}

fn numbers_in(text: &str) -> Vec<(u32, usize, usize)> {
    let mut numbers = Vec::new();
    let mut start = None;
    for (index, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(index),
            (false, Some(from)) => {
                if let Ok(number) = text[from..index].parse() {
                    numbers.push((number, from, index));
                }
                start = None;
            }
            _ => {}
        }
    }
    numbers
}

#[cfg(test)]
mod tests {
    use super::super::seed_tests::shipped_lines;
    use super::*;

    #[test]
    fn shortcuts_never_turn_away_what_the_patterns_take() {
        let lines = shipped_lines(&[
            "12",
            "1) x",
            "1)",
            "20 februari 2024",
            "1٣ https://x",
            "2 Niet",
            "3Kinder",
            "tegen? 1",
            "«x» 2",
            "Is dat zo?1",
            "zo.” 12 en 13",
            "٣ ٤",
            "1, 2 en 3",
            "7 ",
        ]);
        let mut taken = [0; 3];
        for line in &lines {
            let trimmed = line.trim();
            if NUMBERS_ONLY.is_match(trimmed) {
                taken[0] += 1;
                assert!(may_be_numbers_only(trimmed), "{line:?}");
            }
            let by_pattern = BODY_START.captures(line.trim_end()).and_then(|captures| {
                let number = captures[1].parse::<u32>().ok()?;
                Some((number, captures.get(2)?.start()))
            });
            taken[1] += usize::from(by_pattern.is_some());
            assert_eq!(numbered_start(line), by_pattern, "{line:?}");
            let ascii_match = AFTER_PUNCTUATION
                .captures_iter(line)
                .any(|c| c[3].bytes().all(|b| b.is_ascii_digit()));
            if ascii_match {
                taken[2] += 1;
                assert!(Clues::of(line).punctuated, "{line:?}");
            }
        }
        assert!(taken.iter().all(|&count| count > 5), "{taken:?}");
    }

    fn numbers(text: &str) -> Vec<u32> {
        markers(text).into_iter().map(|m| m.number).collect()
    }

    #[test]
    fn markers_after_punctuation_in_brackets_and_alone() {
        assert_eq!(numbers("tegen te gaan? 1"), [1]);
        assert_eq!(numbers("ziekenhuisnota»»?1, 2"), [1, 2]);
        assert_eq!(numbers("afspreekt? 3 Heeft de extra ronde"), [3]);
        // ah-tk-20232024-1481 and -1980: the space after a marker, or before it, lost.
        assert_eq!(numbers("gesproken. 3Toekomstige samenwerking"), [3]);
        assert_eq!(numbers("de motie Joseph-Agema,7 blijft de keuze"), [7]);
        // kv-tk-2024Z18559, question 56: a list, not three markers.
        assert!(numbers("zijnde: 1) het niet naleven; 2) de AP kan; 3) werkwijze").is_empty());
        assert_eq!(numbers("«Netjes gezuiverd»[1 ] en «Goede»[2]?"), [1, 2]);
        assert_eq!(numbers("2, 3 en 4"), [2, 3, 4]);
        assert_eq!(numbers("1 2"), [1, 2]);
        assert_eq!(numbers("het UWV 1) ook"), [1]);
        assert_eq!(numbers("opnieuw zal worden afgewogen1; hoe rijmt"), [1]);
        assert_eq!(numbers("van het lid Van Zanten c.s.2, waarmee"), [2]);
        assert_eq!(numbers("naar de zon vliegen» 1?"), [1]);
    }

    #[test]
    fn a_marker_typed_as_n_and_a_parenthesis_goes_out_whole() {
        // minjenv-beantwoording-2023Z16994.docx and the lahlah letter.
        let text = "rapport van Bureau Beke3) , waarin";
        let marker = markers(text)[0];
        assert_eq!(marker.number, 3);
        assert_eq!(&text[marker.end..], " , waarin");
        let text = "op hoofddoek bij boa's (nos.nl)”1)?";
        let marker = markers(text)[0];
        assert_eq!(
            format!("{}{}", &text[..marker.start], &text[marker.end..]),
            "op hoofddoek bij boa's (nos.nl)”?"
        );
        // A parenthesis that closes one the text opened is the text's.
        let text = "(zie het rapport van Beke3) en";
        let marker = markers(text)[0];
        assert_eq!(&text[marker.end..], ") en");
    }

    #[test]
    fn a_list_word_numbers_itself_holds_notes_that_name_an_address() {
        // minjenv-beantwoording-2023Z16994.docx: markers `1)`, `2)`, then the list.
        let lines = [
            Some("Kent u de uitzending? 1)"),
            Some("Kent u het Handelingskader aanpak personen verward gedrag2) waarin"),
            Some("3. Alle producten met een «screamer» effect niet meer"),
            Some("1. Argos, 27 september, 2023, www.vpro.nl/argos/sammy.html"),
            Some("2. vng.nl/sites/default/files/2021-09/handelingskader.pdf"),
        ];
        let found: Vec<(usize, u32, usize)> = find_body_starts(&lines)
            .iter()
            .map(|(i, (n, offset))| (*i, *n, *offset))
            .collect();
        assert_eq!(found, [(3, 1, 3), (4, 2, 3)]);
    }

    #[test]
    fn numbers_in_prose_are_not_markers() {
        assert!(numbers("Kamerstuk 36 410 XIV, nr. 9, geïnformeerd").is_empty());
        assert!(numbers("Op 15 februari 2024 schreef u").is_empty());
        assert!(numbers("artikel 68 Grondwet?").is_empty());
        assert!(numbers("www.internetconsultatie.nl/huisvesting_evacuees/b1").is_empty());
        // ah-tk-20232024-1178: no footnotes 2 and 3 in a version number.
        assert!(numbers("«Transport Layer Security» versie 1.2, door de").is_empty());
        assert!(numbers("gelijknamige versie 1.3.").is_empty());
        assert!(numbers("groeide met 3,7 procent").is_empty());
        assert!(numbers("de artikelen 5, 7 en 9").is_empty());
    }

    #[test]
    fn a_marker_glued_to_a_word_ending_in_a_digit_needs_the_word_in_its_note() {
        // ah-tk-20232024-1178: marker 4 after `NIS2`; note 4 cites the NIS2 directive.
        let text = "Zo geeft NIS24 (Network and Information Security Directive) aan dat";
        let note =
            "4 Richtlijn betreffende maatregelen voor een hoog gemeenschappelijk niveau van \
                    cyberbeveiliging in de Unie (NIS2-richtlijn) | Shaping Europe's digital future";
        assert_eq!(
            glued_to_a_word_its_note_names(text, 4, note),
            Some((13, 14))
        );
        // The note does not name the word: a number like any other.
        assert_eq!(
            glued_to_a_word_its_note_names(text, 4, "4 Forbes, 2023."),
            None
        );
        // Named only inside a longer word or number.
        assert_eq!(
            glued_to_a_word_its_note_names(text, 4, "4 de NIS25-lijst"),
            None
        );
        // Not a word: a number alone, or one too short.
        assert_eq!(
            glued_to_a_word_its_note_names("in 20234 zaken", 4, "4 in 2023"),
            None
        );
        assert_eq!(
            glued_to_a_word_its_note_names("het A24 plan", 4, "4 de A2"),
            None
        );
    }

    #[test]
    fn a_lone_number_before_a_joining_word_is_a_marker_unless_a_number_follows() {
        // ah-tk-20242025-580: "de motie El Yassini en Peters" / "2 en over de invulling …".
        assert_eq!(
            lone_number_at("2 en over de invulling", 2, "Peters"),
            Some((0, 1))
        );
        assert_eq!(lone_number_at("de kosten 2 en 3 samen", 2, ""), None);
        assert_eq!(lone_number_at("kosten 2 tot 5 jaar", 2, ""), None);
        assert_eq!(lone_number_at("kosten 2 of 3 keer", 2, ""), None);
        assert_eq!(
            lone_number_at("dat geldt voor 1 op de 4 scholen", 1, ""),
            None
        );
        let text = "In een actueel bericht 1 van de Belastingdienst zijn";
        assert_eq!(lone_number_at(text, 1, ""), Some((23, 24)));
        // ah-tk-20232024-1178: after a year or a range of years, a number is no part of it.
        let text = "Cybersecuritystrategie 2022–2028 13. Deze stelt";
        let at = text.find("13").unwrap();
        assert_eq!(lone_number_at(text, 13, ""), Some((at, at + 2)));
        assert_eq!(
            lone_number_at("november 2023 1 heb ik", 1, ""),
            Some((14, 15))
        );
        assert_eq!(lone_number_at("nr. 36 095 1 en", 1, ""), None);
    }

    #[test]
    fn a_number_alone_on_its_line_is_a_marker_whatever_word_ends_the_line_before() {
        // ah-tk-20242025-564, Antwoord 22: "(zie ook het antwoord op vraag" / "5." / "In het
        // artikel dat u aanhaalt …", with footnote 5 (that article) on the same page.
        assert_eq!(lone_number_at("5.", 5, "vraag"), Some((0, 1)));
        assert_eq!(lone_number_at("5", 5, "artikel"), Some((0, 1)));
        // With words after it on its line, the number is the word's: `artikel` / `5 van de wet`.
        assert_eq!(lone_number_at("5 van de wet", 5, "artikel"), None);
        // Nor after a number: `36 095` / `5`.
        assert_eq!(lone_number_at("5", 5, "095"), None);
    }

    /// The line each note starts on, with its number.
    fn numbered_starts(lines: &[Option<&str>]) -> Vec<(usize, u32)> {
        find_body_starts(lines)
            .iter()
            .map(|(i, (n, _))| (*i, *n))
            .collect()
    }

    #[test]
    fn the_same_number_opening_a_note_further_down_the_page_is_the_note() {
        // ah-tk-20242025-597, the foot of page 2: the marker of note 2 was pushed to a line's
        // start, and the note itself stands two lines below.
        let lines = [
            Some("Is dat zo? 1"),
            Some("1 NOS, 11 oktober 2024"),
            None,
            Some("of er sprake is van overtredingen van de DSA."),
            Some("2 Artikelen 74 en"),
            Some("76 van de DSA geven de Commissie een bevoegdheid."),
            Some("2Commission opens proceedings against TikTok under the DSA (europa.eu)"),
            None,
        ];
        let found = numbered_starts(&lines);
        assert_eq!(found, [(1, 1), (6, 2)]);
    }

    #[test]
    fn a_run_of_notes_further_on_outweighs_one_numbered_line_before_a_page_break() {
        // ah-tk-20242025-583 with page furniture inserted below the pushed marker: `2 Het
        // Europees Parlement …` now ends a page, but notes 2–4 open a run two pages on.
        let lines = [
            Some("Vraag 1? 1"),
            Some("1 NOS, 11 oktober 2024"),
            None,
            Some("conform haar verplichtingen."),
            Some("2 Het Europees Parlement heeft de Commissie op"),
            None,
            Some("Vraag 4"),
            None,
            Some("macro-financiële bijstand worden publiek gemaakt. 3 De"),
            Some("Europese Raad heeft besloten"),
            Some("4. De Commissie werkt"),
            Some("22023 Annual report: https://op.europa.eu/en/publication-detail"),
            Some("3Een overzicht is hier te vinden: https://neighbourhood.ec.europa.eu"),
            Some("4Kamerstuk 21 501-20, nr. 2018."),
            None,
        ];
        let found = numbered_starts(&lines);
        assert_eq!(found, [(1, 1), (11, 2), (12, 3), (13, 4)]);
        // Without that run (a note's second line opening with a year and an address instead),
        // the line before the page break is note 2, as before.
        let mut alone = lines;
        alone[12] = Some("2024, www.dvhn.nl/drenthe");
        alone[13] = Some("Tweede Kamer");
        let found = numbered_starts(&alone);
        assert_eq!(found, [(1, 1), (4, 2)]);
    }

    #[test]
    fn one_pair_of_brackets_may_hold_several_markers() {
        // ah-tk-20232024-302: "zorgvraagtypering.[4 5 ] De NZa" cites footnotes 4 and 5.
        let text = "zorgvraagtypering.[4 5 ] De NZa";
        let found = markers(text);
        let numbers: Vec<u32> = found.iter().map(|m| m.number).collect();
        assert_eq!(numbers, [4, 5]);
        assert_eq!(&text[..found[0].start], "zorgvraagtypering.");
        assert_eq!(&text[found[1].end..], " De NZa");
        assert_eq!(found[0].end, found[1].start);
        let listed: Vec<u32> = markers("zie [2, 3] en").iter().map(|m| m.number).collect();
        assert_eq!(listed, [2, 3]);
    }

    #[test]
    fn a_marker_span_removes_cleanly() {
        let text = "tegen te gaan? 1";
        let marker = markers(text)[0];
        assert_eq!(&text[..marker.start], "tegen te gaan?");
    }

    #[test]
    fn body_starts_follow_the_numbering_and_the_citations() {
        let lines = [
            Some("Is dat zo? 1"),
            Some("1 januari is een datum"),
            Some("Antwoord: ja."),
            Some("1 Relief Web, 6 mei 2024 (https://"),
            Some("2024)."),
            Some("2 Niet geciteerd"),
            Some("3Kinderombudsman, https://www.kinderombudsman.nl/"),
        ];
        let starts = find_body_starts(&lines);
        let found: Vec<(usize, u32)> = starts.iter().map(|(i, (n, _))| (*i, *n)).collect();
        // `2 Niet geciteerd` is accepted as well: it and 3 run to the end of the text.
        assert_eq!(found, [(3, 1), (5, 2), (6, 3)]);
    }

    #[test]
    fn bodies_at_the_foot_of_a_page_need_no_marker() {
        let lines = [
            Some("In mijn brief van 7 november 2023 1 heb ik u"),
            Some("1 Antwoorden op Kamervragen | Kamerstuk |"),
            Some("2 Forbes, Januari 25, 2023. What The"),
            Some("Preparedness Act"),
            None,
            Some("1 Niet aan de voet"),
            Some("nog tekst"),
        ];
        let found = numbered_starts(&lines);
        assert_eq!(found, [(1, 1), (2, 2)]);
    }
}
