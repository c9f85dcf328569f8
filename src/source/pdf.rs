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

// ------------------------------------------------------------------ glyphs from the content

/// What a character code shows, with what layout asks of it worked out once per code: a page
/// shows thousands of glyphs and a font has a few dozen codes.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    text: Rc<str>,
    /// Not white space.
    visible: bool,
    /// A spacing accent (`´`), as the combining mark it stands for.
    accent: Option<char>,
}

impl Shown {
    fn new(text: &str) -> Self {
        Self {
            text: Rc::from(text),
            visible: !text.trim().is_empty(),
            accent: combining_mark(text),
        }
    }
}

/// One glyph a page shows, in user space: y up, from the page's bottom left corner.
#[derive(Debug, Clone, PartialEq)]
struct Glyph {
    x: f64,
    /// The baseline.
    y: f64,
    /// How far the glyph advances.
    width: f64,
    /// The font size in user space.
    size: f64,
    shown: Shown,
}

impl Glyph {
    fn is_visible(&self) -> bool {
        self.shown.visible
    }

    fn text(&self) -> &str {
        &self.shown.text
    }

    fn end(&self) -> f64 {
        self.x + self.width
    }
}

/// A transformation matrix `[a b c d e f]`, as PDF writes them.
type Matrix = [f64; 6];

const IDENTITY: Matrix = [1., 0., 0., 1., 0., 0.];

/// `first` then `then`, in PDF's row-vector convention (`first × then`).
fn multiply(first: &Matrix, then: &Matrix) -> Matrix {
    let [a, b, c, d, e, f] = *first;
    let [p, q, r, s, t, u] = *then;
    [
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    ]
}

fn translation(x: f64, y: f64) -> Matrix {
    [1., 0., 0., 1., x, y]
}

/// The length of the vector (x, y); text is nearly always upright, and needs no square root.
fn length(x: f64, y: f64) -> f64 {
    if y == 0.0 {
        x.abs()
    } else if x == 0.0 {
        y.abs()
    } else {
        x.hypot(y)
    }
}

/// A number operand or entry; anything else, or a number too large to compute with, is 0.
fn number(object: &Object) -> f64 {
    object
        .as_float()
        .map(f64::from)
        .ok()
        .filter(|n| n.is_finite())
        .unwrap_or(0.0)
}

/// The graphics and text state that placing glyphs needs (ISO 32000-1, 8.4 and 9.3).
#[derive(Debug, Clone)]
struct State<'d> {
    ctm: Matrix,
    char_spacing: f64,
    word_spacing: f64,
    /// `Tz`, as a fraction.
    horizontal_scale: f64,
    leading: f64,
    rise: f64,
    font: Option<Rc<Font<'d>>>,
    font_size: f64,
}

impl State<'_> {
    fn new(ctm: Matrix) -> Self {
        Self {
            ctm,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            font: None,
            font_size: 0.0,
        }
    }
}

/// How a font's character codes become text.
#[derive(Debug)]
enum Decoding<'d> {
    /// One byte a code.
    OneByte(OneByte<'d>),
    /// Two bytes a code, through the font's `/ToUnicode` map; without one, no text.
    TwoByte(Option<Encoding<'static>>),
}

/// One-byte codes: lopdf decodes through `/Encoding` whenever a font has one and ignores its
/// `/ToUnicode` then, though that map is the one meant for extraction (these files' `€` is a
/// glyph named `/Euro.001` in `/Differences`, which only the map reads): the map decides where
/// it gives a code text, the encoding elsewhere.
#[derive(Debug)]
struct OneByte<'d> {
    map: Option<Encoding<'static>>,
    encoding: Option<Encoding<'d>>,
    /// What each of the 256 codes shows, decoded when first shown: a font's text uses a few
    /// dozen of them.
    codes: Vec<OnceCell<Option<Shown>>>,
}

impl<'d> OneByte<'d> {
    fn new(document: &'d Document, font: &'d Dictionary) -> Self {
        Self {
            map: to_unicode(document, font),
            encoding: font
                .get_font_encoding_with_limit(document, MAX_FONT_MAP_SIZE)
                .ok(),
            codes: vec![OnceCell::new(); 256],
        }
    }

    fn shown(&self, code: u8) -> Option<Shown> {
        let cell = self.codes.get(usize::from(code))?;
        cell.get_or_init(|| self.decode(code)).clone()
    }

    fn decode(&self, code: u8) -> Option<Shown> {
        let from = |encoding: &Option<Encoding>| {
            let text = encoding
                .as_ref()
                .and_then(|e| e.bytes_to_string(&[code]).ok());
            Some(readable(text)).filter(|text| !text.is_empty())
        };
        let text = from(&self.map).or_else(|| from(&self.encoding))?;
        Some(Shown::new(&text))
    }

    /// The same codes, all decoded now, without what decoded them.
    fn decoded<'any>(&self) -> OneByte<'any> {
        OneByte {
            map: None,
            encoding: None,
            codes: (0..=255u8)
                .map(|code| OnceCell::from(self.decode(code)))
                .collect(),
        }
    }
}

/// What placing and decoding a font's glyphs needs.
#[derive(Debug)]
struct Font<'d> {
    decoding: Decoding<'d>,
    /// Advance widths by code, in glyph space: a table, looked up for every glyph shown.
    widths: Vec<f64>,
    default_width: f64,
    /// Glyph space to text space: 1/1000, but a Type3 font's `/FontMatrix` says.
    scale: f64,
}

impl<'d> Font<'d> {
    fn load(document: &'d Document, dictionary: &'d Dictionary) -> Font<'d> {
        let subtype = dictionary.get(b"Subtype").and_then(Object::as_name).ok();
        let scale = match subtype {
            Some(b"Type3") => dictionary
                .get_deref(b"FontMatrix", document)
                .and_then(Object::as_array)
                .ok()
                .and_then(|matrix| matrix.first())
                .map(number)
                .filter(|scale| *scale != 0.0)
                .unwrap_or(0.001),
            _ => 0.001,
        };
        if subtype == Some(b"Type0") {
            let (widths, default_width) = cid_widths(document, dictionary);
            return Font {
                decoding: Decoding::TwoByte(to_unicode(document, dictionary)),
                widths: width_table(widths, default_width),
                default_width,
                scale,
            };
        }
        let (widths, default_width) = simple_widths(document, dictionary);
        Font {
            decoding: Decoding::OneByte(OneByte::new(document, dictionary)),
            widths: width_table(widths, default_width),
            default_width,
            scale,
        }
    }

    fn code_length(&self) -> usize {
        match self.decoding {
            Decoding::OneByte(_) => 1,
            Decoding::TwoByte(_) => 2,
        }
    }

    /// What a code shows; nothing for a code without text.
    fn shown(&self, code: &[u8]) -> Option<Shown> {
        match &self.decoding {
            Decoding::OneByte(codes) => codes.shown(*code.first()?),
            Decoding::TwoByte(Some(encoding)) => {
                let text = readable(encoding.bytes_to_string(code).ok());
                (!text.is_empty()).then(|| Shown::new(&text))
            }
            Decoding::TwoByte(None) => None,
        }
    }

    fn width(&self, code: u32) -> f64 {
        usize::try_from(code)
            .ok()
            .and_then(|code| self.widths.get(code))
            .copied()
            .unwrap_or(self.default_width)
    }
}

/// Decoded text, unless it is nothing or lopdf's replacement for a code it has no text for.
fn readable(text: Option<String>) -> String {
    text.filter(|t| !t.contains('\u{fffd}')).unwrap_or_default()
}

/// A font's `/ToUnicode` map, read by lopdf from a copy of the font without `/Encoding`.
fn to_unicode(document: &Document, font: &Dictionary) -> Option<Encoding<'static>> {
    if !font.has(b"ToUnicode") {
        return None;
    }
    let mut copy = font.clone();
    copy.remove(b"Encoding");
    // lopdf reads only dictionaries typed as fonts; a damaged file may leave the type out.
    copy.set("Type", Object::Name(b"Font".to_vec()));
    match copy.get_font_encoding_with_limit(document, MAX_FONT_MAP_SIZE) {
        Ok(Encoding::UnicodeMapEncoding(map)) => Some(Encoding::UnicodeMapEncoding(map)),
        _ => None,
    }
}

/// Widths by code as a table, `default` where none is given; codes are at most [`MAX_CID`].
fn width_table(widths: Vec<(u32, f64)>, default: f64) -> Vec<f64> {
    let mut table = Vec::new();
    for (code, width) in widths {
        let Ok(at) = usize::try_from(code.min(MAX_CID)) else {
            continue;
        };
        if at >= table.len() {
            table.resize(at + 1, default);
        }
        if let Some(slot) = table.get_mut(at) {
            *slot = width;
        }
    }
    table
}

/// `/FirstChar` and `/Widths`; a code outside them has the descriptor's `/MissingWidth`.
fn simple_widths(document: &Document, font: &Dictionary) -> (Vec<(u32, f64)>, f64) {
    let first = font
        .get_deref(b"FirstChar", document)
        .and_then(Object::as_i64)
        .unwrap_or(0);
    let widths = font
        .get_deref(b"Widths", document)
        .and_then(Object::as_array)
        .map(|widths| {
            widths
                .iter()
                // A one-byte code is at most 255: the rest of a longer array is damage.
                .take(256)
                .enumerate()
                .filter_map(|(offset, width)| {
                    let code = u32::try_from(first.checked_add(offset as i64)?).ok()?;
                    let width = document.dereference(width).ok()?.1;
                    (code <= 255).then(|| (code, number(width)))
                })
                .collect()
        })
        .unwrap_or_default();
    let missing = font
        .get_deref(b"FontDescriptor", document)
        .and_then(Object::as_dict)
        .and_then(|descriptor| descriptor.get_deref(b"MissingWidth", document))
        .map(number)
        .unwrap_or(500.0);
    (widths, missing)
}

/// A Type0 font's widths from its descendant CIDFont: `/DW`, and `/W` as
/// `[c [w1 w2 …] c_first c_last w …]`.
fn cid_widths(document: &Document, font: &Dictionary) -> (Vec<(u32, f64)>, f64) {
    let mut widths = Vec::new();
    let descendant = font
        .get_deref(b"DescendantFonts", document)
        .and_then(Object::as_array)
        .ok()
        .and_then(|fonts| fonts.first())
        .and_then(|first| document.dereference(first).ok())
        .and_then(|(_, font)| font.as_dict().ok());
    let Some(descendant) = descendant else {
        return (widths, 1000.0);
    };
    let default_width = descendant
        .get_deref(b"DW", document)
        .map(number)
        .unwrap_or(1000.0);
    let entries: &[Object] = descendant
        .get_deref(b"W", document)
        .and_then(Object::as_array)
        .map_or(&[], Vec::as_slice);
    // Codes have two bytes: a code past them is damage, and so is a table that sets more
    // widths than there are codes, which could otherwise take a long while.
    let code = |object: &Object| {
        let code = u32::try_from(object.as_i64().ok()?).ok()?;
        (code <= MAX_CID).then_some(code)
    };
    let mut room = 2 * (MAX_CID as usize + 1);
    let mut rest = entries;
    while let [first, second, tail @ ..] = rest {
        let Some(start) = code(first) else { break };
        let run: Vec<(u32, f64)> = match document.dereference(second).map(|(_, o)| o) {
            Ok(Object::Array(list)) => {
                rest = tail;
                (start..=MAX_CID).zip(list.iter().map(number)).collect()
            }
            _ => {
                let (Some(last), Some(width)) = (code(second), tail.first()) else {
                    break;
                };
                rest = tail.get(1..).unwrap_or(&[]);
                (start..=last).map(|c| (c, number(width))).collect()
            }
        };
        let Some(left) = room.checked_sub(run.len()) else {
            break;
        };
        room = left;
        widths.extend(run);
    }
    (widths, default_width)
}

/// The fonts and forms a content stream may name.
#[derive(Default)]
struct Resources<'d> {
    fonts: HashMap<Vec<u8>, &'d Dictionary>,
    forms: HashMap<Vec<u8>, &'d Stream>,
}

/// A font for text whose font the file does not hold: WinAnsi, the encoding of most simple
/// fonts, rather than its text lost.
fn fallback_font<'d>(document: &Document) -> Font<'d> {
    let mut dictionary = Dictionary::new();
    dictionary.set("Type", Object::Name(b"Font".to_vec()));
    dictionary.set("Subtype", Object::Name(b"Type1".to_vec()));
    dictionary.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
    let font = Font::load(document, &dictionary);
    let decoding = match &font.decoding {
        Decoding::OneByte(codes) => Decoding::OneByte(codes.decoded()),
        Decoding::TwoByte(_) => Decoding::TwoByte(None),
    };
    Font { decoding, ..font }
}

/// Why a page could not be read: said as a [`PdfError`] once its number is known.
enum PageFault {
    MissingContent,
    Content(lopdf::Error),
    TooMuchContent,
    TooManyGlyphs,
}

impl PageFault {
    /// A stream that does not decode: past the budget, or damaged.
    fn decoding(error: lopdf::Error) -> Self {
        match error {
            lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
                PageFault::TooMuchContent
            }
            other => PageFault::Content(other),
        }
    }
}

/// Reads the glyphs of a document's pages, fonts read once for the whole document.
struct GlyphReader<'d> {
    document: &'d Document,
    /// The fonts read so far, by their dictionary in the document: its address, which every
    /// page that names the font shares, whether it refers to the font or holds it.
    fonts: HashMap<*const Dictionary, Rc<Font<'d>>>,
    /// For a font the resources do not hold (a damaged file).
    fallback: Option<Rc<Font<'d>>>,
    /// What the streams decoded so far may still add up to.
    content_left: usize,
    glyphs_left: usize,
}

impl<'d> GlyphReader<'d> {
    fn new(document: &'d Document) -> Self {
        Self {
            document,
            fonts: HashMap::new(),
            fallback: None,
            content_left: MAX_CONTENT_SIZE,
            glyphs_left: MAX_GLYPHS,
        }
    }

    /// The glyphs of page `number`, in the order the content draws them.
    fn page(&mut self, number: u32, page: ObjectId) -> Result<Vec<Glyph>, PdfError> {
        let mut glyphs = Vec::new();
        self.read_page(page, &mut glyphs)
            .map_err(|fault| match fault {
                PageFault::MissingContent => PdfError::MissingContent { page: number },
                PageFault::Content(source) => PdfError::Content {
                    page: number,
                    source,
                },
                PageFault::TooMuchContent => PdfError::TooMuchContent {
                    limit: MAX_CONTENT_SIZE,
                },
                PageFault::TooManyGlyphs => PdfError::TooManyGlyphs { limit: MAX_GLYPHS },
            })?;
        Ok(glyphs)
    }

    fn read_page(&mut self, page: ObjectId, glyphs: &mut Vec<Glyph>) -> Result<(), PageFault> {
        let document = self.document;
        let (direct, referenced) = document
            .get_page_resources(page)
            .map_err(PageFault::Content)?;
        let dictionaries = direct.into_iter().chain(
            referenced
                .into_iter()
                .filter_map(|id| document.get_dictionary(id).ok()),
        );
        let resources = self.resources(dictionaries);
        // lopdf passes over a content stream it cannot find, as if the page were blank.
        let found = |id| document.get_object(id).and_then(Object::as_stream).is_ok();
        if !document.get_page_contents(page).into_iter().all(found) {
            return Err(PageFault::MissingContent);
        }
        let content = document
            .get_page_content_with_limit(page, self.content_left)
            .map_err(PageFault::decoding)?;
        self.charge(content.len())?;
        self.run(&content, &resources, State::new(IDENTITY), 0, glyphs)
    }

    /// Counts `bytes` of decoded content against the budget.
    fn charge(&mut self, bytes: usize) -> Result<(), PageFault> {
        self.content_left = self
            .content_left
            .checked_sub(bytes)
            .ok_or(PageFault::TooMuchContent)?;
        Ok(())
    }

    /// The fonts and forms of resource dictionaries, the nearer first: a name is taken from
    /// the first that has it, as a page inherits from the page tree.
    fn resources(&mut self, dictionaries: impl Iterator<Item = &'d Dictionary>) -> Resources<'d> {
        let document = self.document;
        let mut resources = Resources::default();
        for dictionary in dictionaries {
            for (name, entry) in named_entries(document, dictionary, b"Font") {
                let font = document
                    .dereference(entry)
                    .ok()
                    .and_then(|(_, object)| object.as_dict().ok());
                if let Some(font) = font {
                    resources.fonts.entry(name.clone()).or_insert(font);
                }
            }
            for (name, entry) in named_entries(document, dictionary, b"XObject") {
                let form = document
                    .dereference(entry)
                    .ok()
                    .and_then(|(_, object)| object.as_stream().ok())
                    .filter(|stream| {
                        stream.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form")
                    });
                if let Some(form) = form {
                    resources.forms.entry(name.clone()).or_insert(form);
                }
            }
        }
        resources
    }

    /// The font `Tf` names, read when it is first used: a page may list many it never uses.
    fn font(&mut self, resources: &Resources<'d>, operation: &Operation) -> Rc<Font<'d>> {
        let name = operation.operands.first().and_then(|o| o.as_name().ok());
        let Some(dictionary) = name.and_then(|name| resources.fonts.get(name)) else {
            let document = self.document;
            let fallback = self
                .fallback
                .get_or_insert_with(|| Rc::new(fallback_font(document)));
            return Rc::clone(fallback);
        };
        let document = self.document;
        let font = self
            .fonts
            .entry(std::ptr::from_ref(*dictionary))
            .or_insert_with(|| Rc::new(Font::load(document, dictionary)));
        Rc::clone(font)
    }

    /// Runs a content stream from `state`, adding the glyphs it shows.
    fn run(
        &mut self,
        content: &[u8],
        resources: &Resources<'d>,
        state: State<'d>,
        depth: usize,
        glyphs: &mut Vec<Glyph>,
    ) -> Result<(), PageFault> {
        let mut text = TextRun {
            state,
            saved: Vec::new(),
            saved_beyond: 0,
            matrix: IDENTITY,
            line_matrix: IDENTITY,
        };
        for operation in Content::decode_iter(content) {
            let operation = operation.map_err(PageFault::Content)?;
            match operation.operator.as_str() {
                "Do" => {
                    self.draw_form(&operation, resources, &text.state, depth, glyphs)?;
                    continue;
                }
                "Tf" => text.state.font = Some(self.font(resources, &operation)),
                _ => {}
            }
            let before = glyphs.len();
            text.apply(&operation, glyphs);
            let shown = glyphs.len() - before;
            self.glyphs_left = self
                .glyphs_left
                .checked_sub(shown)
                .ok_or(PageFault::TooManyGlyphs)?;
        }
        Ok(())
    }

    /// `/Name Do`: a form's content, drawn through its matrix with its own resources (or,
    /// where it has none, those of what draws it). Images are not text, and are passed over.
    fn draw_form(
        &mut self,
        operation: &Operation,
        resources: &Resources<'d>,
        state: &State<'d>,
        depth: usize,
        glyphs: &mut Vec<Glyph>,
    ) -> Result<(), PageFault> {
        let name = operation.operands.first().and_then(|o| o.as_name().ok());
        let Some(form) = name.and_then(|name| resources.forms.get(name)) else {
            return Ok(());
        };
        if depth >= MAX_FORM_DEPTH {
            return Ok(());
        }
        let document = self.document;
        let content = form
            .get_plain_content_with_limit(self.content_left)
            .map_err(PageFault::decoding)?;
        self.charge(content.len())?;
        let matrix = form
            .dict
            .get_deref(b"Matrix", document)
            .and_then(Object::as_array)
            .ok()
            .and_then(|m| <[f64; 6]>::try_from(m.iter().map(number).collect::<Vec<_>>()).ok())
            .unwrap_or(IDENTITY);
        let own = form
            .dict
            .get_deref(b"Resources", document)
            .and_then(Object::as_dict)
            .ok();
        let inner = State {
            ctm: multiply(&matrix, &state.ctm),
            ..state.clone()
        };
        match own {
            Some(own) => {
                let own = self.resources(std::iter::once(own));
                self.run(&content, &own, inner, depth + 1, glyphs)
            }
            None => self.run(&content, resources, inner, depth + 1, glyphs),
        }
    }
}

/// The entries of a resource dictionary's sub-dictionary (`/Font`, `/XObject`), by name.
fn named_entries<'d>(
    document: &'d Document,
    resources: &'d Dictionary,
    key: &[u8],
) -> impl Iterator<Item = (&'d Vec<u8>, &'d Object)> {
    resources
        .get_deref(key, document)
        .and_then(Object::as_dict)
        .into_iter()
        .flat_map(Dictionary::iter)
}

/// The state of one content stream as it runs.
struct TextRun<'d> {
    state: State<'d>,
    saved: Vec<State<'d>>,
    /// States saved past [`MAX_SAVED_STATES`], which a `Q` forgets first.
    saved_beyond: usize,
    /// The text matrix and the text line matrix (`Tm`, `Tlm`).
    matrix: Matrix,
    line_matrix: Matrix,
}

impl TextRun<'_> {
    /// Applies one operator; those that show text add their glyphs.
    fn apply(&mut self, operation: &Operation, glyphs: &mut Vec<Glyph>) {
        let operands = &operation.operands;
        let n = |i: usize| operands.get(i).map_or(0.0, number);
        let state = &mut self.state;
        match operation.operator.as_str() {
            "q" if self.saved.len() < MAX_SAVED_STATES => self.saved.push(state.clone()),
            "q" => self.saved_beyond += 1,
            "Q" if self.saved_beyond > 0 => self.saved_beyond -= 1,
            "Q" => {
                if let Some(saved) = self.saved.pop() {
                    *state = saved;
                }
            }
            "cm" => state.ctm = multiply(&[n(0), n(1), n(2), n(3), n(4), n(5)], &state.ctm),
            "BT" => {
                self.matrix = IDENTITY;
                self.line_matrix = IDENTITY;
            }
            // The font itself is set by the reader, which reads fonts.
            "Tf" => state.font_size = n(1),
            "Tc" => state.char_spacing = n(0),
            "Tw" => state.word_spacing = n(0),
            "Tz" => state.horizontal_scale = n(0) / 100.0,
            "TL" => state.leading = n(0),
            "Ts" => state.rise = n(0),
            "Tm" => {
                self.line_matrix = [n(0), n(1), n(2), n(3), n(4), n(5)];
                self.matrix = self.line_matrix;
            }
            "Td" => self.next_line(n(0), n(1)),
            "TD" => {
                self.state.leading = -n(1);
                self.next_line(n(0), n(1));
            }
            "T*" => self.next_line(0.0, -self.state.leading),
            "'" => {
                self.next_line(0.0, -self.state.leading);
                self.show(operands.first(), glyphs);
            }
            "\"" => {
                self.state.word_spacing = n(0);
                self.state.char_spacing = n(1);
                self.next_line(0.0, -self.state.leading);
                self.show(operands.get(2), glyphs);
            }
            "Tj" => self.show(operands.first(), glyphs),
            "TJ" => {
                let parts = operands.first().and_then(|o| o.as_array().ok());
                for part in parts.into_iter().flatten() {
                    match part {
                        Object::String(..) => self.show(Some(part), glyphs),
                        // A number moves the next glyph back, in thousandths of the size.
                        adjustment => {
                            let state = &self.state;
                            let tx = -number(adjustment) / 1000.0
                                * state.font_size
                                * state.horizontal_scale;
                            self.matrix = multiply(&translation(tx, 0.0), &self.matrix);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn next_line(&mut self, x: f64, y: f64) {
        self.line_matrix = multiply(&translation(x, y), &self.line_matrix);
        self.matrix = self.line_matrix;
    }

    /// Shows a string: a glyph per code, each placed where the text matrix stands, which then
    /// advances by its width and the spacing.
    fn show(&mut self, string: Option<&Object>, glyphs: &mut Vec<Glyph>) {
        let (Some(Object::String(bytes, _)), Some(font)) = (string, self.state.font.clone()) else {
            return;
        };
        let state = &self.state;
        for code in bytes.chunks(font.code_length()) {
            let value = code.iter().fold(0u32, |v, b| (v << 8) | u32::from(*b));
            let width = font.width(value) * font.scale;
            if let Some(shown) = font.shown(code) {
                // The rendering matrix, [Tfs×Th 0 0 Tfs 0 Trise] × Tm × CTM (ISO 32000-1,
                // 9.4.4), worked out for the one point and the two lengths it gives.
                let [a, b, c, d, e, f] = multiply(&self.matrix, &state.ctm);
                glyphs.push(Glyph {
                    x: state.rise * c + e,
                    y: state.rise * d + f,
                    width: width * (state.font_size * state.horizontal_scale).abs() * length(a, b),
                    size: state.font_size.abs() * length(c, d),
                    shown,
                });
            }
            // Word spacing applies to the single-byte code 32 only (ISO 32000-1, 9.3.3).
            let word = if code == [32] {
                state.word_spacing
            } else {
                0.0
            };
            let advance =
                (width * state.font_size + state.char_spacing + word) * state.horizontal_scale;
            // The text matrix moved along its own x axis: translation × Tm.
            let [a, b, _, _, e, f] = &mut self.matrix;
            *e += advance * *a;
            *f += advance * *b;
        }
    }
}

// ------------------------------------------------------------------ lines from the glyphs

/// A footnote body is printed smaller than the running text: at most this share of its size.
const SMALL_PRINT: f64 = 0.9;

/// The lines of every page, top to bottom, rendered as the parser reads them.
fn layout(pages: Vec<Vec<Glyph>>) -> String {
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

/// A spacing accent (`´`) as the combining mark it stands for.
fn combining_mark(text: &str) -> Option<char> {
    Some(match text {
        "\u{b4}" => '\u{301}',
        "`" => '\u{300}',
        "\u{a8}" => '\u{308}',
        "\u{b8}" => '\u{327}',
        "\u{2c6}" | "^" => '\u{302}',
        "\u{2dc}" | "~" => '\u{303}',
        "\u{2c7}" => '\u{30c}',
        "\u{2d8}" => '\u{306}',
        "\u{2da}" => '\u{30a}',
        "\u{2dd}" => '\u{30b}',
        "\u{2db}" => '\u{328}',
        "\u{af}" => '\u{304}',
        "\u{2d9}" => '\u{307}',
        _ => return None,
    })
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
