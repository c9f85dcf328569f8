//! PDF files (`*.pdf`) as text the parser reads.
//!
//! The bytes of a published PDF enter; its text leaves, one printed line a line, top to bottom,
//! page after page, words separated by single spaces, in the shape of the PDF text the corpus
//! holds (`seeds/corpus/ah-tk-*.txt`). Page headers and footers stay as lines: the parser knows
//! them as page furniture and reads a page break there. Footnote markers, printed as raised
//! small numbers, become `<sup>n</sup>` where they stand, and a footnote body at a page's foot
//! opens with its number as `<sup>n</sup> ` (as the Word reader writes them); a raised number
//! that no footnote body answers stays a plain number (`m2`). Accents drawn as a glyph of their
//! own over a letter (`Kostić`, `Yeşilgöz`) are put back on it.
//!
//! lopdf parses the file and decodes content streams and font encodings; the text state is kept
//! here (ISO 32000-1, 9.3 and 9.4), to place every glyph. Lines are then found from the glyphs'
//! baselines alone, whatever order the content stream draws them in. Two-byte (Type0) fonts are
//! read through their `/ToUnicode` map, and form XObjects are followed; a font with no way to
//! Unicode gives no text. Every stream is decoded against one budget, and the glyphs are
//! counted, so a small file that inflates to gigabytes is refused, not read.

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Encoding, LoadOptions, Object, ObjectId, Stream};
use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::rc::Rc;
use unicode_normalization::UnicodeNormalization;

mod glyphs;
mod layout;

use glyphs::{Glyph, GlyphReader};
use layout::layout;

/// The most bytes of content all the streams of a document may decode to, together (pages,
/// forms, font maps): a published answer's pages hold some tens of kilobytes.
pub const MAX_CONTENT_SIZE: usize = 64 * 1024 * 1024;

/// The most glyphs a document may show: the longest answer known has some tens of thousands.
pub const MAX_GLYPHS: usize = 1_000_000;

/// The most a font's `/ToUnicode` map may decode to: a real one has a few kilobytes.
const MAX_FONT_MAP_SIZE: usize = 1024 * 1024;

/// The largest code of a two-byte font.
const MAX_CID: u32 = 0xffff;

/// Where a PDF's `%PDF-` header may stand: readers accept some bytes before it.
const HEADER_WINDOW: usize = 1024;

/// Forms drawn inside forms: deeper than this is a loop or an attack.
const MAX_FORM_DEPTH: usize = 8;

/// Graphics states saved (`q`) and not yet restored that are kept; deeper saves are counted
/// only, so that a stream of a million `q` cannot fill memory.
const MAX_SAVED_STATES: usize = 64;

/// Why a PDF could not be read as text.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("not a PDF: no `%PDF-` header in its first {HEADER_WINDOW} bytes")]
    NotPdf,
    #[error("the PDF's structure cannot be read")]
    Load(#[source] lopdf::Error),
    #[error("the PDF is encrypted")]
    Encrypted,
    #[error("the PDF holds no text (a scan?)")]
    NoText,
    #[error("only {read} of the PDF's {count} pages can be read (the file is damaged or cut off)")]
    MissingPages { read: usize, count: usize },
    #[error("the content of page {page} is missing (the file is damaged or cut off)")]
    MissingContent { page: u32 },
    #[error("the content of page {page} cannot be read")]
    Content {
        page: u32,
        #[source]
        source: lopdf::Error,
    },
    #[error("the PDF's content decodes to more than {limit} bytes (a decompression bomb?)")]
    TooMuchContent { limit: usize },
    #[error("the PDF shows more than {limit} characters; a Kamervragen document has some tens of thousands")]
    TooManyGlyphs { limit: usize },
}

/// The text of a PDF, page after page.
pub fn pdf_text(bytes: &[u8]) -> Result<String, PdfError> {
    let head = &bytes[..bytes.len().min(HEADER_WINDOW)];
    if !head.windows(5).any(|window| window == b"%PDF-") {
        return Err(PdfError::NotPdf);
    }
    let options = LoadOptions::with_max_decompressed_size(MAX_CONTENT_SIZE);
    let document = Document::load_mem_with_options(bytes, options).map_err(PdfError::Load)?;
    // A file encrypted with an empty user password is decrypted as it loads; one that asks
    // for a password loads, but stays encrypted.
    if document.is_encrypted() || document.trailer.has(b"Encrypt") {
        return Err(PdfError::Encrypted);
    }
    // lopdf reads what it can of a damaged file, and stands in for a page it cannot find with
    // a blank one: a document read in part would give wrong facts without a word.
    let found = document.get_pages();
    let read = found
        .values()
        .filter(|page| document.get_dictionary(**page).is_ok())
        .count();
    let count = declared_page_count(&document).unwrap_or(0).max(found.len());
    if read < count {
        return Err(PdfError::MissingPages { read, count });
    }
    let mut reader = GlyphReader::new(&document);
    let mut pages = Vec::new();
    for (number, page) in found {
        pages.push(reader.page(number, page)?);
    }
    if !pages.iter().flatten().any(Glyph::is_visible) {
        return Err(PdfError::NoText);
    }
    Ok(layout(pages))
}

/// How many pages the page tree's root says the document has.
fn declared_page_count(document: &Document) -> Option<usize> {
    let root = document
        .catalog()
        .ok()?
        .get_deref(b"Pages", document)
        .ok()?;
    let count = root.as_dict().ok()?.get_deref(b"Count", document).ok()?;
    usize::try_from(count.as_i64().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF of one page whose resources are `resources` and whose content is `content`, with
    /// `objects` numbered from 5 on.
    fn pdf(resources: &str, content: &str, objects: &[String]) -> Vec<u8> {
        let mut bodies = vec![
            "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
            format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {resources} /Contents 4 0 R >>"),
            stream("", content),
        ];
        bodies.extend(objects.iter().cloned());
        let mut file = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in bodies.iter().enumerate() {
            offsets.push(file.len());
            file.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
        }
        let xref = file.len();
        file.extend(format!("xref\n0 {}\n0000000000 65535 f \n", bodies.len() + 1).bytes());
        for offset in offsets {
            file.extend(format!("{offset:010} 00000 n \n").bytes());
        }
        let trailer = format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            bodies.len() + 1
        );
        file.extend(trailer.bytes());
        file
    }

    fn stream(dictionary: &str, data: &str) -> String {
        format!(
            "<< /Length {} {dictionary} >>\nstream\n{data}\nendstream",
            data.len()
        )
    }

    /// A `/ToUnicode` map of one- or two-byte codes to text.
    fn to_unicode_map(code_space: &str, pairs: &[(&str, &str)]) -> String {
        let chars: String = pairs
            .iter()
            .map(|(code, text)| format!("<{code}> <{text}>\n"))
            .collect();
        stream(
            "",
            &format!(
                "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
                 /CMapName /Test def\n1 begincodespacerange\n{code_space}\nendcodespacerange\n\
                 {} beginbfchar\n{chars}endbfchar\nendcmap\n\
                 CMapName currentdict /CMap defineresource pop end end",
                pairs.len()
            ),
        )
    }

    const HELVETICA: &str =
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

    #[test]
    fn text_is_read_from_the_content_of_a_page() {
        let file = pdf(
            "<< /Font << /F1 5 0 R >> >>",
            "BT /F1 12 Tf 72 720 Td (Vraag 1) Tj 0 -14 Td [(Klopt) -250 (het?)] TJ ET",
            &[HELVETICA.to_owned()],
        );
        assert_eq!(pdf_text(&file).unwrap(), "Vraag 1\nKlopt het?\n");
    }

    #[test]
    fn a_fonts_to_unicode_map_wins_over_its_encoding() {
        // These files' `€` is a glyph lopdf cannot name from `/Differences`; the map names it.
        let font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica \
                    /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>";
        let file = pdf(
            "<< /Font << /F1 5 0 R >> >>",
            "BT /F1 12 Tf 72 720 Td (A 750) Tj ET",
            &[
                font.to_owned(),
                to_unicode_map("<00> <FF>", &[("41", "20AC")]),
            ],
        );
        assert_eq!(pdf_text(&file).unwrap(), "€ 750\n");
    }

    #[test]
    fn two_byte_fonts_are_read_through_their_map_and_forms_are_followed() {
        let type0 = "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H \
                     /DescendantFonts [7 0 R] /ToUnicode 6 0 R >>";
        let descendant = "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 500 \
                          /W [1 [600 600] 3 4 250] >>";
        let form = stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1 0 0 1 0 -20] \
             /Resources << /Font << /F1 9 0 R >> >>",
            "BT /F1 10 Tf 72 700 Td (Antwoord 1) Tj ET",
        );
        let file = pdf(
            "<< /Font << /T0 5 0 R >> /XObject << /Fm1 8 0 R >> >>",
            "BT /T0 10 Tf 72 720 Td <0001000200030004> Tj ET /Fm1 Do",
            &[
                type0.to_owned(),
                to_unicode_map(
                    "<0000> <FFFF>",
                    &[
                        ("0001", "004A"),
                        ("0002", "0061"),
                        ("0003", "0020"),
                        ("0004", "0021"),
                    ],
                ),
                descendant.to_owned(),
                form,
                HELVETICA.to_owned(),
            ],
        );
        assert_eq!(pdf_text(&file).unwrap(), "Ja !\nAntwoord 1\n");
    }

    #[test]
    fn a_form_that_draws_itself_is_followed_a_few_levels_deep_only() {
        let form = stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 595 842] \
             /Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >>",
            "BT /F1 10 Tf 72 700 Td (x) Tj ET /Fm1 Do",
        );
        let file = pdf(
            "<< /XObject << /Fm1 6 0 R >> >>",
            "/Fm1 Do",
            &[HELVETICA.to_owned(), form],
        );
        assert_eq!(pdf_text(&file).unwrap(), "x".repeat(MAX_FORM_DEPTH) + "\n");
    }

    #[test]
    fn bad_files_are_refused_with_what_is_wrong() {
        assert!(matches!(pdf_text(b"Vraag 1"), Err(PdfError::NotPdf)));
        assert!(matches!(
            pdf_text(b"%PDF-1.7 and nothing more"),
            Err(PdfError::Load(_))
        ));
        let blank = pdf("<< >>", "", &[]);
        assert!(matches!(pdf_text(&blank), Err(PdfError::NoText)));
        // A page tree that names a second page the file does not hold.
        let cut = String::from_utf8(pdf(
            "<< /Font << /F1 5 0 R >> >>",
            "BT /F1 12 Tf (Ja) Tj ET",
            &[HELVETICA.to_owned()],
        ))
        .unwrap()
        .replace("/Kids [3 0 R] /Count 1", "/Kids [3 0 R 9 0 R] /Count 2");
        assert!(matches!(
            pdf_text(cut.as_bytes()),
            Err(PdfError::MissingPages { read: 1, count: 2 })
        ));
    }

    #[test]
    fn a_font_the_file_does_not_hold_is_read_as_win_ansi() {
        let file = pdf("<< >>", "BT /F9 12 Tf 72 720 Td (Vraag 1) Tj ET", &[]);
        assert_eq!(pdf_text(&file).unwrap(), "Vraag 1\n");
    }
}
