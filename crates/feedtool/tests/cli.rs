//! The `feedtool` binary as a publisher runs it: exit codes 0 (fine), 1 (invalid), 2 (cannot
//! read the input or wrong command line), and what it prints.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../feed/fixtures")
        .join(rel)
}

fn feedtool(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_feedtool"))
        .args(args)
        .output()
        .expect("feedtool runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A file in the temp directory, unique to the test, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, contents: &[u8]) -> TempFile {
        let path = std::env::temp_dir().join(format!("feedtool-{}-{name}", std::process::id()));
        std::fs::write(&path, contents).unwrap();
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn full_with(edits: &[(&str, serde_json::Value)]) -> Vec<u8> {
    let mut feed: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture("valid/full.json")).unwrap()).unwrap();
    for (pointer, value) in edits {
        *feed.pointer_mut(pointer).unwrap() = value.clone();
    }
    serde_json::to_vec_pretty(&feed).unwrap()
}

#[test]
fn validate_prints_a_summary_and_exits_0_for_a_valid_feed() {
    let path = fixture("valid/full.json");
    let out = feedtool(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1);
    let size = std::fs::metadata(&path).unwrap().len();
    assert_eq!(
        text.trim_end(),
        format!(
            "{}: valid; schema 1.0, version 7, 3 documents, 2 gazette issues, 2 Q&A, 2 interpretations, 2 agencies, 2 topics, {size} bytes",
            path.display()
        )
    );
}

#[test]
fn validate_prints_one_path_and_reason_line_per_problem_and_exits_1() {
    let feed = TempFile::new(
        "two-problems.json",
        &full_with(&[
            ("/documents/1/issued", serde_json::json!("2019-02-30")),
            ("/qa/1/documents/0", serde_json::json!("nmg-2019-99")),
        ]),
    );
    let out = feedtool(&["validate", feed.path()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "$.documents[1].issued: \"2019-02-30\" is not a real date of the form YYYY-MM-DD\n\
         $.qa[1].documents[0]: no document with id \"nmg-2019-99\"\n"
    );
    assert_eq!(
        stderr(&out).trim_end(),
        format!("{}: invalid, 2 problems", feed.path())
    );
}

#[test]
fn validate_reports_a_syntax_error_with_its_position_and_exits_1() {
    let feed = TempFile::new("broken.json", b"{\n  \"schema\": \"1.0\",\n  oops\n}");
    let out = feedtool(&["validate", feed.path()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "$: not valid JSON at line 3, column 3: key must be a string\n"
    );
}

#[test]
fn validate_refuses_an_unsupported_schema_naming_the_supported_one() {
    let feed = TempFile::new(
        "v2.json",
        &full_with(&[("/schema", serde_json::json!("2.0"))]),
    );
    let out = feedtool(&["validate", feed.path()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "$.schema: schema version \"2.0\" is not supported; this reader supports \"1.0\" (any 1.x)\n"
    );
}

#[test]
fn validate_exits_2_for_a_missing_file() {
    let out = feedtool(&["validate", "/nonexistent/feed.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    assert!(
        stderr(&out).starts_with("cannot read /nonexistent/feed.json: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn validate_exits_2_when_the_url_cannot_be_fetched() {
    // Port 1 on the loopback interface: nothing listens there, the connection is refused.
    let out = feedtool(&["validate", "http://127.0.0.1:1/feed.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("cannot fetch http://127.0.0.1:1/feed.json: "),
        "{}",
        stderr(&out)
    );
}

/// Serves `body` once over HTTP on a free local port; returns the URL.
fn serve_once(body: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    format!("http://127.0.0.1:{port}/feed.json")
}

#[test]
fn validate_reads_a_feed_from_an_http_url() {
    if Command::new("curl").arg("--version").output().is_err() {
        eprintln!("curl is not installed; skipping");
        return;
    }
    let url = serve_once(std::fs::read(fixture("valid/full.json")).unwrap());
    let out = feedtool(&["validate", &url]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with(&format!("{url}: valid; schema 1.0, version 7, 3 documents")));
}

#[test]
fn a_wrong_command_line_exits_2_with_usage() {
    for args in [
        vec![],
        vec!["frobnicate"],
        vec!["validate"],
        vec!["validate", "a.json", "b.json"],
        vec!["import-text", "x.txt"],
        vec!["import-text", "x.txt", "--id"],
        vec!["import-text", "x.txt", "--id", "a", "--colour", "red"],
    ] {
        let out = feedtool(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("usage:"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn import_text_prints_the_seed_as_a_document_entry() {
    let seed = fixture("nmg-2019-zhengwu-gongkai-gongzuo-yaodian.txt");
    let out = feedtool(&[
        "import-text",
        seed.to_str().unwrap(),
        "--id",
        "nmg-2019-zwgk-yaodian",
        "--agency",
        "nmg-gov-office",
        "--number",
        "内政办发〔2019〕14号",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // A documents entry reads like one in a feed.
    let feed = format!("{{\"documents\": [{}]}}", stdout(&out));
    let doc = gongkai_feed::parse::decode_feed(feed.as_bytes())
        .unwrap()
        .documents
        .remove(0);
    assert_eq!(doc.id, "nmg-2019-zwgk-yaodian");
    assert_eq!(doc.title.zh, "内蒙古自治区2019年政务公开工作要点");
    assert_eq!(doc.issued, "2019-05-28");
    assert_eq!(doc.number.as_deref(), Some("内政办发〔2019〕14号"));
    let levels: Vec<u8> = doc
        .body
        .iter()
        .filter_map(|b| match b {
            gongkai_feed::Block::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .collect();
    assert_eq!(levels.iter().filter(|l| **l == 1).count(), 5);
    assert_eq!(levels.iter().filter(|l| **l == 2).count(), 18);
    assert!(stdout(&out).starts_with("{\n  \"id\": \"nmg-2019-zwgk-yaodian\","));
}

#[test]
fn import_text_reads_kind_and_status_as_the_feed_spells_them() {
    let seed = fixture("nmg-2019-zhengwu-gongkai-gongzuo-yaodian.txt");
    let out = feedtool(&[
        "import-text",
        seed.to_str().unwrap(),
        "--id=seed",
        "--agency=a",
        "--kind=plan",
        "--status=expired",
        "--title=要点",
        "--date=2019-06-01",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["kind"], "plan");
    assert_eq!(doc["status"], "expired");
    assert_eq!(doc["title"], "要点");
    assert_eq!(doc["issued"], "2019-06-01");

    let bad = feedtool(&[
        "import-text",
        seed.to_str().unwrap(),
        "--id=seed",
        "--kind=decree",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).starts_with("--kind: unknown value \"decree\""));
}

#[test]
fn import_text_exits_1_when_the_text_has_no_date_and_none_is_given() {
    let text = TempFile::new("no-date.txt", "某某通知\n正文在此。\n".as_bytes());
    let out = feedtool(&["import-text", text.path(), "--id", "x"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim_end(),
        format!(
            "{}: no date line found (such as 2019年5月28日); give the date with --date YYYY-MM-DD",
            text.path()
        )
    );
}

#[test]
fn import_text_exits_2_for_a_missing_file() {
    let out = feedtool(&["import-text", "/nonexistent/a.txt", "--id", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("cannot read /nonexistent/a.txt: "));
}

#[test]
fn stats_lists_counts_text_sizes_and_the_largest_items() {
    let path = fixture("valid/full.json");
    let out = feedtool(&["stats", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[1], "collection          items   text chars");
    assert!(lines[2].starts_with("documents               3 "), "{text}");
    assert!(lines[3].starts_with("gazette                 2 "), "{text}");
    assert!(text.contains("\nlargest documents:\n"), "{text}");
    assert!(
        text.contains(
            "  nmg-2019-14  内蒙古自治区人民政府办公厅关于印发2019年政务公开工作要点的通知\n"
        ),
        "{text}"
    );
}

#[test]
fn stats_still_reports_on_a_readable_but_invalid_feed() {
    let feed = TempFile::new(
        "stats-invalid.json",
        &full_with(&[("/qa/1/documents/0", serde_json::json!("nmg-2019-99"))]),
    );
    let out = feedtool(&["stats", feed.path()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("is not valid (1 problem; see feedtool validate)"));
    assert!(stdout(&out).contains("\nqa                      2 "));
}

fn corpus_sample() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reports-sample.jsonl")
        .to_str()
        .unwrap()
        .to_string()
}

#[test]
fn corpus_builds_a_valid_feed_with_exactly_the_items_asked_for() {
    let out_file = TempFile::new("corpus-12.json", b"");
    let out = feedtool(&[
        "corpus",
        &corpus_sample(),
        "--items",
        "12",
        "-o",
        out_file.path(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with(&format!(
        "{}: 12 documents, 1 gazette issues, ",
        out_file.path()
    )));
    let check = feedtool(&["validate", out_file.path()]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    let feed = gongkai_feed::parse::decode_feed(&std::fs::read(out_file.path()).unwrap()).unwrap();
    assert_eq!(feed.documents.len(), 12);
    // Both 2019 records (the report and the resolution without a year field) share one issue.
    assert_eq!(feed.gazette.len(), 1);
    assert_eq!(feed.gazette[0].sections.len(), 2);
    assert_eq!(feed.documents[0].issued, "2019-03-05");
    let text = std::fs::read_to_string(out_file.path()).unwrap();
    assert!(!text.contains("本作品来自") && !text.contains("Public domain"));
    assert!(
        text.contains("物价总体平稳。"),
        "line breaks inside a paragraph are joined"
    );
}

#[test]
fn corpus_refuses_more_items_than_the_text_has_sentences() {
    let out_file = TempFile::new("corpus-too-many.json", b"");
    let out = feedtool(&[
        "corpus",
        &corpus_sample(),
        "--items",
        "5000",
        "-o",
        out_file.path(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("ask for fewer"), "{}", stderr(&out));
}

#[test]
fn corpus_of_the_shared_reports_reaches_ten_thousand_items_and_a_million_characters() {
    let reports = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/government_work_reports.jsonl");
    if !reports.exists() {
        eprintln!("{} is not here; skipping", reports.display());
        return;
    }
    let out_file = TempFile::new("corpus-10k.json", b"");
    let out = feedtool(&[
        "corpus",
        reports.to_str().unwrap(),
        "--items",
        "10000",
        "-o",
        out_file.path(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let feed = gongkai_feed::parse::parse_feed(&std::fs::read(out_file.path()).unwrap())
        .expect("the corpus feed is valid");
    assert_eq!(feed.documents.len(), 10000);
    let body_chars: usize =
        feed.documents
            .iter()
            .flat_map(|d| &d.body)
            .map(|b| match b {
                gongkai_feed::Block::Paragraph { text }
                | gongkai_feed::Block::Heading { text, .. } => text.plain().chars().count(),
                _ => 0,
            })
            .sum();
    assert!(body_chars > 1_000_000, "{body_chars} characters");
}
