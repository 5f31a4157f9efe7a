//! `feedtool`: command-line tools for Gongkai feeds.
//!
//! Exit codes: 0 success, 1 the feed or document is invalid, 2 the input could not be read or
//! the command line is wrong.

mod args;
mod corpus;
mod import_cmd;
mod input;
mod stats;
mod validate_cmd;

use std::process::ExitCode;

const USAGE: &str = "usage:
  feedtool validate <feed.json | https://…>
  feedtool stats <feed.json | https://…>
  feedtool import-text <file.txt> --id ID [--agency A] [--number N] [--date YYYY-MM-DD] [--title T]
  feedtool corpus <reports.jsonl> [--items N] -o <out.json>";

/// Why a command did not succeed, and the exit code that says so.
#[derive(Debug)]
pub struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    /// The input is readable but wrong (exit 1).
    pub fn invalid(message: impl Into<String>) -> Failure {
        Failure {
            code: 1,
            message: message.into(),
        }
    }

    /// The input could not be read (exit 2).
    pub fn input(message: impl Into<String>) -> Failure {
        Failure {
            code: 2,
            message: message.into(),
        }
    }

    /// The command line is wrong (exit 2).
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: 2,
            message: format!("{}\n{USAGE}", message.into()),
        }
    }
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = argv.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = match command.as_str() {
        "validate" => validate_cmd::run(rest),
        "stats" => stats::run(rest),
        "import-text" => import_cmd::run(rest),
        "corpus" => corpus::run(rest),
        "help" | "--help" | "-h" => {
            println!("{USAGE}\n\nimport-text: {}", import_cmd::USAGE);
            Ok(())
        }
        other => Err(Failure::usage(format!("unknown command {other:?}"))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            if !f.message.is_empty() {
                eprintln!("{}", f.message);
            }
            ExitCode::from(f.code)
        }
    }
}
