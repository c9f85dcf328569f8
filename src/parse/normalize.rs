//! Cleaning extraction artefacts out of a text before its structure is read.
//!
//! A whole source text enters; [`CleanLine`]s leave, each with its original line number, plus
//! the [`Furniture`] the page headers and footers told about the document. What is cleaned:
//! page headers and footers (replaced by a page break, so a footnote at the foot of a page ends
//! there while a sentence running on to the next page does not), accents that PDF extraction
//! split from their letter (`Kostic ´` → `Kostić`), words hyphenated at a line end, and texts
//! whose line breaks were all lost (the parts are put back on lines of their own).

use super::bytes::{self, any_pair};
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// One line after cleaning, or the place where a page ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CleanLine<'t> {
    /// Most lines stand as printed and are borrowed from the source; a line cleaning changed
    /// is owned.
    Text {
        number: usize,
        text: Cow<'t, str>,
    },
    PageBreak {
        number: usize,
    },
}

/// What the page headers and footers say about the document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Furniture {
    /// `ah-tk-20232024-2129` as printed in a footer.
    pub aanhangsel_id: Option<String>,
    /// `kv-tk-2024Z18775` as printed in a footer: the Zaak number.
    pub kv_zaak: Option<String>,
    /// `2023–2024` from the `Vergaderjaar …` header, as `20232024`.
    pub vergaderjaar: Option<String>,
    /// The document's number in the Aanhangsel, printed under the header (`2129`) or as `AH 600`.
    pub aanhangsel_number: Option<u32>,
}

/// The cleaned lines and what the furniture said.
#[derive(Debug, Clone, Default)]
pub struct Cleaned<'t> {
    pub lines: Vec<CleanLine<'t>>,
    pub furniture: Furniture,
}

static FURNITURE: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"^Tweede Kamer der Staten-Generaal\s*\d*$",
        r"^Vragen gesteld door de leden der Kamer",
        r"^regering gegeven antwoorden$",
        r"^ISSN 0921",
        r"^’s-Gravenhage \d{4}",
        r"^Tweede Kamer, vergaderjaar \d{4}[–-]\d{4}, (Aanhangsel|Vragen)( \d+)?$",
        r"^h tk \d{8} \d+$",
        r"^-{3,}$",
        r"^\*{3,}$",
        r"^_{3,}$",
    ]
    .iter()
    .map(|pattern| Regex::new(pattern).expect("valid pattern"))
    .collect()
});
/// The masthead as officielebekendmakingen.nl and tweedekamer.nl pages flatten it: the
/// chamber, the parliamentary year and the document's number in one run
/// (`Tweede Kamer der Staten-Generaal2014-20151365`).
static FLAT_MASTHEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^Tweede Kamer der Staten-Generaal ?(\d{4})[–-](\d{4}) ?(\d{1,5})$")
        .expect("valid pattern")
});
static VERGADERJAAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Vergaderjaar (\d{4})[–-](\d{4})\b").expect("valid pattern"));
static AANHANGSEL_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(ah-tk-\d{8}-\d+)$").expect("valid pattern"));
static KV_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^kv-tk-(\d{4}Z\d{5})$").expect("valid pattern"));
static AH_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^AH ?(\d{1,5})$").expect("valid pattern"));
/// Where a text that lost its line breaks has a part that starts a line of its own.
static PART_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:Vragen van |Vraag van |Antwoord van |Mededeling van |Zie ook Aanhangsel |(?:Vraag|Antwoord) \d+(?:(?:, | en | t/m )\d+)* )")
        .expect("valid pattern")
});

static INLINE_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?: ah-tk-\d{8}-\d+)?(?: ISSN 0921 - 7398)?(?: ’s-Gravenhage \d{4})? Tweede Kamer, vergaderjaar \d{4}[–-]\d{4}, Aanhangsel(?: \d+)?")
        .expect("valid pattern")
});
static RUN_ON_MASTHEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"Vergaderjaar (\d{4})[–-](\d{4}) Aanhangsel van de Handelingen Vragen gesteld door de leden der Kamer, met de daarop door de regering gegeven antwoorden (\d{1,5})$")
        .expect("valid pattern")
});

/// A line longer than this, holding part openings, lost its line breaks in extraction.
const RUN_ON_LINE: usize = 400;

/// Cleans a whole text.
pub fn clean(text: &str) -> Cleaned<'_> {
    let mut cleaned = Cleaned {
        // About one line per 50 bytes in every layout: one allocation for most documents.
        lines: Vec::with_capacity(text.len() / 50 + 16),
        furniture: Furniture::default(),
    };
    let mut after_header_block = false;
    let mut after_masthead = false;
    for (index, printed) in bytes::lines(text).enumerate() {
        let number = index + 1;
        let line = join_split_accents(printed.trim_end());
        let bare = strip_markdown_heading(line.trim()).trim_matches('*').trim();
        // The page number printed under the masthead (`Tweede Kamer der Staten-Generaal` / `2`).
        let page_number = after_masthead && bare.parse::<u32>().is_ok();
        after_masthead = bare.starts_with("Tweede Kamer der Staten-Generaal");
        if page_number {
            cleaned.lines.push(CleanLine::PageBreak { number });
            continue;
        }
        if let Some((footer, text)) = footer_glued_to_text(bare) {
            furniture_kind(footer, &mut cleaned.furniture);
            cleaned.lines.push(CleanLine::PageBreak { number });
            cleaned.push_part(number, Cow::Owned(text.to_owned()));
            continue;
        }
        if let Some(kind) = furniture_kind(bare, &mut cleaned.furniture) {
            after_header_block |= kind == FurnitureKind::HeaderBlockEnd;
            cleaned.lines.push(CleanLine::PageBreak { number });
            continue;
        }
        if after_header_block && bare.is_empty() {
            continue;
        }
        if after_header_block && cleaned.furniture.aanhangsel_number.is_none() {
            if let Ok(value) = bare.parse::<u32>() {
                cleaned.furniture.aanhangsel_number = Some(value);
                after_header_block = false;
                continue;
            }
        }
        after_header_block = false;
        if is_run_on(&line) {
            for part in split_run_on(&line) {
                match part {
                    Some(part) => cleaned.push_part(number, Cow::Owned(part)),
                    None => cleaned.lines.push(CleanLine::PageBreak { number }),
                }
            }
        } else {
            cleaned.push_part(number, line);
        }
    }
    join_hyphenated_words(&mut cleaned.lines);
    cleaned
}

impl<'t> Cleaned<'t> {
    /// Adds a line, or a part of a run-on line, that is not page furniture.
    fn push_part(&mut self, number: usize, part: Cow<'t, str>) {
        // A masthead that lost its line breaks: `… Vergaderjaar 2014–2015 Aanhangsel van de
        // Handelingen Vragen gesteld door … antwoorden 698`.
        // The pattern ends in a number: most lines do not, and are spared the search.
        let masthead = (part.ends_with(char::is_numeric)
            && part.contains("Aanhangsel van de Handelingen"))
        .then(|| RUN_ON_MASTHEAD.captures(&part))
        .flatten();
        if let Some(captures) = masthead {
            self.furniture.vergaderjaar = Some(format!("{}{}", &captures[1], &captures[2]));
            self.furniture.aanhangsel_number = captures[3].parse().ok();
            self.lines.push(CleanLine::PageBreak { number });
        } else {
            self.lines.push(CleanLine::Text { number, text: part });
        }
    }
}

#[derive(PartialEq, Eq)]
enum FurnitureKind {
    Other,
    /// The last line of the Aanhangsel's header block: the document's number follows it.
    HeaderBlockEnd,
}

/// How page furniture lines begin: anything else is text, without trying the patterns.
const FURNITURE_STARTS: &[&str] = &[
    "Tweede Kamer",
    "Vergaderjaar",
    "Vragen gesteld",
    "regering gegeven",
    "ISSN",
    "’s-Gravenhage",
    "h tk ",
    "---",
    "***",
    "___",
    "ah-tk-",
    "kv-tk-",
    "AH",
];

/// The first bytes of [`FURNITURE_STARTS`]: a line that opens with another is told apart at
/// one look, as nearly all are.
static FURNITURE_FIRST_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut index = 0;
    while index < FURNITURE_STARTS.len() {
        table[FURNITURE_STARTS[index].as_bytes()[0] as usize] = true;
        index += 1;
    }
    table
};

fn furniture_kind(line: &str, furniture: &mut Furniture) -> Option<FurnitureKind> {
    let first = line.as_bytes().first().copied().unwrap_or(0);
    if !FURNITURE_FIRST_BYTES[usize::from(first)]
        || !FURNITURE_STARTS.iter().any(|start| line.starts_with(start))
    {
        return None;
    }
    if let Some(captures) = FLAT_MASTHEAD.captures(line) {
        furniture.vergaderjaar = Some(format!("{}{}", &captures[1], &captures[2]));
        furniture.aanhangsel_number = captures[3].parse().ok();
        return Some(FurnitureKind::Other);
    }
    if let Some(captures) = VERGADERJAAR.captures(line) {
        furniture.vergaderjaar = Some(format!("{}{}", &captures[1], &captures[2]));
        let header_block_end = line.ends_with("Handelingen");
        return Some(if header_block_end {
            FurnitureKind::HeaderBlockEnd
        } else {
            FurnitureKind::Other
        });
    }
    if let Some(captures) = AANHANGSEL_ID.captures(line) {
        furniture.aanhangsel_id = Some(captures[1].to_owned());
        return Some(FurnitureKind::Other);
    }
    if let Some(captures) = KV_ID.captures(line) {
        furniture.kv_zaak = Some(captures[1].to_owned());
        return Some(FurnitureKind::Other);
    }
    if let Some(captures) = AH_NUMBER.captures(line) {
        furniture.aanhangsel_number = captures[1].parse().ok();
        return Some(FurnitureKind::Other);
    }
    if line == "regering gegeven antwoorden" {
        return Some(FurnitureKind::HeaderBlockEnd);
    }
    FURNITURE
        .iter()
        .any(|pattern| pattern.is_match(line))
        .then_some(FurnitureKind::Other)
}

/// A page's footer with the next page's first line glued to it, as PDF text joins them: `…
/// Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 1Antwoord 3`. The footer and the text.
fn footer_glued_to_text(line: &str) -> Option<(&str, &str)> {
    // Most lines open with none of the footer's words, and are spared the pattern.
    if !["Tweede Kamer, ", "’s-Gravenhage ", "ISSN "]
        .iter()
        .any(|start| line.starts_with(start))
    {
        return None;
    }
    let captures = GLUED_FOOTER.captures(line)?;
    let footer = captures.get(1)?;
    Some((footer.as_str(), &line[captures.get(2)?.start()..]))
}

static GLUED_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.{0,60}?Tweede Kamer, vergaderjaar \d{4}[–-]\d{4}, (?:Aanhangsel|Vragen) \d+) ?(\p{Lu}.*)$")
        .expect("valid pattern")
});

fn strip_markdown_heading(line: &str) -> &str {
    let without = line.trim_start_matches('#');
    if without.len() < line.len() {
        without.trim_start()
    } else {
        line
    }
}

/// Whether a line is long enough to have lost its line breaks (counted in characters).
fn is_run_on(line: &str) -> bool {
    line.len() > RUN_ON_LINE && line.chars().count() > RUN_ON_LINE
}

/// Puts the parts of a run-on line back on lines of their own, without the page footers that
/// stand in it. Each page's footnote bodies, which stand last before its footer, get lines of
/// their own too; `None` stands for a page's end.
fn split_run_on(line: &str) -> Vec<Option<String>> {
    let mut lines = Vec::new();
    let mut parts = Vec::new();
    let mut next_note = 1;
    let mut from = 0;
    let pages = INLINE_FOOTER
        .find_iter(line)
        .map(|footer| (footer.start(), footer.end()))
        .chain(std::iter::once((line.len(), line.len())));
    for (footer_start, footer_end) in pages {
        if footer_start < from {
            continue;
        }
        let page = &line[from..footer_start];
        let at_a_footer = footer_end > footer_start;
        let notes = if at_a_footer {
            footnote_starts_before_foot(page, &mut next_note)
        } else {
            Vec::new()
        };
        let running_end = notes.first().copied().unwrap_or(page.len());
        let first_page = lines.is_empty();
        split_parts(
            &join_inline_hyphenation(&page[..running_end]),
            first_page,
            &mut parts,
        );
        let ends = notes
            .iter()
            .skip(1)
            .copied()
            .chain(std::iter::once(page.len()));
        for (start, end) in notes.iter().copied().zip(ends) {
            parts.push(join_inline_hyphenation(page[start..end].trim()));
        }
        parts.retain(|part| !part.is_empty());
        lines.extend(parts.drain(..).map(Some));
        if at_a_footer {
            lines.push(None);
        }
        from = footer_end;
    }
    lines
}

/// Splits running text at the parts that open a line of their own; on the first page, the
/// header's `Vragen van` opens one wherever it stands.
fn split_parts(line: &str, first_page: bool, parts: &mut Vec<String>) {
    let mut start = 0;
    for found in PART_START.find_iter(line) {
        let opens_header = found.as_str() == "Vragen van " && first_page && start == 0;
        if found.start() > start
            && (opens_header || preceded_by_sentence_end(&line[..found.start()]))
        {
            parts.push(line[start..found.start()].trim().to_owned());
            start = found.start();
        }
    }
    parts.push(line[start..].trim().to_owned());
}

/// Where the footnote bodies at a page's foot start, in a page of run-on text: the last page's
/// bodies run on in order (`… wordt 1 Financieel Dagblad, … 2 De Telegraaf, … 3 Kamerstuk, …`)
/// up to the footer, so they are found backwards from it, each number the one before the next,
/// down to `next_note`, the first number no earlier page had. A chain that does not reach back
/// to `next_note` is no footnote block.
fn footnote_starts_before_foot(page: &str, next_note: &mut u32) -> Vec<usize> {
    static NOTE_START: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r" (\d{1,2}) [\p{Lu}«“(]").expect("valid pattern"));
    // A number after a heading's word (`Vraag 2`, `Antwoord 2 en 3`) or in a list is none.
    let heading_number = |before: &str| {
        [
            "Vraag",
            "Vragen",
            "Antwoord",
            "Antwoorden",
            "vraag",
            "vragen",
            " en",
            "t/m",
            "nr.",
            ",",
        ]
        .iter()
        .any(|word| before.trim_end().ends_with(word))
    };
    let candidates: Vec<(usize, u32)> = NOTE_START
        .captures_iter(page)
        .filter_map(|c| {
            let number = c.get(1)?;
            (!heading_number(&page[..number.start()]))
                .then(|| Some((number.start(), number.as_str().parse().ok()?)))?
        })
        .collect();
    // From each candidate as the page's last body, back down to `next_note`.
    for last in (0..candidates.len()).rev() {
        let mut chain = vec![candidates[last]];
        let mut wanted = candidates[last].1;
        for &(at, number) in candidates[..last].iter().rev() {
            if wanted <= *next_note {
                break;
            }
            if number == wanted - 1 {
                chain.push((at, number));
                wanted -= 1;
            }
        }
        if wanted == *next_note && chain.len() as u32 == candidates[last].1 - *next_note + 1 {
            *next_note = candidates[last].1 + 1;
            return chain.into_iter().rev().map(|(at, _)| at).collect();
        }
        // Only the page's last few candidates can be its last body.
        if candidates.len() - last > 3 {
            break;
        }
    }
    Vec::new()
}

/// In a text whose line breaks became spaces, `zieken- huisnota` was a word broken at a line
/// end; `wet- en regelgeving` is not.
fn join_inline_hyphenation(line: &str) -> String {
    static BROKEN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\p{Ll})- (\p{Ll}+)").expect("valid pattern"));
    BROKEN
        .replace_all(line, |captures: &regex::Captures<'_>| {
            let next = &captures[2];
            if matches!(next, "en" | "of" | "tot" | "als" | "noch" | "dan") {
                captures[0].to_owned()
            } else {
                format!("{}{next}", &captures[1])
            }
        })
        .into_owned()
}

/// A part opens after the end of a sentence, a date's closing parenthesis, or a footnote
/// number, never in the middle of a sentence.
fn preceded_by_sentence_end(before: &str) -> bool {
    let before = before.trim_end();
    let before = before.trim_end_matches(|c: char| c.is_ascii_digit() || c == ',' || c == ' ');
    before.is_empty() || before.ends_with(['.', '?', '!', ')', '»', '”', ':'])
}

/// `Kostic ´` → `Kostić`, `Yes¸ilgöz` → `Yeşilgöz`: a spacing accent after its letter.
fn join_split_accents(line: &str) -> Cow<'_, str> {
    // Most lines are ASCII, which is quick to tell, and the rest hold no spacing accent,
    // which a look at their bytes tells (`´` `¸` `¨` are C2 B4, C2 B8, C2 A8; `ˇ` is CB 87).
    let is_spacing_accent = |lead: u8, next: u8| {
        ((lead == 0xc2) & matches!(next, 0xb4 | 0xb8 | 0xa8)) | ((lead == 0xcb) & (next == 0x87))
    };
    if line.is_ascii() || !any_pair(line.as_bytes(), is_spacing_accent) {
        return Cow::Borrowed(line);
    }
    let mut out: Vec<char> = Vec::with_capacity(line.len());
    for c in line.chars() {
        if matches!(c, '´' | '¸' | '¨' | 'ˇ') {
            let base_at = match out.as_slice() {
                [.., base, ' '] if base.is_alphabetic() => Some(out.len() - 2),
                [.., base] if base.is_alphabetic() => Some(out.len() - 1),
                _ => None,
            };
            if let Some(at) = base_at {
                if let Some(composed) = compose(out[at], c) {
                    out.truncate(at);
                    out.push(composed);
                    continue;
                }
            }
        }
        out.push(c);
    }
    Cow::Owned(out.into_iter().collect())
}

fn compose(base: char, accent: char) -> Option<char> {
    const TABLE: &[(char, &str, &str)] = &[
        ('´', "aeiouycnszAEIOUYCNSZ", "áéíóúýćńśźÁÉÍÓÚÝĆŃŚŹ"),
        ('¸', "csCS", "çşÇŞ"),
        ('¨', "aeiouyAEIOU", "äëïöüÿÄËÏÖÜ"),
        ('ˇ', "cszreCSZRE", "čšžřěČŠŽŘĚ"),
    ];
    let (_, bases, composed) = TABLE.iter().find(|(a, _, _)| *a == accent)?;
    let index = bases.chars().position(|b| b == base)?;
    composed.chars().nth(index)
}

/// `vredesonderhande-` / `lingen` → `vredesonderhandelingen` on the first line. Only a lower-case
/// letter before the hyphen and after the break counts, and never inside a URL, so that
/// `Nagorno-` / `Karabach` and broken URLs keep their hyphen.
fn join_hyphenated_words(lines: &mut [CleanLine]) {
    for index in 0..lines.len().saturating_sub(1) {
        let (head, tail) = lines.split_at_mut(index + 1);
        let (CleanLine::Text { text: first, .. }, CleanLine::Text { text: next, .. }) =
            (&mut head[index], &mut tail[0])
        else {
            continue;
        };
        if !ends_in_hyphenated_word(first) {
            continue;
        }
        let next_trimmed = next.trim_start();
        if !next_trimmed.starts_with(|c: char| c.is_lowercase()) {
            continue;
        }
        let word_end = next_trimmed
            .find(char::is_whitespace)
            .unwrap_or(next_trimmed.len());
        let rest = next_trimmed[word_end..].trim_start().to_owned();
        let first = first.to_mut();
        first.pop();
        first.push_str(&next_trimmed[..word_end]);
        *next = Cow::Owned(rest);
    }
}

fn ends_in_hyphenated_word(line: &str) -> bool {
    let Some(before) = line.strip_suffix('-') else {
        return false;
    };
    let last_word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let in_url = last_word.contains("://") || last_word.contains("www.") || last_word.contains('/');
    !in_url && before.ends_with(|c: char| c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(cleaned: &'a Cleaned<'_>) -> Vec<&'a str> {
        cleaned
            .lines
            .iter()
            .map(|line| match line {
                CleanLine::Text { text, .. } => text.as_ref(),
                CleanLine::PageBreak { .. } => "<page>",
            })
            .collect()
    }

    #[test]
    fn page_furniture_becomes_a_page_break_and_is_remembered() {
        let text = "Tweede Kamer der Staten-Generaal\n2\nVergaderjaar 2023–2024 Aanhangsel van de Handelingen\nVragen gesteld door de leden der Kamer, met de daarop door de\nregering gegeven antwoorden\n2129\nVragen van het lid X (Y)\nah-tk-20232024-2129\nISSN 0921 - 7398\n’s-Gravenhage 2024 Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 1\nverder\n";
        let cleaned = clean(text);
        assert_eq!(
            cleaned.furniture.aanhangsel_id.as_deref(),
            Some("ah-tk-20232024-2129")
        );
        assert_eq!(cleaned.furniture.vergaderjaar.as_deref(), Some("20232024"));
        assert_eq!(cleaned.furniture.aanhangsel_number, Some(2129));
        let kept: Vec<&str> = texts(&cleaned)
            .into_iter()
            .filter(|t| *t != "<page>")
            .collect();
        assert_eq!(kept, ["Vragen van het lid X (Y)", "verder"]);
    }

    #[test]
    fn a_footer_glued_to_the_next_pages_first_line_is_split_from_it() {
        let text = "Vraag 3\nWat doet u?\nah-tk-20232024-1500\n\
            Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 1Antwoord 3\nWij doen veel.\n\
            ISSN 0921 - 7398’s-Gravenhage 2024Tweede Kamer, vergaderjaar 2024–2025, Aanhangsel 2 Vraag 4\n\
            Tweede Kamer, vergaderjaar 2024–2025, Aanhangsel 3\n";
        let cleaned = clean(text);
        assert_eq!(
            texts(&cleaned),
            [
                "Vraag 3",
                "Wat doet u?",
                "<page>",
                "<page>",
                "Antwoord 3",
                "Wij doen veel.",
                "<page>",
                "Vraag 4",
                "<page>"
            ]
        );
        assert_eq!(
            cleaned.furniture.aanhangsel_id.as_deref(),
            Some("ah-tk-20232024-1500")
        );
    }

    #[test]
    fn split_accents_are_joined() {
        assert_eq!(
            join_split_accents("het lid Kostic ´ (PvdD)"),
            "het lid Kostić (PvdD)"
        );
        assert_eq!(
            join_split_accents("Minister Yes¸ilgöz-Zegerius"),
            "Minister Yeşilgöz-Zegerius"
        );
        assert_eq!(
            join_split_accents("5 ´ is geen letter"),
            "5 ´ is geen letter"
        );
    }

    #[test]
    fn hyphenated_words_are_joined_but_urls_and_names_keep_their_hyphen() {
        let cleaned = clean("de vredesonderhande-\nlingen in Jemen\nNagorno-\nKarabach\nhttps://example.org/a-\nb-c\n");
        assert_eq!(
            texts(&cleaned),
            [
                "de vredesonderhandelingen",
                "in Jemen",
                "Nagorno-",
                "Karabach",
                "https://example.org/a-",
                "b-c"
            ]
        );
    }

    #[test]
    fn a_run_on_page_gives_its_footnote_bodies_lines_of_their_own() {
        let one_line = format!(
            "Vragen van het lid X (P) aan de Minister van Y over Z (ingezonden 3 oktober 2014). Vraag 1 Kent u de berichten?1, 2 Antwoord 1 Ja. Vraag 2 Weet u {}dat? 1 Financieel Dagblad, 24 september 2014 2 De Telegraaf, 27 september 2014 ah-tk-20142015-698 ISSN 0921 - 7398 ’s-Gravenhage 2014 Tweede Kamer, vergaderjaar 2014–2015, Aanhangsel 1 en verder? Antwoord 2 Nee. Tweede Kamer, vergaderjaar 2014–2015, Aanhangsel 2",
            "lange tekst ".repeat(30)
        );
        let cleaned = clean(&one_line);
        let starts: Vec<String> = cleaned
            .lines
            .iter()
            .map(|line| match line {
                CleanLine::Text { text, .. } => text.chars().take(12).collect(),
                CleanLine::PageBreak { .. } => "(page)".to_owned(),
            })
            .collect();
        assert_eq!(
            starts,
            [
                "Vragen van h",
                "Vraag 1 Kent",
                "Antwoord 1 J",
                "Vraag 2 Weet",
                "1 Financieel",
                "2 De Telegra",
                "(page)",
                "en verder?",
                "Antwoord 2 N",
                "(page)"
            ]
        );
    }

    #[test]
    fn a_text_without_line_breaks_gets_its_parts_back() {
        let one_line = format!(
            "Vragen van het lid X (P) aan de Minister van Y over Z (ingezonden 3 oktober 2014). Antwoord van Minister Q (Y) (ontvangen 26 november 2014). Vraag 1 Kent u de berichten?1, 2 Antwoord 1 Ja. Vraag 2 en 3 Herinnert u zich {}dat? Antwoord 2 en 3 Nee.",
            "lange tekst ".repeat(30)
        );
        let cleaned = clean(&one_line);
        let starts: Vec<String> = texts(&cleaned)
            .iter()
            .map(|t| t.chars().take(12).collect())
            .collect();
        assert_eq!(
            starts,
            [
                "Vragen van h",
                "Antwoord van",
                "Vraag 1 Kent",
                "Antwoord 1 J",
                "Vraag 2 en 3",
                "Antwoord 2 e"
            ]
        );
    }
}
