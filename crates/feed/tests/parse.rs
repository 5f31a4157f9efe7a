//! Parsing before validation: size and depth caps, syntax and type errors with their place.

use gongkai_feed::parse::{parse_feed, FeedError, Problem, MAX_DEPTH, MAX_FEED_BYTES};

const FULL: &[u8] = include_bytes!("../fixtures/valid/full.json");

fn lines(e: &FeedError) -> Vec<String> {
    e.problems().iter().map(ToString::to_string).collect()
}

#[test]
fn a_feed_over_the_size_cap_is_refused_before_parsing() {
    let mut big = FULL.to_vec();
    big.resize(MAX_FEED_BYTES + 1, b' ');
    let err = parse_feed(&big).unwrap_err();
    assert_eq!(
        err,
        FeedError::TooLarge {
            size: MAX_FEED_BYTES + 1,
            max: MAX_FEED_BYTES
        }
    );
    assert_eq!(
        lines(&err),
        ["$: the feed is 33554433 bytes, more than the limit of 33554432 bytes"]
    );
}

#[test]
fn a_feed_nested_past_the_depth_cap_is_refused_with_its_position() {
    let deep = format!(
        "{{\"schema\": \"1.0\",\n \"x\": {}{}}}",
        "[".repeat(MAX_DEPTH),
        "]".repeat(MAX_DEPTH)
    );
    let err = parse_feed(deep.as_bytes()).unwrap_err();
    assert_eq!(
        err,
        FeedError::TooDeep {
            max: MAX_DEPTH,
            line: 2,
            column: 7 + MAX_DEPTH - 1
        }
    );
    assert_eq!(
        err.to_string(),
        "arrays and objects nest deeper than 64 levels (at line 2, column 70)"
    );
}

#[test]
fn nesting_up_to_the_cap_is_not_refused_for_depth() {
    let deep = format!(
        "{{\"x\": {}{}}}",
        "[".repeat(MAX_DEPTH - 1),
        "]".repeat(MAX_DEPTH - 1)
    );
    assert!(!matches!(
        parse_feed(deep.as_bytes()),
        Err(FeedError::TooDeep { .. })
    ));
}

/// The full valid feed with `member` as its first member.
fn full_with(member: &str) -> Vec<u8> {
    let open = FULL.iter().position(|&b| b == b'{').unwrap();
    let mut out = FULL[..=open].to_vec();
    out.extend_from_slice(member.as_bytes());
    out.push(b',');
    out.extend_from_slice(&FULL[open + 1..]);
    out
}

fn nested(levels: usize) -> String {
    format!("\"x\": {}{}", "[".repeat(levels), "]".repeat(levels))
}

#[test]
fn a_valid_feed_may_nest_exactly_to_the_depth_cap() {
    // The root object is the first level.
    assert!(parse_feed(&full_with(&nested(MAX_DEPTH - 1))).is_ok());
}

#[test]
fn a_valid_feed_nested_one_level_past_the_cap_is_refused_for_depth_alone() {
    let err = parse_feed(&full_with(&nested(MAX_DEPTH))).unwrap_err();
    assert!(
        matches!(
            err,
            FeedError::TooDeep {
                max: MAX_DEPTH,
                line: 1,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn nesting_past_the_cap_is_reported_before_a_syntax_error_that_comes_earlier() {
    let mut broken = full_with(&format!("\"a\": 1,, {}", nested(MAX_DEPTH)));
    let err = parse_feed(&broken).unwrap_err();
    assert!(matches!(err, FeedError::TooDeep { .. }), "{err:?}");
    // Without the deep member the same input is a syntax error.
    broken = full_with("\"a\": 1,, \"x\": 1");
    assert!(matches!(
        parse_feed(&broken).unwrap_err(),
        FeedError::Syntax { .. }
    ));
}

#[test]
fn a_syntax_error_names_its_line_and_column() {
    let broken = b"{\n  \"schema\": \"1.0\",\n  \"version\": 1,,\n}";
    let err = parse_feed(broken).unwrap_err();
    assert_eq!(
        err,
        FeedError::Syntax {
            line: 3,
            column: 16,
            message: "key must be a string".into()
        }
    );
    assert_eq!(
        lines(&err),
        ["$: not valid JSON at line 3, column 16: key must be a string"]
    );
}

#[test]
fn truncated_input_is_a_syntax_error() {
    let err = parse_feed(&FULL[..FULL.len() / 2]).unwrap_err();
    assert!(matches!(err, FeedError::Syntax { .. }), "{err:?}");
}

#[test]
fn empty_input_is_a_syntax_error() {
    assert!(matches!(
        parse_feed(b"").unwrap_err(),
        FeedError::Syntax { line: 1, .. }
    ));
}

#[test]
fn a_feed_that_is_not_an_object_is_reported() {
    assert_eq!(
        lines(&parse_feed(b"[1, 2]").unwrap_err()),
        ["$: the feed must be a JSON object"]
    );
}

/// Inside a block or panel (objects tagged by `"type"`) too, the path goes down to the value.
#[test]
fn a_type_error_inside_a_block_is_reported_with_the_json_path_of_the_value() {
    let text = String::from_utf8(FULL.to_vec())
        .unwrap()
        .replace("\"width\": 800", "\"width\": \"800px\"");
    assert_eq!(
        lines(&parse_feed(text.as_bytes()).unwrap_err()),
        [
            r#"$.documents[0].body[7].width: invalid type: string "800px", expected a whole number (0 or more)"#
        ]
    );
}

#[test]
fn a_type_error_outside_blocks_has_the_full_path() {
    let text = String::from_utf8(FULL.to_vec())
        .unwrap()
        .replace("\"number\": 24", "\"number\": -24");
    assert_eq!(
        lines(&parse_feed(text.as_bytes()).unwrap_err()),
        ["$.gazette[1].number: invalid value: integer `-24`, expected a whole number from 0 to 65535"]
    );
}

#[test]
fn a_wrong_type_for_an_object_names_no_internal_type() {
    let text = String::from_utf8(FULL.to_vec()).unwrap().replace(
        "\"publisher\": {\n    \"name\"",
        "\"publisher\": \"x\", \"p\": {\n    \"name\"",
    );
    assert_eq!(
        lines(&parse_feed(text.as_bytes()).unwrap_err()),
        [r#"$.publisher: invalid type: string "x", expected an object"#]
    );
}

#[test]
fn an_unknown_block_type_is_reported_at_its_type() {
    let text = String::from_utf8(FULL.to_vec())
        .unwrap()
        .replace("{ \"type\": \"quote\"", "{ \"type\": \"blink\"");
    let got = lines(&parse_feed(text.as_bytes()).unwrap_err());
    assert_eq!(got.len(), 1);
    assert!(
        got[0].starts_with("$.documents[0].body[6].type: unknown variant `blink`, expected one of"),
        "{got:?}"
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(FULL);
    assert!(parse_feed(&with_bom).is_ok());
}

#[test]
fn unknown_fields_are_ignored_for_forward_compatibility() {
    let text = String::from_utf8(FULL.to_vec()).unwrap().replace(
        "\"version\": 7,",
        "\"version\": 7, \"signature\": {\"alg\": \"ed25519\"},",
    );
    assert!(parse_feed(text.as_bytes()).is_ok());
}

#[test]
fn every_error_lists_as_path_and_reason() {
    let p = Problem::new(
        "$.qa[3].documents[0]",
        "no document with id \"nmg-2019-99\"",
    );
    assert_eq!(
        p.to_string(),
        "$.qa[3].documents[0]: no document with id \"nmg-2019-99\""
    );
    let invalid = FeedError::Invalid(vec![p.clone()]);
    assert_eq!(invalid.problems(), [p]);
    assert_eq!(
        invalid.to_string(),
        "the feed is invalid (1 problem):\n$.qa[3].documents[0]: no document with id \"nmg-2019-99\""
    );
}

fn first_problem(json: &str) -> String {
    let lines = lines(&parse_feed(json.as_bytes()).unwrap_err());
    assert_eq!(lines.len(), 1, "{lines:?}");
    lines[0].clone()
}

#[test]
fn a_type_error_names_the_json_path_of_the_value() {
    assert_eq!(
        first_problem(r#"{"documents": [{}, {}, {}, {"issued": 20190301}]}"#),
        "$.documents[3].issued: invalid type: integer `20190301`, expected a string"
    );
    assert_eq!(
        first_problem(
            r#"{"interpretations": [{"panels": [{"type": "chart", "series": [{"values": [1, "x"]}]}]}]}"#
        ),
        r#"$.interpretations[0].panels[0].series[0].values[1]: invalid type: string "x", expected a number"#
    );
}

#[test]
fn a_language_tag_that_is_not_a_plain_name_is_quoted_in_the_path() {
    assert_eq!(
        first_problem(r#"{"publisher": {"name": {"zh-Hans": 5}}}"#),
        r#"$.publisher.name["zh-Hans"]: invalid type: integer `5`, expected a string"#
    );
    assert_eq!(
        first_problem(r#"{"publisher": {"name": {"en": "x"}}}"#),
        r#"$.publisher.name: localised text needs a "zh-Hans" entry"#
    );
}

#[test]
fn a_bad_inline_run_is_reported_at_the_run() {
    assert_eq!(
        first_problem(
            r#"{"documents": [{"body": [{"type": "paragraph", "text": ["a", {"em": "b", "strong": "c"}]}]}]}"#
        ),
        r#"$.documents[0].body[0].text[1]: an inline run has exactly one of "em", "strong", "link" or "ref""#
    );
    assert_eq!(
        first_problem(r#"{"qa": [{"answer": [{"type": "quote", "text": 7}]}]}"#),
        "$.qa[0].answer[0].text: invalid type: integer `7`, expected inline text: a string, an inline object or an array of them"
    );
}

#[test]
fn a_block_without_a_required_field_is_reported_at_the_block() {
    assert_eq!(
        first_problem(r#"{"documents": [{"body": [{"type": "heading", "text": "t"}]}]}"#),
        "$.documents[0].body[0]: missing field `level`"
    );
    assert_eq!(
        first_problem(r#"{"documents": [{"body": [{"text": "t"}]}]}"#),
        "$.documents[0].body[0]: missing field `type`"
    );
    assert_eq!(
        first_problem(r#"{"documents": [{"body": ["t"]}]}"#),
        r#"$.documents[0].body[0]: invalid type: string "t", expected an object with a "type""#
    );
}

#[test]
fn a_field_given_twice_is_refused() {
    assert_eq!(
        first_problem(r#"{"version": 1, "version": 2}"#),
        "$.version: duplicate field `version`"
    );
    assert_eq!(
        first_problem(
            r#"{"documents": [{"body": [{"type": "quote", "text": "q", "type": "quote"}]}]}"#
        ),
        "$.documents[0].body[0].type: duplicate field `type`"
    );
}

#[test]
fn an_unknown_enum_value_lists_the_known_ones() {
    assert_eq!(
        first_problem(r#"{"documents": [{"kind": "law"}]}"#),
        "$.documents[0].kind: unknown variant `law`, expected one of `regulation`, `normative`, `notice`, `plan`, `other`"
    );
    assert_eq!(
        first_problem(r#"{"documents": [{"status": {"in_force": null}}]}"#),
        "$.documents[0].status: invalid type: object, expected a string, one of `in_force`, `amended`, `repealed`, `expired`"
    );
}

#[test]
fn a_syntax_error_counts_its_column_in_characters() {
    let err = parse_feed("{\"schema\": \"1.0\",\n \"标题\": \"政务\" x}".as_bytes()).unwrap_err();
    assert_eq!(
        err,
        FeedError::Syntax {
            line: 2,
            column: 13,
            message: "expected `,` or `}`".into()
        }
    );
}

#[test]
fn a_lone_surrogate_in_text_that_is_read_is_a_syntax_error() {
    let err = parse_feed(br#"{"generated_at": "\ud800"}"#).unwrap_err();
    assert_eq!(
        err,
        FeedError::Syntax {
            line: 1,
            column: 25,
            message: "unexpected end of hex escape".into()
        }
    );
}

#[test]
fn a_schema_major_version_from_the_future_is_refused_before_anything_else() {
    let err = parse_feed(br#"{"documents": 5, "schema": "2.1"}"#).unwrap_err();
    assert_eq!(
        lines(&err),
        [
            r#"$.schema: schema version "2.1" is not supported; this reader supports "1.0" (any 1.x)"#
        ]
    );
}

/// A feed that is valid UTF-8 throughout has its strings checked in one pass; one that is not
/// is read string by string, as before. Both give what reading string by string gives: the bad
/// bytes are an error where a string is read, and pass where a value is only skipped.
#[test]
fn invalid_utf8_is_an_error_only_in_a_string_that_is_read() {
    let with = |from: &str, to: &[u8]| {
        let at = FULL.windows(from.len()).position(|w| w == from.as_bytes());
        let at = at.expect(from);
        [&FULL[..at], to, &FULL[at + from.len()..]].concat()
    };
    let skipped = with("{\n  \"schema\"", b"{\n  \"x\": \"\xff\",\n  \"schema\"");
    assert_eq!(parse_feed(&skipped), parse_feed(FULL));
    assert!(parse_feed(FULL).is_ok());

    let read = with("\"generated_at\": \"", b"\"generated_at\": \"\xe4\xb8");
    assert_eq!(
        parse_feed(&read).unwrap_err(),
        FeedError::Syntax {
            line: 9,
            column: 20,
            message: "invalid unicode code point".into()
        }
    );
}
