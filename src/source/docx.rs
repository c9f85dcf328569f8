//! Word files (`*.docx`) as text the parser reads.
//!
//! The bytes of a published file enter; its text leaves, one paragraph a line with a blank line
//! between paragraphs, as Word shows it: automatic numbers written out from `numbering.xml`
//! (`1.`, `a)`, `Vraag 3`), footnote references as `<sup>n</sup>` numbered in the order they
//! stand, and the footnotes from `footnotes.xml` after the body as `<sup>n</sup> text`. What
//! Word does not print is left out: deleted text of tracked changes, field instructions (the
//! field's result stays), the fallback copy of alternate content, page headers and footers.
//!
//! A `.docx` is a zip archive: every part is read through a limit on its inflated size, so a
//! small file that inflates to gigabytes (a zip bomb) is refused, not read.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// The most a part of the archive may inflate to. The largest answer letter seen has a
/// `document.xml` of well under 1 MB.
pub const MAX_PART_SIZE: u64 = 32 * 1024 * 1024;

/// Why a Word file could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocxError {
    #[error("not a Word document: {0}")]
    NotDocx(String),
    #[error("the Word document's part `{part}` inflates past {limit} bytes (a zip bomb?)")]
    TooLarge { part: String, limit: u64 },
    #[error(
        "the Word document's part `{part}` is not well-formed XML at byte {offset}: {message}"
    )]
    Xml {
        part: String,
        offset: u64,
        message: String,
    },
    #[error("the Word document is encrypted; save it without a password")]
    Encrypted,
}

/// The text of a Word document, footnotes after the body.
pub fn docx_text(bytes: &[u8]) -> Result<String, DocxError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| {
        DocxError::NotDocx(match error {
            zip::result::ZipError::InvalidArchive(_) => "not a zip archive".to_owned(),
            other => other.to_string(),
        })
    })?;
    let document = read_part(&mut archive, "word/document.xml")?
        .ok_or_else(|| DocxError::NotDocx("no `word/document.xml` in the archive".to_owned()))?;
    let numbering = match read_part(&mut archive, "word/numbering.xml")? {
        Some(xml) => Numbering::read(&xml)?,
        None => Numbering::default(),
    };
    let styles = match read_part(&mut archive, "word/styles.xml")? {
        Some(xml) => style_numbering(&xml)?,
        None => HashMap::new(),
    };
    let footnotes = match read_part(&mut archive, "word/footnotes.xml")? {
        Some(xml) => read_footnotes(&xml)?,
        None => HashMap::new(),
    };
    let mut writer = TextWriter::new(numbering, styles);
    writer.body(&document, "word/document.xml")?;
    Ok(writer.finish(&footnotes))
}

/// A part of the archive as text, or `None` when the archive has no such part.
fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, DocxError> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(zip::result::ZipError::UnsupportedArchive(message)) if message.contains("assword") => {
            return Err(DocxError::Encrypted)
        }
        Err(error) => return Err(DocxError::NotDocx(error.to_string())),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| DocxError::NotDocx(format!("`{name}` does not inflate: {error}")))?;
    if bytes.len() as u64 > MAX_PART_SIZE {
        return Err(DocxError::TooLarge {
            part: name.to_owned(),
            limit: MAX_PART_SIZE,
        });
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| DocxError::NotDocx(format!("`{name}` is not UTF-8")))
}

fn xml_error(part: &str, reader: &Reader<&[u8]>, error: impl std::fmt::Display) -> DocxError {
    DocxError::Xml {
        part: part.to_owned(),
        offset: reader.buffer_position(),
        message: error.to_string(),
    }
}

/// Calls `each` with every event of a part's XML, in order, up to its end. A part cut off
/// inside an element reads to its end without an error from the parser, so open elements are
/// counted.
fn each_event(xml: &str, part: &str, mut each: impl FnMut(Event<'_>)) -> Result<(), DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut open = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error(part, &reader, e))?;
        match &event {
            Event::Start(_) => open += 1,
            Event::End(_) => open = open.saturating_sub(1),
            Event::Eof if open > 0 => {
                return Err(xml_error(part, &reader, "it ends inside an element"))
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        each(event);
    }
}

/// An attribute's value by its local name (`w:val` → `val`), entities resolved.
fn attribute(element: &BytesStart<'_>, local: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn number_attribute(element: &BytesStart<'_>, local: &str) -> Option<u32> {
    attribute(element, local)?.trim().parse().ok()
}

/// One level of a numbering definition: how its number is written.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// `numbering.xml`: numbering instances (`w:num`) and the definitions they use.
#[derive(Debug, Default)]
struct Numbering {
    /// numId → abstractNumId, with the start of each level an instance overrides.
    instances: HashMap<u32, (u32, HashMap<u32, u32>)>,
    /// abstractNumId → its levels.
    definitions: HashMap<u32, HashMap<u32, Level>>,
}

impl Numbering {
    fn read(xml: &str) -> Result<Self, DocxError> {
        let mut numbering = Numbering::default();
        let (mut abstract_id, mut num_id, mut level, mut override_level) = (None, None, None, None);
        each_event(xml, "word/numbering.xml", |event| match &event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "abstractNum" => abstract_id = number_attribute(e, "abstractNumId"),
                "num" => num_id = number_attribute(e, "numId"),
                "abstractNumId" => {
                    if let (Some(num), Some(id)) = (num_id, number_attribute(e, "val")) {
                        numbering.instances.entry(num).or_default().0 = id;
                    }
                }
                "lvlOverride" => override_level = number_attribute(e, "ilvl"),
                "startOverride" => {
                    if let (Some(num), Some(ilvl), Some(start)) =
                        (num_id, override_level, number_attribute(e, "val"))
                    {
                        numbering
                            .instances
                            .entry(num)
                            .or_default()
                            .1
                            .insert(ilvl, start);
                    }
                }
                "lvl" if num_id.is_none() => {
                    level = number_attribute(e, "ilvl").map(|ilvl| (ilvl, Level::default()))
                }
                "start" => set_level(&mut level, |l| {
                    l.start = number_attribute(e, "val").unwrap_or(1)
                }),
                "numFmt" => set_level(&mut level, |l| {
                    l.format = attribute(e, "val").unwrap_or_default()
                }),
                "lvlText" => set_level(&mut level, |l| {
                    l.text = attribute(e, "val").unwrap_or_default()
                }),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "lvl" => {
                    if let (Some(id), Some((ilvl, done))) = (abstract_id, level.take()) {
                        numbering
                            .definitions
                            .entry(id)
                            .or_default()
                            .insert(ilvl, done);
                    }
                }
                "abstractNum" => abstract_id = None,
                "num" => num_id = None,
                _ => {}
            },
            _ => {}
        })?;
        Ok(numbering)
    }

    fn level(&self, num_id: u32, ilvl: u32) -> Option<(u32, &Level)> {
        let (abstract_id, overrides) = self.instances.get(&num_id)?;
        let level = self.definitions.get(abstract_id)?.get(&ilvl)?;
        let start = overrides.get(&ilvl).copied().unwrap_or(level.start);
        Some((start, level))
    }
}

fn set_level(level: &mut Option<(u32, Level)>, set: impl FnOnce(&mut Level)) {
    if let Some((_, level)) = level {
        set(level);
    }
}

/// `styles.xml`: the numbering a paragraph style carries (`Vraag` styles number themselves).
fn style_numbering(xml: &str) -> Result<HashMap<String, (u32, u32)>, DocxError> {
    let mut styles = HashMap::new();
    let mut style = None;
    let (mut num_id, mut ilvl) = (None, 0);
    each_event(xml, "word/styles.xml", |event| match &event {
        Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
            "style" => {
                style = attribute(e, "styleId");
                (num_id, ilvl) = (None, 0);
            }
            "numId" => num_id = number_attribute(e, "val"),
            "ilvl" => ilvl = number_attribute(e, "val").unwrap_or(0),
            _ => {}
        },
        Event::End(e) if e.local_name().as_ref() == "style" => {
            if let (Some(id), Some(num)) = (style.take(), num_id) {
                styles.insert(id, (num, ilvl));
            }
        }
        _ => {}
    })?;
    Ok(styles)
}

/// `footnotes.xml`: each footnote's text by its id (separators left out).
fn read_footnotes(xml: &str) -> Result<HashMap<String, String>, DocxError> {
    let mut writer = TextWriter::new(Numbering::default(), HashMap::new());
    writer.in_footnotes = true;
    writer.body(xml, "word/footnotes.xml")?;
    Ok(writer.footnotes_read)
}

/// Walks the XML of a story (the body, or the footnotes) and writes what Word shows.
struct TextWriter {
    numbering: Numbering,
    styles: HashMap<String, (u32, u32)>,
    out: String,
    paragraph: String,
    /// The paragraph's numbering: (numId, ilvl), from its own properties or its style.
    paragraph_number: Option<(u32, u32)>,
    paragraph_style_number: Option<(u32, u32)>,
    /// Counters per numbering definition and level.
    counters: HashMap<(u32, u32), u32>,
    /// Fields open: for each, whether its instruction is still being read (until `separate`).
    fields: Vec<bool>,
    /// Depth inside parts Word does not show (deleted text, alternate content's fallback).
    hidden: usize,
    in_text: bool,
    tab_stops: usize,
    /// Footnote ids in the order they are referenced: their printed numbers.
    footnote_order: Vec<String>,
    in_footnotes: bool,
    footnote_id: Option<String>,
    footnotes_read: HashMap<String, String>,
}

impl TextWriter {
    fn new(numbering: Numbering, styles: HashMap<String, (u32, u32)>) -> Self {
        Self {
            numbering,
            styles,
            out: String::new(),
            paragraph: String::new(),
            paragraph_number: None,
            paragraph_style_number: None,
            counters: HashMap::new(),
            fields: Vec::new(),
            hidden: 0,
            in_text: false,
            tab_stops: 0,
            footnote_order: Vec::new(),
            in_footnotes: false,
            footnote_id: None,
            footnotes_read: HashMap::new(),
        }
    }

    fn body(&mut self, xml: &str, part: &str) -> Result<(), DocxError> {
        each_event(xml, part, |event| match event {
            Event::Start(e) => self.start(&e, false),
            Event::Empty(e) => self.start(&e, true),
            Event::End(e) => self.end(e.local_name().as_ref()),
            Event::Text(text) if self.shows_text() => {
                self.paragraph.push_str(&text.xml10_content());
            }
            Event::GeneralRef(reference) if self.shows_text() => {
                if let Ok(Some(c)) = reference.resolve_char_ref() {
                    self.paragraph.push(c);
                } else if let Some(text) = quick_xml::escape::resolve_predefined_entity(&reference)
                {
                    self.paragraph.push_str(text);
                }
            }
            _ => {}
        })
    }

    fn shows_text(&self) -> bool {
        self.in_text && self.hidden == 0 && !self.fields.last().copied().unwrap_or(false)
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = e.local_name();
        match name.as_ref() {
            "t" if !empty => self.in_text = true,
            "del" | "Fallback" | "instrText" | "delText" if !empty => self.hidden += 1,
            "p" if !empty => {
                self.paragraph.clear();
                self.paragraph_number = None;
                self.paragraph_style_number = None;
            }
            "pStyle" => {
                self.paragraph_style_number =
                    attribute(e, "val").and_then(|style| self.styles.get(&style).copied());
            }
            "numId" => {
                let id = number_attribute(e, "val");
                let ilvl = self.paragraph_number.map_or(0, |(_, ilvl)| ilvl);
                // numId 0 switches numbering off, also a style's.
                self.paragraph_number = id.map(|id| (id, ilvl));
            }
            "ilvl" => {
                let ilvl = number_attribute(e, "val").unwrap_or(0);
                self.paragraph_number = Some((self.paragraph_number.map_or(0, |(id, _)| id), ilvl));
            }
            "fldChar" => match attribute(e, "fldCharType").as_deref() {
                Some("begin") => self.fields.push(true),
                Some("separate") => {
                    if let Some(instruction) = self.fields.last_mut() {
                        *instruction = false;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            // A paragraph's tab stops are `w:tab` too, inside `w:tabs`: they print nothing.
            "tabs" if !empty => self.tab_stops += 1,
            "tab" if self.hidden == 0 && self.tab_stops == 0 => self.paragraph.push('\t'),
            "br" | "cr" if self.hidden == 0 => self.paragraph.push('\n'),
            "noBreakHyphen" if self.hidden == 0 => self.paragraph.push('-'),
            "footnoteReference" if self.hidden == 0 => {
                if let Some(id) = attribute(e, "id") {
                    let number = match self.footnote_order.iter().position(|seen| *seen == id) {
                        Some(at) => at + 1,
                        None => {
                            self.footnote_order.push(id);
                            self.footnote_order.len()
                        }
                    };
                    self.paragraph.push_str(&format!("<sup>{number}</sup>"));
                }
            }
            "footnote" if self.in_footnotes => {
                let separator = attribute(e, "type").is_some_and(|t| t != "normal");
                self.footnote_id = if separator { None } else { attribute(e, "id") };
                self.out.clear();
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "t" => self.in_text = false,
            "tabs" => self.tab_stops = self.tab_stops.saturating_sub(1),
            "del" | "Fallback" | "instrText" | "delText" => {
                self.hidden = self.hidden.saturating_sub(1)
            }
            "p" => self.end_paragraph(),
            "footnote" if self.in_footnotes => {
                if let Some(id) = self.footnote_id.take() {
                    let text = self.out.split_whitespace().collect::<Vec<_>>().join(" ");
                    self.footnotes_read.insert(id, text);
                }
                self.out.clear();
            }
            _ => {}
        }
    }

    fn end_paragraph(&mut self) {
        let number = self
            .paragraph_number
            .filter(|(id, _)| *id != 0)
            .or(self.paragraph_style_number)
            .and_then(|(id, ilvl)| self.number(id, ilvl));
        let text = std::mem::take(&mut self.paragraph);
        let text = text.trim_end();
        if text.trim().is_empty() && number.is_none() {
            return;
        }
        if !self.out.is_empty() {
            self.out
                .push_str(if self.in_footnotes { " " } else { "\n\n" });
        }
        if let Some(number) = number {
            self.out.push_str(&number);
            self.out.push(' ');
        }
        self.out.push_str(text);
    }

    /// The number Word writes before a paragraph of numbering `num_id` at level `ilvl`, and
    /// the counters moved on: this level's by one, the levels below it back to their start.
    fn number(&mut self, num_id: u32, ilvl: u32) -> Option<String> {
        let (abstract_id, _) = self.numbering.instances.get(&num_id).cloned()?;
        let (start, level) = self.numbering.level(num_id, ilvl)?;
        let level = level.clone();
        let counter = self
            .counters
            .entry((abstract_id, ilvl))
            .and_modify(|n| *n += 1)
            .or_insert(start);
        let current = *counter;
        self.counters
            .retain(|&(id, other), _| id != abstract_id || other <= ilvl);
        if level.format == "bullet" {
            return Some("-".to_owned());
        }
        if level.format == "none" {
            return (!level.text.is_empty()).then(|| level.text.clone());
        }
        let mut text = level.text.clone();
        for depth in 0..=ilvl {
            let placeholder = format!("%{}", depth + 1);
            if !text.contains(&placeholder) {
                continue;
            }
            let value = if depth == ilvl {
                current
            } else {
                self.counters
                    .get(&(abstract_id, depth))
                    .copied()
                    .unwrap_or(1)
            };
            let format = self
                .numbering
                .level(num_id, depth)
                .map(|(_, l)| l.format.clone())
                .unwrap_or_default();
            text = text.replace(&placeholder, &format_number(value, &format));
        }
        Some(text)
    }

    /// The body, then the footnotes in the order they were referenced.
    fn finish(mut self, footnotes: &HashMap<String, String>) -> String {
        for (index, id) in self.footnote_order.iter().enumerate() {
            let text = footnotes.get(id).map_or("", String::as_str);
            self.out
                .push_str(&format!("\n\n<sup>{}</sup> {}", index + 1, text.trim()));
        }
        self.out.push('\n');
        self.out
    }
}

/// A counter's value as a numbering format writes it.
fn format_number(value: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letters(value).to_lowercase(),
        "upperLetter" => letters(value),
        "lowerRoman" => roman(value).to_lowercase(),
        "upperRoman" => roman(value),
        _ => value.to_string(),
    }
}

/// `A`…`Z`, then `AA`, `BB`… as Word writes letters past 26.
fn letters(value: u32) -> String {
    if value == 0 {
        return String::new();
    }
    let letter = char::from(b'A' + ((value - 1) % 26) as u8);
    std::iter::repeat_n(letter, ((value - 1) / 26 + 1) as usize).collect()
}

fn roman(mut value: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (size, numeral) in NUMERALS {
        while value >= size {
            out.push_str(numeral);
            value -= size;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn body(paragraphs: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><w:document {W}><w:body>{paragraphs}</w:body></w:document>"#
        )
    }

    #[test]
    fn paragraphs_numbers_and_footnotes_read_as_word_shows_them() {
        let document = body(concat!(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Vraag 1</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t xml:space="preserve">Kent u het bericht </w:t></w:r><w:r><w:t>&#8216;Kommer &amp; kwel&#8217;?</w:t></w:r>"#,
            r#"<w:r><w:footnoteReference w:id="7"/></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>Eerste</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>Sub</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>Tweede</w:t><w:footnoteReference w:id="7"/></w:r></w:p>"#,
        ));
        let numbering = format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="5"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1%2)"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="5"/></w:num></w:numbering>"#
        );
        let footnotes = format!(
            r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> AD, </w:t></w:r><w:hyperlink><w:r><w:t>https://www.ad.nl/x</w:t></w:r></w:hyperlink></w:p></w:footnote></w:footnotes>"#
        );
        let bytes = docx(&[
            ("word/document.xml", &document),
            ("word/numbering.xml", &numbering),
            ("word/footnotes.xml", &footnotes),
        ]);
        assert_eq!(
            docx_text(&bytes).unwrap(),
            "Vraag 1\n\nKent u het bericht ‘Kommer & kwel’?<sup>1</sup>\n\n1. Eerste\n\n1a) Sub\n\n\
             2. Tweede<sup>1</sup>\n\n<sup>1</sup> AD, https://www.ad.nl/x\n"
        );
    }

    #[test]
    fn what_word_does_not_print_is_left_out() {
        let document = body(concat!(
            // A field: its instruction is not printed, its result is.
            r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DOCPROPERTY Datum </w:instrText></w:r>"#,
            r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7 november 2023</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
            // Tracked changes: deleted text out, inserted text in.
            r#"<w:p><w:del><w:r><w:delText>oud</w:delText></w:r></w:del><w:ins><w:r><w:t>nieuw</w:t></w:r></w:ins></w:p>"#,
            // Alternate content: the first choice, never the fallback copy.
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>vak</w:t></mc:Choice><mc:Fallback><w:t>vak</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>"#,
            r#"<w:p></w:p>"#,
        ));
        let bytes = docx(&[("word/document.xml", &document)]);
        assert_eq!(
            docx_text(&bytes).unwrap(),
            "7 november 2023\n\nnieuw\n\nvak\n\na\tb\nc\n"
        );
    }

    #[test]
    fn bad_files_are_refused_with_what_is_wrong() {
        assert_eq!(
            docx_text(b"%PDF-1.4 not a zip"),
            Err(DocxError::NotDocx("not a zip archive".to_owned()))
        );
        assert_eq!(
            docx_text(&docx(&[("word/other.xml", "<a/>")])),
            Err(DocxError::NotDocx(
                "no `word/document.xml` in the archive".to_owned()
            ))
        );
        let broken = docx(&[("word/document.xml", "<w:document><w:body><w:p>")]);
        assert!(
            matches!(docx_text(&broken), Err(DocxError::Xml { ref part, .. }) if part == "word/document.xml"),
            "{:?}",
            docx_text(&broken)
        );
        // Truncated: the central directory at the end is gone.
        let whole = docx(&[("word/document.xml", &body(""))]);
        assert!(matches!(
            docx_text(&whole[..whole.len() / 2]),
            Err(DocxError::NotDocx(_))
        ));
    }

    #[test]
    fn a_part_that_inflates_past_the_limit_is_refused() {
        // 40 MB of spaces inside a paragraph deflate to some 40 KB.
        let padding = " ".repeat(40 * 1024 * 1024);
        let document = body(&format!("<w:p><w:r><w:t>{padding}</w:t></w:r></w:p>"));
        let bytes = docx(&[("word/document.xml", &document)]);
        assert!(bytes.len() < 200_000, "{}", bytes.len());
        assert_eq!(
            docx_text(&bytes),
            Err(DocxError::TooLarge {
                part: "word/document.xml".to_owned(),
                limit: MAX_PART_SIZE
            })
        );
    }

    #[test]
    fn counters_write_letters_and_roman_numerals() {
        assert_eq!(format_number(3, "lowerLetter"), "c");
        assert_eq!(format_number(28, "upperLetter"), "BB");
        assert_eq!(format_number(14, "lowerRoman"), "xiv");
        assert_eq!(format_number(7, "decimal"), "7");
    }
}
