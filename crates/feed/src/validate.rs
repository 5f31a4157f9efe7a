//! Feed validation: every problem, each once, with the JSON path of the value at fault.
//!
//! [`validate`] checks what the types cannot: required text, id syntax and uniqueness,
//! cross-references, real dates, allowed URL schemes, accessible media, consistent charts and
//! tables. `docs/feed-format.md` lists the rules; the messages here are what publishers read,
//! so they say what is wrong and, where it helps, what would be right.
//!
//! Paths are built only when a problem is reported, so that a valid 10,000-item feed costs no
//! string formatting.

use crate::hash::{map_with_capacity, IdMap, IdSet};
use crate::model::{
    Chart, ChartKind, Document, Feed, GazetteIssue, Image, Interpretation, Media, Panel, QaItem,
    SCHEMA_MAJOR, SCHEMA_VERSION,
};
use crate::rich::{Block, Inline, Inlines};
use crate::text::LocalText;
use std::collections::hash_map::Entry;
use std::fmt;

/// One thing wrong with a feed: where (a JSON path such as `$.qa[3].documents[0]`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every problem in `feed`, in document order. Empty when the feed is valid.
pub fn validate(feed: &Feed) -> Vec<Problem> {
    let mut c = Checker {
        documents: id_set(feed.documents.iter().map(|d| d.id.as_str())),
        agencies: id_set(feed.agencies.iter().map(|a| a.id.as_str())),
        topics: id_set(feed.topics.iter().map(|t| t.id.as_str())),
        problems: Vec::new(),
    };
    let root = Path::ROOT;
    c.schema(&root.field("schema"), &feed.schema);
    let publisher = root.field("publisher");
    c.required_text(&publisher.field("name"), &feed.publisher.name);
    if let Some(site) = &feed.publisher.site {
        c.web_url(&publisher.field("site"), site);
    }
    if let Some(hotline) = &feed.publisher.hotline {
        c.non_empty(&publisher.field("hotline"), hotline);
    }
    let generated = root.field("generated_at");
    if c.non_empty(&generated, &feed.generated_at) && !is_rfc3339(&feed.generated_at) {
        c.report(
            &generated,
            format!(
                "{:?} is not an RFC 3339 date-time such as \"2019-05-28T08:00:00+08:00\"",
                feed.generated_at
            ),
        );
    }

    let topics = root.field("topics");
    c.ids(&topics, feed.topics.iter().map(|t| t.id.as_str()));
    for (i, t) in feed.topics.iter().enumerate() {
        c.required_text(&topics.index(i).field("name"), &t.name);
    }
    let agencies = root.field("agencies");
    c.ids(&agencies, feed.agencies.iter().map(|a| a.id.as_str()));
    for (i, a) in feed.agencies.iter().enumerate() {
        let p = agencies.index(i);
        c.required_text(&p.field("name"), &a.name);
        if let Some(site) = &a.site {
            c.web_url(&p.field("site"), site);
        }
    }
    let documents = root.field("documents");
    c.ids(&documents, feed.documents.iter().map(|d| d.id.as_str()));
    for (i, d) in feed.documents.iter().enumerate() {
        c.document(&documents.index(i), d);
    }
    let gazette = root.field("gazette");
    c.ids(&gazette, feed.gazette.iter().map(|g| g.id.as_str()));
    let mut issue_numbers: IdMap<(u16, u16), usize> = map_with_capacity(feed.gazette.len());
    for (i, g) in feed.gazette.iter().enumerate() {
        let p = gazette.index(i);
        c.issue(&p, g);
        if g.year > 0 && g.number > 0 {
            if let Some(first) = issue_numbers.insert((g.year, g.number), i) {
                issue_numbers.insert((g.year, g.number), first);
                c.report(
                    &p.field("number"),
                    format!(
                        "issue {} of {} is already at {}",
                        g.number,
                        g.year,
                        gazette.index(first)
                    ),
                );
            }
        }
    }
    let qa = root.field("qa");
    c.ids(&qa, feed.qa.iter().map(|q| q.id.as_str()));
    for (i, q) in feed.qa.iter().enumerate() {
        c.qa(&qa.index(i), q);
    }
    let interpretations = root.field("interpretations");
    c.ids(
        &interpretations,
        feed.interpretations.iter().map(|x| x.id.as_str()),
    );
    for (i, x) in feed.interpretations.iter().enumerate() {
        c.interpretation(&interpretations.index(i), x);
    }
    c.problems
}

/// An id is URL-safe: non-empty, only `A-Z a-z 0-9 . _ -`, so it can stand in a route as is.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// A real calendar date written `YYYY-MM-DD` (leap years included).
pub fn is_valid_date(s: &str) -> bool {
    parse_date(s).is_some()
}

/// `YYYY-MM-DD` as (year, month, day), when it is a real date.
pub fn parse_date(s: &str) -> Option<(u16, u8, u8)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?);
    if y == 0 || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some((y as u16, m as u8, d as u8))
}

/// An RFC 3339 date-time: `2019-05-28T08:00:00+08:00`, `2019-05-28T00:00:00.5Z`.
pub fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 20 || !is_valid_date(&s[..10]) || !matches!(b[10], b'T' | b't' | b' ') {
        return false;
    }
    let time = &b[11..];
    let two = |r: std::ops::Range<usize>, max: u32| digits(&time[r]).is_some_and(|v| v <= max);
    if !(two(0..2, 23) && time[2] == b':' && two(3..5, 59) && time[5] == b':' && two(6..8, 60)) {
        return false;
    }
    let mut rest = &time[8..];
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    match rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            digits(&[*h1, *h2]).is_some_and(|h| h <= 23)
                && digits(&[*m1, *m2]).is_some_and(|m| m <= 59)
        }
        _ => false,
    }
}

/// Checks a link's target: `https:`, `http:`, `mailto:`, `tel:`, or a path inside the app
/// (`/qa/…`, `#section`). The reason is a message for the publisher.
pub fn check_link_url(href: &str) -> Result<(), String> {
    check_plain(href)?;
    if let Some(scheme) = scheme_of(href) {
        return match scheme.to_ascii_lowercase().as_str() {
            "http" | "https" => check_web(href),
            "mailto" | "tel" if href.len() > scheme.len() + 1 => Ok(()),
            "mailto" | "tel" => Err(format!("{href:?} has no address after {scheme:?}")),
            _ => Err(format!(
                "{href:?} has a scheme that is not allowed: use https, http, mailto or tel, or a path inside the app"
            )),
        };
    }
    if (href.starts_with('/') && !href.starts_with("//")) || href.starts_with('#') {
        return no_dot_dot(href);
    }
    Err(format!(
        "{href:?} is not an allowed link: use an https, http, mailto or tel URL, or a path inside the app starting with / or #"
    ))
}

/// Checks where an image, a medium or a PDF is loaded from: `https:`, `http:`, or a relative
/// path (no scheme, no `..`) next to the feed.
pub fn check_resource_url(src: &str) -> Result<(), String> {
    check_plain(src)?;
    match scheme_of(src) {
        Some(scheme) if matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") => {
            check_web(src)
        }
        Some(scheme) => Err(format!(
            "{src:?} has a scheme that is not allowed ({scheme}:): use https, http or a relative path"
        )),
        None if src.starts_with("//") => Err(format!(
            "{src:?} has no scheme: write https:// in full, or use a relative path"
        )),
        None => no_dot_dot(src),
    }
}

/// The feed's own web address fields (sites, source pages): `https:` or `http:`.
pub fn check_web_url(url: &str) -> Result<(), String> {
    check_plain(url)?;
    match scheme_of(url) {
        Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
            check_web(url)
        }
        _ => Err(format!("{url:?} is not an https or http URL")),
    }
}

fn check_plain(url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Err("must not be empty".to_string());
    }
    // Almost every URL is printable ASCII, which has neither: the characters are looked at only
    // when there is another byte.
    if !is_printable_ascii(url.as_bytes())
        && url.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(format!("{url:?} contains spaces or control characters"));
    }
    Ok(())
}

/// Whether every byte is printable ASCII (`!` to `~`). A feed's URLs are most of its ASCII, so
/// this looks at eight bytes at a time.
fn is_printable_ascii(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut rest = b;
    while let Some((word, after)) = rest.split_first_chunk::<8>() {
        let w = u64::from_le_bytes(*word);
        // A high bit flags a byte below `!` (a borrow can only spread from such a byte), or one
        // above `~` (a carry can only spread from a byte that has its high bit already).
        let below = w.wrapping_sub(ONES * 0x21) & !w;
        let above = w.wrapping_add(ONES) | w;
        if (below | above) & HIGHS != 0 {
            return false;
        }
        rest = after;
    }
    rest.iter().all(u8::is_ascii_graphic)
}

/// Where the first `:` is. (A byte search: `str::find` prepares a searcher first, which costs
/// more than the few bytes before a scheme's colon.)
fn colon(url: &str) -> Option<usize> {
    url.bytes().position(|b| b == b':')
}

fn check_web(url: &str) -> Result<(), String> {
    let after = &url[colon(url).map_or(0, |i| i + 1)..];
    // The authority ends at the first `/`, `?` or `#`; the host follows its last `@`. (ASCII
    // bytes: never inside a multi-byte character, so the slices stay on character boundaries.)
    let host = after.strip_prefix("//").map(|h| {
        let end = h
            .bytes()
            .position(|b| matches!(b, b'/' | b'?' | b'#'))
            .unwrap_or(h.len());
        let authority = &h[..end];
        &authority[authority
            .bytes()
            .rposition(|b| b == b'@')
            .map_or(0, |i| i + 1)..]
    });
    match host {
        Some(h) if !matches!(h.as_bytes().first(), None | Some(b':')) => Ok(()),
        _ => Err(format!("{url:?} has no host")),
    }
}

/// The URL scheme (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`), when there is one.
fn scheme_of(url: &str) -> Option<&str> {
    let end = colon(url)?;
    let scheme = &url[..end];
    // ASCII only, so bytes say what characters would: a byte of a longer character is neither.
    let (first, rest) = scheme.as_bytes().split_first()?;
    (first.is_ascii_alphabetic()
        && rest
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))
    .then_some(scheme)
}

/// Relative paths stay under the feed's directory.
fn no_dot_dot(path: &str) -> Result<(), String> {
    let path_part = path.split(['?', '#']).next().unwrap_or_default();
    let escapes = path_part.split(['/', '\\']).any(|seg| {
        let decoded = seg.replace("%2e", ".").replace("%2E", ".");
        decoded == ".."
    });
    if escapes {
        Err(format!("{path:?} must not contain \"..\""))
    } else {
        Ok(())
    }
}

/// `1 cell`, `3 cells`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// A JSON path as a chain of segments on the stack; rendered only for a problem.
#[derive(Clone, Copy)]
struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    seg: Seg<'a>,
}

#[derive(Clone, Copy)]
enum Seg<'a> {
    Root,
    Field(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    const ROOT: Path<'static> = Path {
        parent: None,
        seg: Seg::Root,
    };

    fn field(&'a self, name: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Field(name),
        }
    }

    fn index(&'a self, i: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Index(i),
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            parent.fmt(f)?;
        }
        match self.seg {
            Seg::Root => f.write_str("$"),
            Seg::Field(name) => write!(f, ".{name}"),
            Seg::Index(i) => write!(f, "[{i}]"),
        }
    }
}

/// The ids of one collection, sized at once (it is built from a slice).
fn id_set<'f>(ids: impl ExactSizeIterator<Item = &'f str>) -> IdSet<&'f str> {
    let mut set = IdSet::with_capacity_and_hasher(ids.len(), Default::default());
    set.extend(ids);
    set
}

struct Checker<'f> {
    documents: IdSet<&'f str>,
    agencies: IdSet<&'f str>,
    topics: IdSet<&'f str>,
    problems: Vec<Problem>,
}

impl<'f> Checker<'f> {
    fn report(&mut self, path: &Path, message: impl Into<String>) {
        self.problems.push(Problem::new(path.to_string(), message));
    }

    /// Reports an empty string; true when it is not empty.
    fn non_empty(&mut self, path: &Path, s: &str) -> bool {
        // What `trim().is_empty()` says, without looking past the first character that is not
        // white space.
        if s.chars().all(char::is_whitespace) {
            self.report(path, "must not be empty");
            false
        } else {
            true
        }
    }

    fn required_text(&mut self, path: &Path, t: &LocalText) {
        if t.is_empty() {
            self.report(path, "must not be empty");
        }
    }

    fn optional_text(&mut self, path: &Path, t: &Option<LocalText>) {
        if let Some(t) = t {
            self.required_text(path, t);
        }
    }

    fn schema(&mut self, path: &Path, schema: &str) {
        if !self.non_empty(path, schema) {
            return;
        }
        match schema_major(schema) {
            None => self.report(
                path,
                format!("{schema:?} is not a version of the form MAJOR.MINOR, such as \"{SCHEMA_VERSION}\""),
            ),
            Some(major) if major != SCHEMA_MAJOR => self.report(
                path,
                format!("version {schema:?} is not supported; this reader supports \"{SCHEMA_VERSION}\""),
            ),
            Some(_) => {}
        }
    }

    /// Id syntax and uniqueness within one collection; a duplicate is reported where it repeats.
    fn ids<'i>(&mut self, collection: &Path, ids: impl ExactSizeIterator<Item = &'i str>) {
        let mut seen: IdMap<&str, usize> = map_with_capacity(ids.len());
        for (i, id) in ids.enumerate() {
            let item = collection.index(i);
            let path = item.field("id");
            if !self.id_syntax(&path, id) {
                continue;
            }
            match seen.entry(id) {
                Entry::Occupied(first) => self.report(
                    &path,
                    format!(
                        "duplicate id {id:?}, first used at {}",
                        collection.index(*first.get())
                    ),
                ),
                Entry::Vacant(slot) => {
                    slot.insert(i);
                }
            }
        }
    }

    fn id_syntax(&mut self, path: &Path, id: &str) -> bool {
        if id.is_empty() {
            self.report(path, "must not be empty");
            false
        } else if !is_valid_id(id) {
            self.report(
                path,
                format!("{id:?} is not a valid id: use only letters, digits, '.', '_' and '-'"),
            );
            false
        } else {
            true
        }
    }

    fn date(&mut self, path: &Path, date: &str) {
        if self.non_empty(path, date) && !is_valid_date(date) {
            self.report(
                path,
                format!("{date:?} is not a real date of the form YYYY-MM-DD"),
            );
        }
    }

    fn web_url(&mut self, path: &Path, url: &str) {
        if let Err(e) = check_web_url(url) {
            self.report(path, e);
        }
    }

    fn resource_url(&mut self, path: &Path, url: &str) {
        if let Err(e) = check_resource_url(url) {
            self.report(path, e);
        }
    }

    fn reference(&mut self, path: &Path, id: &str, kind: Ref) {
        if !self.non_empty(path, id) {
            return;
        }
        let known = match kind {
            Ref::Document => &self.documents,
            Ref::Agency => &self.agencies,
            Ref::Topic => &self.topics,
        };
        if !known.contains(id) {
            self.report(path, format!("no {} with id {id:?}", kind.name()));
        }
    }

    fn references(&mut self, path: &Path, ids: &[String], kind: Ref) {
        for (i, id) in ids.iter().enumerate() {
            self.reference(&path.index(i), id, kind);
        }
    }

    fn document(&mut self, p: &Path, d: &Document) {
        self.required_text(&p.field("title"), &d.title);
        if let Some(n) = &d.number {
            self.non_empty(&p.field("number"), n);
        }
        self.reference(&p.field("agency"), &d.agency, Ref::Agency);
        self.optional_text(&p.field("addressees"), &d.addressees);
        self.date(&p.field("issued"), &d.issued);
        if let Some(e) = &d.effective {
            self.date(&p.field("effective"), e);
        }
        self.references(&p.field("topics"), &d.topics, Ref::Topic);
        self.rich_text(&p.field("body"), &d.body);
        if let Some(url) = &d.source_url {
            self.web_url(&p.field("source_url"), url);
        }
    }

    fn issue(&mut self, p: &Path, g: &GazetteIssue) {
        let year = p.field("year");
        if g.year == 0 {
            self.report(&year, "must not be empty");
        }
        if g.number == 0 {
            self.report(&p.field("number"), "must be 1 or more");
        }
        self.required_text(&p.field("label"), &g.label);
        let published = p.field("published");
        self.date(&published, &g.published);
        if let Some((y, _, _)) = parse_date(&g.published) {
            if g.year != 0 && g.year != y {
                self.report(
                    &year,
                    format!(
                        "{} does not match the year of published {:?}",
                        g.year, g.published
                    ),
                );
            }
        }
        if let Some(cover) = &g.cover {
            self.image(&p.field("cover"), cover);
        }
        if let Some(pdf) = &g.pdf_url {
            self.resource_url(&p.field("pdf_url"), pdf);
        }
        let sections = p.field("sections");
        for (i, s) in g.sections.iter().enumerate() {
            let sp = sections.index(i);
            self.required_text(&sp.field("title"), &s.title);
            self.references(&sp.field("documents"), &s.documents, Ref::Document);
        }
    }

    fn qa(&mut self, p: &Path, q: &QaItem) {
        self.required_text(&p.field("question"), &q.question);
        let answer = p.field("answer");
        if q.answer.is_empty() {
            self.report(&answer, "must not be empty");
        }
        self.rich_text(&answer, &q.answer);
        self.references(&p.field("topics"), &q.topics, Ref::Topic);
        self.references(&p.field("documents"), &q.documents, Ref::Document);
        self.date(&p.field("updated"), &q.updated);
    }

    fn interpretation(&mut self, p: &Path, x: &Interpretation) {
        self.required_text(&p.field("title"), &x.title);
        self.required_text(&p.field("summary"), &x.summary);
        let documents = p.field("documents");
        if x.documents.is_empty() {
            self.report(&documents, "must list the documents it interprets");
        }
        self.references(&documents, &x.documents, Ref::Document);
        self.date(&p.field("published"), &x.published);
        self.reference(&p.field("agency"), &x.agency, Ref::Agency);
        self.references(&p.field("topics"), &x.topics, Ref::Topic);
        if let Some(cover) = &x.cover {
            self.image(&p.field("cover"), cover);
        }
        let panels = p.field("panels");
        if x.panels.is_empty() {
            self.report(&panels, "must have at least one panel");
        }
        for (i, panel) in x.panels.iter().enumerate() {
            let pp = panels.index(i);
            match panel {
                Panel::Image(img) => self.image(&pp, img),
                Panel::Text { body } => {
                    let bp = pp.field("body");
                    if body.is_empty() {
                        self.report(&bp, "must not be empty");
                    }
                    self.rich_text(&bp, body);
                }
                Panel::Chart(chart) => self.chart(&pp, chart),
                Panel::Audio(m) | Panel::Video(m) => self.media(&pp, m),
            }
        }
    }

    fn image(&mut self, p: &Path, img: &Image) {
        self.resource_url(&p.field("src"), &img.src);
        if img.width == 0 {
            self.report(&p.field("width"), "must be greater than 0");
        }
        if img.height == 0 {
            self.report(&p.field("height"), "must be greater than 0");
        }
        if img.alt.is_empty() {
            self.report(
                &p.field("alt"),
                "must not be empty: describe the image for readers who cannot see it",
            );
        }
        self.optional_text(&p.field("caption"), &img.caption);
    }

    fn media(&mut self, p: &Path, m: &Media) {
        self.resource_url(&p.field("src"), &m.src);
        self.required_text(&p.field("title"), &m.title);
        if let Some(mime) = &m.mime {
            self.non_empty(&p.field("mime"), mime);
        }
        if let Some(poster) = &m.poster {
            self.image(&p.field("poster"), poster);
        }
        let transcript = p.field("transcript");
        if m.transcript.is_empty() {
            self.report(
                &transcript,
                "must not be empty: audio and video need a transcript",
            );
        }
        self.rich_text(&transcript, &m.transcript);
    }

    fn chart(&mut self, p: &Path, c: &Chart) {
        self.required_text(&p.field("title"), &c.title);
        self.required_text(&p.field("source"), &c.source);
        let labels = p.field("labels");
        if c.labels.is_empty() {
            self.report(&labels, "must have at least one label");
        }
        for (i, l) in c.labels.iter().enumerate() {
            self.required_text(&labels.index(i), l);
        }
        self.optional_text(&p.field("x_label"), &c.x_label);
        self.optional_text(&p.field("y_label"), &c.y_label);
        let series = p.field("series");
        if c.series.is_empty() {
            self.report(&series, "must have at least one series");
        } else if c.kind == ChartKind::Pie && c.series.len() != 1 {
            self.report(
                &series,
                format!(
                    "a pie chart has exactly one series, found {}",
                    c.series.len()
                ),
            );
        }
        for (i, s) in c.series.iter().enumerate() {
            let sp = series.index(i);
            if c.series.len() > 1 {
                self.required_text(&sp.field("name"), &s.name);
            }
            let values = sp.field("values");
            if s.values.len() != c.labels.len() {
                self.report(
                    &values,
                    format!(
                        "has {} for {}",
                        count(s.values.len(), "value"),
                        count(c.labels.len(), "label")
                    ),
                );
            }
            let mut all_finite = true;
            for (j, v) in s.values.iter().enumerate() {
                if !v.is_finite() {
                    all_finite = false;
                    self.report(&values.index(j), "must be a finite number");
                } else if c.kind == ChartKind::Pie && *v < 0.0 {
                    self.report(&values.index(j), "a pie chart value must not be negative");
                }
            }
            if c.kind == ChartKind::Pie && all_finite && s.values.iter().all(|v| *v >= 0.0) {
                let total: f64 = s.values.iter().sum();
                if total <= 0.0 || !total.is_finite() {
                    self.report(&values, "a pie chart needs a positive total");
                }
            }
        }
    }

    fn rich_text(&mut self, p: &Path, body: &[Block]) {
        let mut heading_ids: IdMap<&str, usize> = IdMap::default();
        let mut heading_ordinal = 0usize;
        for (i, block) in body.iter().enumerate() {
            let bp = p.index(i);
            match block {
                Block::Heading { level, text, id } => {
                    heading_ordinal += 1;
                    if !(1..=6).contains(level) {
                        self.report(
                            &bp.field("level"),
                            format!("heading level {level} is not between 1 and 6"),
                        );
                    }
                    self.required_inlines(&bp.field("text"), text);
                    if let Some(id) = id {
                        let ip = bp.field("id");
                        if self.id_syntax(&ip, id) {
                            if let Some(&first) = heading_ids.get(id.as_str()) {
                                self.report(
                                    &ip,
                                    format!(
                                        "duplicate heading id {id:?}, first used at {}",
                                        p.index(first)
                                    ),
                                );
                            } else if is_derived_anchor_of_another(id, heading_ordinal) {
                                self.report(
                                    &ip,
                                    format!("heading id {id:?} is reserved: ids of the form s-<number> name headings by their position"),
                                );
                            } else {
                                heading_ids.insert(id, i);
                            }
                        }
                    }
                }
                Block::Paragraph { text } => self.required_inlines(&bp.field("text"), text),
                Block::List { items, .. } => {
                    let ip = bp.field("items");
                    if items.is_empty() {
                        self.report(&ip, "must have at least one item");
                    }
                    for (j, item) in items.iter().enumerate() {
                        self.required_inlines(&ip.index(j), item);
                    }
                }
                Block::Table {
                    caption,
                    header,
                    rows,
                } => {
                    self.optional_text(&bp.field("caption"), caption);
                    let hp = bp.field("header");
                    for (j, cell) in header.iter().enumerate() {
                        self.inlines(&hp.index(j), cell);
                    }
                    let rp = bp.field("rows");
                    if rows.is_empty() {
                        self.report(&rp, "must have at least one row");
                    }
                    for (r, row) in rows.iter().enumerate() {
                        let rowp = rp.index(r);
                        if !header.is_empty() && row.len() != header.len() {
                            self.report(
                                &rowp,
                                format!(
                                    "has {} but the header has {}",
                                    count(row.len(), "cell"),
                                    header.len()
                                ),
                            );
                        }
                        for (j, cell) in row.iter().enumerate() {
                            self.inlines(&rowp.index(j), cell);
                        }
                    }
                }
                Block::Quote { text, cite } => {
                    self.required_inlines(&bp.field("text"), text);
                    self.optional_text(&bp.field("cite"), cite);
                }
                Block::Image(img) => self.image(&bp, img),
            }
        }
    }

    fn required_inlines(&mut self, p: &Path, text: &Inlines) {
        let empty = text.0.iter().all(|run| match run {
            Inline::DocumentRef { .. } => false,
            other => other.label().is_none_or(LocalText::is_empty),
        });
        if empty {
            self.report(p, "must not be empty");
        }
        self.inlines(p, text);
    }

    /// A single run is reported at the field itself (it may be written as a bare string or
    /// object); runs of an array at their index.
    fn inlines(&mut self, p: &Path, text: &Inlines) {
        let single = text.0.len() == 1;
        for (j, run) in text.0.iter().enumerate() {
            let indexed = p.index(j);
            let rp = if single { *p } else { indexed };
            match run {
                Inline::Link { href, .. } => {
                    if let Err(e) = check_link_url(href) {
                        self.report(&rp, e);
                    }
                }
                Inline::DocumentRef { document, .. } => {
                    self.reference(&rp, document, Ref::Document)
                }
                Inline::Text(_) | Inline::Emphasis(_) | Inline::Strong(_) => {}
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Ref {
    Document,
    Agency,
    Topic,
}

impl Ref {
    fn name(self) -> &'static str {
        match self {
            Ref::Document => "document",
            Ref::Agency => "agency",
            Ref::Topic => "topic",
        }
    }
}

/// The major version of a `MAJOR.MINOR` schema string.
pub fn schema_major(schema: &str) -> Option<u32> {
    let (major, minor) = schema.split_once('.')?;
    let number = |s: &str| -> Option<u32> {
        if s.is_empty() || s.len() > 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    number(minor)?;
    number(major)
}

/// `s-<n>` names the n-th heading when it has no id of its own (see
/// [`crate::catalog::outline`]); another heading taking it would make two anchors collide.
fn is_derived_anchor_of_another(id: &str, ordinal: usize) -> bool {
    id.strip_prefix("s-")
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .is_some_and(|n| n.parse::<usize>() != Ok(ordinal))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_days_are_real_only_in_leap_years() {
        assert!(is_valid_date("2020-02-29"));
        assert!(is_valid_date("2000-02-29"));
        assert!(!is_valid_date("1900-02-29"));
        assert!(!is_valid_date("2019-02-29"));
        assert!(!is_valid_date("2019-04-31"));
        assert!(!is_valid_date("2019-4-30"));
        assert!(!is_valid_date("2019-00-10"));
        assert!(!is_valid_date("２０１９-01-01"));
    }

    #[test]
    fn rfc3339_date_times_need_a_zone() {
        assert!(is_rfc3339("2019-05-28T08:00:00+08:00"));
        assert!(is_rfc3339("2019-05-28T08:00:00.123Z"));
        assert!(!is_rfc3339("2019-05-28T08:00:00"));
        assert!(!is_rfc3339("2019-05-28"));
        assert!(!is_rfc3339("2019-05-28T24:00:00Z"));
        assert!(!is_rfc3339("2019-02-30T08:00:00Z"));
        assert!(!is_rfc3339("2019-05-28T08:00:00.Z"));
    }

    #[test]
    fn links_allow_web_mail_phone_and_app_paths_only() {
        assert!(check_link_url("https://www.nmg.gov.cn/").is_ok());
        assert!(check_link_url("HTTP://example.org").is_ok());
        assert!(check_link_url("mailto:gk@nmg.gov.cn").is_ok());
        assert!(check_link_url("tel:12345").is_ok());
        assert!(check_link_url("/qa/q-1").is_ok());
        assert!(check_link_url("#s-2").is_ok());
        assert!(check_link_url("javascript:alert(1)").is_err());
        assert!(check_link_url("JavaScript:alert(1)").is_err());
        assert!(check_link_url("data:text/html,x").is_err());
        assert!(check_link_url("//evil.example").is_err());
        assert!(check_link_url("https://").is_err());
        assert!(check_link_url("qa/q-1").is_err());
        assert!(check_link_url("https://a b").is_err());
    }

    #[test]
    fn resources_allow_web_urls_and_relative_paths_that_stay_inside() {
        assert!(check_resource_url("media/a.png").is_ok());
        assert!(check_resource_url("https://cdn.example/a.png").is_ok());
        assert!(check_resource_url("../secret.png").is_err());
        assert!(check_resource_url("media/%2e%2e/x.png").is_err());
        assert!(check_resource_url("data:image/png;base64,AAAA").is_err());
        assert!(check_resource_url("file:///etc/passwd").is_err());
        assert!(check_resource_url("").is_err());
    }

    #[test]
    fn printable_ascii_is_told_apart_by_words_as_byte_by_byte() {
        let mut edge = Vec::new();
        for b in [0x00, 0x1f, 0x20, 0x21, 0x22, 0x7e, 0x7f, 0x80, 0xfe, 0xff] {
            for at in 0..17 {
                let mut s = vec![b'a'; 17];
                s[at] = b;
                edge.push(s);
            }
        }
        edge.push(b"https://zh.wikisource.org/wiki/%E5%B9%B4".to_vec());
        edge.push(Vec::new());
        for s in edge {
            assert_eq!(
                is_printable_ascii(&s),
                s.iter().all(u8::is_ascii_graphic),
                "{s:?}"
            );
        }
    }

    #[test]
    fn schemes_are_a_letter_then_letters_digits_plus_minus_or_dots() {
        assert_eq!(scheme_of("https://a"), Some("https"));
        assert_eq!(scheme_of("a+b-c.1:x"), Some("a+b-c.1"));
        assert_eq!(scheme_of("1a:x"), None);
        assert_eq!(scheme_of(":x"), None);
        assert_eq!(scheme_of("é:x"), None);
        assert_eq!(scheme_of("hé:x"), None);
        assert_eq!(scheme_of("media/a.png"), None);
    }

    #[test]
    fn schema_versions_are_major_dot_minor() {
        assert_eq!(schema_major("1.0"), Some(1));
        assert_eq!(schema_major("1.12"), Some(1));
        assert_eq!(schema_major("2.0"), Some(2));
        assert_eq!(schema_major("1"), None);
        assert_eq!(schema_major("1.0.0"), None);
        assert_eq!(schema_major("v1.0"), None);
    }
}
