//! Query terms and what it means for a term to match.
//!
//! A query is split at whitespace into terms; an item matches when every term matches (AND).
//! A term matches a piece of normalised text as follows:
//!
//! - A term with any character outside the word scripts (Chinese, Mongolian script,
//!   punctuation, e.g. `改造`, `〔2019〕`, `IPV6改造`) matches wherever it occurs as a substring.
//!   This is what makes Chinese search exact without a dictionary.
//! - A term made only of Latin, Greek or Cyrillic letters and digits (`gov`, `2019`, `ipv6`)
//!   must start at the start of a word, so `gov` does not match inside `ungoverned`. A word
//!   starts wherever the character before it is not a letter or digit, Chinese included:
//!   `2019` matches in `〔2019〕` and in `2019年`.
//!   - The last term of the query is still being typed, so it matches as a word prefix
//!     (`gov` finds `government`).
//!   - Earlier terms, and the last one once the query ends with a space, are finished words and
//!     match whole words only (`tax` does not find `taxi`).
//!
//! Neither side ever spans two fields of an item (two paragraphs, a title and a body).

use super::normalize::{is_word_char, normalize};

/// One normalised query term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    pub chars: Vec<char>,
    /// Made only of word characters, so it must begin at a word start.
    pub wordy: bool,
    /// A finished word: it must also end at a word end.
    pub whole: bool,
    /// `chars` as UTF-8.
    pub utf8: String,
    /// Every character is one that only itself normalises to (Chinese, Mongolian script's
    /// neighbours above U+1EFF, most punctuation): where no character is dropped, the term then
    /// occurs in the original text byte for byte exactly where it occurs in the normalised text.
    pub literal: bool,
}

impl Term {
    pub fn len(&self) -> usize {
        self.chars.len()
    }
}

/// The terms of a query, normalised, without repeats. Empty for a blank query.
pub(crate) fn parse_query(text: &str) -> Vec<Term> {
    let normalized = normalize(text);
    let finished = normalized.ends_with(char::is_whitespace);
    let words: Vec<&str> = normalized.split_whitespace().collect();
    let mut terms: Vec<Term> = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        let chars: Vec<char> = word.chars().collect();
        let wordy = chars.iter().all(|&c| is_word_char(c));
        let whole = wordy && (finished || i + 1 < words.len());
        match terms.iter_mut().find(|t| t.chars == chars) {
            // The same word twice: both must hold, and a whole word is the stricter.
            Some(seen) => seen.whole |= whole,
            None => terms.push(Term {
                literal: chars.iter().all(|&c| c as u32 > 0x1EFF),
                chars,
                wordy,
                whole,
                utf8: word.to_string(),
            }),
        }
    }
    terms
}

/// Whether `term` matches `hay` starting at character `i`.
pub(crate) fn matches_at(hay: &[char], i: usize, term: &Term) -> bool {
    let end = i + term.len();
    if term.chars.is_empty() || end > hay.len() || hay[i..end] != term.chars[..] {
        return false;
    }
    if term.wordy && i > 0 && is_word_char(hay[i - 1]) {
        return false;
    }
    if term.whole && end < hay.len() && is_word_char(hay[end]) {
        return false;
    }
    true
}

/// Every start (overlapping ones included) where `term` matches in `hay`.
pub(crate) fn find_all<'a>(hay: &'a [char], term: &'a Term) -> impl Iterator<Item = usize> + 'a {
    let last = (hay.len() + 1).saturating_sub(term.len().max(1));
    (0..last).filter(move |&i| matches_at(hay, i, term))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn starts(hay: &str, query: &str) -> Vec<usize> {
        let hay = chars(&normalize(hay));
        let terms = parse_query(query);
        find_all(&hay, &terms[0]).collect()
    }

    #[test]
    fn terms_are_split_at_any_whitespace_and_normalised() {
        let terms = parse_query("  政务\u{3000}ＧＯＶ  公开 ");
        let words: Vec<String> = terms.iter().map(|t| t.chars.iter().collect()).collect();
        assert_eq!(words, vec!["政务", "gov", "公开"]);
        assert!(parse_query(" \u{3000}\t").is_empty());
    }

    #[test]
    fn only_finished_latin_words_must_match_whole() {
        let terms = parse_query("tax gov");
        assert!(terms[0].wordy && terms[0].whole);
        assert!(terms[1].wordy && !terms[1].whole);
        assert!(parse_query("gov ")[0].whole);
        assert!(!parse_query("政务 公开")[0].wordy);
        assert!(!parse_query("ipv6改造")[0].wordy);
    }

    #[test]
    fn a_repeated_term_keeps_the_stricter_reading() {
        let terms = parse_query("tax tax");
        assert_eq!(terms.len(), 1);
        assert!(terms[0].whole);
    }

    #[test]
    fn overlapping_occurrences_are_all_found() {
        assert_eq!(starts("哈哈哈哈", "哈哈哈"), vec![0, 1]);
        assert_eq!(starts("哈", "哈哈"), Vec::<usize>::new());
    }

    #[test]
    fn latin_terms_start_at_word_starts() {
        assert_eq!(starts("ungoverned government", "gov"), vec![11]);
        assert_eq!(starts("〔2019〕2019年12019", "2019"), vec![1, 6]);
        assert_eq!(starts("taxi tax", "tax "), vec![5]);
    }
}
