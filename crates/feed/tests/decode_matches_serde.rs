//! The hand-written decoder reads every feed as serde's derives read it (the reference, behind
//! the `serde-deserialize` feature, run through the same steps `parse_feed` took with serde):
//! the same `Feed` for every input both accept, and the same inputs refused — apart from three
//! shapes serde accepted by accident and the format never had (an object written as an array
//! of its field values, an enum value written as `{"name": null}`, a `"type"` given as a
//! variant number), which the decoder refuses where they are.

use gongkai_feed::parse::{decode_feed, FeedError};
use gongkai_feed::validate::schema_major;
use gongkai_feed::Feed;
use proptest::prelude::*;
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::fmt;

const FULL: &[u8] = include_bytes!("../fixtures/valid/full.json");
const BUNDLED: &[u8] = include_bytes!("../../../public/feed/feed.json");

/// `parse_feed` before validation, as it was with serde: the version first (skipping the
/// rest), then the whole feed.
fn serde_reference(bytes: &[u8]) -> Result<Feed, String> {
    struct Head {
        schema: Option<Value>,
    }
    impl<'de> Deserialize<'de> for Head {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct HeadVisitor;
            impl<'de> Visitor<'de> for HeadVisitor {
                type Value = Head;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a JSON object")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Head, A::Error> {
                    let mut schema = None;
                    while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                        if key == "schema" && schema.is_none() {
                            schema = Some(map.next_value()?);
                        } else {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                    Ok(Head { schema })
                }
            }
            d.deserialize_map(HeadVisitor)
        }
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head: Head = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    match &head.schema {
        Some(Value::String(s)) if schema_major(s).is_some_and(|m| m != 1) => {
            return Err("unsupported schema".into())
        }
        Some(Value::String(_)) | None => {}
        Some(_) => return Err("schema is not a string".into()),
    }
    serde_json::from_slice::<Feed>(bytes).map_err(|e| e.to_string())
}

/// The value at a JSON path of the form the decoder writes (`$.a[1]["b c"]`).
fn at_path<'v>(mut v: &'v Value, path: &str) -> Option<&'v Value> {
    let mut rest = path.strip_prefix('$')?;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("[\"") {
            let end = r.find("\"]")?;
            v = v.get(&r[..end])?;
            rest = &r[end + 2..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            v = v.get(r[..end].parse::<usize>().ok()?)?;
            rest = &r[end + 1..];
        } else {
            let r = rest.strip_prefix('.')?;
            let end = r.find(['.', '[']).unwrap_or(r.len());
            v = v.get(&r[..end])?;
            rest = &r[end..];
        }
    }
    Some(v)
}

/// Whether the decoder's refusal is one of the shapes only serde accepted, found where the
/// error says.
fn serde_only_shape(bytes: &[u8], err: &FeedError) -> bool {
    let FeedError::Invalid(problems) = err else {
        return false;
    };
    let [p] = problems.as_slice() else {
        return false;
    };
    let Ok(json) = serde_json::from_slice::<Value>(bytes) else {
        return false;
    };
    let Some(v) = at_path(&json, &p.path) else {
        return false;
    };
    let m = p.message.as_str();
    (v.is_array()
        && (m == "invalid type: array, expected an object"
            || m == "invalid type: array, expected an object with a \"type\""))
        || (v.is_object() && m.starts_with("invalid type: object, expected a string, one of "))
        || (p.path.ends_with(".type") && v.is_u64() && m.starts_with("invalid type: integer `"))
}

/// Both read `bytes` alike: equal feeds (to the sign of a zero), or both refuse it.
fn check_agreement(bytes: &[u8]) -> Result<(), TestCaseError> {
    let ours = decode_feed(bytes);
    let theirs = serde_reference(bytes);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => {
            prop_assert_eq!(a, b);
            prop_assert_eq!(
                serde_json::to_string(a).unwrap(),
                serde_json::to_string(b).unwrap()
            );
        }
        (Err(_), Err(_)) => {}
        (Ok(_), Err(e)) => prop_assert!(
            false,
            "serde refused what the decoder read ({e}):\n{}",
            String::from_utf8_lossy(bytes)
        ),
        (Err(e), Ok(_)) => prop_assert!(
            serde_only_shape(bytes, e),
            "the decoder refused what serde read ({e}):\n{}",
            String::from_utf8_lossy(bytes)
        ),
    }
    Ok(())
}

fn agree(bytes: &[u8]) {
    check_agreement(bytes).unwrap();
}

#[test]
fn the_bundled_feed_decodes_to_what_serde_read() {
    let ours = decode_feed(BUNDLED).unwrap();
    assert_eq!(Ok(&ours), serde_reference(BUNDLED).as_ref());
    assert!(!ours.documents.is_empty() && !ours.interpretations.is_empty());
    assert!(gongkai_feed::parse::parse_feed(BUNDLED).is_ok());
}

#[test]
fn every_fixture_decodes_or_is_refused_as_serde_did() {
    for dir in ["valid", "invalid"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(dir);
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                let bytes = std::fs::read(&path).unwrap();
                check_agreement(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            }
        }
    }
}

#[test]
fn a_written_feed_reads_back_the_same() {
    for bytes in [FULL, BUNDLED] {
        let feed = decode_feed(bytes).unwrap();
        let written = serde_json::to_vec_pretty(&feed).unwrap();
        assert_eq!(decode_feed(&written).unwrap(), feed);
    }
}

/// A block or panel whose `"type"` is not its first member is read in two passes: the result
/// is the same.
#[test]
fn objects_tagged_by_a_later_type_read_the_same_as_with_the_type_first() {
    let value: Value = serde_json::from_slice(BUNDLED).unwrap();
    // serde_json's map is sorted, so `"text"` now comes before `"type"`.
    let sorted = serde_json::to_vec(&value).unwrap();
    assert!(String::from_utf8_lossy(&sorted).contains(r#"{"text":"#));
    assert_eq!(decode_feed(&sorted).unwrap(), decode_feed(BUNDLED).unwrap());
    agree(&sorted);
}

/// Values nobody reads are checked for syntax only in plain objects (serde skipped them), and
/// in full inside blocks, panels and inline text (serde buffered those).
#[test]
fn values_nobody_reads_are_checked_as_serde_checked_them() {
    let lenient = [
        r#"{"documents": [{"id": "a", "x": "\ud800"}]}"#,
        r#"{"documents": [{"id": "a", "x": [1e999, "\udc00"]}]}"#,
        r#"{"signature": {"key": "\ud83d\u0041"}}"#,
        r#"{"publisher": {"name": "p", "logo": {"src": "\ud83d"}}}"#,
    ];
    for json in lenient {
        assert!(decode_feed(json.as_bytes()).is_ok(), "{json}");
        agree(json.as_bytes());
    }
    let mut raw = br#"{"documents": [{"id": "a", "x": "#.to_vec();
    raw.extend_from_slice(b"\"\xff\xfe\"}]}");
    assert!(decode_feed(&raw).is_ok());
    agree(&raw);

    let strict = [
        r#"{"documents": [{"body": [{"type": "paragraph", "text": "a", "x": "\ud800"}]}]}"#,
        r#"{"documents": [{"body": [{"x": 1e999, "type": "paragraph", "text": "a"}]}]}"#,
        r#"{"qa": [{"answer": [{"type": "paragraph", "text": {"em": "a", "x": [1e400]}}]}]}"#,
        r#"{"interpretations": [{"panels": [{"type": "chart", "series": [{"name": "s", "x": "\udc00"}]}]}]}"#,
        r#"{"documents": [{"title": {"zh-Hans": "a", "fr": 1}}]}"#,
        r#"{"documents": [{"title": {"zh-Hans": "a", "fr": "\ud800"}}]}"#,
        r#"{"documents": [{"id": "a", "\ud800": 1}]}"#,
    ];
    for json in strict {
        assert!(decode_feed(json.as_bytes()).is_err(), "{json}");
        agree(json.as_bytes());
    }
}

#[test]
fn numbers_read_as_serde_json_read_them_to_the_last_bit() {
    let numbers = [
        "0",
        "-0",
        "-0.0",
        "1",
        "1.5",
        "0.1",
        "0.3",
        "2.675",
        "1e-7",
        "123456789012345678901234567890",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "1844674407370955161.5",
        "18446744073709551616.5",
        "0.000000000000000000000000000001",
        "12345678901234567890.123456789e-10",
        "1.7976931348623157e308",
        "2.2250738585072014e-308",
        "4.9e-324",
        "1e-330",
        "9007199254740993",
        "1e23",
        "8.41e21",
        "1.000000000000000000000000000000000000001",
        "1e2147483648",
        "0e2147483648",
        "1e-2147483648",
        "2e308",
    ];
    for n in numbers {
        let json = format!(
            r#"{{"interpretations": [{{"panels": [{{"type": "chart", "series": [{{"values": [{n}]}}]}}]}}]}}"#
        );
        let ours = decode_feed(json.as_bytes());
        let theirs: Result<Value, _> = serde_json::from_str(n);
        match (ours, theirs) {
            (Ok(feed), Ok(v)) => {
                let gongkai_feed::Panel::Chart(c) = &feed.interpretations[0].panels[0] else {
                    panic!("a chart")
                };
                assert_eq!(
                    c.series[0].values[0].to_bits(),
                    v.as_f64().unwrap().to_bits(),
                    "{n}"
                );
            }
            (Err(_), Err(_)) => {}
            (ours, theirs) => panic!("{n}: {ours:?} but serde_json {theirs:?}"),
        }
        agree(json.as_bytes());
    }
}

/// Bytes spliced in where a value was.
const MARK: &str = "\u{1}raw\u{1}";
const MARK_JSON: &[u8] = b"\"\\u0001raw\\u0001\"";

fn splice(value: &Value, raw: &[u8]) -> Vec<u8> {
    let text = serde_json::to_vec(value).unwrap();
    let at = text
        .windows(MARK_JSON.len())
        .position(|w| w == MARK_JSON)
        .expect("the mark is in the text");
    [&text[..at], raw, &text[at + MARK_JSON.len()..]].concat()
}

/// How many values, and how many of them objects, `value` holds (itself included).
fn count(value: &Value) -> (usize, usize) {
    let inner = match value {
        Value::Array(items) => items.iter().map(count).collect(),
        Value::Object(map) => map.values().map(count).collect(),
        _ => Vec::new(),
    };
    let (values, objects) = inner
        .iter()
        .fold((0, 0), |(v, o), (v2, o2)| (v + v2, o + o2));
    (values + 1, objects + usize::from(value.is_object()))
}

/// Replaces the `pick`-th value (in document order) with `with`.
fn replace_nth(value: &mut Value, pick: &mut usize, with: &Value) -> bool {
    if *pick == 0 {
        *value = with.clone();
        return true;
    }
    *pick -= 1;
    match value {
        Value::Array(items) => items.iter_mut().any(|v| replace_nth(v, pick, with)),
        Value::Object(map) => map.values_mut().any(|v| replace_nth(v, pick, with)),
        _ => false,
    }
}

/// Adds `key: with` to the `pick`-th object (in document order), if there is one.
fn add_to_nth_object(value: &mut Value, pick: &mut usize, key: &str, with: &Value) -> bool {
    match value {
        Value::Array(items) => items
            .iter_mut()
            .any(|v| add_to_nth_object(v, pick, key, with)),
        Value::Object(map) => {
            if *pick == 0 {
                map.insert(key.to_string(), with.clone());
                return true;
            }
            *pick -= 1;
            map.values_mut()
                .any(|v| add_to_nth_object(v, pick, key, with))
        }
        _ => false,
    }
}

fn number_text() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        "0|[1-9][0-9]{0,24}|0[0-9]",
        prop::option::of("[0-9]{0,22}"),
        prop::option::of(("[eE]", "[+-]?", "[0-9]{0,4}|99999999999")),
    )
        .prop_map(|(minus, int, frac, exp)| {
            let mut s = String::new();
            if minus {
                s.push('-');
            }
            s.push_str(&int);
            if let Some(f) = frac {
                s.push('.');
                s.push_str(&f);
            }
            if let Some((e, sign, digits)) = exp {
                s.push_str(&e);
                s.push_str(&sign);
                s.push_str(&digits);
            }
            s
        })
}

fn string_text() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        "[a-z 中文]{1,4}".prop_map(String::into_bytes),
        prop::sample::select(vec![
            "\\n",
            "\\\"",
            "\\\\",
            "\\/",
            "\\b",
            "\\f",
            "\\r",
            "\\t",
            "\\u00e9",
            "\\u4E2D",
            "\\ud83d\\ude00",
            "\\ud800",
            "\\udc00",
            "\\ud83d\\u0041",
            "\\ud83d\\n",
            "\\x",
            "\\u12",
            "\u{7}",
            "\t",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
        prop::sample::select(vec![
            &b"\xff"[..],
            b"\xe4\xb8",
            b"\xc3\xa9",
            b"\xed\xa0\x80"
        ])
        .prop_map(<[u8]>::to_vec),
    ];
    prop::collection::vec(piece, 0..4).prop_map(|pieces| {
        let mut s = b"\"".to_vec();
        for p in pieces {
            s.extend(p);
        }
        s.push(b'"');
        s
    })
}

/// JSON text, some of it not quite JSON, that a feed could hold at any place.
fn raw_json() -> impl Strategy<Value = Vec<u8>> {
    let fixed = prop::sample::select(vec![
        "null",
        "true",
        "false",
        "[]",
        "{}",
        "[[]]",
        "[{}]",
        "\"\"",
        "\"x\"",
        "\"paragraph\"",
        "\"notice\"",
        "\"in_force\"",
        "\"pie\"",
        "{\"zh-Hans\": \"x\"}",
        "{\"zh-Hans\": \"x\", \"en\": \"y\", \"EN\": \"z\"}",
        "{\"ZH-hans\": \"x\", \"xx\": \"y\"}",
        "{\"zh-Hans\": \"x\", \"fr\": null}",
        "{\"en\": \"x\"}",
        "[\"a\", {\"em\": \"b\"}, {\"ref\": \"d\"}]",
        "{\"em\": \"a\", \"strong\": \"b\"}",
        "{\"em\": null, \"text\": \"a\"}",
        "{\"em\": null}",
        "{\"link\": \"https://a.example\"}",
        "{\"link\": \"https://a.example\", \"text\": null, \"x\": [1, {\"y\": 2}]}",
        "{\"ref\": \"d\", \"text\": {\"zh-Hans\": \"t\"}}",
        "{\"text\": \"a\", \"text\": \"b\"}",
        "{\"type\": \"paragraph\", \"text\": \"x\"}",
        "{\"text\": \"x\", \"type\": \"paragraph\"}",
        "{\"type\": \"paragraph\"}",
        "{\"type\": \"paragraph\", \"text\": \"x\", \"type\": \"quote\"}",
        "{\"type\": \"heading\", \"level\": 2, \"text\": \"h\", \"id\": null}",
        "{\"type\": \"heading\", \"level\": 300, \"text\": \"h\"}",
        "{\"type\": \"list\", \"items\": [\"a\", [\"b\"]], \"ordered\": true}",
        "{\"type\": \"table\", \"rows\": [[\"a\"]], \"header\": [\"h\"]}",
        "{\"type\": \"image\", \"src\": \"a.png\", \"width\": 1, \"height\": 2}",
        "{\"type\": \"text\", \"body\": [{\"type\": \"quote\", \"text\": \"q\"}]}",
        "{\"type\": \"chart\", \"kind\": \"line\", \"series\": [{\"values\": [1, -0, 2.5]}]}",
        "{\"type\": \"audio\", \"src\": \"a.mp3\", \"duration\": null, \"poster\": {}}",
        "{\"type\": 1}",
        "{\"type\": null}",
        "{\"src\": \"x\", \"width\": 1.0}",
        "{\"src\": \"x\", \"src\": \"y\"}",
        "[\"a\", 1]",
        "{\"a\": 1,}",
        "[1,]",
        "{\"a\" 1}",
        "tru",
        "nul",
    ])
    .prop_map(|s| s.as_bytes().to_vec());
    prop_oneof![
        3 => fixed,
        2 => number_text().prop_map(String::into_bytes),
        2 => string_text(),
        1 => (string_text(), number_text()).prop_map(|(s, n)| {
            [&b"{\"zh-Hans\": "[..], &s, b", \"n\": ", n.as_bytes(), b"}"].concat()
        }),
    ]
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (0u64..300).prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,8}".prop_map(Value::String),
        prop::sample::select(vec![
            "paragraph",
            "heading",
            "image",
            "text",
            "chart",
            "notice",
            "in_force",
            "bar",
            "zh-Hans",
        ])
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                "[a-z]{1,6}|type|text|ref|em|link|strong|zh-Hans|en|src|values|level|items|rows",
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn base() -> impl Strategy<Value = Value> {
    prop::bool::ANY
        .prop_map(|bundled| serde_json::from_slice(if bundled { BUNDLED } else { FULL }).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_feed_with_one_value_replaced_by_any_json_reads_as_serde_read_it(
        mut feed in base(), pick in any::<usize>(), with in any_json()
    ) {
        let mut n = pick % count(&feed).0;
        replace_nth(&mut feed, &mut n, &with);
        check_agreement(&serde_json::to_vec(&feed).unwrap())?;
    }

    #[test]
    fn a_feed_with_one_value_replaced_by_raw_text_reads_as_serde_read_it(
        mut feed in base(), pick in any::<usize>(), raw in raw_json()
    ) {
        let mut n = pick % count(&feed).0;
        prop_assert!(replace_nth(&mut feed, &mut n, &Value::String(MARK.into())));
        check_agreement(&splice(&feed, &raw))?;
    }

    #[test]
    fn a_feed_with_an_unknown_member_added_reads_as_serde_read_it(
        mut feed in base(), pick in any::<usize>(), key in "zz|x|type|text|em|zh-Hans|en|level", raw in raw_json()
    ) {
        let mut n = pick % count(&feed).1;
        prop_assert!(add_to_nth_object(&mut feed, &mut n, &key, &Value::String(MARK.into())));
        check_agreement(&splice(&feed, &raw))?;
    }

    #[test]
    fn a_feed_with_bytes_cut_or_changed_reads_as_serde_read_it(
        at in 0usize..100_000, byte in prop::sample::select(
            b"{}[],:\"\\ 0123456789-+.eEtfnulx\xff\x01".to_vec()
        ), cut in any::<bool>(), bundled in any::<bool>()
    ) {
        let mut bytes = if bundled { BUNDLED } else { FULL }.to_vec();
        let at = at % bytes.len();
        if cut {
            bytes.truncate(at);
        } else {
            bytes[at] = byte;
        }
        check_agreement(&bytes)?;
    }
}
