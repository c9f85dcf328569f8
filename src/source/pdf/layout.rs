//! Lines from the glyphs: baselines, words, raised footnote markers and the notes at a page's
//! foot, accents put back on their letters; the text leaves as the parser reads it.

use super::glyphs::{Glyph, Shown};
use super::*;

/// A footnote body is printed smaller than the running text: at most this share of its size.
const SMALL_PRINT: f64 = 0.9;

/// The lines of every page, top to bottom, rendered as the parser reads them.
pub(super) fn layout(pages: Vec<Vec<Glyph>>) -> String {
    let body = body_size(&pages);
    let pages: Vec<Vec<Line>> = pages
        .into_iter()
        .map(|glyphs| page_lines(merge_accents(glyphs)))
        .collect();
    let notes: BTreeSet<u32> = pages
        .iter()
        .flatten()
        .filter_map(|line| line.note_number(body))
        .collect();
    let mut text = String::new();
    for line in pages.iter().flatten() {
        line.render(&notes, body, &mut text);
    }
    let text = expand_ligatures(text);
    // Text a `/ToUnicode` map gives may come decomposed (`e` and a combining accent).
    match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    }
}

/// The size most glyphs have (to a tenth of a point): the running text's.
fn body_size(pages: &[Vec<Glyph>]) -> f64 {
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    for glyph in pages.iter().flatten().filter(|g| g.is_visible()) {
        *counts
            .entry((glyph.size * 10.0).round() as i64)
            .or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(_, count)| count)
        .map_or(10.0, |(size, _)| size as f64 / 10.0)
}

/// Whether `accent`, centred over or under `base` on its baseline, belongs to it.
fn carries(base: &Glyph, accent: &Glyph) -> bool {
    let centre = accent.x + accent.width / 2.0;
    let slack = 0.1 * base.size;
    base.is_visible()
        && (base.y - accent.y).abs() < 0.3 * base.size
        && centre >= base.x - slack
        && centre <= base.end() + slack
}

/// The letter with the accent on it, composed (`c` and `´` → `ć`).
fn compose(base: &mut Glyph, mark: char) {
    // A dotless i takes the accent as i does (`ı` and `¨` → `ï`).
    let letters = base.text().replace('ı', "i");
    let composed: String = letters.chars().chain([mark]).nfc().collect();
    base.shown = Shown::new(&composed);
}

/// Accents drawn as glyphs of their own, over the letter drawn before them or after them, put
/// on that letter: `Kostic´` → `Kostić`.
fn merge_accents(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    if glyphs.iter().all(|glyph| glyph.shown.accent.is_none()) {
        return glyphs;
    }
    let mut merged: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    let mut waiting: Option<(Glyph, char)> = None;
    for mut glyph in glyphs {
        if let Some((accent, mark)) = waiting.take() {
            if carries(&glyph, &accent) {
                compose(&mut glyph, mark);
            } else {
                merged.push(accent);
            }
        }
        if let Some(mark) = glyph.shown.accent {
            // The letter is one of the last few drawn, or the next.
            let before = merged.iter_mut().rev().take(4).find(|b| carries(b, &glyph));
            match before {
                Some(base) => compose(base, mark),
                None => waiting = Some((glyph, mark)),
            }
            continue;
        }
        merged.push(glyph);
    }
    merged.extend(waiting.map(|(accent, _)| accent));
    merged
}

/// Where a glyph stands relative to its line's baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Normal,
    /// Raised and smaller: a footnote marker, an exponent.
    Super,
    /// Lowered and smaller: `CO₂`.
    Sub,
}

/// Glyphs on one baseline: runs of a page's glyphs, sorted top to bottom and left to right,
/// each run in its script (the line's own glyphs, and those raised or lowered onto it).
#[derive(Debug)]
struct Baseline {
    y: f64,
    /// The size of its largest visible glyph.
    size: f64,
    parts: Vec<(Range<usize>, Script)>,
    /// From the left edge of its leftmost glyph to the right edge of its rightmost.
    left: f64,
    right: f64,
    visible: usize,
}

impl Baseline {
    fn glyphs<'a>(
        &'a self,
        page: &'a [&'a Glyph],
    ) -> impl Iterator<Item = (&'a Glyph, Script)> + 'a {
        self.parts.iter().flat_map(move |(range, script)| {
            let glyphs = page.get(range.clone()).unwrap_or_default();
            glyphs.iter().map(move |glyph| (*glyph, *script))
        })
    }

    fn new(index: usize, glyph: &Glyph) -> Self {
        Self {
            y: glyph.y,
            size: glyph.size,
            parts: vec![(index..index + 1, Script::Normal)],
            left: glyph.x,
            right: glyph.end(),
            visible: usize::from(glyph.is_visible()),
        }
    }

    /// Adds the next glyph of the page, which stands on this baseline.
    fn add(&mut self, index: usize, glyph: &Glyph) {
        if glyph.is_visible() && glyph.size > self.size {
            self.size = glyph.size;
        }
        if let Some((range, _)) = self.parts.last_mut() {
            range.end = index + 1;
        }
        self.left = self.left.min(glyph.x);
        self.right = self.right.max(glyph.end());
        self.visible += usize::from(glyph.is_visible());
    }

    fn is_short(&self) -> bool {
        self.visible <= MAX_SCRIPT_GLYPHS
    }

    /// Takes in the glyphs of `other` as raised or lowered ones.
    fn absorb(&mut self, other: Baseline, script: Script) {
        let parts = other.parts.into_iter().map(|(range, _)| (range, script));
        self.parts.extend(parts);
        self.left = self.left.min(other.left);
        self.right = self.right.max(other.right);
        self.visible += other.visible;
    }
}

/// Superscripts and subscripts are short: markers and exponents, a few to a line.
const MAX_SCRIPT_GLYPHS: usize = 16;

/// A page's glyphs, sorted top to bottom and left to right, grouped by baseline.
fn baselines(glyphs: &[&Glyph]) -> Vec<Baseline> {
    let mut lines: Vec<Baseline> = Vec::new();
    for (index, glyph) in glyphs.iter().enumerate() {
        match lines.last_mut() {
            Some(line) if (line.y - glyph.y).abs() <= 0.2 * line.size.min(glyph.size) => {
                line.add(index, glyph);
            }
            _ => lines.push(Baseline::new(index, glyph)),
        }
    }
    lines
}

/// A short run of smaller glyphs just above a line's baseline is its superscript; just below,
/// its subscript. `lines` run top to bottom, so such a run stands right before or after its line.
fn attach_scripts(mut lines: Vec<Baseline>) -> Vec<Baseline> {
    let mut k = 0;
    while let (Some(upper), Some(lower)) = (lines.get(k), lines.get(k + 1)) {
        let raise = upper.y - lower.y;
        let superscript = upper.is_short()
            && upper.size < 0.85 * lower.size
            && raise > 0.0
            && raise < 0.7 * lower.size
            && upper.right >= lower.left - lower.size
            && upper.left <= lower.right + lower.size;
        let subscript = lower.is_short()
            && lower.size < 0.85 * upper.size
            && raise > 0.0
            && raise < 0.5 * upper.size
            && lower.right >= upper.left
            && lower.left <= upper.right + upper.size;
        if superscript {
            let raised = lines.remove(k);
            if let Some(line) = lines.get_mut(k) {
                line.absorb(raised, Script::Super);
            }
        } else if subscript {
            let lowered = lines.remove(k + 1);
            if let Some(line) = lines.get_mut(k) {
                line.absorb(lowered, Script::Sub);
            }
        } else {
            k += 1;
        }
    }
    lines
}

/// A piece of a line in one script: a range of the line's text.
#[derive(Debug, Clone, PartialEq)]
struct Run {
    script: Script,
    range: Range<usize>,
}

/// A printed line: its text, and the runs of it in each script, left to right.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    size: f64,
    text: String,
    runs: Vec<Run>,
}

/// The lines of one page, top to bottom.
fn page_lines(glyphs: Vec<Glyph>) -> Vec<Line> {
    let mut sorted: Vec<&Glyph> = glyphs
        .iter()
        .filter(|g| g.x.is_finite() && g.y.is_finite() && g.width.is_finite() && g.size.is_finite())
        .collect();
    // Content streams mostly draw in reading order already, which a stable sort finds.
    sorted.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    attach_scripts(baselines(&sorted))
        .iter()
        .filter_map(|line| line_of(line, &sorted))
        .collect()
}

/// A baseline's glyphs as runs of text, a space where a space glyph stands or where the gap
/// between two glyphs is wider than letters are set apart.
fn line_of(baseline: &Baseline, page: &[&Glyph]) -> Option<Line> {
    let size = baseline.size;
    let mut glyphs: Vec<(&Glyph, Script)> = baseline.glyphs(page).collect();
    if baseline.parts.len() > 1 {
        glyphs.sort_by(|(a, _), (b, _)| a.x.total_cmp(&b.x));
    }
    let mut line = Line {
        size,
        text: String::with_capacity(2 * glyphs.len()),
        runs: Vec::new(),
    };
    let mut previous_end: Option<f64> = None;
    let mut space = false;
    for (glyph, script) in glyphs {
        if !glyph.is_visible() {
            space = true;
            previous_end = Some(glyph.end());
            continue;
        }
        let gap = previous_end.map_or(0.0, |end| glyph.x - end);
        space |= gap > 0.15 * size.min(glyph.size.max(0.6 * size));
        if space && !line.runs.is_empty() {
            line.push(script, " ", true);
        }
        line.push(script, glyph.text(), false);
        space = false;
        previous_end = Some(glyph.end());
    }
    (!line.runs.is_empty()).then_some(line)
}

/// The numbers of a raised run made of footnote numbers only (`4`, `1, 2`).
fn marker_numbers(text: &str) -> Option<Vec<u32>> {
    let numbers: Vec<u32> = text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let digits = (1..=3).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
            digits.then(|| part.parse().ok()).flatten()
        })
        .collect::<Option<_>>()?;
    (!numbers.is_empty()).then_some(numbers)
}

impl Line {
    /// Adds text to the last run when it is in `script`, else opens a run. A space between two
    /// raised glyphs stays in their run (`1, 2`); any other goes into running text.
    fn push(&mut self, script: Script, text: &str, is_space: bool) {
        let script = match self.runs.last() {
            Some(last) if is_space && last.script != script => Script::Normal,
            _ => script,
        };
        let start = self.text.len();
        self.text.push_str(text);
        let end = self.text.len();
        match self.runs.last_mut() {
            Some(last) if last.script == script => last.range.end = end,
            _ => self.runs.push(Run {
                script,
                range: start..end,
            }),
        }
    }

    fn text_of(&self, run: &Run) -> &str {
        self.text.get(run.range.clone()).unwrap_or_default()
    }

    /// The runs from the first that is not blank.
    fn printed_runs(&self) -> impl Iterator<Item = &Run> {
        self.runs
            .iter()
            .skip_while(|run| self.text_of(run).trim().is_empty())
    }

    /// The number of the footnote this line opens: in small print, it begins with one raised
    /// number.
    fn note_number(&self, body: f64) -> Option<u32> {
        if self.size >= SMALL_PRINT * body {
            return None;
        }
        let first = self.printed_runs().next()?;
        match marker_numbers(self.text_of(first))?.as_slice() {
            [number] if first.script == Script::Super => Some(*number),
            _ => None,
        }
    }

    /// Writes the line as the parser reads it, with its line end: markers of the document's
    /// footnotes as `<sup>n</sup>`, a footnote body opened by its number as `<sup>n</sup> `,
    /// white space folded. A line of white space alone is left out.
    fn render(&self, notes: &BTreeSet<u32>, body: f64, out: &mut String) {
        let mut printed = Folder::new(out);
        let mut runs = self.printed_runs();
        if let Some(number) = self.note_number(body) {
            printed.push(&format!("<sup>{number}</sup> "));
            runs.next();
        }
        for run in runs {
            let text = self.text_of(run);
            let markers = (run.script == Script::Super)
                .then(|| marker_numbers(text))
                .flatten()
                .filter(|numbers| numbers.iter().all(|n| notes.contains(n)));
            match markers {
                Some(numbers) => {
                    for number in numbers {
                        printed.push(&format!("<sup>{number}</sup>"));
                    }
                }
                None => printed.push(text),
            }
        }
        printed.end_line();
    }
}

/// Writes a line's pieces with each run of white space made one space, none at either end.
struct Folder<'o> {
    out: &'o mut String,
    start: usize,
    gap: bool,
}

impl<'o> Folder<'o> {
    fn new(out: &'o mut String) -> Self {
        let start = out.len();
        Self {
            out,
            start,
            gap: false,
        }
    }

    fn push(&mut self, piece: &str) {
        for c in piece.chars() {
            if c.is_whitespace() {
                self.gap = true;
                continue;
            }
            if self.gap && self.out.len() > self.start {
                self.out.push(' ');
            }
            self.gap = false;
            self.out.push(c);
        }
    }

    fn end_line(self) {
        if self.out.len() > self.start {
            self.out.push('\n');
        }
    }
}

/// Ligature glyphs (`ﬁ`) as their letters, which the parser's fixed words are written in.
fn expand_ligatures(text: String) -> String {
    if !text.contains(|c| ('\u{fb00}'..='\u{fb06}').contains(&c)) {
        return text;
    }
    text.chars()
        .map(|c| match c {
            '\u{fb00}' => "ff".to_owned(),
            '\u{fb01}' => "fi".to_owned(),
            '\u{fb02}' => "fl".to_owned(),
            '\u{fb03}' => "ffi".to_owned(),
            '\u{fb04}' => "ffl".to_owned(),
            '\u{fb05}' | '\u{fb06}' => "st".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The glyphs of `text` set from `x` on the baseline `y`, each half its size wide, as a
    /// line of type is.
    fn set(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + i as f64 * 0.5 * size,
                y,
                width: 0.5 * size,
                size,
                shown: Shown::new(&c.to_string()),
            })
            .collect()
    }

    fn end_of(glyphs: &[Glyph]) -> f64 {
        glyphs.last().map_or(0.0, Glyph::end)
    }

    fn text_of(pages: Vec<Vec<Glyph>>) -> String {
        layout(pages)
    }

    #[test]
    fn a_raised_smaller_number_is_a_footnote_marker_and_the_note_at_the_foot_opens_with_it() {
        // ah-tk-20232024-1178, answer 4: body 8.53 pt at y 291.97, the marker 4 at y 295.46 in
        // 5.49 pt right after `NIS2`; its note at the page's foot in 6.9 pt.
        let mut page = set("Zo geeft NIS2", 221.1, 291.97, 8.53);
        let marker = set("4", end_of(&page), 295.46, 5.49);
        let after = end_of(&marker) + 2.0;
        page.extend(marker);
        page.extend(set("(Network and", after, 291.97, 8.53));
        page.extend(set("more running text of the page", 221.1, 282.4, 8.53));
        page.extend(set("4", 221.1, 169.0, 4.5));
        page.extend(set("Richtlijn betreffende", 227.3, 166.3, 6.9));
        page.extend(set("liging in de Unie", 227.3, 157.3, 6.9));
        assert_eq!(
            text_of(vec![page]),
            "Zo geeft NIS2<sup>4</sup> (Network and\nmore running text of the page\n\
             <sup>4</sup> Richtlijn betreffende\nliging in de Unie\n"
        );
    }

    #[test]
    fn a_raised_number_no_note_answers_stays_a_number_and_a_lowered_one_joins_its_word() {
        let mut page = set("een oppervlak van 40 m", 100.0, 500.0, 10.0);
        page.extend(set("2", end_of(&page), 504.0, 6.0));
        page.extend(set("voor CO", 100.0, 488.0, 10.0));
        page.extend(set("2", end_of(&page), 486.0, 6.0));
        assert_eq!(text_of(vec![page]), "een oppervlak van 40 m2\nvoor CO2\n");
    }

    #[test]
    fn raised_numbers_in_a_list_are_one_marker_each() {
        // ah-tk-20142015-698, question 1: `ziekenhuisnota»»?¹,²`.
        let mut page = set(
            "invoering «vereenvoudigde ziekenhuisnota»?",
            100.0,
            500.0,
            10.0,
        );
        let start = end_of(&page);
        page.extend(set("1,", start, 504.0, 6.0));
        page.extend(set("2", start + 8.0, 504.0, 6.0));
        page.extend(set("1", 100.0, 303.0, 4.0));
        page.extend(set("Financieel Dagblad", 106.0, 300.0, 7.0));
        page.extend(set("2", 100.0, 293.0, 4.0));
        page.extend(set("De Telegraaf", 106.0, 290.0, 7.0));
        let text = text_of(vec![page]);
        assert!(
            text.starts_with(
                "invoering «vereenvoudigde ziekenhuisnota»?<sup>1</sup><sup>2</sup>\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn words_are_split_where_the_gap_is_wider_than_letters_are_set() {
        // `Vraag` and `1` drawn apart without a space glyph, `2` and `024` touching, and a
        // space glyph with a gap after it (one space, not two).
        let mut line = set("Vraag", 100.0, 500.0, 10.0);
        line.extend(set("1", end_of(&line) + 3.0, 500.0, 10.0));
        line.extend(set("2", end_of(&line) + 3.0, 500.0, 10.0));
        line.extend(set("024", end_of(&line) + 0.5, 500.0, 10.0));
        line.extend(set(" ", end_of(&line), 500.0, 10.0));
        line.extend(set("klopt", end_of(&line) + 4.0, 500.0, 10.0));
        assert_eq!(text_of(vec![line]), "Vraag 1 2024 klopt\n");
    }

    #[test]
    fn lines_are_read_top_to_bottom_whatever_order_they_are_drawn_in() {
        let mut page = set("footer", 55.0, 69.0, 9.0);
        page.extend(set("second", 221.0, 700.0, 8.5));
        page.extend(set("first", 221.0, 709.6, 8.5));
        let mut next = set("page two", 221.0, 771.0, 8.5);
        next.reverse();
        assert_eq!(
            text_of(vec![page, next]),
            "first\nsecond\nfooter\npage two\n"
        );
    }

    #[test]
    fn an_accent_drawn_as_a_glyph_of_its_own_goes_on_its_letter() {
        // `Kostić` as these files draw it: `c`, then `´` moved back over it.
        let mut name = set("Kostic", 100.0, 500.0, 10.0);
        let c = name.last().cloned().unwrap();
        name.push(Glyph {
            shown: Shown::new("\u{b4}"),
            x: c.x + 0.5,
            ..c.clone()
        });
        // `Yeşilgöz`: the cedilla under `s`, and the diaeresis drawn before its `o`.
        let mut other = set("Yes", 200.0, 500.0, 10.0);
        let s = other.last().cloned().unwrap();
        other.push(Glyph {
            shown: Shown::new("\u{b8}"),
            ..s.clone()
        });
        let rest = set("ilgoz", s.end(), 500.0, 10.0);
        for glyph in rest {
            if glyph.text() == "o" {
                other.push(Glyph {
                    shown: Shown::new("\u{a8}"),
                    ..glyph.clone()
                });
            }
            other.push(glyph);
        }
        name.extend(other);
        let text = text_of(vec![name]);
        assert_eq!(text, "Kostić Yeşilgöz\n");
        assert!(text.chars().all(|c| !('\u{300}'..='\u{36f}').contains(&c)));
    }

    #[test]
    fn an_accent_with_no_letter_under_it_stays() {
        let mut line = set("d", 100.0, 500.0, 10.0);
        line.extend(set("\u{b4}", 120.0, 500.0, 10.0));
        assert_eq!(text_of(vec![line]), "d \u{b4}\n");
    }

    #[test]
    fn marker_numbers_are_footnote_numbers_only() {
        assert_eq!(marker_numbers("4"), Some(vec![4]));
        assert_eq!(marker_numbers("1, 2"), Some(vec![1, 2]));
        assert_eq!(marker_numbers("e"), None);
        assert_eq!(marker_numbers("1e"), None);
        assert_eq!(marker_numbers("2024"), None);
        assert_eq!(marker_numbers(" "), None);
    }
}
