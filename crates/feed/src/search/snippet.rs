//! Snippets and marked titles: the original text cut to a window around a match, with every
//! query term occurrence marked.

use super::normalize::{
    is_word_char, normalize_char, normalize_code, normalize_while_into, Normalized, DROPPED,
};
use super::terms::{matches_at, Term};
use super::utf8;
use super::Marked;
use crate::chart::char_width;

/// How wide a snippet is, in half-character units: 50 Chinese characters, or about 100 Latin
/// letters (Latin words need more letters to say as much).
const SNIPPET_WIDTH: usize = 100;
/// How much text comes before the match, in half-character units (12 Chinese characters).
const CONTEXT_BEFORE: usize = 24;
/// How far a window edge moves to avoid cutting a Latin word in two.
const WORD_SNAP: usize = 12;

/// Buffers for making snippets, reused from one hit to the next. They only grow: a window is
/// the first characters of `norm`, however long it is.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    norm: Normalized,
    marks: Vec<(usize, usize)>,
}

/// Whether `text` has a line break or tab, which snippets show as a space.
pub(crate) fn has_breaks(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut k = 0;
    while k < bytes.len() {
        if matches!(bytes[k], b'\n' | b'\r' | b'\t') {
            return true;
        }
        k += 1;
    }
    false
}

/// The whole of `text`, with every occurrence of the terms marked; `plain` is [`Plain::of`] it.
pub(crate) fn marked(text: &str, plain: Plain, terms: &[Term], scratch: &mut Scratch) -> Marked {
    if !plain.drops && terms.iter().all(|t| t.literal) {
        return marked_literally(text, plain, terms, &mut scratch.marks);
    }
    marked_normalised(text, plain.breaks, terms, scratch)
}

/// [`marked`] by normalising `text` and looking for the terms in that, as any term needs;
/// `breaks` is whether [`has_breaks`].
pub(crate) fn marked_normalised(
    text: &str,
    breaks: bool,
    terms: &[Term],
    scratch: &mut Scratch,
) -> Marked {
    let len = normalize_while_into(text, usize::MAX, |_, _| true, &mut scratch.norm);
    let view = View {
        text,
        chars: &scratch.norm.chars[..len],
        offsets: &scratch.norm.offsets[..=len],
        base: 0,
        field_len: len,
        breaks,
    };
    view.segments(0, len, terms, &mut scratch.marks)
}

/// [`marked`] for literal terms in a text normalisation drops nothing from: the terms' bytes are
/// looked for in the original text, which is then not normalised at all.
fn marked_literally(
    text: &str,
    plain: Plain,
    terms: &[Term],
    marks: &mut Vec<(usize, usize)>,
) -> Marked {
    let bytes = text.as_bytes();
    marks.clear();
    for term in terms {
        let needle = term.utf8.as_bytes();
        let (Some(&first), Some(last)) = (needle.first(), bytes.len().checked_sub(needle.len()))
        else {
            continue;
        };
        // Every start, overlapping ones too, character by character.
        let mut b = 0;
        while b <= last {
            let lead = bytes[b];
            if lead == first {
                let mut k = 1;
                while k < needle.len() && bytes[b + k] == needle[k] {
                    k += 1;
                }
                if k == needle.len() {
                    marks.push((b, b + k));
                }
            }
            b += match lead {
                0..=0x7F => 1,
                0x80..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
        }
    }
    if terms.len() > 1 {
        marks.sort_unstable();
    }
    let mut out = Marked {
        text: String::with_capacity(text.len()),
        marks: Vec::with_capacity(marks.len()),
    };
    if plain.shown {
        push_shown(&mut out.text, text, plain.breaks);
    }
    // Overlapping and touching occurrences are one mark, as in [`View::segments`].
    let marks: &[(usize, usize)] = marks;
    let mut i = 0;
    while i < marks.len() {
        let (a, mut b) = marks[i];
        i += 1;
        while i < marks.len() && marks[i].0 <= b {
            b = b.max(marks[i].1);
            i += 1;
        }
        out.marks.push(a..b);
    }
    out
}

/// What showing a title or 文号 unmarked needs to know of it, worked out once when indexing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Plain {
    /// Whether it normalises to anything (not only to variation selectors).
    shown: bool,
    /// Whether it has line breaks or tabs.
    breaks: bool,
    /// Whether normalisation drops any of its characters.
    drops: bool,
}

impl Plain {
    pub fn of(text: &str) -> Plain {
        Plain {
            shown: text.chars().any(|c| normalize_char(c).is_some()),
            breaks: has_breaks(text),
            drops: text.chars().any(|c| normalize_char(c).is_none()),
        }
    }

    /// The whole of `text` (what this was made of) unmarked, for a title or 文号 in which no
    /// term occurs: what [`marked`] makes then, without normalising the text to look for terms.
    pub fn marked(self, text: &str) -> Marked {
        let mut out = Marked::default();
        if self.shown {
            out.text.reserve_exact(text.len());
            push_shown(&mut out.text, text, self.breaks);
        }
        out
    }
}

/// How far past a window edge marks and word boundaries look: one term length and a character.
fn margin(terms: &[Term]) -> usize {
    terms.iter().map(Term::len).max().unwrap_or(0) + 2
}

/// A window of field `text` around the match at normalised position `at` (or its start when
/// there is none), with `…` where the text was cut and every occurrence in the window marked.
///
/// `field_len` is the field's length in normalised characters, `at_byte` the offset in `text`
/// of its character `at`, and `breaks` whether [`has_breaks`]. Only the characters the snippet
/// can reach are normalised, read from the match outwards, so a hit costs about the same in a
/// long field as in a short one.
pub(crate) fn window(
    text: &str,
    field_len: usize,
    at: usize,
    at_byte: usize,
    breaks: bool,
    terms: &[Term],
    scratch: &mut Scratch,
) -> Marked {
    let margin = margin(terms);
    let bytes = text.as_bytes();
    // The snippet ends less than `SNIPPET_WIDTH` units after the match. It starts at most
    // `CONTEXT_BEFORE` units before it, plus one character the last widening can add, unless the
    // end of the field is that close: then the snippet is filled from before, up to
    // `SNIPPET_WIDTH` units. Marks and word boundaries look `margin` characters further. Every
    // character is at least a unit wide, so the characters before the match go in the first
    // `head` places of the buffer, backwards, and the rest after them.
    let head = SNIPPET_WIDTH + 2 + margin;
    let room = 2 * head + 1;
    let norm = &mut scratch.norm;
    if norm.chars.len() < room {
        norm.chars.resize(room, '\0');
        norm.offsets.resize(room + 1, 0);
    }
    // Slices, not vectors: indexing a vector is a call in the size-optimised build.
    let chars: &mut [char] = &mut norm.chars;
    let offsets: &mut [usize] = &mut norm.offsets;
    // From the match on: past `SNIPPET_WIDTH` units, then `margin` more characters.
    let mut after = 0;
    let mut used = 0;
    let mut extra = margin;
    let mut b = at_byte;
    while b < bytes.len() {
        let (c, len) = utf8::decode(bytes, b);
        if let Some(c) = normalize_code_char(bytes[b], c) {
            if used > SNIPPET_WIDTH {
                if extra == 0 {
                    break;
                }
                extra -= 1;
            }
            used += width(c);
            chars[head + after] = c;
            offsets[head + after] = b;
            after += 1;
        }
        b += len;
    }
    offsets[head + after] = b;
    let to_the_end = b == bytes.len();
    // Before the match, backwards: as far as the snippet can start, then `margin` more.
    let reach = if to_the_end {
        SNIPPET_WIDTH
    } else {
        CONTEXT_BEFORE + 2
    };
    let mut before = 0;
    let mut used = 0;
    let mut extra = margin;
    let mut b = at_byte;
    while b > 0 {
        let (c, start) = utf8::decode_before(bytes, b);
        if let Some(c) = normalize_code_char(bytes[start], c) {
            if used > reach {
                if extra == 0 {
                    break;
                }
                extra -= 1;
            }
            used += width(c);
            before += 1;
            chars[head - before] = c;
            offsets[head - before] = start;
        }
        b = start;
    }
    let base = at - before;
    let view = View {
        text,
        chars: &norm.chars[head - before..head + after],
        offsets: &norm.offsets[head - before..=head + after],
        base,
        field_len,
        breaks,
    };
    let len = before + after;
    let chars = view.chars;
    let at = before;
    // The window holds the whole field only when both ends are the field's; otherwise the
    // field has more than `after` characters after the match, too wide to fit.
    let fits = base == 0 && len == field_len && {
        let mut used = 0;
        let mut k = 0;
        while k < len && used <= SNIPPET_WIDTH {
            used += width(chars[k]);
            k += 1;
        }
        used <= SNIPPET_WIDTH
    };
    if fits {
        return view.segments(0, len, terms, &mut scratch.marks);
    }
    // From here on, window positions stand for field positions: the snippet never reaches a
    // window edge that is not also a field edge, so `0` and `len` below are the field's ends.
    // Back up from the match by the context width, then run forward for the snippet width.
    let mut start = at;
    let mut used = 0;
    while start > 0 && used + width(chars[start - 1]) <= CONTEXT_BEFORE {
        start -= 1;
        used += width(chars[start]);
    }
    let mut end = start;
    let mut used = 0;
    while end < len && used + width(chars[end]) <= SNIPPET_WIDTH {
        used += width(chars[end]);
        end += 1;
    }
    // Near the end of the text, take more from before so the snippet is not short.
    while start > 0 && used + width(chars[start - 1]) <= SNIPPET_WIDTH {
        start -= 1;
        used += width(chars[start]);
    }
    let inside_word =
        |i: usize| i > 0 && i < len && is_word_char(chars[i - 1]) && is_word_char(chars[i]);
    if inside_word(start) {
        let limit = (start + WORD_SNAP).min(at);
        if let Some(s) = (start..limit).find(|&i| !inside_word(i)) {
            start = s;
        }
    }
    if inside_word(end) {
        let limit = end.saturating_sub(WORD_SNAP).max(at + 1);
        if let Some(e) = (limit..end).rev().find(|&i| !inside_word(i)) {
            end = e;
        }
    }
    // "… word", not "…  word": the ellipsis already says something was left out.
    while start < at && chars[start].is_whitespace() {
        start += 1;
    }
    while end > at + 1 && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    view.segments(start, end, terms, &mut scratch.marks)
}

/// [`char_width`], with the common cases inlined into the loops that call it for every
/// character of a window.
#[inline(always)]
fn width(c: char) -> usize {
    let u = c as u32;
    if u < 0x1100 {
        1
    } else if matches!(u, 0x4E00..=0x9FFF | 0x3000..=0x303E) {
        2
    } else {
        char_width(c)
    }
}

/// The normalised form of `c`, whose UTF-8 starts with `lead`, or `None` when it is dropped.
#[inline(always)]
fn normalize_code_char(lead: u8, c: u32) -> Option<char> {
    // Most text is CJK ideographs (U+4000–U+9FFF, three bytes from 0xE4 to 0xE9), which
    // normalisation keeps as they are.
    let n = if matches!(lead, 0xE4..=0xE9) {
        c
    } else {
        normalize_code(c)
    };
    if n == DROPPED {
        None
    } else {
        char::from_u32(n)
    }
}

/// Whether `term` matches `hay` at `i`, looking at one character before anything else.
#[inline(always)]
fn starts_at(hay: &[char], i: usize, term: &Term) -> bool {
    hay.get(i) == term.chars.first() && matches_at(hay, i, term)
}

/// Part of a field normalised: characters `base..base + chars.len()` of a field of
/// `field_len`, from the original `text` (`offsets` as in [`Normalized`]). Slices, not
/// vectors: indexing a vector is a call in the size-optimised build.
struct View<'a> {
    text: &'a str,
    chars: &'a [char],
    offsets: &'a [usize],
    base: usize,
    field_len: usize,
    /// Whether `text` has line breaks or tabs to show as spaces.
    breaks: bool,
}

impl View<'_> {
    /// Segments of the original text behind normalised characters `start..end`.
    ///
    /// `start..end` are window positions; marks are looked for one term length around them, which
    /// the window must hold unless it ends where the field does.
    fn segments(
        &self,
        start: usize,
        end: usize,
        terms: &[Term],
        marks: &mut Vec<(usize, usize)>,
    ) -> Marked {
        let View {
            text,
            chars,
            offsets,
            base,
            field_len,
            breaks,
        } = *self;
        let len = chars.len();
        // Marks are found around the window too, so a match cut by the window edge is marked
        // inside it.
        marks.clear();
        for term in terms {
            let from = start.saturating_sub(term.len().saturating_sub(1));
            for i in from..end.min(len) {
                if starts_at(chars, i, term) {
                    marks.push((i, i + term.len()));
                }
            }
        }
        marks.sort_unstable();
        // Original byte offset of normalised position `i`; the field's ends reach the ends of the
        // text, so characters dropped by normalisation there are kept.
        let byte = |i: usize| {
            if base + i == 0 {
                0
            } else if base + i >= field_len {
                text.len()
            } else {
                offsets[i]
            }
        };
        // Room for all of the window and both ellipses, and for every occurrence as a mark of its
        // own (none when there are none).
        let mut out = Marked {
            text: String::with_capacity(byte(end) - byte(start) + 2 * '…'.len_utf8()),
            marks: Vec::with_capacity(marks.len()),
        };
        if base + start > 0 {
            out.text.push('…');
        }
        let marks: &[(usize, usize)] = marks;
        let mut cursor = start;
        let mut i = 0;
        while i < marks.len() {
            let (a, mut b) = marks[i];
            i += 1;
            // Overlapping and touching occurrences are one mark.
            while i < marks.len() && marks[i].0 <= b {
                b = b.max(marks[i].1);
                i += 1;
            }
            let (a, b) = (a.max(start), b.min(end));
            if a >= b {
                continue;
            }
            push_shown(&mut out.text, &text[byte(cursor)..byte(a)], breaks);
            let from = out.text.len();
            push_shown(&mut out.text, &text[byte(a)..byte(b)], breaks);
            out.marks.push(from..out.text.len());
            cursor = b;
        }
        push_shown(&mut out.text, &text[byte(cursor)..byte(end)], breaks);
        if base + end < field_len {
            out.text.push('…');
        }
        out
    }
}

/// Appends `piece` to `to`, with line breaks and tabs as spaces when it may have some.
fn push_shown(to: &mut String, piece: &str, breaks: bool) {
    if breaks && has_breaks(piece) {
        to.extend(piece.chars().map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c => c,
        }));
    } else {
        to.push_str(piece);
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize_mapped;
    use super::super::terms::{find_all, parse_query};
    use super::*;
    use proptest::prelude::*;

    /// The first implementation, which normalised the whole field for every snippet: the
    /// windowed one must cut exactly the same segments.
    /// A marked text as runs: what the reference below makes.
    type Pieces = Vec<(String, bool)>;

    fn pieces(m: &Marked) -> Pieces {
        m.segments()
            .map(|s| (s.text.to_string(), s.marked))
            .collect()
    }

    fn whole_field_window(text: &str, terms: &[Term]) -> Pieces {
        let norm = normalize_mapped(text);
        let chars = &norm.chars;
        let len = chars.len();
        let at = (0..len)
            .find(|&i| terms.iter().any(|t| matches_at(chars, i, t)))
            .unwrap_or(0);
        let fits = chars
            .iter()
            .try_fold(0, |w, &c| {
                Some(w + char_width(c)).filter(|&w| w <= SNIPPET_WIDTH)
            })
            .is_some();
        if fits {
            return whole_field_segments(text, &norm, 0, len, terms);
        }
        let mut start = at;
        let mut used = 0;
        while start > 0 && used + char_width(chars[start - 1]) <= CONTEXT_BEFORE {
            start -= 1;
            used += char_width(chars[start]);
        }
        let mut end = start;
        let mut used = 0;
        while end < len && used + char_width(chars[end]) <= SNIPPET_WIDTH {
            used += char_width(chars[end]);
            end += 1;
        }
        while start > 0 && used + char_width(chars[start - 1]) <= SNIPPET_WIDTH {
            start -= 1;
            used += char_width(chars[start]);
        }
        let inside_word =
            |i: usize| i > 0 && i < len && is_word_char(chars[i - 1]) && is_word_char(chars[i]);
        if inside_word(start) {
            let limit = (start + WORD_SNAP).min(at);
            if let Some(s) = (start..limit).find(|&i| !inside_word(i)) {
                start = s;
            }
        }
        if inside_word(end) {
            let limit = end.saturating_sub(WORD_SNAP).max(at + 1);
            if let Some(e) = (limit..end).rev().find(|&i| !inside_word(i)) {
                end = e;
            }
        }
        while start < at && chars[start].is_whitespace() {
            start += 1;
        }
        while end > at + 1 && chars[end - 1].is_whitespace() {
            end -= 1;
        }
        whole_field_segments(text, &norm, start, end, terms)
    }

    fn whole_field_segments(
        text: &str,
        norm: &Normalized,
        start: usize,
        end: usize,
        terms: &[Term],
    ) -> Pieces {
        let chars = &norm.chars;
        let len = chars.len();
        let mut marks: Vec<(usize, usize)> = Vec::new();
        for term in terms {
            let from = start.saturating_sub(term.len().saturating_sub(1));
            for i in from..end.min(len) {
                if matches_at(chars, i, term) {
                    marks.push((i, i + term.len()));
                }
            }
        }
        marks.sort_unstable();
        let byte = |i: usize| {
            if i == 0 {
                0
            } else if i >= len {
                text.len()
            } else {
                norm.offsets[i]
            }
        };
        let push = |out: &mut Pieces, piece: &str, marked: bool| {
            if piece.is_empty() {
                return;
            }
            let piece = piece.replace(['\n', '\r', '\t'], " ");
            match out.last_mut() {
                Some(last) if last.1 == marked => last.0.push_str(&piece),
                _ => out.push((piece, marked)),
            }
        };
        let mut out: Pieces = Vec::new();
        let mut cursor = start;
        let mut i = 0;
        while i < marks.len() {
            let (a, mut b) = marks[i];
            i += 1;
            while i < marks.len() && marks[i].0 <= b {
                b = b.max(marks[i].1);
                i += 1;
            }
            let (a, b) = (a.max(start), b.min(end));
            if a >= b {
                continue;
            }
            push(&mut out, &text[byte(cursor)..byte(a)], false);
            push(&mut out, &text[byte(a)..byte(b)], true);
            cursor = b;
        }
        push(&mut out, &text[byte(cursor)..byte(end)], false);
        if start > 0 {
            match out.first_mut() {
                Some(first) if !first.1 => first.0.insert(0, '…'),
                _ => out.insert(0, ("…".to_string(), false)),
            }
        }
        if end < len {
            match out.last_mut() {
                Some(last) if !last.1 => last.0.push('…'),
                _ => out.push(("…".to_string(), false)),
            }
        }
        out
    }

    /// The windowed snippet at the first occurrence of any term, as the index finds it.
    fn windowed(text: &str, terms: &[Term]) -> Pieces {
        let norm = normalize_mapped(text);
        let len = norm.chars.len();
        let at = terms
            .iter()
            .filter_map(|t| find_all(&norm.chars, t).next())
            .min()
            .unwrap_or(0);
        let mut scratch = Scratch::default();
        pieces(&window(
            text,
            len,
            at,
            norm.offsets[at],
            has_breaks(text),
            terms,
            &mut scratch,
        ))
    }

    const PIECES: &[&str] = &[
        "政",
        "务",
        "公开",
        "a",
        "b",
        "A",
        "Ｂ",
        "ab ",
        "gov",
        "\u{180B}",
        "\u{180E}",
        "\u{202F}",
        " ",
        "　",
        "\n",
        "\t",
        "\r\n",
        "ᠭ",
        "é",
        "É",
        "1",
        "１",
        "，",
        "。",
        "ＩＰｖ６",
        "𠀀",
    ];
    const TERM_CHARS: &[&str] = &["政", "务", "公", "a", "b", "1", "ᠭ", "é", "，", "6", "v"];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..500).prop_map(|p| p.concat())
    }

    fn query() -> impl Strategy<Value = String> {
        let word =
            prop::collection::vec(prop::sample::select(TERM_CHARS), 1..4).prop_map(|c| c.concat());
        (prop::collection::vec(word, 1..4), any::<bool>())
            .prop_map(|(words, space)| words.join(" ") + if space { " " } else { "" })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn windowed_snippets_equal_whole_field_ones(text in text(), query in query()) {
            let terms = parse_query(&query);
            prop_assert_eq!(windowed(&text, &terms), whole_field_window(&text, &terms));
        }
    }

    #[test]
    fn a_match_deep_in_a_long_field_cuts_the_same_snippet() {
        let filler = "各部门认真贯彻落实\u{180B}，ＡＢＣ open data\n".repeat(300);
        for (text, query) in [
            (format!("{filler}推进政务公开{filler}"), "政务公开"),
            (format!("{filler}推进政务公开{filler}"), "公 data"),
            (format!("{filler}ipv6 改造"), "ipv6 改"),
            (format!("{filler}{filler}"), "abc"),
            (format!("鬯{filler}"), "鬯"),
            (format!("{filler}鬯"), "鬯 ，"),
        ] {
            let terms = parse_query(query);
            assert_eq!(
                windowed(&text, &terms),
                whole_field_window(&text, &terms),
                "{query:?}"
            );
        }
    }

    /// [`marked`] through normalisation, whatever the terms.
    fn marked_normalised_pieces(text: &str, terms: &[Term]) -> Pieces {
        let mut scratch = Scratch::default();
        pieces(&marked_normalised(
            text,
            has_breaks(text),
            terms,
            &mut scratch,
        ))
    }

    const LITERAL_PIECES: &[&str] = &[
        "政", "务", "公开", "政务", "哈", "“", "”", "。", "，", "ａ", "A", "1", "１", "\n", "\t",
        " ", "　", "ᠭ", "𠀀",
    ];
    const LITERAL_TERMS: &[&str] = &["政", "务", "公", "开", "哈", "“", "”", "。", "𠀀"];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn titles_are_marked_the_same_with_or_without_normalising_them(
            text in prop::collection::vec(prop::sample::select(LITERAL_PIECES), 0..60)
                .prop_map(|p| p.concat()),
            words in prop::collection::vec(
                prop::collection::vec(prop::sample::select(LITERAL_TERMS), 1..4)
                    .prop_map(|c| c.concat()),
                1..4,
            ),
        ) {
            let terms = parse_query(&words.join(" "));
            prop_assert!(terms.iter().all(|t| t.literal));
            let plain = Plain::of(&text);
            prop_assert!(!plain.drops);
            let mut scratch = Scratch::default();
            prop_assert_eq!(
                pieces(&marked(&text, plain, &terms, &mut scratch)),
                marked_normalised_pieces(&text, &terms)
            );
        }
    }

    #[test]
    fn a_title_with_dropped_characters_or_latin_terms_is_normalised_to_mark() {
        let mut scratch = Scratch::default();
        for (text, query) in [
            ("ᠭ\u{180B}ᠣ政务", "ᠭᠣ 政"),
            ("ＩＰｖ６改造", "ipv6改 造"),
            ("Gov公开", "gov"),
        ] {
            let terms = parse_query(query);
            assert_eq!(
                pieces(&marked(text, Plain::of(text), &terms, &mut scratch)),
                marked_normalised_pieces(text, &terms),
                "{text:?}"
            );
        }
        assert!(!parse_query("ipv6")[0].literal);
        assert!(parse_query("“政务”")[0].literal);
    }

    #[test]
    fn plain_is_marked_without_terms() {
        let mut scratch = Scratch::default();
        for text in ["", "通知", "a\nb\tc", "\u{180B}", "ᠭ\u{180B}"] {
            assert_eq!(
                Plain::of(text).marked(text),
                marked(text, Plain::of(text), &[], &mut scratch),
                "{text:?}"
            );
        }
    }
}
