//! No input makes `parse_feed` panic: arbitrary bytes, and valid feeds with random edits.

use gongkai_feed::parse::parse_feed;
use proptest::prelude::*;
use serde_json::Value;

const FULL: &[u8] = include_bytes!("../fixtures/valid/full.json");

/// Replaces one value, chosen by `pick`, anywhere in the tree with `replacement`.
fn replace_nth(value: &mut Value, pick: &mut usize, replacement: &Value) -> bool {
    if *pick == 0 {
        *value = replacement.clone();
        return true;
    }
    *pick -= 1;
    match value {
        Value::Array(items) => items.iter_mut().any(|v| replace_nth(v, pick, replacement)),
        Value::Object(map) => map.values_mut().any(|v| replace_nth(v, pick, replacement)),
        _ => false,
    }
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        Just(Value::String("javascript:alert(1)".into())),
        Just(Value::String("2019-02-29".into())),
        Just(Value::String("".into())),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,6}|type|text|ref|em|link", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_feed(&bytes);
    }

    #[test]
    fn a_valid_feed_with_one_value_replaced_never_panics(pick in 0usize..400, replacement in any_json()) {
        let mut feed: Value = serde_json::from_slice(FULL).unwrap();
        let mut n = pick;
        replace_nth(&mut feed, &mut n, &replacement);
        let _ = parse_feed(&serde_json::to_vec(&feed).unwrap());
    }

    #[test]
    fn a_valid_feed_with_bytes_cut_or_flipped_never_panics(at in 0usize..6000, byte in any::<u8>(), cut in any::<bool>()) {
        let mut bytes = FULL.to_vec();
        let at = at % bytes.len();
        if cut {
            bytes.truncate(at);
        } else {
            bytes[at] = byte;
        }
        let _ = parse_feed(&bytes);
    }
}
