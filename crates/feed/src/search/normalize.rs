//! Text normalisation for search: the same function runs over the feed and over the query, so a
//! query matches whatever looks the same to a reader.
//!
//! Every original character becomes at most one normalised character. That keeps positions easy
//! to map back (for snippets that show the original text) and makes a normalised string never
//! longer, in characters, than its source.

use super::utf8;

/// The normalised form of one character, or `None` when it is dropped.
///
/// - Full-width ASCII forms (U+FF01–U+FF5E, e.g. `２０１９`, `ＡＢＣ`, `（`) become ASCII.
/// - The ideographic space U+3000 becomes a plain space.
/// - Letters are lowercased: ASCII, Latin-1, Latin Extended-A and Additional, Greek and
///   Cyrillic (including the Mongolian Cyrillic letters Ө and Ү). Only these scripts have case
///   here; the tables are written out so that the wasm build carries no Unicode case tables.
/// - Dropped: the Mongolian free variation selectors U+180B–U+180D and U+180F, the Mongolian
///   vowel separator U+180E and the narrow no-break space U+202F. They only choose a glyph shape
///   or join a suffix, and writers use them inconsistently, so a query with or without them must
///   find the same words.
///
/// CJK is kept as is: no simplified/traditional folding and no segmentation, so a Chinese query
/// matches exactly the text that contains it.
#[inline]
pub fn normalize_char(c: char) -> Option<char> {
    match normalize_code(c as u32) {
        DROPPED => None,
        n => char::from_u32(n),
    }
}

/// What [`normalize_code`] returns for a character that is dropped.
pub(crate) const DROPPED: u32 = u32::MAX;

/// [`normalize_char`] on code points, for the loops that walk text a byte at a time: the
/// normalised code point, or [`DROPPED`].
#[inline(always)]
pub(crate) fn normalize_code(u: u32) -> u32 {
    if u < 0x80 {
        return if matches!(u, 0x41..=0x5A) {
            u + 0x20
        } else {
            u
        };
    }
    // Most indexed text is Chinese, above every cased script: only a few forms change there.
    if u > 0x1EFF {
        return match u {
            0x202F => DROPPED,
            0x3000 => 0x20,
            0xFF21..=0xFF3A => u - 0xFEE0 + 0x20,
            0xFF01..=0xFF5E => u - 0xFEE0,
            _ => u,
        };
    }
    if matches!(u, 0x180B..=0x180F) {
        return DROPPED;
    }
    lowercase(u)
}

/// Lowercase of one letter of the cased scripts a feed from Inner Mongolia is likely to hold.
fn lowercase(u: u32) -> u32 {
    match u {
        // Latin-1: À–Þ except ×.
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        // Latin Extended-A: pairs with the capital first, except in the two odd-aligned runs.
        0x0139..=0x0148 | 0x0179..=0x017E if u % 2 == 1 => u + 1,
        0x0130 => 0x69, // İ: Turkish capital I with dot
        0x0100..=0x0137 | 0x014A..=0x0177 if u % 2 == 0 => u + 1,
        0x0178 => 0xFF,
        // Greek capitals (U+03A2 is unassigned).
        0x0391..=0x03A9 if u != 0x03A2 => u + 0x20,
        0x0386 => 0x03AC,
        0x0388..=0x038A => u + 0x25,
        0x038C => 0x03CC,
        0x038E | 0x038F => u + 0x3F,
        // Cyrillic: Ѐ–Џ, А–Я, then the paired extensions (Ѡ…, Ҋ…, Ӑ… including Ө, Ү).
        0x0400..=0x040F => u + 0x50,
        0x0410..=0x042F => u + 0x20,
        0x0460..=0x0481 | 0x048A..=0x04BF | 0x04D0..=0x052F if u % 2 == 0 => u + 1,
        0x04C0 => 0x04CF,
        0x04C1..=0x04CE if u % 2 == 1 => u + 1,
        // Latin Extended Additional (Vietnamese and others): pairs, capital first.
        0x1E00..=0x1E95 | 0x1EA0..=0x1EFF if u % 2 == 0 => u + 1,
        _ => u,
    }
}

/// The normalised form of `s` (see [`normalize_char`]).
pub fn normalize(s: &str) -> String {
    s.chars().filter_map(normalize_char).collect()
}

/// Normalised text with the way back to the original, for showing matches in the original text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Normalized {
    /// The normalised characters.
    pub chars: Vec<char>,
    /// `offsets[i]` is the byte offset in the original of the character that became `chars[i]`;
    /// one more entry at the end holds the original's length. Original bytes
    /// `offsets[i]..offsets[j]` are exactly what produced `chars[i..j]`, together with any
    /// dropped characters (variation selectors) that follow inside that span.
    pub offsets: Vec<usize>,
}

/// Normalises `s` and records where each normalised character came from.
pub fn normalize_mapped(s: &str) -> Normalized {
    // Sized by characters, not bytes: Chinese is 3 bytes a character, and counting characters
    // is far cheaper than over-allocating three times what is needed.
    let n = s.chars().count();
    let mut out = Normalized {
        chars: Vec::with_capacity(n),
        offsets: Vec::with_capacity(n + 1),
    };
    let n = normalize_while_into(s, n, |_, _| true, &mut out);
    out.chars.truncate(n);
    out.offsets.truncate(n + 1);
    out
}

/// Normalises `s` into `out` for as long as `more(n, c)` says the `n`th normalised character,
/// `c`, is wanted, and never more than `room` characters; returns how many were taken. Only
/// `out.chars[..n]` and `out.offsets[..=n]` are written (the buffers are not cut to them, so
/// that reusing them costs nothing); the last offset is that of the first character not taken
/// (or the length of `s`), as if `s` ended there.
#[inline(always)]
pub(crate) fn normalize_while_into(
    s: &str,
    room: usize,
    mut more: impl FnMut(usize, char) -> bool,
    out: &mut Normalized,
) -> usize {
    let bytes = s.as_bytes();
    // Room for as many characters as can come (at most one a byte), written in place.
    let room = room.min(bytes.len());
    if out.chars.len() < room {
        out.chars.resize(room, '\0');
    }
    if out.offsets.len() < room + 1 {
        out.offsets.resize(room + 1, 0);
    }
    // Slices, not vectors: indexing a vector is a call in the size-optimised build.
    let chars: &mut [char] = &mut out.chars;
    let offsets: &mut [usize] = &mut out.offsets;
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (c, len) = utf8::decode(bytes, i);
        // Most text is CJK ideographs (U+4000–U+9FFF, three bytes from 0xE4 to 0xE9), which
        // normalisation keeps as they are.
        let m = if matches!(bytes[i], 0xE4..=0xE9) {
            c
        } else {
            normalize_code(c)
        };
        if m != DROPPED {
            let c = char::from_u32(m).unwrap_or(char::REPLACEMENT_CHARACTER);
            if n == room || !more(n, c) {
                break;
            }
            chars[n] = c;
            offsets[n] = i;
            n += 1;
        }
        i += len;
    }
    offsets[n] = i;
    n
}

/// Whether `c` (already normalised) belongs to a word of a script written with spaces between
/// words and matched by whole words or word prefixes: ASCII letters and digits, Latin, Greek and
/// Cyrillic letters. CJK and Mongolian script are not: they are matched as plain substrings.
pub(crate) fn is_word_char(c: char) -> bool {
    let u = c as u32;
    c.is_ascii_alphanumeric()
        || (matches!(u, 0xC0..=0x024F | 0x0370..=0x03FF | 0x0400..=0x052F | 0x1E00..=0x1EFF)
            && u != 0xD7
            && u != 0xF7)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_forms_become_ascii_and_letters_lowercase() {
        assert_eq!(normalize("２０１９ＡＢＣｘ（）％"), "2019abcx()%");
        assert_eq!(normalize("IPv6改造　GOV"), "ipv6改造 gov");
    }

    #[test]
    fn latin_greek_and_cyrillic_capitals_lowercase() {
        assert_eq!(normalize("ÀÉÖØÞ×"), "àéöøþ×");
        assert_eq!(normalize("ĀĈŁŇŽŸ"), "āĉłňžÿ");
        assert_eq!(normalize("ΑΩΆΈΌΏ"), "αωάέόώ");
        assert_eq!(normalize("ЁЖЯӨҮ"), "ёжяөү");
        assert_eq!(normalize("ẠẾỸ"), "ạếỹ");
    }

    #[test]
    fn lowercase_table_agrees_with_unicode_where_it_folds() {
        for u in 0xC0u32..0x0530 {
            let Some(c) = char::from_u32(u) else { continue };
            let ours = normalize_char(c).unwrap();
            if ours != c {
                let mut std = c.to_lowercase();
                assert_eq!(Some(ours), std.next(), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn mongolian_variation_selectors_and_narrow_spaces_are_dropped() {
        assert_eq!(
            normalize("ᠭᠣ\u{180B}ᠣ\u{180E}ᠠ\u{202F}ᠶᠢᠨ\u{180F}"),
            "ᠭᠣᠣᠠᠶᠢᠨ"
        );
    }

    #[test]
    fn cjk_ideographs_are_kept_as_they_are() {
        for u in 0x4000..=0x9FFF {
            let c = char::from_u32(u).unwrap();
            assert_eq!(normalize_char(c), Some(c));
        }
    }

    #[test]
    fn mapped_offsets_point_back_to_the_original_characters() {
        let n = normalize_mapped("Ａ\u{180B}中b");
        assert_eq!(n.chars, vec!['a', '中', 'b']);
        assert_eq!(n.offsets, vec![0, 6, 9, 10]);
    }
}
