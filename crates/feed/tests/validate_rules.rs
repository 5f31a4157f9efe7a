//! One test per validation rule: a small change that breaks a valid feed
//! (`fixtures/valid/full.json`), and the exact `path: reason` line a publisher then reads.

use gongkai_feed::parse::{parse_feed, FeedError};
use gongkai_feed::validate::validate;
use gongkai_feed::{Feed, Panel};
use serde_json::{json, Value};

const FULL: &str = include_str!("../fixtures/valid/full.json");

fn base() -> Value {
    serde_json::from_str(FULL).unwrap()
}

/// The problem lines after setting each JSON pointer in `edits` to its value.
fn problems_with(edits: &[(&str, Value)]) -> Vec<String> {
    let mut feed = base();
    for (pointer, value) in edits {
        // A missing last key is added, so that optional fields can be set too.
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let parent = feed
            .pointer_mut(parent)
            .unwrap_or_else(|| panic!("no {parent} in the fixture"));
        match parent {
            Value::Object(map) => {
                map.insert(key.to_string(), value.clone());
            }
            Value::Array(items) => items[key.parse::<usize>().unwrap()] = value.clone(),
            other => panic!("{pointer}: cannot set inside {other}"),
        }
    }
    problems_of(&feed)
}

fn problems_of(feed: &Value) -> Vec<String> {
    match parse_feed(&serde_json::to_vec(feed).unwrap()) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems().iter().map(ToString::to_string).collect(),
    }
}

fn one(pointer: &str, value: Value) -> Vec<String> {
    problems_with(&[(pointer, value)])
}

#[test]
fn the_full_fixture_is_valid() {
    assert_eq!(problems_of(&base()), Vec::<String>::new());
}

// Schema version.

#[test]
fn a_missing_schema_is_reported() {
    let mut feed = base();
    feed.as_object_mut().unwrap().remove("schema");
    assert_eq!(problems_of(&feed), ["$.schema: must not be empty"]);
}

#[test]
fn a_schema_that_is_not_major_dot_minor_is_reported() {
    assert_eq!(
        one("/schema", json!("1")),
        [r#"$.schema: "1" is not a version of the form MAJOR.MINOR, such as "1.0""#]
    );
}

#[test]
fn a_schema_that_is_not_a_string_is_reported() {
    assert_eq!(
        one("/schema", json!(1.0)),
        [r#"$.schema: expected a version string such as "1.0", found 1.0"#]
    );
}

#[test]
fn an_unknown_major_version_is_refused_naming_the_supported_one() {
    let mut feed = base();
    feed["schema"] = json!("2.0");
    // A 2.x feed may have any shape; it is refused before being read as 1.x.
    feed["documents"] = json!("reshaped in 2.0");
    let err = parse_feed(&serde_json::to_vec(&feed).unwrap()).unwrap_err();
    assert_eq!(
        err,
        FeedError::UnsupportedSchema {
            found: "2.0".into(),
            supported: "1.0".into()
        }
    );
    assert_eq!(
        err.to_string(),
        r#"schema version "2.0" is not supported; this reader supports "1.0" (any 1.x)"#
    );
    assert_eq!(
        err.problems()[0].to_string(),
        r#"$.schema: schema version "2.0" is not supported; this reader supports "1.0" (any 1.x)"#
    );
}

#[test]
fn a_newer_minor_version_is_accepted() {
    assert_eq!(one("/schema", json!("1.9")), Vec::<String>::new());
}

// Publisher and generation time.

#[test]
fn an_empty_publisher_name_is_reported() {
    assert_eq!(
        one("/publisher/name", json!("")),
        ["$.publisher.name: must not be empty"]
    );
}

#[test]
fn localised_text_with_an_empty_zh_hans_entry_is_reported() {
    assert_eq!(
        one(
            "/publisher/name",
            json!({"zh-Hans": " ", "en": "Government"})
        ),
        ["$.publisher.name: must not be empty"]
    );
}

#[test]
fn a_publisher_site_that_is_not_a_web_url_is_reported() {
    assert_eq!(
        one("/publisher/site", json!("javascript:alert(1)")),
        [r#"$.publisher.site: "javascript:alert(1)" is not an https or http URL"#]
    );
}

#[test]
fn a_generated_at_that_is_not_rfc3339_is_reported() {
    assert_eq!(
        one("/generated_at", json!("2019-06-01 09:00")),
        [
            r#"$.generated_at: "2019-06-01 09:00" is not an RFC 3339 date-time such as "2019-05-28T08:00:00+08:00""#
        ]
    );
}

#[test]
fn a_missing_generated_at_is_reported() {
    let mut feed = base();
    feed.as_object_mut().unwrap().remove("generated_at");
    assert_eq!(problems_of(&feed), ["$.generated_at: must not be empty"]);
}

// Ids.

#[test]
fn an_empty_id_is_reported() {
    assert_eq!(
        one("/topics/1/id", json!("")),
        ["$.topics[1].id: must not be empty"]
    );
}

#[test]
fn an_id_that_is_not_url_safe_is_reported() {
    assert_eq!(
        one("/topics/1/id", json!("政府 公报")),
        [
            r#"$.topics[1].id: "政府 公报" is not a valid id: use only letters, digits, '.', '_' and '-'"#
        ]
    );
}

#[test]
fn a_duplicate_id_is_reported_where_it_repeats() {
    assert_eq!(
        one("/topics/1/id", json!("openness")),
        [r#"$.topics[1].id: duplicate id "openness", first used at $.topics[0]"#]
    );
}

#[test]
fn a_duplicate_document_id_is_reported_once() {
    let mut feed = base();
    let copy = feed["documents"][2].clone();
    feed["documents"].as_array_mut().unwrap().push(copy);
    assert_eq!(
        problems_of(&feed),
        [r#"$.documents[3].id: duplicate id "nmg-2018-30", first used at $.documents[2]"#]
    );
}

#[test]
fn the_same_id_in_two_collections_is_allowed() {
    assert_eq!(one("/qa/1/id", json!("nmg-2019-15")), Vec::<String>::new());
}

// Cross-references.

#[test]
fn a_document_naming_a_missing_agency_is_reported() {
    assert_eq!(
        one("/documents/0/agency", json!("nobody")),
        [r#"$.documents[0].agency: no agency with id "nobody""#]
    );
}

#[test]
fn a_document_without_an_agency_is_reported() {
    assert_eq!(
        one("/documents/1/agency", json!("")),
        ["$.documents[1].agency: must not be empty"]
    );
}

#[test]
fn a_missing_topic_is_reported() {
    assert_eq!(
        one("/documents/0/topics/0", json!("health")),
        [r#"$.documents[0].topics[0]: no topic with id "health""#]
    );
}

#[test]
fn a_qa_item_citing_a_missing_document_is_reported_with_its_path() {
    assert_eq!(
        one("/qa/1/documents/0", json!("nmg-2019-99")),
        [r#"$.qa[1].documents[0]: no document with id "nmg-2019-99""#]
    );
}

#[test]
fn an_interpretation_of_a_missing_document_is_reported() {
    assert_eq!(
        one("/interpretations/1/documents/0", json!("nmg-2019-99")),
        [r#"$.interpretations[1].documents[0]: no document with id "nmg-2019-99""#]
    );
}

#[test]
fn an_interpretation_naming_a_missing_agency_is_reported() {
    assert_eq!(
        one("/interpretations/1/agency", json!("nobody")),
        [r#"$.interpretations[1].agency: no agency with id "nobody""#]
    );
}

#[test]
fn a_gazette_section_listing_a_missing_document_is_reported() {
    assert_eq!(
        one("/gazette/0/sections/1/documents/0", json!("nmg-2019-99")),
        [r#"$.gazette[0].sections[1].documents[0]: no document with id "nmg-2019-99""#]
    );
}

#[test]
fn a_ref_inline_in_a_document_body_to_a_missing_document_is_reported() {
    assert_eq!(
        one("/documents/0/body/3/text/3/ref", json!("nmg-2019-99")),
        [r#"$.documents[0].body[3].text[3]: no document with id "nmg-2019-99""#]
    );
}

#[test]
fn a_ref_inline_in_a_qa_answer_to_a_missing_document_is_reported() {
    assert_eq!(
        one("/qa/0/answer/0/text/1/ref", json!("nmg-2019-99")),
        [r#"$.qa[0].answer[0].text[1]: no document with id "nmg-2019-99""#]
    );
}

#[test]
fn a_ref_inline_in_a_text_panel_to_a_missing_document_is_reported() {
    assert_eq!(
        one(
            "/interpretations/1/panels/0/body/0/text/1/ref",
            json!("gone")
        ),
        [r#"$.interpretations[1].panels[0].body[0].text[1]: no document with id "gone""#]
    );
}

#[test]
fn a_single_ref_inline_in_a_transcript_is_reported_at_its_field() {
    assert_eq!(
        one(
            "/interpretations/0/panels/4/transcript/0/text",
            json!({"ref": "gone"})
        ),
        [r#"$.interpretations[0].panels[4].transcript[0].text: no document with id "gone""#]
    );
}

#[test]
fn a_ref_inline_in_a_list_item_to_a_missing_document_is_reported() {
    assert_eq!(
        one("/documents/0/body/4/items/1/1", json!({"ref": "gone"})),
        [r#"$.documents[0].body[4].items[1][1]: no document with id "gone""#]
    );
}

// Dates.

#[test]
fn a_date_that_does_not_exist_is_reported() {
    assert_eq!(
        one("/documents/1/issued", json!("2019-02-29")),
        [r#"$.documents[1].issued: "2019-02-29" is not a real date of the form YYYY-MM-DD"#]
    );
}

#[test]
fn a_leap_day_in_a_leap_year_is_a_real_date() {
    assert_eq!(
        one("/documents/1/issued", json!("2020-02-29")),
        Vec::<String>::new()
    );
}

#[test]
fn a_date_in_another_format_is_reported() {
    assert_eq!(
        one("/qa/0/updated", json!("2019/06/05")),
        [r#"$.qa[0].updated: "2019/06/05" is not a real date of the form YYYY-MM-DD"#]
    );
}

#[test]
fn a_missing_date_is_reported() {
    assert_eq!(
        one("/interpretations/0/published", json!("")),
        ["$.interpretations[0].published: must not be empty"]
    );
}

#[test]
fn an_effective_date_that_does_not_exist_is_reported() {
    assert_eq!(
        one("/documents/0/effective", json!("2019-13-01")),
        [r#"$.documents[0].effective: "2019-13-01" is not a real date of the form YYYY-MM-DD"#]
    );
}

// Gazette issues.

#[test]
fn a_gazette_year_that_differs_from_the_published_year_is_reported() {
    assert_eq!(
        one("/gazette/0/year", json!(2018)),
        [r#"$.gazette[0].year: 2018 does not match the year of published "2019-06-30""#]
    );
}

#[test]
fn a_gazette_issue_number_of_zero_is_reported() {
    assert_eq!(
        one("/gazette/1/number", json!(0)),
        ["$.gazette[1].number: must be 1 or more"]
    );
}

#[test]
fn the_same_issue_number_twice_in_a_year_is_reported() {
    assert_eq!(
        problems_with(&[
            ("/gazette/1/year", json!(2019)),
            ("/gazette/1/number", json!(12)),
            ("/gazette/1/published", json!("2019-07-01")),
        ]),
        ["$.gazette[1].number: issue 12 of 2019 is already at $.gazette[0]"]
    );
}

#[test]
fn an_issue_label_is_required() {
    assert_eq!(
        one("/gazette/1/label", json!("")),
        ["$.gazette[1].label: must not be empty"]
    );
}

// URLs.

#[test]
fn a_javascript_link_is_reported() {
    assert_eq!(
        one(
            "/documents/0/body/5/rows/0/1/link",
            json!("javascript:alert(1)")
        ),
        [
            r#"$.documents[0].body[5].rows[0][1]: "javascript:alert(1)" has a scheme that is not allowed: use https, http, mailto or tel, or a path inside the app"#
        ]
    );
}

#[test]
fn a_relative_link_that_is_not_an_app_path_is_reported() {
    assert_eq!(
        one("/documents/0/body/5/rows/0/1/link", json!("qa/q-yusuan")),
        [
            r#"$.documents[0].body[5].rows[0][1]: "qa/q-yusuan" is not an allowed link: use an https, http, mailto or tel URL, or a path inside the app starting with / or #"#
        ]
    );
}

#[test]
fn mailto_tel_and_app_links_are_allowed() {
    for href in [
        "mailto:gk@nmg.gov.cn",
        "tel:12345",
        "/qa/q-yusuan",
        "#jiedu",
    ] {
        assert_eq!(
            one("/documents/0/body/5/rows/0/1/link", json!(href)),
            Vec::<String>::new(),
            "{href}"
        );
    }
}

#[test]
fn an_image_from_a_data_url_is_reported() {
    assert_eq!(
        one(
            "/documents/0/body/7/src",
            json!("data:image/png;base64,AAAA")
        ),
        [
            r#"$.documents[0].body[7].src: "data:image/png;base64,AAAA" has a scheme that is not allowed (data:): use https, http or a relative path"#
        ]
    );
}

#[test]
fn an_image_path_leaving_the_feed_directory_is_reported() {
    assert_eq!(
        one("/documents/0/body/7/src", json!("media/../../secret.png")),
        [r#"$.documents[0].body[7].src: "media/../../secret.png" must not contain "..""#]
    );
}

#[test]
fn a_pdf_url_with_another_scheme_is_reported() {
    assert_eq!(
        one("/gazette/0/pdf_url", json!("file:///gazette.pdf")),
        [
            r#"$.gazette[0].pdf_url: "file:///gazette.pdf" has a scheme that is not allowed (file:): use https, http or a relative path"#
        ]
    );
}

#[test]
fn a_media_url_with_spaces_is_reported() {
    assert_eq!(
        one("/interpretations/0/panels/4/src", json!("media/a b.mp3")),
        [
            r#"$.interpretations[0].panels[4].src: "media/a b.mp3" contains spaces or control characters"#
        ]
    );
}

#[test]
fn a_source_url_that_is_not_a_web_url_is_reported() {
    assert_eq!(
        one("/documents/0/source_url", json!("ftp://www.nmg.gov.cn/a")),
        [r#"$.documents[0].source_url: "ftp://www.nmg.gov.cn/a" is not an https or http URL"#]
    );
}

#[test]
fn a_web_url_without_a_host_is_reported() {
    assert_eq!(
        one("/agencies/0/site", json!("https:///path")),
        [r#"$.agencies[0].site: "https:///path" has no host"#]
    );
}

// Images and media.

#[test]
fn an_image_without_alt_text_is_reported() {
    assert_eq!(
        one("/interpretations/0/panels/0/alt", json!("")),
        [
            "$.interpretations[0].panels[0].alt: must not be empty: describe the image for readers who cannot see it"
        ]
    );
}

#[test]
fn an_image_without_a_size_is_reported() {
    assert_eq!(
        problems_with(&[
            ("/gazette/0/cover/width", json!(0)),
            ("/gazette/0/cover/height", json!(0)),
        ]),
        [
            "$.gazette[0].cover.width: must be greater than 0",
            "$.gazette[0].cover.height: must be greater than 0"
        ]
    );
}

#[test]
fn a_video_poster_without_alt_text_is_reported() {
    assert_eq!(
        one("/interpretations/0/panels/5/poster/alt", json!("")),
        [
            "$.interpretations[0].panels[5].poster.alt: must not be empty: describe the image for readers who cannot see it"
        ]
    );
}

#[test]
fn media_without_a_transcript_is_reported() {
    assert_eq!(
        one("/interpretations/0/panels/4/transcript", json!([])),
        [
            "$.interpretations[0].panels[4].transcript: must not be empty: audio and video need a transcript"
        ]
    );
}

#[test]
fn media_without_a_title_is_reported() {
    assert_eq!(
        one("/interpretations/0/panels/5/title", json!("")),
        ["$.interpretations[0].panels[5].title: must not be empty"]
    );
}

// Charts.

#[test]
fn a_series_with_fewer_values_than_labels_is_reported() {
    assert_eq!(
        one(
            "/interpretations/0/panels/2/series/0/values",
            json!([3, 3, 4])
        ),
        ["$.interpretations[0].panels[2].series[0].values: has 3 values for 5 labels"]
    );
}

#[test]
fn a_pie_chart_with_two_series_is_reported() {
    assert_eq!(
        one(
            "/interpretations/0/panels/3/series",
            json!([{"name": "a", "values": [1, 2]}, {"name": "b", "values": [2, 1]}])
        ),
        ["$.interpretations[0].panels[3].series: a pie chart has exactly one series, found 2"]
    );
}

#[test]
fn a_negative_pie_value_is_reported() {
    assert_eq!(
        one("/interpretations/0/panels/3/series/0/values", json!([-1, 83.3])),
        [
            "$.interpretations[0].panels[3].series[0].values[0]: a pie chart value must not be negative"
        ]
    );
}

#[test]
fn a_pie_chart_adding_up_to_zero_is_reported() {
    assert_eq!(
        one("/interpretations/0/panels/3/series/0/values", json!([0, 0])),
        ["$.interpretations[0].panels[3].series[0].values: a pie chart needs a positive total"]
    );
}

#[test]
fn a_value_that_is_not_finite_is_reported() {
    // JSON has no NaN, but a feed built in code (an importer) can hold one.
    let mut feed: Feed = gongkai_feed::parse::decode_feed(FULL.as_bytes()).unwrap();
    let Panel::Chart(chart) = &mut feed.interpretations[0].panels[2] else {
        panic!("panel 2 is a chart");
    };
    chart.series[0].values[1] = f64::NAN;
    chart.series[0].values[2] = f64::INFINITY;
    let lines: Vec<String> = validate(&feed).iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "$.interpretations[0].panels[2].series[0].values[1]: must be a finite number",
            "$.interpretations[0].panels[2].series[0].values[2]: must be a finite number"
        ]
    );
}

#[test]
fn a_number_too_large_for_json_is_reported_with_its_position() {
    let text = FULL.replace("[3, 3, 4, 4, 4]", "[3, 3, 4e999, 4, 4]");
    let line = 1 + text[..text.find("4e999").unwrap()].matches('\n').count();
    match parse_feed(text.as_bytes()) {
        Err(FeedError::Syntax {
            line: l, message, ..
        }) => {
            assert_eq!(l, line);
            assert_eq!(message, "number out of range");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn a_chart_without_a_source_is_reported() {
    assert_eq!(
        one("/interpretations/0/panels/2/source", json!("")),
        ["$.interpretations[0].panels[2].source: must not be empty"]
    );
}

#[test]
fn unnamed_series_of_a_multi_series_chart_are_reported() {
    assert_eq!(
        one(
            "/interpretations/0/panels/2/series",
            json!([{"values": [1, 2, 3, 4, 5]}, {"name": "b", "values": [5, 4, 3, 2, 1]}])
        ),
        ["$.interpretations[0].panels[2].series[0].name: must not be empty"]
    );
}

// Rich text.

#[test]
fn a_heading_level_outside_one_to_six_is_reported() {
    assert_eq!(
        one("/documents/0/body/1/level", json!(7)),
        ["$.documents[0].body[1].level: heading level 7 is not between 1 and 6"]
    );
    assert_eq!(
        one("/documents/0/body/1/level", json!(0)),
        ["$.documents[0].body[1].level: heading level 0 is not between 1 and 6"]
    );
}

#[test]
fn a_table_row_with_the_wrong_number_of_cells_is_reported() {
    assert_eq!(
        one("/documents/0/body/5/rows/1", json!(["热线"])),
        ["$.documents[0].body[5].rows[1]: has 1 cell but the header has 2"]
    );
}

#[test]
fn a_table_without_a_header_may_have_rows_of_any_length() {
    let mut feed = base();
    feed["documents"][0]["body"][5]
        .as_object_mut()
        .unwrap()
        .remove("header");
    feed["documents"][0]["body"][5]["rows"][1] = json!(["热线"]);
    assert_eq!(problems_of(&feed), Vec::<String>::new());
}

#[test]
fn an_empty_paragraph_is_reported() {
    assert_eq!(
        one("/documents/1/body/0/text", json!("")),
        ["$.documents[1].body[0].text: must not be empty"]
    );
}

#[test]
fn a_list_without_items_is_reported() {
    assert_eq!(
        one("/documents/0/body/4/items", json!([])),
        ["$.documents[0].body[4].items: must have at least one item"]
    );
}

#[test]
fn a_duplicate_heading_id_is_reported() {
    assert_eq!(
        one("/documents/0/body/1/id", json!("jiedu")),
        [
            r#"$.documents[0].body[2].id: duplicate heading id "jiedu", first used at $.documents[0].body[1]"#
        ]
    );
}

#[test]
fn a_heading_id_taking_another_headings_derived_anchor_is_reported() {
    assert_eq!(
        one("/documents/0/body/2/id", json!("s-1")),
        [
            r#"$.documents[0].body[2].id: heading id "s-1" is reserved: ids of the form s-<number> name headings by their position"#
        ]
    );
    assert_eq!(
        one("/documents/0/body/2/id", json!("s-2")),
        Vec::<String>::new()
    );
}

#[test]
fn a_heading_id_that_is_not_url_safe_is_reported() {
    assert_eq!(
        one("/documents/0/body/2/id", json!("解读")),
        [
            r#"$.documents[0].body[2].id: "解读" is not a valid id: use only letters, digits, '.', '_' and '-'"#
        ]
    );
}

// Required content of items.

#[test]
fn a_document_without_a_title_is_reported() {
    assert_eq!(
        one("/documents/2/title", json!("")),
        ["$.documents[2].title: must not be empty"]
    );
}

#[test]
fn an_empty_document_number_is_reported() {
    assert_eq!(
        one("/documents/0/number", json!("")),
        ["$.documents[0].number: must not be empty"]
    );
}

#[test]
fn a_question_without_text_or_answer_is_reported() {
    assert_eq!(
        problems_with(&[("/qa/1/question", json!("")), ("/qa/1/answer", json!([]))]),
        [
            "$.qa[1].question: must not be empty",
            "$.qa[1].answer: must not be empty"
        ]
    );
}

#[test]
fn an_interpretation_without_documents_or_panels_is_reported() {
    assert_eq!(
        problems_with(&[
            ("/interpretations/1/documents", json!([])),
            ("/interpretations/1/panels", json!([])),
            ("/interpretations/1/summary", json!("")),
        ]),
        [
            "$.interpretations[1].summary: must not be empty",
            "$.interpretations[1].documents: must list the documents it interprets",
            "$.interpretations[1].panels: must have at least one panel"
        ]
    );
}

#[test]
fn an_empty_text_panel_is_reported() {
    assert_eq!(
        one("/interpretations/1/panels/0/body", json!([])),
        ["$.interpretations[1].panels[0].body: must not be empty"]
    );
}

// Several problems at once.

#[test]
fn a_feed_with_several_problems_lists_every_one_with_its_path() {
    let lines = problems_with(&[
        ("/generated_at", json!("yesterday")),
        ("/documents/1/issued", json!("2019-06-31")),
        ("/documents/2/agency", json!("nobody")),
        ("/gazette/1/year", json!(2017)),
        ("/qa/0/documents/0", json!("nmg-2019-99")),
        ("/interpretations/0/panels/0/alt", json!("")),
        ("/interpretations/0/panels/2/series/0/values", json!([1])),
        ("/documents/0/body/1/level", json!(9)),
    ]);
    assert_eq!(
        lines,
        [
            r#"$.generated_at: "yesterday" is not an RFC 3339 date-time such as "2019-05-28T08:00:00+08:00""#,
            "$.documents[0].body[1].level: heading level 9 is not between 1 and 6",
            r#"$.documents[1].issued: "2019-06-31" is not a real date of the form YYYY-MM-DD"#,
            r#"$.documents[2].agency: no agency with id "nobody""#,
            r#"$.gazette[1].year: 2017 does not match the year of published "2018-12-31""#,
            r#"$.qa[0].documents[0]: no document with id "nmg-2019-99""#,
            "$.interpretations[0].panels[0].alt: must not be empty: describe the image for readers who cannot see it",
            "$.interpretations[0].panels[2].series[0].values: has 1 value for 5 labels",
        ]
    );
}

#[test]
fn an_invalid_feed_displays_a_count_and_every_problem() {
    let mut feed = base();
    feed["documents"][1]["issued"] = json!("2019-06-31");
    feed["qa"][0]["documents"][0] = json!("nmg-2019-99");
    let err = parse_feed(&serde_json::to_vec(&feed).unwrap()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the feed is invalid (2 problems):\n\
         $.documents[1].issued: \"2019-06-31\" is not a real date of the form YYYY-MM-DD\n\
         $.qa[0].documents[0]: no document with id \"nmg-2019-99\""
    );
}
