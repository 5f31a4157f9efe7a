//! Command-line arguments: positional values and `--name value` options, by hand, because the
//! tool has few options and a parser crate would cost more build time than it saves.

use std::collections::BTreeMap;

/// The arguments after the subcommand.
#[derive(Debug, Default)]
pub struct Args {
    pub positional: Vec<String>,
    options: BTreeMap<String, String>,
}

impl Args {
    /// Splits `args` into positional values and `--name value` / `--name=value` / `-o value`
    /// options; every option named in `known` takes a value.
    pub fn parse(args: &[String], known: &[&str]) -> Result<Args, String> {
        let mut out = Args::default();
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            if arg == "--" {
                out.positional.extend(iter.by_ref().cloned());
                break;
            }
            if arg.len() > 1 && arg.starts_with('-') {
                let (name, inline) = match arg.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (arg.as_str(), None),
                };
                if !known.contains(&name) {
                    return Err(format!("unknown option {name}"));
                }
                let value = match inline {
                    Some(v) => v,
                    None => iter
                        .next()
                        .cloned()
                        .ok_or_else(|| format!("option {name} needs a value"))?,
                };
                if out.options.insert(name.to_string(), value).is_some() {
                    return Err(format!("option {name} is given twice"));
                }
            } else {
                out.positional.push(arg.clone());
            }
        }
        Ok(out)
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.options.get(name).map(String::as_str)
    }

    /// Exactly one positional argument, named `what` in the error.
    pub fn one_positional(&self, what: &str) -> Result<&str, String> {
        match self.positional.as_slice() {
            [one] => Ok(one),
            [] => Err(format!("missing {what}")),
            [_, extra, ..] => Err(format!("unexpected argument {extra}")),
        }
    }
}
