//! Glyphs from a page's content: the text state kept as ISO 32000-1 (9.3, 9.4) says, fonts
//! read for their widths and their way to Unicode, forms followed; every glyph leaves with its
//! place, size and what it shows.

use super::*;

/// What a character code shows, with what layout asks of it worked out once per code: a page
/// shows thousands of glyphs and a font has a few dozen codes.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Shown {
    pub(super) text: Rc<str>,
    /// Not white space.
    pub(super) visible: bool,
    /// A spacing accent (`´`), as the combining mark it stands for.
    pub(super) accent: Option<char>,
}

impl Shown {
    pub(super) fn new(text: &str) -> Self {
        Self {
            text: Rc::from(text),
            visible: !text.trim().is_empty(),
            accent: combining_mark(text),
        }
    }
}

/// One glyph a page shows, in user space: y up, from the page's bottom left corner.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Glyph {
    pub(super) x: f64,
    /// The baseline.
    pub(super) y: f64,
    /// How far the glyph advances.
    pub(super) width: f64,
    /// The font size in user space.
    pub(super) size: f64,
    pub(super) shown: Shown,
}

impl Glyph {
    pub(super) fn is_visible(&self) -> bool {
        self.shown.visible
    }

    pub(super) fn text(&self) -> &str {
        &self.shown.text
    }

    pub(super) fn end(&self) -> f64 {
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
pub(super) struct GlyphReader<'d> {
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
    pub(super) fn new(document: &'d Document) -> Self {
        Self {
            document,
            fonts: HashMap::new(),
            fallback: None,
            content_left: MAX_CONTENT_SIZE,
            glyphs_left: MAX_GLYPHS,
        }
    }

    /// The glyphs of page `number`, in the order the content draws them.
    pub(super) fn page(&mut self, number: u32, page: ObjectId) -> Result<Vec<Glyph>, PdfError> {
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

/// A spacing accent (`´`) as the combining mark it stands for.
pub(super) fn combining_mark(text: &str) -> Option<char> {
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
