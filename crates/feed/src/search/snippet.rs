//! Snippets and marked titles: the original text cut to a window around a match, with every
//! query term occurrence marked.

use super::normalize::{is_word_char, normalize_mapped, Normalized};
use super::terms::{matches_at, Term};
use super::Segment;
use crate::chart::char_width;

/// How wide a snippet is, in half-character units: 50 Chinese characters, or about 100 Latin
/// letters (Latin words need more letters to say as much).
const SNIPPET_WIDTH: usize = 100;
/// How much text comes before the match, in half-character units (12 Chinese characters).
const CONTEXT_BEFORE: usize = 24;
/// How far a window edge moves to avoid cutting a Latin word in two.
const WORD_SNAP: usize = 12;

/// The whole of `text`, with every occurrence of the terms marked.
pub(crate) fn marked(text: &str, terms: &[Term]) -> Vec<Segment> {
    let norm = normalize_mapped(text);
    let len = norm.chars.len();
    segments(text, &norm, 0, len, terms)
}

/// A window of `text` around the first occurrence of any of the terms (or its start when none
/// occurs), with `…` where the text was cut and every occurrence in the window marked.
pub(crate) fn window(text: &str, terms: &[Term]) -> Vec<Segment> {
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
        return segments(text, &norm, 0, len, terms);
    }
    // Back up from the match by the context width, then run forward for the snippet width.
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
    // Near the end of the text, take more from before so the snippet is not short.
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
    // "… word", not "…  word": the ellipsis already says something was left out.
    while start < at && chars[start].is_whitespace() {
        start += 1;
    }
    while end > at + 1 && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    segments(text, &norm, start, end, terms)
}

/// Segments of the original text behind normalised characters `start..end`.
fn segments(
    text: &str,
    norm: &Normalized,
    start: usize,
    end: usize,
    terms: &[Term],
) -> Vec<Segment> {
    let chars = &norm.chars;
    let len = chars.len();
    // Marks are found around the window too, so a match cut by the window edge is marked inside it.
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
    // Original byte offset of normalised position `i`; the ends reach the ends of the text, so
    // characters dropped by normalisation there are kept.
    let byte = |i: usize| {
        if i == 0 {
            0
        } else if i >= len {
            text.len()
        } else {
            norm.offsets[i]
        }
    };
    let mut out: Vec<Segment> = Vec::new();
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
            Some(first) if !first.marked => first.text.insert(0, '…'),
            _ => out.insert(
                0,
                Segment {
                    text: "…".to_string(),
                    marked: false,
                },
            ),
        }
    }
    if end < len {
        match out.last_mut() {
            Some(last) if !last.marked => last.text.push('…'),
            _ => out.push(Segment {
                text: "…".to_string(),
                marked: false,
            }),
        }
    }
    out
}

/// Appends `piece` (line breaks shown as spaces), joining it to the last segment when both are
/// marked or both are not.
fn push(out: &mut Vec<Segment>, piece: &str, marked: bool) {
    if piece.is_empty() {
        return;
    }
    let piece = piece.replace(['\n', '\r', '\t'], " ");
    match out.last_mut() {
        Some(last) if last.marked == marked => last.text.push_str(&piece),
        _ => out.push(Segment {
            text: piece,
            marked,
        }),
    }
}
