//! The 10,000-document feed that `cargo xtask bench feed` builds from the corpus decodes to the
//! very `Feed` serde's derives read from it.

use gongkai_feed::parse::{decode_feed, parse_feed};
use gongkai_feed::Feed;
use std::path::PathBuf;
use std::process::Command;

/// The same corpus and size as `xtask/src/bench/feed.rs`.
const CORPUS: &str = "../../../shared/corpus/government_work_reports.jsonl";
const ITEMS: &str = "10000";

#[test]
fn the_ten_thousand_document_corpus_feed_decodes_to_what_serde_read() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(CORPUS);
    if !corpus.exists() {
        eprintln!(
            "skipped: the corpus {} is not on this machine",
            corpus.display()
        );
        return;
    }
    let out = std::env::temp_dir().join(format!("feedtool-corpus-{}.json", std::process::id()));
    let run = Command::new(env!("CARGO_BIN_EXE_feedtool"))
        .arg("corpus")
        .arg(&corpus)
        .args(["--items", ITEMS, "-o"])
        .arg(&out)
        .output()
        .expect("feedtool runs");
    let bytes = std::fs::read(&out);
    let _ = std::fs::remove_file(&out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let bytes = bytes.unwrap();

    let ours = decode_feed(&bytes).unwrap();
    let theirs: Feed = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(ours.documents.len(), 10_000);
    assert_eq!(ours, theirs);
    // To the sign of every zero, too.
    assert_eq!(
        serde_json::to_vec(&ours).unwrap(),
        serde_json::to_vec(&theirs).unwrap()
    );
    assert!(parse_feed(&bytes).is_ok());
}
