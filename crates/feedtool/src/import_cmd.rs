//! `feedtool import-text`: a plain-text document to a feed `documents` entry.

use crate::args::Args;
use crate::Failure;
use gongkai_feed::import::{import_text, ImportOptions};
use gongkai_feed::{DocumentKind, Validity};

pub const USAGE: &str =
    "feedtool import-text <file.txt> --id ID [--agency AGENCY] [--number 文号] \
[--date YYYY-MM-DD] [--title TITLE] [--kind regulation|normative|notice|plan|other] \
[--status in_force|amended|repealed|expired]";

pub fn run(raw: &[String]) -> Result<(), Failure> {
    let args = Args::parse(
        raw,
        &[
            "--id", "--agency", "--number", "--date", "--title", "--kind", "--status",
        ],
    )
    .map_err(Failure::usage)?;
    let path = args
        .one_positional("the text file")
        .map_err(Failure::usage)?;
    let id = args
        .get("--id")
        .ok_or_else(|| Failure::usage("missing --id"))?;
    let kind = match args.get("--kind") {
        Some(k) => DocumentKind::from_name(k).ok_or_else(|| unknown(k, "--kind"))?,
        None => DocumentKind::default(),
    };
    let status = match args.get("--status") {
        Some(s) => Validity::from_name(s).ok_or_else(|| unknown(s, "--status"))?,
        None => Validity::default(),
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::input(format!("cannot read {path}: {e}")))?;
    let opts = ImportOptions {
        id: id.to_string(),
        agency: args.get("--agency").unwrap_or_default().to_string(),
        number: args.get("--number").map(str::to_string),
        date: args.get("--date").map(str::to_string),
        title: args.get("--title").map(str::to_string),
        kind,
        status,
    };
    let doc = import_text(&text, opts).map_err(|e| Failure::invalid(format!("{path}: {e}")))?;
    if doc.agency.is_empty() {
        eprintln!("note: no --agency given; set the document's \"agency\" before publishing");
    }
    let json = serde_json::to_string_pretty(&doc)
        .map_err(|e| Failure::input(format!("cannot write the document as JSON: {e}")))?;
    println!("{json}");
    Ok(())
}

/// The options take the values the way the feed spells them, so they match the format.
fn unknown(value: &str, option: &str) -> Failure {
    Failure::usage(format!("{option}: unknown value {value:?}"))
}
