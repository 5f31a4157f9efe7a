//! The JSON Schema (`docs/feed.schema.json`) and the parser agree: valid fixtures pass both,
//! structurally broken ones fail both, and the bundled feed passes both.

use boon::{Compiler, SchemaIndex, Schemas};
use gongkai_feed::parse::parse_feed;
use std::path::{Path, PathBuf};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn schema() -> (Schemas, SchemaIndex) {
    let path = manifest_dir().join("../../docs/feed.schema.json");
    let path = path.canonicalize().expect("docs/feed.schema.json exists");
    let mut schemas = Schemas::new();
    let mut compiler = Compiler::new();
    compiler.enable_format_assertions();
    let index = compiler
        .compile(path.to_str().unwrap(), &mut schemas)
        .unwrap_or_else(|e| panic!("the schema compiles: {e:#}"));
    (schemas, index)
}

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(manifest_dir().join("fixtures").join(kind))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "fixtures/{kind} has JSON files");
    files
}

fn schema_errors(schemas: &Schemas, index: SchemaIndex, path: &Path) -> Option<String> {
    let value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).unwrap()).expect("fixtures are JSON");
    schemas
        .validate(&value, index)
        .err()
        .map(|e| format!("{e:#}"))
}

#[test]
fn valid_fixtures_pass_the_schema_and_the_parser() {
    let (schemas, index) = schema();
    for path in fixtures("valid") {
        if let Some(e) = schema_errors(&schemas, index, &path) {
            panic!("{} fails the schema: {e}", path.display());
        }
        if let Err(e) = parse_feed(&std::fs::read(&path).unwrap()) {
            panic!("{} fails the parser: {e}", path.display());
        }
    }
}

#[test]
fn structurally_invalid_fixtures_fail_the_schema_and_the_parser() {
    let (schemas, index) = schema();
    for path in fixtures("invalid") {
        assert!(
            schema_errors(&schemas, index, &path).is_some(),
            "{} passes the schema",
            path.display()
        );
        assert!(
            parse_feed(&std::fs::read(&path).unwrap()).is_err(),
            "{} passes the parser",
            path.display()
        );
    }
}

#[test]
fn the_bundled_feed_passes_the_schema_and_the_parser() {
    let path = manifest_dir().join("../../public/feed/feed.json");
    let bytes = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("the bundled feed {} is readable: {e}", path.display()));
    let (schemas, index) = schema();
    if let Some(e) = schema_errors(&schemas, index, &path) {
        panic!("the bundled feed fails the schema: {e}");
    }
    if let Err(e) = parse_feed(&bytes) {
        panic!("the bundled feed fails the parser: {e}");
    }
}
