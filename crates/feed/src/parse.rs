//! Bytes to a checked [`Feed`]: size and depth caps, the schema version, JSON syntax and types,
//! then [`crate::validate`]. Every failure is a [`FeedError`] that lists its problems as
//! `path: reason` lines; no input makes it panic.

use crate::model::{Feed, SCHEMA_MAJOR, SCHEMA_VERSION};
use crate::validate::{schema_major, validate};
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

pub use crate::validate::Problem;

/// The largest feed accepted, in bytes (32 MiB). A feed of 100,000 documents is sharded rather
/// than shipped as one file; a bigger single file is more likely a mistake or an attack, and
/// parsing it would stall a phone.
pub const MAX_FEED_BYTES: usize = 32 * 1024 * 1024;

/// The deepest nesting of arrays and objects accepted. A valid feed nests about ten levels; the
/// cap keeps a hostile input from exhausting the stack of the recursive parser.
pub const MAX_DEPTH: usize = 64;

/// Why a feed was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedError {
    /// The input is larger than [`MAX_FEED_BYTES`].
    TooLarge { size: usize, max: usize },
    /// Arrays and objects nest deeper than [`MAX_DEPTH`]; `line` and `column` (1-based) are
    /// where the limit was passed.
    TooDeep {
        max: usize,
        line: usize,
        column: usize,
    },
    /// The input is not JSON.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// The feed's `schema` has a major version this reader does not know.
    UnsupportedSchema { found: String, supported: String },
    /// The feed is JSON but breaks the format: every problem, with its path.
    Invalid(Vec<Problem>),
}

impl FeedError {
    /// The error as `path: reason` problems, so every kind of failure can be listed alike.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            FeedError::Invalid(problems) => problems.clone(),
            FeedError::UnsupportedSchema { .. } => vec![Problem::new("$.schema", self.reason())],
            _ => vec![Problem::new("$", self.reason())],
        }
    }

    fn reason(&self) -> String {
        match self {
            FeedError::TooLarge { size, max } => {
                format!("the feed is {size} bytes, more than the limit of {max} bytes")
            }
            FeedError::TooDeep { max, line, column } => format!(
                "arrays and objects nest deeper than {max} levels (at line {line}, column {column})"
            ),
            FeedError::Syntax {
                line,
                column,
                message,
            } => format!("not valid JSON at line {line}, column {column}: {message}"),
            FeedError::UnsupportedSchema { found, supported } => format!(
                "schema version {found:?} is not supported; this reader supports \"{supported}\" (any 1.x)"
            ),
            FeedError::Invalid(problems) => match problems.len() {
                1 => "1 problem".to_string(),
                n => format!("{n} problems"),
            },
        }
    }
}

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeedError::Invalid(problems) => {
                write!(f, "the feed is invalid ({}):", self.reason())?;
                for p in problems {
                    write!(f, "\n{p}")?;
                }
                Ok(())
            }
            _ => f.write_str(&self.reason()),
        }
    }
}

impl std::error::Error for FeedError {}

/// Parses and validates a feed.
pub fn parse_feed(bytes: &[u8]) -> Result<Feed, FeedError> {
    if bytes.len() > MAX_FEED_BYTES {
        return Err(FeedError::TooLarge {
            size: bytes.len(),
            max: MAX_FEED_BYTES,
        });
    }
    // Editors on Windows save UTF-8 with a byte-order mark; it is not part of the JSON.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    check_depth(bytes)?;

    // The version decides how the rest is read, so it is read first (and this pass also finds
    // any syntax error, with its position, without building anything).
    let head: Head = serde_json::from_slice(bytes).map_err(|e| match e.classify() {
        serde_json::error::Category::Data if e.to_string().contains(FEED_IS_AN_OBJECT) => {
            FeedError::Invalid(vec![Problem::new("$", "the feed must be a JSON object")])
        }
        _ => syntax_or_type_error(e),
    })?;
    if let Some(serde_json::Value::String(schema)) = &head.schema {
        if let Some(major) = schema_major(schema) {
            if major != SCHEMA_MAJOR {
                return Err(FeedError::UnsupportedSchema {
                    found: schema.clone(),
                    supported: SCHEMA_VERSION.to_string(),
                });
            }
        }
    }
    let schema_problem = match &head.schema {
        Some(serde_json::Value::String(_)) | None => None,
        Some(other) => Some(Problem::new(
            "$.schema",
            format!("expected a version string such as \"{SCHEMA_VERSION}\", found {other}"),
        )),
    };
    if let Some(p) = schema_problem {
        return Err(FeedError::Invalid(vec![p]));
    }

    let feed = deserialize(bytes)?;
    let problems = validate(&feed);
    if problems.is_empty() {
        Ok(feed)
    } else {
        Err(FeedError::Invalid(problems))
    }
}

/// Only the version; other fields are skipped without being built.
struct Head {
    schema: Option<serde_json::Value>,
}

impl<'de> Deserialize<'de> for Head {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct HeadVisitor;
        impl<'de> Visitor<'de> for HeadVisitor {
            type Value = Head;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(FEED_IS_AN_OBJECT)
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

const FEED_IS_AN_OBJECT: &str = "a JSON object";

fn syntax_or_type_error(e: serde_json::Error) -> FeedError {
    match e.classify() {
        serde_json::error::Category::Data => {
            FeedError::Invalid(vec![Problem::new("$", strip_position(&e))])
        }
        _ => FeedError::Syntax {
            line: e.line(),
            column: e.column(),
            message: strip_position(&e),
        },
    }
}

/// serde_json appends " at line L column C" to its messages; the position is reported apart.
/// Type names of this crate mean nothing to a publisher and become JSON terms.
fn strip_position(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    let mut message = message.to_string();
    for (rust, json) in [
        ("expected u64", "expected a whole number (0 or more)"),
        ("expected u32", "expected a whole number (0 or more)"),
        ("expected u16", "expected a whole number from 0 to 65535"),
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected f64", "expected a number"),
    ] {
        if let Some(at) = message.find(rust) {
            if !message[at + rust.len()..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
                message.replace_range(at..at + rust.len(), json);
            }
        }
    }
    for (rust, json) in [
        (", expected struct ", ", expected an object"),
        (
            ", expected internally tagged enum ",
            ", expected an object with a \"type\"",
        ),
    ] {
        if let Some(at) = message.find(rust) {
            return format!("{}{json}", &message[..at]);
        }
    }
    message
}

/// Deserialise with the JSON path of a type error (`$.documents[2].issued`).
#[cfg(feature = "json-paths")]
fn deserialize(bytes: &[u8]) -> Result<Feed, FeedError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = json_path(e.path());
        let inner = e.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => {
                FeedError::Invalid(vec![Problem::new(path, strip_position(&inner))])
            }
            _ => syntax_or_type_error(inner),
        }
    })
}

/// Deserialise, locating a type error by line and column (the lean build for the browser).
#[cfg(not(feature = "json-paths"))]
fn deserialize(bytes: &[u8]) -> Result<Feed, FeedError> {
    serde_json::from_slice(bytes).map_err(|inner| match inner.classify() {
        serde_json::error::Category::Data => FeedError::Invalid(vec![Problem::new(
            format!("$ (line {}, column {})", inner.line(), inner.column()),
            strip_position(&inner),
        )]),
        _ => syntax_or_type_error(inner),
    })
}

#[cfg(feature = "json-paths")]
fn json_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::from("$");
    for seg in path {
        match seg {
            Segment::Seq { index } => {
                out.push('[');
                out.push_str(&index.to_string());
                out.push(']');
            }
            Segment::Map { key } if is_plain_key(key) => {
                out.push('.');
                out.push_str(key);
            }
            Segment::Map { key } => {
                out.push_str("[\"");
                for c in key.chars() {
                    if c == '"' || c == '\\' {
                        out.push('\\');
                    }
                    out.push(c);
                }
                out.push_str("\"]");
            }
            // Enums here are tagged inside their object, so a variant adds no JSON step.
            Segment::Enum { .. } => {}
            Segment::Unknown => out.push_str(".?"),
        }
    }
    out
}

#[cfg(feature = "json-paths")]
fn is_plain_key(key: &str) -> bool {
    !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Counts bracket nesting outside strings in one pass over the bytes: cheap, and it runs before
/// the recursive parser can be made to recurse.
fn check_depth(bytes: &[u8]) -> Result<(), FeedError> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut line = 1usize;
    let mut line_start = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    let column = String::from_utf8_lossy(&bytes[line_start..=i])
                        .chars()
                        .count();
                    return Err(FeedError::TooDeep {
                        max: MAX_DEPTH,
                        line,
                        column,
                    });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_inside_strings_do_not_count_towards_the_depth() {
        let s = format!("{{\"a\": \"{}\"}}", "[".repeat(500));
        assert!(check_depth(s.as_bytes()).is_ok());
        let escaped = format!("{{\"a\": \"\\\"{}\"}}", "{".repeat(500));
        assert!(check_depth(escaped.as_bytes()).is_ok());
    }

    #[test]
    fn nesting_past_the_limit_is_refused_where_it_happens() {
        let s = format!("\n{}", "[".repeat(MAX_DEPTH + 1));
        assert_eq!(
            check_depth(s.as_bytes()),
            Err(FeedError::TooDeep {
                max: MAX_DEPTH,
                line: 2,
                column: MAX_DEPTH + 1
            })
        );
    }
}
