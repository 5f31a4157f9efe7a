//! Where the wasm's bytes go: code size per crate (and per module of the app), read from the
//! function names that the linker leaves in the wasm before wasm-bindgen and wasm-opt strip
//! them. The shares are of that unoptimised code, so they are a guide to what to shrink, not
//! exact figures of the shipped file.

use std::collections::BTreeMap;

/// Code bytes by owner, largest first.
pub fn code_by_owner(wasm: &[u8]) -> Result<Vec<(String, u64)>, String> {
    let m = parse(wasm)?;
    let mut by: BTreeMap<String, u64> = BTreeMap::new();
    for (i, size) in m.bodies.iter().enumerate() {
        let name = m
            .names
            .get(&(m.imported + i as u32))
            .map(String::as_str)
            .unwrap_or("");
        // wasm-bindgen runs these type descriptions at build time and removes them.
        if name.starts_with("__wbindgen_describe") {
            continue;
        }
        *by.entry(owner(name)).or_default() += *size;
    }
    let mut v: Vec<(String, u64)> = by.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(v)
}

struct Module {
    imported: u32,
    bodies: Vec<u64>,
    names: BTreeMap<u32, String>,
}

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, String> {
        let v = *self.b.get(self.i).ok_or("the wasm ends early")?;
        self.i += 1;
        Ok(v)
    }

    fn leb(&mut self) -> Result<u64, String> {
        let (mut v, mut shift) = (0u64, 0);
        loop {
            let x = self.byte()?;
            v |= u64::from(x & 0x7f) << shift;
            if x < 0x80 {
                return Ok(v);
            }
            shift += 7;
            if shift > 63 {
                return Err("a malformed number in the wasm".into());
            }
        }
    }

    fn bytes(&mut self, n: usize) -> Result<&[u8], String> {
        let s = self
            .b
            .get(self.i..self.i + n)
            .ok_or("the wasm ends early")?;
        self.i += n;
        Ok(s)
    }

    fn name(&mut self) -> Result<String, String> {
        let n = self.leb()? as usize;
        Ok(String::from_utf8_lossy(self.bytes(n)?).into_owned())
    }
}

fn parse(wasm: &[u8]) -> Result<Module, String> {
    if wasm.get(..4) != Some(b"\0asm") {
        return Err("not a wasm file".into());
    }
    let mut r = Reader { b: wasm, i: 8 };
    let mut m = Module {
        imported: 0,
        bodies: Vec::new(),
        names: BTreeMap::new(),
    };
    while r.i < wasm.len() {
        let id = r.byte()?;
        let len = r.leb()? as usize;
        let end = r.i + len;
        let mut s = Reader {
            b: &wasm[..end.min(wasm.len())],
            i: r.i,
        };
        match id {
            2 => {
                for _ in 0..s.leb()? {
                    s.name()?;
                    s.name()?;
                    match s.byte()? {
                        0 => {
                            s.leb()?;
                            m.imported += 1;
                        }
                        1 => {
                            s.byte()?;
                            limits(&mut s)?;
                        }
                        2 => limits(&mut s)?,
                        3 => {
                            s.byte()?;
                            s.byte()?;
                        }
                        4 => {
                            s.byte()?;
                            s.leb()?;
                        }
                        k => return Err(format!("unknown import kind {k}")),
                    }
                }
            }
            10 => {
                for _ in 0..s.leb()? {
                    let size = s.leb()?;
                    s.bytes(size as usize)?;
                    m.bodies.push(size);
                }
            }
            0 if s.name()? == "name" => {
                while s.i < end {
                    let sub = s.byte()?;
                    let sub_len = s.leb()? as usize;
                    let sub_end = s.i + sub_len;
                    if sub == 1 {
                        for _ in 0..s.leb()? {
                            let idx = s.leb()? as u32;
                            let name = s.name()?;
                            m.names.insert(idx, name);
                        }
                    }
                    s.i = sub_end;
                }
            }
            _ => {}
        }
        r.i = end;
    }
    if m.names.is_empty() {
        return Err("the wasm has no function names (built with them stripped)".into());
    }
    Ok(m)
}

fn limits(s: &mut Reader) -> Result<(), String> {
    let flags = s.byte()?;
    s.leb()?;
    if flags & 1 != 0 {
        s.leb()?;
    }
    Ok(())
}

/// The crate a function belongs to (for the app, its module two levels down, e.g.
/// `gongkai::pages::document`), from its mangled name.
pub fn owner(name: &str) -> String {
    if let Some(rest) = name.strip_prefix("_ZN") {
        let segments = legacy_segments(rest);
        let Some(first) = segments.first() else {
            return "(other)".into();
        };
        // `<impl Trait for Type>` and `<Type as Trait>`: the first crate named inside, the
        // identifier just before the first `..` path separator.
        if first.starts_with("_$LT$") {
            let before = first.split("..").next().unwrap_or("");
            let ident: String = before
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            return if ident.is_empty() {
                "(generic impls)".into()
            } else {
                ident
            };
        }
        if *first == "gongkai" {
            // The areas with one file per page or component are shown file by file.
            let depth = match segments.get(1) {
                Some(&("pages" | "components" | "state" | "platform" | "i18n")) => 3,
                _ => 2,
            };
            let path: Vec<&str> = segments
                .iter()
                .take(depth)
                .take_while(|s| {
                    s.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                        && !s.starts_with("__")
                })
                .copied()
                .collect();
            return path.join("::");
        }
        return first.to_string();
    }
    if name.starts_with("_R") {
        // v0 mangling: the first crate root is `C s<hash>_ <len><name>` or `C <len><name>`.
        let b = name.as_bytes();
        let mut i = 2;
        while i < b.len() {
            if b[i] == b'C' {
                let mut j = i + 1;
                if b.get(j) == Some(&b's') {
                    while j < b.len() && b[j] != b'_' {
                        j += 1;
                    }
                    j += 1;
                }
                let digits: String = name[j.min(name.len())..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit())
                    .collect();
                if let Ok(n) = digits.parse::<usize>() {
                    let start = j + digits.len();
                    if let Some(krate) = name.get(start..start + n) {
                        return krate.to_string();
                    }
                }
            }
            i += 1;
        }
        return "(other)".into();
    }
    if name.starts_with("__wbindgen") || name.starts_with("__wbg") {
        return "wasm-bindgen glue".into();
    }
    "(other)".into()
}

/// `7gongkai5pages8document...E` → ["gongkai", "pages", "document", ...].
fn legacy_segments(mut s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    loop {
        let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
        let Ok(n) = digits.parse::<usize>() else {
            break;
        };
        let start = digits.len();
        let Some(seg) = s.get(start..start + n) else {
            break;
        };
        out.push(seg);
        s = &s[start + n..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_functions_are_grouped_by_module() {
        assert_eq!(
            owner("_ZN7gongkai5pages8document27__component_document_reader17h6a15c6cd5163a81fE"),
            "gongkai::pages::document"
        );
        assert_eq!(
            owner("_ZN7gongkai3app15__component_app17h0caa79499facfb43E"),
            "gongkai::app"
        );
    }

    #[test]
    fn library_functions_are_grouped_by_crate() {
        assert_eq!(
            owner("_ZN12gongkai_feed5parse10parse_feed17h367828480153089fE"),
            "gongkai_feed"
        );
        assert_eq!(
            owner("_ZN98_$LT$$RF$mut$u20$serde_json..de..Deserializer$LT$R$GT$$u20$as$u20$serde_core..de..Deserializer$GT$15deserialize_seq17h4a132471b399876aE"),
            "serde_json"
        );
        assert_eq!(
            owner("_RNvNtNtNtNtCsgXGp5Oqx2Ny_4core3num7flt2dec8strategy6dragon15format_shortest"),
            "core"
        );
        assert_eq!(
            owner("__wbindgen_describe___wbg_new_1"),
            "wasm-bindgen glue"
        );
    }
}
