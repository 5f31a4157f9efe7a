//! One character of UTF-8 at a time, inlined into the loops that walk the indexed text (the
//! standard library's character iterators are not inlined in the size-optimised build, and a
//! call per character costs more than the rest of such a loop).

/// The character starting at `bytes[i]` (a character boundary of valid UTF-8) as a code point,
/// and its length in bytes.
#[inline(always)]
pub(crate) fn decode(bytes: &[u8], i: usize) -> (u32, usize) {
    let b0 = u32::from(bytes[i]);
    if b0 < 0x80 {
        return (b0, 1);
    }
    // Written out rather than through a closure, which the size-optimised build calls.
    let b1 = u32::from(bytes[i + 1]) & 0x3F;
    if b0 < 0xE0 {
        return ((b0 & 0x1F) << 6 | b1, 2);
    }
    let b2 = u32::from(bytes[i + 2]) & 0x3F;
    if b0 < 0xF0 {
        return ((b0 & 0x0F) << 12 | b1 << 6 | b2, 3);
    }
    let b3 = u32::from(bytes[i + 3]) & 0x3F;
    ((b0 & 0x07) << 18 | b1 << 12 | b2 << 6 | b3, 4)
}

/// The character ending just before `bytes[i]` (a character boundary after the first) as a
/// code point, and where it starts.
#[inline(always)]
pub(crate) fn decode_before(bytes: &[u8], i: usize) -> (u32, usize) {
    let mut start = i - 1;
    while bytes[start] & 0xC0 == 0x80 {
        start -= 1;
    }
    (decode(bytes, start).0, start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_decodes_to_itself_with_its_length() {
        let s = "aé中𠀀\u{180B}\u{FF21}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}";
        for (i, c) in s.char_indices() {
            assert_eq!(decode(s.as_bytes(), i), (c as u32, c.len_utf8()), "{c:?}");
            assert_eq!(
                decode_before(s.as_bytes(), i + c.len_utf8()),
                (c as u32, i),
                "{c:?}"
            );
        }
    }
}
