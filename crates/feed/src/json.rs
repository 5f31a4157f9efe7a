//! A small JSON reader over bytes: one non-generic pull parser that the feed decoder
//! ([`crate::parse`]) and small configuration files share, so the browser build carries no
//! general-purpose (and generic, hence large) JSON library.
//!
//! It accepts exactly RFC 8259 JSON. Strings are checked as they are built: valid UTF-8, every
//! escape including surrogate pairs (a lone surrogate is refused). Numbers are read the way
//! `serde_json` reads them by default (same integer/float split, same rounding), so a feed
//! decodes to the same values it always has. Errors carry a 1-based line and column (columns
//! count characters).
//!
//! [`parse`] builds a [`Value`] tree, for small files; the feed decoder reads the same
//! [`Reader`] without building one.

use std::borrow::Cow;
use std::fmt;

/// The deepest nesting [`parse`] accepts; deeper input is refused before it can exhaust the
/// stack. (The feed has its own, lower cap, checked before it is read.)
pub const MAX_NESTING: usize = 128;

/// Why some bytes are not JSON (or not the JSON the reader was asked for), and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub message: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {}, column {}",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for JsonError {}

/// A JSON number, kept as the kind it was written as: a whole number stays exact.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A whole number from 0 to `u64::MAX`.
    PosInt(u64),
    /// A negative whole number from `i64::MIN` to -1.
    NegInt(i64),
    /// Anything with a fraction or an exponent, `-0`, and whole numbers out of the ranges above.
    Float(f64),
}

impl Number {
    pub fn as_f64(self) -> f64 {
        match self {
            Number::PosInt(n) => n as f64,
            Number::NegInt(n) => n as f64,
            Number::Float(f) => f,
        }
    }
}

/// A parsed JSON value. Objects keep their members in order, duplicates included.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The member named `key` of an object (the last one, if the key repeats).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    pub fn as_object(&self) -> Option<&[(String, Value)]> {
        match self {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A whole number from 0 to `u64::MAX` (not `1.0`, not `-1`).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(Number::PosInt(n)) => Some(*n),
            _ => None,
        }
    }

    /// Any number, as the nearest `f64`.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n.as_f64()),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
}

/// Parses one JSON value (whitespace around it allowed, nothing else).
pub fn parse(bytes: &[u8]) -> Result<Value, JsonError> {
    let mut r = Reader::new(bytes);
    let v = r.value(0).map_err(|e| *e)?;
    r.end().map_err(|e| *e)?;
    Ok(v)
}

/// A cursor over JSON bytes. Each method reads one piece at the cursor, after any whitespace.
pub(crate) struct Reader<'a> {
    pub(crate) b: &'a [u8],
    pub(crate) i: usize,
    /// Arrays and objects open at the cursor.
    depth: usize,
    /// [`Reader::open`] fails rather than go deeper than this.
    pub(crate) max_depth: usize,
    /// The whole input as text, when it is known to be valid UTF-8: each string is then a
    /// slice of it, and not checked again (see [`Reader::with_text`]).
    text: Option<&'a str>,
}

type R<T> = Result<T, Box<JsonError>>;

impl<'a> Reader<'a> {
    pub(crate) fn new(b: &'a [u8]) -> Reader<'a> {
        Reader {
            b,
            i: 0,
            depth: 0,
            max_depth: usize::MAX,
            text: None,
        }
    }

    /// A reader over input already checked as UTF-8 as a whole. One pass over all of it costs
    /// less than checking each string on its own (most strings are short, and each check has
    /// its overhead), and skipped strings, which need no check, are rare in a feed. Strings read
    /// the same either way: valid UTF-8 has no invalid string to report.
    pub(crate) fn with_text(text: &'a str) -> Reader<'a> {
        Reader {
            text: Some(text),
            ..Reader::new(text.as_bytes())
        }
    }

    /// The next byte after whitespace, not consumed.
    // Called before every token: a call would cost more than the usual no whitespace at all.
    #[inline(always)]
    pub(crate) fn peek(&mut self) -> Option<u8> {
        while let Some(&c) = self.b.get(self.i) {
            if !matches!(c, b' ' | b'\n' | b'\t' | b'\r') {
                return Some(c);
            }
            self.i += 1;
        }
        None
    }

    /// An error at byte `at` (the input's length for "it ended too soon").
    #[cold]
    pub(crate) fn error_at(&self, at: usize, message: &str) -> Box<JsonError> {
        let at = at.min(self.b.len());
        let before = &self.b[..at];
        let line_start = before
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1);
        Box::new(JsonError {
            line: 1 + before.iter().filter(|&&c| c == b'\n').count(),
            // Characters, not bytes: UTF-8 continuation bytes do not start one.
            column: 1 + before[line_start..]
                .iter()
                .filter(|&&c| c & 0xC0 != 0x80)
                .count(),
            message: message.to_string(),
        })
    }

    #[cold]
    pub(crate) fn error(&self, message: &str) -> Box<JsonError> {
        self.error_at(self.i, message)
    }

    /// An error for what is at the cursor when a value was expected.
    #[cold]
    fn unexpected_byte(&self, eof: &str, other: &str) -> Box<JsonError> {
        self.error(if self.i >= self.b.len() { eof } else { other })
    }

    /// Nothing but whitespace is left.
    pub(crate) fn end(&mut self) -> R<()> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.error("trailing characters")),
        }
    }

    /// Consumes `word` (`true`, `false`, `null`) at the cursor.
    pub(crate) fn literal(&mut self, word: &[u8]) -> R<()> {
        for &expected in word {
            match self.b.get(self.i) {
                None => return Err(self.error("EOF while parsing a value")),
                Some(&c) if c == expected => self.i += 1,
                Some(_) => return Err(self.error("expected ident")),
            }
        }
        Ok(())
    }

    /// Consumes `{` or `[` at the cursor (the caller has peeked it); fails instead past
    /// `max_depth` arrays and objects open.
    pub(crate) fn open(&mut self) -> R<()> {
        if self.depth >= self.max_depth {
            return Err(self.error("recursion limit exceeded"));
        }
        self.depth += 1;
        self.i += 1;
        Ok(())
    }

    /// The next key of an object whose `{` has been consumed, with its `:`; `None` at the `}`.
    /// `first` is true until the first call has returned.
    pub(crate) fn next_key(&mut self, first: &mut bool) -> R<Option<Cow<'a, str>>> {
        if !self.member_follows(first, b'}')? {
            return Ok(None);
        }
        let key = match self.peek() {
            Some(b'"') => self.string()?,
            _ => {
                return Err(
                    self.unexpected_byte("EOF while parsing an object", "key must be a string")
                )
            }
        };
        self.colon()?;
        Ok(Some(key))
    }

    /// Whether another item follows in an array whose `[` has been consumed.
    pub(crate) fn next_item(&mut self, first: &mut bool) -> R<bool> {
        self.member_follows(first, b']')
    }

    /// After `[`/`{` or an item: consumes the `,` before the next one, or the closing bracket.
    fn member_follows(&mut self, first: &mut bool, close: u8) -> R<bool> {
        let (eof, comma_or_end) = if close == b']' {
            ("EOF while parsing a list", "expected `,` or `]`")
        } else {
            ("EOF while parsing an object", "expected `,` or `}`")
        };
        match self.peek() {
            Some(c) if c == close => {
                self.i += 1;
                self.depth = self.depth.saturating_sub(1);
                return Ok(false);
            }
            None => return Err(self.error(eof)),
            Some(b',') if !*first => {
                self.i += 1;
                if self.peek() == Some(close) {
                    return Err(self.error("trailing comma"));
                }
            }
            Some(_) if !*first => return Err(self.error(comma_or_end)),
            Some(_) => {}
        }
        *first = false;
        Ok(true)
    }

    fn colon(&mut self) -> R<()> {
        match self.peek() {
            Some(b':') => {
                self.i += 1;
                Ok(())
            }
            _ => Err(self.unexpected_byte("EOF while parsing an object", "expected `:`")),
        }
    }

    /// A string at the cursor (which is at its `"`), checked and unescaped.
    pub(crate) fn string(&mut self) -> R<Cow<'a, str>> {
        self.i += 1;
        let start = self.i;
        let raw = self.plain_run();
        match self.b.get(self.i) {
            Some(b'"') => {
                self.i += 1;
                // Both ends are next to a `"`, so on character boundaries: `get` cannot fail.
                if let Some(s) = self.text.and_then(|t| t.get(start..self.i - 1)) {
                    return Ok(Cow::Borrowed(s));
                }
                return match std::str::from_utf8(raw) {
                    Ok(s) => Ok(Cow::Borrowed(s)),
                    Err(e) => {
                        Err(self.error_at(start + e.valid_up_to(), "invalid unicode code point"))
                    }
                };
            }
            Some(b'\\') => {}
            Some(_) => {
                return Err(
                    self.error("control character (\\u0000-\\u001F) found while parsing a string")
                )
            }
            None => return Err(self.error("EOF while parsing a string")),
        }
        let mut buf = raw.to_vec();
        loop {
            match self.b.get(self.i) {
                Some(b'"') => {
                    self.i += 1;
                    break;
                }
                Some(b'\\') => {
                    self.i += 1;
                    self.escape(&mut buf)?;
                }
                Some(_) => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                None => return Err(self.error("EOF while parsing a string")),
            }
            buf.extend_from_slice(self.plain_run());
        }
        match String::from_utf8(buf) {
            Ok(s) => Ok(Cow::Owned(s)),
            Err(_) => Err(self.error_at(start, "invalid unicode code point")),
        }
    }

    /// Bytes up to the next `"`, `\` or control character (not consumed).
    #[inline(always)]
    fn plain_run(&mut self) -> &'a [u8] {
        let start = self.i;
        self.i = plain_end(self.b, start);
        &self.b[start..self.i]
    }

    /// One escape after its `\`, appended to `buf` as UTF-8.
    fn escape(&mut self, buf: &mut Vec<u8>) -> R<()> {
        let c = match self.b.get(self.i) {
            Some(&c) => c,
            None => return Err(self.error("EOF while parsing a string")),
        };
        self.i += 1;
        let ch = match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\x08',
            b'f' => '\x0c',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let n = self.hex4()?;
                let code = match n {
                    0xDC00..=0xDFFF => {
                        return Err(self.error("lone leading surrogate in hex escape"))
                    }
                    0xD800..=0xDBFF => {
                        // A leading surrogate must be followed by `\u` and a trailing one.
                        if self.b.get(self.i..self.i + 2) != Some(b"\\u") {
                            return Err(self.error("unexpected end of hex escape"));
                        }
                        self.i += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        0x1_0000 + ((n - 0xD800) << 10) + (low - 0xDC00)
                    }
                    _ => n,
                };
                // Surrogates are excluded above, so this is always a char.
                char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
            }
            _ => return Err(self.error_at(self.i - 1, "invalid escape")),
        };
        let mut tmp = [0u8; 4];
        buf.extend_from_slice(ch.encode_utf8(&mut tmp).as_bytes());
        Ok(())
    }

    fn hex4(&mut self) -> R<u32> {
        let mut n = 0u32;
        for _ in 0..4 {
            let d = match self.b.get(self.i) {
                None => return Err(self.error("EOF while parsing a string")),
                Some(&c) => (c as char).to_digit(16),
            };
            match d {
                Some(d) => n = n * 16 + d,
                None => return Err(self.error("invalid escape")),
            }
            self.i += 1;
        }
        Ok(n)
    }

    /// Skips a string at the cursor, checking only its syntax (escapes well-formed, no control
    /// characters): what a value nobody reads needs.
    fn skip_string(&mut self) -> R<()> {
        self.i += 1;
        loop {
            self.plain_run();
            match self.b.get(self.i) {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.i += 1;
                    match self.b.get(self.i) {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.i += 1,
                        Some(b'u') => {
                            self.i += 1;
                            self.hex4()?;
                        }
                        Some(_) => return Err(self.error("invalid escape")),
                        None => return Err(self.error("EOF while parsing a string")),
                    }
                }
                Some(_) => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                None => return Err(self.error("EOF while parsing a string")),
            }
        }
    }

    /// The extent of a number at the cursor, its syntax checked (RFC 8259).
    fn number_token(&mut self) -> R<&'a [u8]> {
        let b = self.b;
        let start = self.i;
        let digits = |r: &mut Self| -> usize {
            let from = r.i;
            while matches!(b.get(r.i), Some(b'0'..=b'9')) {
                r.i += 1;
            }
            r.i - from
        };
        if b.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        match b.get(self.i) {
            Some(b'0') => {
                self.i += 1;
                if matches!(b.get(self.i), Some(b'0'..=b'9')) {
                    return Err(self.error("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                digits(self);
            }
            None => return Err(self.error("EOF while parsing a value")),
            Some(_) => return Err(self.error("invalid number")),
        }
        if b.get(self.i) == Some(&b'.') {
            self.i += 1;
            if digits(self) == 0 {
                return Err(self.unexpected_byte("EOF while parsing a value", "invalid number"));
            }
        }
        if matches!(b.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(b.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if digits(self) == 0 {
                return Err(self.unexpected_byte("EOF while parsing a value", "invalid number"));
            }
        }
        Ok(&b[start..self.i])
    }

    /// A number at the cursor.
    pub(crate) fn number(&mut self) -> R<Number> {
        let start = self.i;
        let token = self.number_token()?;
        number_value(token).ok_or_else(|| self.error_at(start, "number out of range"))
    }

    /// Skips one value. `strict` checks it as if it were read (strings valid UTF-8 without lone
    /// surrogates, numbers within the range of `f64`); otherwise only its syntax is checked.
    /// `depth` is the nesting already entered.
    pub(crate) fn skip(&mut self, strict: bool, depth: usize) -> R<()> {
        match self.peek() {
            Some(b'"') if strict => self.string().map(drop),
            Some(b'"') => self.skip_string(),
            Some(b'-' | b'0'..=b'9') if strict => self.number().map(drop),
            Some(b'-' | b'0'..=b'9') => self.number_token().map(drop),
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            Some(open @ (b'[' | b'{')) => {
                if depth >= MAX_NESTING {
                    return Err(self.error("recursion limit exceeded"));
                }
                self.open()?;
                let mut first = true;
                if open == b'[' {
                    while self.next_item(&mut first)? {
                        self.skip(strict, depth + 1)?;
                    }
                } else {
                    while self.member_follows(&mut first, b'}')? {
                        match self.peek() {
                            Some(b'"') if strict => drop(self.string()?),
                            Some(b'"') => self.skip_string()?,
                            _ => {
                                return Err(self.unexpected_byte(
                                    "EOF while parsing an object",
                                    "key must be a string",
                                ))
                            }
                        }
                        self.colon()?;
                        self.skip(strict, depth + 1)?;
                    }
                }
                Ok(())
            }
            _ => Err(self.unexpected_byte("EOF while parsing a value", "expected value")),
        }
    }

    /// One value as a [`Value`] tree.
    fn value(&mut self, depth: usize) -> R<Value> {
        Ok(match self.peek() {
            Some(b'"') => Value::String(self.string()?.into_owned()),
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            Some(b't') => {
                self.literal(b"true")?;
                Value::Bool(true)
            }
            Some(b'f') => {
                self.literal(b"false")?;
                Value::Bool(false)
            }
            Some(b'n') => {
                self.literal(b"null")?;
                Value::Null
            }
            Some(open @ (b'[' | b'{')) => {
                if depth >= MAX_NESTING {
                    return Err(self.error("recursion limit exceeded"));
                }
                self.open()?;
                let mut first = true;
                if open == b'[' {
                    let mut items = Vec::new();
                    while self.next_item(&mut first)? {
                        items.push(self.value(depth + 1)?);
                    }
                    Value::Array(items)
                } else {
                    let mut members = Vec::new();
                    while let Some(key) = self.next_key(&mut first)? {
                        members.push((key.into_owned(), self.value(depth + 1)?));
                    }
                    Value::Object(members)
                }
            }
            _ => return Err(self.unexpected_byte("EOF while parsing a value", "expected value")),
        })
    }
}

/// The index of the first `"`, `\\` or control character at or after `i` (or the length): where
/// the plain part of a string ends. Strings are most of a feed, so this looks at eight bytes at
/// a time.
pub(crate) fn plain_end(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let w = u64::from_le_bytes(*chunk);
        let quote = w ^ (ONES * u64::from(b'"'));
        let backslash = w ^ (ONES * u64::from(b'\\'));
        // A byte's high bit is set when it is zero (or, for `w`, below 0x20). A false hit can
        // only follow a true one (it is a borrow from a lower byte), so the lowest flagged byte,
        // the first in the input, is the one sought.
        let special = ((quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (w.wrapping_sub(ONES * 0x20) & !w))
            & HIGHS;
        if special != 0 {
            return i + (special.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            break;
        }
        i += 1;
    }
    i
}

/// The value of a number token whose syntax is checked; `None` when it is too large for `f64`.
///
/// This follows `serde_json`'s default (not `float_roundtrip`) algorithm step by step: the
/// decimal significand is gathered in a `u64` (digits past its range are dropped, and count
/// towards the exponent when they are whole-number digits), then multiplied or divided once by
/// a power of ten from a table. Doing the same keeps every chart value bit for bit what it was.
fn number_value(t: &[u8]) -> Option<Number> {
    let (positive, t) = match t.split_first() {
        Some((b'-', rest)) => (false, rest),
        _ => (true, t),
    };
    let digit = |i: usize| -> Option<u64> {
        match t.get(i) {
            Some(c @ b'0'..=b'9') => Some(u64::from(c - b'0')),
            _ => None,
        }
    };
    // Whether `s * 10 + d` leaves the range of u64 (serde_json's `overflow!`).
    let overflows = |s: u64, d: u64| s >= u64::MAX / 10 && (s > u64::MAX / 10 || d > u64::MAX % 10);

    let mut i = 0;
    let mut significand = 0u64;
    let mut exponent = 0i32;
    if t.first() != Some(&b'0') {
        while let Some(d) = digit(i) {
            if overflows(significand, d) {
                // The remaining whole-number digits only scale the value.
                while digit(i).is_some() {
                    i += 1;
                    exponent += 1;
                }
                break;
            }
            significand = significand * 10 + d;
            i += 1;
        }
    } else {
        i = 1;
    }
    let mut float = exponent != 0;
    if t.get(i) == Some(&b'.') {
        float = true;
        i += 1;
        while let Some(d) = digit(i) {
            i += 1;
            if overflows(significand, d) {
                while digit(i).is_some() {
                    i += 1;
                }
                break;
            }
            significand = significand * 10 + d;
            exponent -= 1;
        }
    }
    if matches!(t.get(i), Some(b'e' | b'E')) {
        float = true;
        i += 1;
        let positive_exp = match t.get(i) {
            Some(b'-') => {
                i += 1;
                false
            }
            Some(b'+') => {
                i += 1;
                true
            }
            _ => true,
        };
        let mut exp = 0i32;
        while let Some(d) = digit(i) {
            let d = d as i32;
            if exp >= i32::MAX / 10 && (exp > i32::MAX / 10 || d > i32::MAX % 10) {
                // An exponent past i32: zero, or out of range.
                if significand != 0 && positive_exp {
                    return None;
                }
                return Some(Number::Float(if positive { 0.0 } else { -0.0 }));
            }
            exp = exp * 10 + d;
            i += 1;
        }
        exponent = if positive_exp {
            exponent.saturating_add(exp)
        } else {
            exponent.saturating_sub(exp)
        };
    }
    if !float {
        return Some(if positive {
            Number::PosInt(significand)
        } else {
            let negative = (significand as i64).wrapping_neg();
            // `-0` and values below i64::MIN are floats.
            if negative >= 0 {
                Number::Float(-(significand as f64))
            } else {
                Number::NegInt(negative)
            }
        });
    }
    let mut f = significand as f64;
    loop {
        match POW10.get(exponent.wrapping_abs() as usize) {
            Some(&pow) => {
                if exponent >= 0 {
                    f *= pow;
                    if f.is_infinite() {
                        return None;
                    }
                } else {
                    f /= pow;
                }
                break;
            }
            None => {
                if f == 0.0 {
                    break;
                }
                if exponent >= 0 {
                    return None;
                }
                f /= 1e308;
                exponent += 308;
            }
        }
    }
    Some(Number::Float(if positive { f } else { -f }))
}

/// 10⁰ … 10³⁰⁸, each the `f64` nearest to it.
static POW10: [f64; 309] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31, 1e32,
    1e33, 1e34, 1e35, 1e36, 1e37, 1e38, 1e39, 1e40, 1e41, 1e42, 1e43, 1e44, 1e45, 1e46, 1e47, 1e48,
    1e49, 1e50, 1e51, 1e52, 1e53, 1e54, 1e55, 1e56, 1e57, 1e58, 1e59, 1e60, 1e61, 1e62, 1e63, 1e64,
    1e65, 1e66, 1e67, 1e68, 1e69, 1e70, 1e71, 1e72, 1e73, 1e74, 1e75, 1e76, 1e77, 1e78, 1e79, 1e80,
    1e81, 1e82, 1e83, 1e84, 1e85, 1e86, 1e87, 1e88, 1e89, 1e90, 1e91, 1e92, 1e93, 1e94, 1e95, 1e96,
    1e97, 1e98, 1e99, 1e100, 1e101, 1e102, 1e103, 1e104, 1e105, 1e106, 1e107, 1e108, 1e109, 1e110,
    1e111, 1e112, 1e113, 1e114, 1e115, 1e116, 1e117, 1e118, 1e119, 1e120, 1e121, 1e122, 1e123,
    1e124, 1e125, 1e126, 1e127, 1e128, 1e129, 1e130, 1e131, 1e132, 1e133, 1e134, 1e135, 1e136,
    1e137, 1e138, 1e139, 1e140, 1e141, 1e142, 1e143, 1e144, 1e145, 1e146, 1e147, 1e148, 1e149,
    1e150, 1e151, 1e152, 1e153, 1e154, 1e155, 1e156, 1e157, 1e158, 1e159, 1e160, 1e161, 1e162,
    1e163, 1e164, 1e165, 1e166, 1e167, 1e168, 1e169, 1e170, 1e171, 1e172, 1e173, 1e174, 1e175,
    1e176, 1e177, 1e178, 1e179, 1e180, 1e181, 1e182, 1e183, 1e184, 1e185, 1e186, 1e187, 1e188,
    1e189, 1e190, 1e191, 1e192, 1e193, 1e194, 1e195, 1e196, 1e197, 1e198, 1e199, 1e200, 1e201,
    1e202, 1e203, 1e204, 1e205, 1e206, 1e207, 1e208, 1e209, 1e210, 1e211, 1e212, 1e213, 1e214,
    1e215, 1e216, 1e217, 1e218, 1e219, 1e220, 1e221, 1e222, 1e223, 1e224, 1e225, 1e226, 1e227,
    1e228, 1e229, 1e230, 1e231, 1e232, 1e233, 1e234, 1e235, 1e236, 1e237, 1e238, 1e239, 1e240,
    1e241, 1e242, 1e243, 1e244, 1e245, 1e246, 1e247, 1e248, 1e249, 1e250, 1e251, 1e252, 1e253,
    1e254, 1e255, 1e256, 1e257, 1e258, 1e259, 1e260, 1e261, 1e262, 1e263, 1e264, 1e265, 1e266,
    1e267, 1e268, 1e269, 1e270, 1e271, 1e272, 1e273, 1e274, 1e275, 1e276, 1e277, 1e278, 1e279,
    1e280, 1e281, 1e282, 1e283, 1e284, 1e285, 1e286, 1e287, 1e288, 1e289, 1e290, 1e291, 1e292,
    1e293, 1e294, 1e295, 1e296, 1e297, 1e298, 1e299, 1e300, 1e301, 1e302, 1e303, 1e304, 1e305,
    1e306, 1e307, 1e308,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<Number> {
        let mut r = Reader::new(s.as_bytes());
        let t = r.number_token().ok()?;
        assert_eq!(t.len(), s.len(), "{s}");
        number_value(t)
    }

    #[test]
    fn whole_numbers_stay_exact_and_keep_their_sign() {
        assert_eq!(num("0"), Some(Number::PosInt(0)));
        assert_eq!(num("18446744073709551615"), Some(Number::PosInt(u64::MAX)));
        assert_eq!(num("-9223372036854775808"), Some(Number::NegInt(i64::MIN)));
        assert_eq!(num("-1"), Some(Number::NegInt(-1)));
        assert!(matches!(num("-0"), Some(Number::Float(f)) if f == 0.0 && f.is_sign_negative()));
        assert_eq!(
            num("18446744073709551616"),
            Some(Number::Float(18446744073709551616.0))
        );
        assert_eq!(num("1.0"), Some(Number::Float(1.0)));
        assert_eq!(num("1e2"), Some(Number::Float(100.0)));
    }

    #[test]
    fn numbers_past_the_range_of_f64_are_refused_and_tiny_ones_are_zero() {
        assert_eq!(num("1e309"), None);
        assert_eq!(num("-1e99999999999"), None);
        assert_eq!(num("1e-99999999999"), Some(Number::Float(0.0)));
        assert_eq!(num("0e99999999999"), Some(Number::Float(0.0)));
        assert_eq!(num("1e-400"), Some(Number::Float(0.0)));
    }

    #[test]
    fn number_syntax_follows_the_json_grammar() {
        for bad in ["01", "-", "1.", "1.e3", "1e", "1e+", "-a", ".5"] {
            let mut r = Reader::new(bad.as_bytes());
            assert!(r.number_token().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_plain_part_of_a_string_ends_at_the_first_quote_backslash_or_control_character() {
        for special in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
            for at in 0..20 {
                let mut b = "中文abc".repeat(4).into_bytes();
                b.truncate(20);
                b[at] = special;
                assert_eq!(plain_end(&b, 0), at, "{special} at {at}");
                assert_eq!(plain_end(&b, at), at);
            }
        }
        let plain = "é中 ~\x7f".repeat(5).into_bytes();
        assert_eq!(plain_end(&plain, 3), plain.len());
        // The bytes just above each special one, which a borrow from it could flag as well.
        for (i, after) in [
            (2, &b"ab\"#]]]]]]]]"[..]),
            (1, b"a\\]]]]]]]]]"),
            (0, b"\x1f ]]]]]]]]"),
        ] {
            assert_eq!(plain_end(after, 0), i, "{after:?}");
        }
    }

    #[test]
    fn strings_unescape_every_escape_and_surrogate_pairs() {
        let v = parse(br#""a\"\\\/\b\f\n\r\t\u00e9\u4e2d\ud83d\ude00""#).unwrap();
        assert_eq!(v, Value::String("a\"\\/\x08\x0c\n\r\té中😀".into()));
    }

    #[test]
    fn strings_read_the_same_from_input_checked_as_a_whole() {
        for s in [
            r#""plain""#,
            r#""中文""#,
            r#""a\nb中""#,
            r#""\u00e9x""#,
            "\"\"",
        ] {
            let mut each = Reader::new(s.as_bytes());
            let mut whole = Reader::with_text(s);
            assert_eq!(each.string().unwrap(), whole.string().unwrap(), "{s}");
            assert_eq!(each.i, whole.i);
        }
    }

    #[test]
    fn lone_surrogates_and_bad_escapes_are_refused() {
        for bad in [
            r#""\ud83d""#,
            r#""\ud83dx""#,
            r#""\ud83d\n""#,
            r#""\ud83d\u0041""#,
            r#""\ude00""#,
            r#""\x""#,
            r#""\u12g4""#,
            "\"a\tb\"",
        ] {
            assert!(parse(bad.as_bytes()).is_err(), "{bad}");
        }
        assert!(parse(b"\"\xff\"").is_err());
    }

    #[test]
    fn a_skipped_string_is_checked_for_syntax_only() {
        for lenient in [&b"\"\\ud800\""[..], b"\"\xff\""] {
            let mut r = Reader::new(lenient);
            assert!(r.skip(false, 0).is_ok());
            let mut r = Reader::new(lenient);
            assert!(r.skip(true, 0).is_err());
        }
        let mut r = Reader::new(b"1e999");
        assert!(r.skip(false, 0).is_ok());
        let mut r = Reader::new(b"1e999");
        assert!(r.skip(true, 0).is_err());
    }

    #[test]
    fn errors_give_the_line_and_the_column_in_characters() {
        let e = parse("{\n  \"标题\": tru }".as_bytes()).unwrap_err();
        assert_eq!(
            e,
            JsonError {
                line: 2,
                column: 12,
                message: "expected ident".into()
            }
        );
        assert_eq!(e.to_string(), "expected ident at line 2, column 12");
    }

    #[test]
    fn malformed_structure_is_refused_with_a_reason() {
        for (bad, reason) in [
            ("", "EOF while parsing a value"),
            ("[1,]", "trailing comma"),
            ("{\"a\":1,}", "trailing comma"),
            ("[1 2]", "expected `,` or `]`"),
            ("{\"a\" 1}", "expected `:`"),
            ("{1:2}", "key must be a string"),
            ("{\"a\":1", "EOF while parsing an object"),
            ("[1", "EOF while parsing a list"),
            ("[] []", "trailing characters"),
            ("nul", "EOF while parsing a value"),
            ("+1", "expected value"),
        ] {
            assert_eq!(parse(bad.as_bytes()).unwrap_err().message, reason, "{bad}");
        }
    }

    #[test]
    fn nesting_past_the_limit_is_refused() {
        let ok = format!("{}{}", "[".repeat(MAX_NESTING), "]".repeat(MAX_NESTING));
        assert!(parse(ok.as_bytes()).is_ok());
        let deep = format!(
            "{}{}",
            "[".repeat(MAX_NESTING + 1),
            "]".repeat(MAX_NESTING + 1)
        );
        assert_eq!(
            parse(deep.as_bytes()).unwrap_err().message,
            "recursion limit exceeded"
        );
    }

    #[test]
    fn values_answer_their_getters() {
        let v = parse(
            br#"{"feeds": ["a.json"], "t": 3, "n": -3, "f": 1.5, "b": true, "z": null, "t": 4}"#,
        )
        .unwrap();
        assert_eq!(
            v.get("feeds")
                .and_then(Value::as_array)
                .map(|a| a[0].as_str()),
            Some(Some("a.json"))
        );
        assert_eq!(v.get("t").and_then(Value::as_u64), Some(4));
        assert_eq!(v.get("n").and_then(Value::as_u64), None);
        assert_eq!(v.get("f").and_then(Value::as_u64), None);
        assert_eq!(v.get("f").and_then(Value::as_f64), Some(1.5));
        assert_eq!(v.get("b").and_then(Value::as_bool), Some(true));
        assert!(v.get("z").is_some_and(Value::is_null));
        assert_eq!(v.get("missing"), None);
        assert_eq!(v.as_object().map(<[_]>::len), Some(7));
    }
}
