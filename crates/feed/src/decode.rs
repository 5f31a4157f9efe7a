//! JSON to the feed's types, by hand: one function per type, reading the [`Reader`] as it goes
//! and keeping the JSON path for its error messages (`$.documents[3].issued: …`).
//!
//! It reads exactly what the format's serde derives read (the same defaults for missing
//! fields, unknown fields ignored, objects tagged by `"type"`, localised text as a string or an
//! object, inline text as a run or an array of runs) and refuses what they refuse, down to the
//! checking of values nobody reads: those are checked for syntax only in plain objects, but in
//! full (valid UTF-8, no lone surrogate, numbers within `f64`) inside blocks, panels and inline
//! text, which serde buffered before reading. `tests/decode_matches_serde.rs` holds it to that.
//! The differences are three shapes serde accepted by accident and the format never had: an
//! object written as an array of its field values, an enum value written as `{"name": null}`,
//! and, inside panels, a `"type"` given as a variant number.

use crate::json::{JsonError, Number, Reader};
use crate::model::{
    Agency, Chart, Document, Feed, GazetteIssue, GazetteSection, Image, Interpretation, Media,
    Panel, Publisher, QaItem, Series, Topic,
};
use crate::parse::MAX_DEPTH;
use crate::rich::{Block, Inline, Inlines, RichText};
use crate::text::{Lang, LocalText};
use std::borrow::Cow;
use std::fmt::Write;

/// Why the bytes are not a feed's JSON: a syntax error (with its position) or a value of the
/// wrong type or shape (with its JSON path).
#[derive(Debug)]
pub(crate) enum DecodeError {
    Json(JsonError),
    Type { path: String, message: String },
}

impl From<Box<JsonError>> for Box<DecodeError> {
    fn from(e: Box<JsonError>) -> Self {
        Box::new(DecodeError::Json(*e))
    }
}

type R<T> = Result<T, Box<DecodeError>>;

/// The feed's `schema`, read before anything else because it decides how the rest is read.
pub(crate) enum Schema {
    Missing,
    Text(String),
    /// Not a string: the value as written (or what it is, when that is long), for the message.
    Other(String),
}

/// Checks the syntax of the whole input (values are checked as far as a reader that skips them
/// would) and returns the top-level `schema`.
pub(crate) fn head(bytes: &[u8]) -> R<Schema> {
    let mut d = De::new(bytes);
    match d.r.peek() {
        Some(b'{') => d.r.open()?,
        None => return Err(d.r.error("EOF while parsing a value").into()),
        Some(_) => {
            return Err(Box::new(DecodeError::Type {
                path: "$".into(),
                message: "the feed must be a JSON object".into(),
            }))
        }
    }
    let mut schema = Schema::Missing;
    let mut first = true;
    while let Some(key) = d.r.next_key(&mut first)? {
        if key == "schema" && matches!(schema, Schema::Missing) {
            schema = match d.r.peek() {
                Some(b'"') => Schema::Text(d.r.string()?.into_owned()),
                _ => {
                    let start = d.r.i;
                    d.r.skip(true, 0)?;
                    let raw = &bytes[start..d.r.i];
                    Schema::Other(if raw.len() <= 40 && !raw.contains(&b'\n') {
                        String::from_utf8_lossy(raw).into_owned()
                    } else if raw[0] == b'[' {
                        "an array".into()
                    } else {
                        "an object".into()
                    })
                }
            };
        } else {
            d.r.skip(false, 0)?;
        }
    }
    d.r.end()?;
    Ok(schema)
}

/// The feed, read in full.
///
/// It fails as soon as arrays and objects nest deeper than [`MAX_DEPTH`], so a feed it reads
/// nests no deeper (what `parse::check_depth` would confirm with another pass over the bytes).
pub(crate) fn feed(bytes: &[u8]) -> R<Feed> {
    let mut d = De::new(bytes);
    // A feed is almost always valid UTF-8: then one check of the whole input stands for the
    // check of each string. Otherwise each string is checked as it is read, so that the error is
    // the same one, at the same place.
    if let Ok(text) = std::str::from_utf8(bytes) {
        d.r = Reader::with_text(text);
    }
    d.r.max_depth = MAX_DEPTH;
    let feed = d.feed()?;
    d.r.end()?;
    Ok(feed)
}

/// One step of a JSON path.
enum Seg<'a> {
    Key(Cow<'a, str>),
    Index(usize),
}

struct De<'a> {
    r: Reader<'a>,
    path: Vec<Seg<'a>>,
    /// Whether values that are skipped are checked in full (see the module documentation).
    strict: bool,
}

/// The callback that reads the value of field `k` of an object.
type Field<'f, 'a> = &'f mut dyn FnMut(&mut De<'a>, usize) -> R<()>;

const OBJECT: &str = "an object";
const TAGGED: &str = "an object with a \"type\"";
const WHOLE: &str = "a whole number (0 or more)";
const WHOLE_U16: &str = "a whole number from 0 to 65535";
const WHOLE_U8: &str = "a whole number from 0 to 255";
const LOCAL_TEXT: &str = "a string or an object of language tags (zh-Hans, mn-Mong, en) to strings";
const INLINES: &str = "inline text: a string, an inline object or an array of them";
const RUN: &str = "an inline run: a string or an inline object";

impl<'a> De<'a> {
    fn new(bytes: &'a [u8]) -> De<'a> {
        De {
            r: Reader::new(bytes),
            path: Vec::new(),
            strict: false,
        }
    }

    // --- errors -------------------------------------------------------------------------

    /// An error at the current path.
    #[cold]
    fn fail(&self, message: String) -> Box<DecodeError> {
        let mut path = String::from("$");
        for seg in &self.path {
            match seg {
                Seg::Index(i) => {
                    let _ = write!(path, "[{i}]");
                }
                Seg::Key(k)
                    if !k.is_empty()
                        && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
                {
                    path.push('.');
                    path.push_str(k);
                }
                Seg::Key(k) => {
                    path.push_str("[\"");
                    for c in k.chars() {
                        if c == '"' || c == '\\' {
                            path.push('\\');
                        }
                        path.push(c);
                    }
                    path.push_str("\"]");
                }
            }
        }
        Box::new(DecodeError::Type { path, message })
    }

    /// The value at the cursor is not `expected`.
    #[cold]
    fn invalid_type(&mut self, expected: &str) -> Box<DecodeError> {
        match self.unexpected() {
            Ok(what) => self.fail(format!("invalid type: {what}, expected {expected}")),
            Err(e) => e,
        }
    }

    /// What the value at the cursor is, for a message; the cursor does not move.
    #[cold]
    fn unexpected(&mut self) -> R<String> {
        let at = self.r.i;
        let what = match self.r.peek() {
            Some(b'"') => format!("string {:?}", self.r.string()?),
            Some(b'-' | b'0'..=b'9') => number_words(self.r.number()?),
            Some(b't') => "boolean `true`".into(),
            Some(b'f') => "boolean `false`".into(),
            Some(b'n') => "null".into(),
            Some(b'[') => "array".into(),
            Some(b'{') => "object".into(),
            _ => return Err(self.r.error("expected value").into()),
        };
        self.r.i = at;
        Ok(what)
    }

    // --- structure ----------------------------------------------------------------------

    /// An object whose known keys are `fields`; `f` reads field `k`'s value, other members are
    /// skipped. Returns the fields seen, as bits.
    fn object(&mut self, fields: &[&'static str], expected: &str, f: Field<'_, 'a>) -> R<u32> {
        if self.r.peek() != Some(b'{') {
            return Err(self.invalid_type(expected));
        }
        self.r.open()?;
        self.members(fields, 0, true, f)
    }

    /// The members of an object already opened (`first`: none read yet; `seen`: fields read).
    fn members(
        &mut self,
        fields: &[&'static str],
        mut seen: u32,
        mut first: bool,
        f: Field<'_, 'a>,
    ) -> R<u32> {
        let mut next = 0;
        while let Some(key) = self.r.next_key(&mut first)? {
            match field_index(fields, &key, next) {
                Some(k) => {
                    next = k + 1;
                    self.path.push(Seg::Key(Cow::Borrowed(fields[k])));
                    if seen & 1 << k != 0 {
                        return Err(self.fail(format!("duplicate field `{}`", fields[k])));
                    }
                    seen |= 1 << k;
                    f(self, k)?;
                    self.path.pop();
                }
                None => self.r.skip(self.strict, 0)?,
            }
        }
        Ok(seen)
    }

    /// An array, `item` reading each element.
    fn list<T>(&mut self, item: fn(&mut Self) -> R<T>) -> R<Vec<T>> {
        let mut out = Vec::new();
        self.items(&mut |d| {
            out.push(item(d)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// The elements of an array, `f` reading each.
    fn items(&mut self, f: &mut dyn FnMut(&mut Self) -> R<()>) -> R<()> {
        if self.r.peek() != Some(b'[') {
            return Err(self.invalid_type("an array"));
        }
        self.r.open()?;
        let mut first = true;
        let mut i = 0;
        while self.r.next_item(&mut first)? {
            self.path.push(Seg::Index(i));
            f(self)?;
            self.path.pop();
            i += 1;
        }
        Ok(())
    }

    /// Consumes a `null`, if that is what is at the cursor.
    fn null(&mut self) -> R<bool> {
        if self.r.peek() == Some(b'n') {
            self.r.literal(b"null")?;
            return Ok(true);
        }
        Ok(false)
    }

    /// An object tagged by `"type"`, one of `names`: returns which, and whether the tag was
    /// the first member (the cursor is then just after it, so the object is read in one pass);
    /// otherwise the whole object has been checked and the cursor is back at its `{`.
    fn tag(&mut self, names: &[&str]) -> R<(usize, bool)> {
        if self.r.peek() != Some(b'{') {
            return Err(self.invalid_type(TAGGED));
        }
        let start = self.r.i;
        self.r.open()?;
        let mut first = true;
        let mut found = None;
        let mut members = 0;
        while let Some(key) = self.r.next_key(&mut first)? {
            members += 1;
            if key != "type" {
                self.r.skip(true, 0)?;
                continue;
            }
            self.path.push(Seg::Key(Cow::Borrowed("type")));
            if found.is_some() {
                return Err(self.fail("duplicate field `type`".into()));
            }
            let k = self.variant(names)?;
            self.path.pop();
            if members == 1 {
                return Ok((k, true));
            }
            found = Some(k);
        }
        match found {
            Some(k) => {
                self.r.i = start;
                Ok((k, false))
            }
            None => Err(self.fail("missing field `type`".into())),
        }
    }

    /// The fields of a tagged object's variant, after [`De::tag`]: `fields[0]` is `"type"`.
    /// `required` are the fields without a default, as bits.
    fn variant_fields(
        &mut self,
        resumed: bool,
        fields: &[&'static str],
        required: u32,
        f: Field<'_, 'a>,
    ) -> R<()> {
        let mut g = |d: &mut Self, k: usize| {
            if k == 0 {
                Ok(d.r.skip(true, 0)?)
            } else {
                f(d, k)
            }
        };
        let seen = if resumed {
            self.members(fields, 1, false, &mut g)?
        } else {
            self.object(fields, TAGGED, &mut g)?
        };
        match (0..fields.len()).find(|k| required & !seen & 1 << k != 0) {
            Some(k) => Err(self.fail(format!("missing field `{}`", fields[k]))),
            None => Ok(()),
        }
    }

    // --- scalars ------------------------------------------------------------------------

    fn string(&mut self) -> R<String> {
        if self.r.peek() == Some(b'"') {
            return Ok(self.r.string()?.into_owned());
        }
        Err(self.invalid_type("a string"))
    }

    fn opt_string(&mut self) -> R<Option<String>> {
        Ok(if self.null()? {
            None
        } else {
            Some(self.string()?)
        })
    }

    fn strings(&mut self) -> R<Vec<String>> {
        self.list(Self::string)
    }

    /// A number at the cursor, or the type error.
    fn number(&mut self, expected: &str) -> R<Number> {
        if matches!(self.r.peek(), Some(b'-' | b'0'..=b'9')) {
            return Ok(self.r.number()?);
        }
        Err(self.invalid_type(expected))
    }

    /// A whole number from 0 to `max`.
    fn uint(&mut self, max: u64, expected: &str) -> R<u64> {
        match self.number(expected)? {
            Number::PosInt(n) if n <= max => Ok(n),
            n @ Number::Float(_) => Err(self.fail(format!(
                "invalid type: {}, expected {expected}",
                number_words(n)
            ))),
            n => Err(self.fail(format!(
                "invalid value: {}, expected {expected}",
                number_words(n)
            ))),
        }
    }

    fn u32(&mut self) -> R<u32> {
        Ok(self.uint(u32::MAX.into(), WHOLE)? as u32)
    }

    fn f64(&mut self) -> R<f64> {
        Ok(self.number("a number")?.as_f64())
    }

    fn bool(&mut self) -> R<bool> {
        match self.r.peek() {
            Some(b't') => self.r.literal(b"true")?,
            Some(b'f') => {
                self.r.literal(b"false")?;
                return Ok(false);
            }
            _ => return Err(self.invalid_type("a boolean")),
        }
        Ok(true)
    }

    /// A string naming one of `names` (an enum's JSON spelling): returns its index.
    fn variant(&mut self, names: &[&str]) -> R<usize> {
        if self.r.peek() != Some(b'"') {
            return Err(self.invalid_type(&format!("a string, {}", one_of(names))));
        }
        let s = self.r.string()?;
        match names.iter().position(|n| *n == s) {
            Some(k) => Ok(k),
            None => Err(self.fail(format!("unknown variant `{s}`, expected {}", one_of(names)))),
        }
    }

    // --- text ---------------------------------------------------------------------------

    fn local_text(&mut self) -> R<LocalText> {
        match self.r.peek() {
            Some(b'"') => return Ok(LocalText::new(self.r.string()?.into_owned())),
            Some(b'{') => self.r.open()?,
            _ => return Err(self.invalid_type(LOCAL_TEXT)),
        }
        let mut text = LocalText::default();
        let mut saw_zh = false;
        let mut first = true;
        while let Some(key) = self.r.next_key(&mut first)? {
            let lang = Lang::from_tag(&key);
            self.path.push(Seg::Key(key));
            let value = self.string()?;
            self.path.pop();
            match lang {
                Some(Lang::ZhHans) => {
                    text.zh = value;
                    saw_zh = true;
                }
                Some(Lang::MnMong) => text.mn = Some(value),
                Some(Lang::En) => text.en = Some(value),
                None => {}
            }
        }
        if !saw_zh {
            return Err(self.fail("localised text needs a \"zh-Hans\" entry".into()));
        }
        Ok(text)
    }

    fn opt_local_text(&mut self) -> R<Option<LocalText>> {
        Ok(if self.null()? {
            None
        } else {
            Some(self.local_text()?)
        })
    }

    fn rich_text(&mut self) -> R<RichText> {
        self.list(Self::block)
    }

    fn inlines(&mut self) -> R<Inlines> {
        let strict = std::mem::replace(&mut self.strict, true);
        let runs = match self.r.peek() {
            Some(b'[') => self.list(Self::inline)?,
            Some(b'"' | b'{') => vec![self.inline()?],
            _ => return Err(self.invalid_type(INLINES)),
        };
        self.strict = strict;
        Ok(Inlines(runs))
    }

    fn inline(&mut self) -> R<Inline> {
        if self.r.peek() == Some(b'"') {
            return Ok(Inline::Text(LocalText::new(self.r.string()?.into_owned())));
        }
        let (mut em, mut strong, mut link, mut reference, mut text) =
            (None, None, None, None, None);
        self.object(
            &["em", "strong", "link", "ref", "text"],
            RUN,
            &mut |d, k| {
                match k {
                    0 => em = d.opt_local_text()?,
                    1 => strong = d.opt_local_text()?,
                    2 => link = d.opt_string()?,
                    3 => reference = d.opt_string()?,
                    _ => text = d.opt_local_text()?,
                }
                Ok(())
            },
        )?;
        let kinds = [
            em.is_some(),
            strong.is_some(),
            link.is_some(),
            reference.is_some(),
        ];
        if kinds.iter().filter(|k| **k).count() > 1 {
            return Err(self.fail(
                "an inline run has exactly one of \"em\", \"strong\", \"link\" or \"ref\"".into(),
            ));
        }
        Ok(if let Some(t) = em {
            Inline::Emphasis(t)
        } else if let Some(t) = strong {
            Inline::Strong(t)
        } else if let Some(href) = link {
            let text = text.unwrap_or_else(|| LocalText::new(href.clone()));
            Inline::Link { href, text }
        } else if let Some(document) = reference {
            Inline::DocumentRef { document, text }
        } else if let Some(t) = text {
            Inline::Text(t)
        } else {
            return Err(self.fail(
                "an inline run is a string or an object with \"em\", \"strong\", \"link\", \"ref\" or \"text\"".into(),
            ));
        })
    }

    // --- blocks and panels --------------------------------------------------------------

    fn block(&mut self) -> R<Block> {
        let strict = std::mem::replace(&mut self.strict, true);
        let (k, resumed) =
            self.tag(&["heading", "paragraph", "list", "table", "quote", "image"])?;
        let mut text = Inlines::default();
        let block = match k {
            0 => {
                let (mut level, mut id) = (0, None);
                self.variant_fields(
                    resumed,
                    &["type", "level", "text", "id"],
                    0b110,
                    &mut |d, k| {
                        match k {
                            1 => level = d.uint(u8::MAX.into(), WHOLE_U8)? as u8,
                            2 => text = d.inlines()?,
                            _ => id = d.opt_string()?,
                        }
                        Ok(())
                    },
                )?;
                Block::Heading { level, text, id }
            }
            1 => {
                self.variant_fields(resumed, &["type", "text"], 0b10, &mut |d, _| {
                    text = d.inlines()?;
                    Ok(())
                })?;
                Block::Paragraph { text }
            }
            2 => {
                let (mut ordered, mut items) = (false, Vec::new());
                self.variant_fields(
                    resumed,
                    &["type", "ordered", "items"],
                    0b100,
                    &mut |d, k| {
                        match k {
                            1 => ordered = d.bool()?,
                            _ => items = d.list(Self::inlines)?,
                        }
                        Ok(())
                    },
                )?;
                Block::List { ordered, items }
            }
            3 => {
                let (mut caption, mut header, mut rows) = (None, Vec::new(), Vec::new());
                self.variant_fields(
                    resumed,
                    &["type", "caption", "header", "rows"],
                    0b1000,
                    &mut |d, k| {
                        match k {
                            1 => caption = d.opt_local_text()?,
                            2 => header = d.list(Self::inlines)?,
                            _ => rows = d.list(|d| d.list(Self::inlines))?,
                        }
                        Ok(())
                    },
                )?;
                Block::Table {
                    caption,
                    header,
                    rows,
                }
            }
            4 => {
                let mut cite = None;
                self.variant_fields(resumed, &["type", "text", "cite"], 0b10, &mut |d, k| {
                    match k {
                        1 => text = d.inlines()?,
                        _ => cite = d.opt_local_text()?,
                    }
                    Ok(())
                })?;
                Block::Quote { text, cite }
            }
            _ => Block::Image(self.image(Some(resumed))?),
        };
        self.strict = strict;
        Ok(block)
    }

    fn panel(&mut self) -> R<Panel> {
        let strict = std::mem::replace(&mut self.strict, true);
        let (k, resumed) = self.tag(&["image", "text", "chart", "audio", "video"])?;
        let panel = match k {
            0 => Panel::Image(self.image(Some(resumed))?),
            1 => {
                let mut body = Vec::new();
                self.variant_fields(resumed, &["type", "body"], 0, &mut |d, _| {
                    body = d.rich_text()?;
                    Ok(())
                })?;
                Panel::Text { body }
            }
            2 => Panel::Chart(self.chart(resumed)?),
            3 => Panel::Audio(self.media(resumed)?),
            _ => Panel::Video(self.media(resumed)?),
        };
        self.strict = strict;
        Ok(panel)
    }

    /// An image: a plain object (`tagged` is `None`), or a block or panel after [`De::tag`].
    fn image(&mut self, tagged: Option<bool>) -> R<Image> {
        const FIELDS: [&str; 6] = ["type", "src", "width", "height", "alt", "caption"];
        let mut v = Image::default();
        let mut f = |d: &mut Self, k: usize| {
            match k {
                1 => v.src = d.string()?,
                2 => v.width = d.u32()?,
                3 => v.height = d.u32()?,
                4 => v.alt = d.local_text()?,
                _ => v.caption = d.opt_local_text()?,
            }
            Ok(())
        };
        match tagged {
            Some(resumed) => self.variant_fields(resumed, &FIELDS, 0, &mut f)?,
            None => drop(self.object(&FIELDS[1..], OBJECT, &mut |d, k| f(d, k + 1))?),
        }
        Ok(v)
    }

    fn opt_image(&mut self) -> R<Option<Image>> {
        Ok(if self.null()? {
            None
        } else {
            Some(self.image(None)?)
        })
    }

    fn chart(&mut self, resumed: bool) -> R<Chart> {
        let mut v = Chart::default();
        self.variant_fields(
            resumed,
            &[
                "type", "kind", "title", "unit", "labels", "x_label", "y_label", "series", "source",
            ],
            0,
            &mut |d, k| {
                match k {
                    1 => {
                        v.kind = crate::model::ChartKind::ALL
                            [d.variant(&crate::model::ChartKind::NAMES)?]
                    }
                    2 => v.title = d.local_text()?,
                    3 => v.unit = d.local_text()?,
                    4 => v.labels = d.list(Self::local_text)?,
                    5 => v.x_label = d.opt_local_text()?,
                    6 => v.y_label = d.opt_local_text()?,
                    7 => v.series = d.list(Self::series)?,
                    _ => v.source = d.local_text()?,
                }
                Ok(())
            },
        )?;
        Ok(v)
    }

    fn series(&mut self) -> R<Series> {
        let mut v = Series::default();
        self.object(&["name", "values"], OBJECT, &mut |d, k| {
            match k {
                0 => v.name = d.local_text()?,
                _ => v.values = d.list(Self::f64)?,
            }
            Ok(())
        })?;
        Ok(v)
    }

    fn media(&mut self, resumed: bool) -> R<Media> {
        let mut v = Media::default();
        self.variant_fields(
            resumed,
            &[
                "type",
                "src",
                "title",
                "mime",
                "poster",
                "duration",
                "transcript",
            ],
            0,
            &mut |d, k| {
                match k {
                    1 => v.src = d.string()?,
                    2 => v.title = d.local_text()?,
                    3 => v.mime = d.opt_string()?,
                    4 => v.poster = d.opt_image()?,
                    5 => v.duration = if d.null()? { None } else { Some(d.u32()?) },
                    _ => v.transcript = d.rich_text()?,
                }
                Ok(())
            },
        )?;
        Ok(v)
    }

    // --- the feed -----------------------------------------------------------------------

    fn feed(&mut self) -> R<Feed> {
        let mut v = Feed::default();
        self.object(
            &[
                "schema",
                "publisher",
                "version",
                "generated_at",
                "topics",
                "agencies",
                "documents",
                "gazette",
                "qa",
                "interpretations",
            ],
            OBJECT,
            &mut |d, k| {
                match k {
                    0 => v.schema = d.string()?,
                    1 => v.publisher = d.publisher()?,
                    2 => v.version = d.uint(u64::MAX, WHOLE)?,
                    3 => v.generated_at = d.string()?,
                    4 => v.topics = d.list(Self::topic)?,
                    5 => v.agencies = d.list(Self::agency)?,
                    6 => v.documents = d.list(Self::document)?,
                    7 => v.gazette = d.list(Self::gazette_issue)?,
                    8 => v.qa = d.list(Self::qa_item)?,
                    _ => v.interpretations = d.list(Self::interpretation)?,
                }
                Ok(())
            },
        )?;
        Ok(v)
    }

    fn publisher(&mut self) -> R<Publisher> {
        let mut v = Publisher::default();
        self.object(&["name", "site", "hotline"], OBJECT, &mut |d, k| {
            match k {
                0 => v.name = d.local_text()?,
                1 => v.site = d.opt_string()?,
                _ => v.hotline = d.opt_string()?,
            }
            Ok(())
        })?;
        Ok(v)
    }

    fn topic(&mut self) -> R<Topic> {
        let mut v = Topic::default();
        self.object(&["id", "name"], OBJECT, &mut |d, k| {
            match k {
                0 => v.id = d.string()?,
                _ => v.name = d.local_text()?,
            }
            Ok(())
        })?;
        Ok(v)
    }

    fn agency(&mut self) -> R<Agency> {
        let mut v = Agency::default();
        self.object(&["id", "name", "site"], OBJECT, &mut |d, k| {
            match k {
                0 => v.id = d.string()?,
                1 => v.name = d.local_text()?,
                _ => v.site = d.opt_string()?,
            }
            Ok(())
        })?;
        Ok(v)
    }

    fn document(&mut self) -> R<Document> {
        use crate::model::{DocumentKind, Validity};
        let mut v = Document::default();
        self.object(
            &[
                "id",
                "title",
                "number",
                "kind",
                "agency",
                "addressees",
                "issued",
                "effective",
                "status",
                "topics",
                "body",
                "source_url",
            ],
            OBJECT,
            &mut |d, k| {
                match k {
                    0 => v.id = d.string()?,
                    1 => v.title = d.local_text()?,
                    2 => v.number = d.opt_string()?,
                    3 => v.kind = DocumentKind::ALL[d.variant(&DocumentKind::NAMES)?],
                    4 => v.agency = d.string()?,
                    5 => v.addressees = d.opt_local_text()?,
                    6 => v.issued = d.string()?,
                    7 => v.effective = d.opt_string()?,
                    8 => v.status = Validity::ALL[d.variant(&Validity::NAMES)?],
                    9 => v.topics = d.strings()?,
                    10 => v.body = d.rich_text()?,
                    _ => v.source_url = d.opt_string()?,
                }
                Ok(())
            },
        )?;
        Ok(v)
    }

    fn gazette_issue(&mut self) -> R<GazetteIssue> {
        let mut v = GazetteIssue::default();
        self.object(
            &[
                "id",
                "year",
                "number",
                "label",
                "published",
                "cover",
                "pdf_url",
                "sections",
            ],
            OBJECT,
            &mut |d, k| {
                match k {
                    0 => v.id = d.string()?,
                    1 => v.year = d.uint(u16::MAX.into(), WHOLE_U16)? as u16,
                    2 => v.number = d.uint(u16::MAX.into(), WHOLE_U16)? as u16,
                    3 => v.label = d.local_text()?,
                    4 => v.published = d.string()?,
                    5 => v.cover = d.opt_image()?,
                    6 => v.pdf_url = d.opt_string()?,
                    _ => v.sections = d.list(Self::gazette_section)?,
                }
                Ok(())
            },
        )?;
        Ok(v)
    }

    fn gazette_section(&mut self) -> R<GazetteSection> {
        let mut v = GazetteSection::default();
        self.object(&["title", "documents"], OBJECT, &mut |d, k| {
            match k {
                0 => v.title = d.local_text()?,
                _ => v.documents = d.strings()?,
            }
            Ok(())
        })?;
        Ok(v)
    }

    fn qa_item(&mut self) -> R<QaItem> {
        let mut v = QaItem::default();
        self.object(
            &["id", "question", "answer", "topics", "documents", "updated"],
            OBJECT,
            &mut |d, k| {
                match k {
                    0 => v.id = d.string()?,
                    1 => v.question = d.local_text()?,
                    2 => v.answer = d.rich_text()?,
                    3 => v.topics = d.strings()?,
                    4 => v.documents = d.strings()?,
                    _ => v.updated = d.string()?,
                }
                Ok(())
            },
        )?;
        Ok(v)
    }

    fn interpretation(&mut self) -> R<Interpretation> {
        let mut v = Interpretation::default();
        self.object(
            &[
                "id",
                "title",
                "summary",
                "documents",
                "published",
                "agency",
                "topics",
                "cover",
                "panels",
            ],
            OBJECT,
            &mut |d, k| {
                match k {
                    0 => v.id = d.string()?,
                    1 => v.title = d.local_text()?,
                    2 => v.summary = d.local_text()?,
                    3 => v.documents = d.strings()?,
                    4 => v.published = d.string()?,
                    5 => v.agency = d.string()?,
                    6 => v.topics = d.strings()?,
                    7 => v.cover = d.opt_image()?,
                    _ => v.panels = d.list(Self::panel)?,
                }
                Ok(())
            },
        )?;
        Ok(v)
    }
}

/// The index of `key` in `fields`, looking from `from` on, then before it. Members are mostly
/// written in the order of the fields (serde writes them so, leaving out some), so the first
/// name looked at is mostly the one; the names are distinct, so where the look starts changes
/// nothing else.
fn field_index(fields: &[&str], key: &str, from: usize) -> Option<usize> {
    let (before, after) = fields.split_at(from.min(fields.len()));
    match after.iter().position(|f| *f == key) {
        Some(k) => Some(from + k),
        None => before.iter().position(|f| *f == key),
    }
}

/// `integer `5``, `floating point `1.5``: a number as type errors name it.
fn number_words(n: Number) -> String {
    match n {
        Number::PosInt(n) => format!("integer `{n}`"),
        Number::NegInt(n) => format!("integer `{n}`"),
        Number::Float(f) => {
            let mut s = f.to_string();
            if !s.contains('.') {
                s.push_str(".0");
            }
            format!("floating point `{s}`")
        }
    }
}

/// "one of `a`, `b`, `c`".
#[cold]
fn one_of(names: &[&str]) -> String {
    let mut out = String::from("one of ");
    for (i, n) in names.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('`');
        out.push_str(n);
        out.push('`');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_is_found_wherever_the_look_starts() {
        let fields = ["id", "title", "number", "kind"];
        for from in 0..=fields.len() + 1 {
            for (k, f) in fields.iter().enumerate() {
                assert_eq!(field_index(&fields, f, from), Some(k), "{f} from {from}");
            }
            assert_eq!(field_index(&fields, "body", from), None);
            assert_eq!(field_index(&fields, "", from), None);
        }
        assert_eq!(field_index(&[], "id", 0), None);
    }
}
