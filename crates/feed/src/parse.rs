//! Bytes to a checked [`Feed`]: size and depth caps, the schema version, JSON syntax and types,
//! then [`crate::validate`]. Every failure is a [`FeedError`] that lists its problems as
//! `path: reason` lines; no input makes it panic.

use crate::decode::{self, DecodeError, Schema};
use crate::json::plain_end;
use crate::model::{Feed, SCHEMA_MAJOR, SCHEMA_VERSION};
use crate::validate::{schema_major, validate};
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
    let feed = decode_feed(bytes)?;
    let problems = validate(&feed);
    if problems.is_empty() {
        Ok(feed)
    } else {
        Err(FeedError::Invalid(problems))
    }
}

/// Reads a feed without applying the validation rules: the caps, the JSON syntax, the schema
/// version and the types only. For tools that look into a feed that is not valid yet; the app
/// uses [`parse_feed`].
pub fn decode_feed(bytes: &[u8]) -> Result<Feed, FeedError> {
    if bytes.len() > MAX_FEED_BYTES {
        return Err(FeedError::TooLarge {
            size: bytes.len(),
            max: MAX_FEED_BYTES,
        });
    }
    // Editors on Windows save UTF-8 with a byte-order mark; it is not part of the JSON.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);

    // One pass reads the feed, and stops where it would nest too deep. Only when it fails is the
    // input looked at again the way it was always checked, in order: its nesting (before any
    // recursive reader can be made to recurse), its syntax everywhere, then the version (which
    // decides how the rest is read), and only then the types; so the first error reported does
    // not depend on where in the file a problem is. A feed that reads is correct on all four
    // counts.
    let e = match decode::feed(bytes) {
        Ok(feed) => {
            check_version(&feed.schema)?;
            return Ok(feed);
        }
        Err(e) => e,
    };
    check_depth(bytes)?;
    match decode::head(bytes)? {
        Schema::Text(schema) => check_version(&schema)?,
        Schema::Other(what) => {
            return Err(FeedError::Invalid(vec![Problem::new(
                "$.schema",
                format!("expected a version string such as \"{SCHEMA_VERSION}\", found {what}"),
            )]))
        }
        Schema::Missing => {}
    }
    Err(e.into())
}

/// A feed of another major version is not read as this one.
fn check_version(schema: &str) -> Result<(), FeedError> {
    if schema_major(schema).is_some_and(|major| major != SCHEMA_MAJOR) {
        return Err(FeedError::UnsupportedSchema {
            found: schema.to_string(),
            supported: SCHEMA_VERSION.to_string(),
        });
    }
    Ok(())
}

impl From<Box<DecodeError>> for FeedError {
    fn from(e: Box<DecodeError>) -> FeedError {
        match *e {
            DecodeError::Json(e) => FeedError::Syntax {
                line: e.line,
                column: e.column,
                message: e.message,
            },
            DecodeError::Type { path, message } => {
                FeedError::Invalid(vec![Problem::new(path, message)])
            }
        }
    }
}

/// Counts bracket nesting outside strings in one pass over the bytes: cheap, and it runs before
/// the recursive parser can be made to recurse.
fn check_depth(bytes: &[u8]) -> Result<(), FeedError> {
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => loop {
                i = plain_end(bytes, i + 1);
                match bytes.get(i) {
                    Some(b'"') => break,
                    // The escaped byte is skipped with the backslash.
                    Some(b'\\') => i += 1,
                    Some(_) => {}
                    None => return Ok(()),
                }
            },
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    let line_start = bytes[..i].iter().rposition(|&c| c == b'\n');
                    let line_start = line_start.map_or(0, |p| p + 1);
                    return Err(FeedError::TooDeep {
                        max: MAX_DEPTH,
                        line: 1 + bytes[..i].iter().filter(|&&c| c == b'\n').count(),
                        column: String::from_utf8_lossy(&bytes[line_start..=i])
                            .chars()
                            .count(),
                    });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
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
