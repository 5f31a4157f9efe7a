//! The shared shape of every benchmark part's results, printed as aligned text tables on the
//! terminal and written as Markdown into `docs/benchmarks.md`.
//!
//! Each part writes one block of the document, opened by a `<!-- bench:PART -->` marker and
//! closed by its summary lines in a comment, so that running one part (`cargo xtask bench
//! load`) rewrites that block and keeps the others, each with its own date.

use std::fmt::Write as _;

/// A table: a header row and rows of already formatted cells. Cells that look like numbers are
/// right-aligned.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub caption: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(caption: &str, head: &[&str]) -> Table {
        Table {
            caption: caption.to_string(),
            head: head.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) {
        self.rows
            .push(cells.iter().map(|c| c.as_ref().to_string()).collect());
    }

    fn numeric_column(&self, col: usize) -> bool {
        // A dash or an empty cell says "nothing here" and aligns with whatever the rest is.
        let cells = self
            .rows
            .iter()
            .filter_map(|r| r.get(col))
            .map(|c| c.trim().trim_matches('*'))
            .filter(|c| !c.is_empty() && *c != "—");
        let mut any = false;
        for c in cells {
            if !looks_numeric(c) {
                return false;
            }
            any = true;
        }
        any
    }

    /// Aligned plain text for the terminal.
    pub fn to_text(&self) -> String {
        let cols = self.head.len();
        let width = |c: usize| {
            self.rows
                .iter()
                .filter_map(|r| r.get(c))
                .chain(std::iter::once(&self.head[c]))
                .map(|s| display_width(s))
                .max()
                .unwrap_or(0)
        };
        let widths: Vec<usize> = (0..cols).map(width).collect();
        let numeric: Vec<bool> = (0..cols).map(|c| self.numeric_column(c)).collect();
        let line = |cells: &[String]| {
            let mut s = String::new();
            for (c, w) in widths.iter().enumerate() {
                let cell = cells.get(c).map(String::as_str).unwrap_or("");
                let pad = w.saturating_sub(display_width(cell));
                if c > 0 {
                    s.push_str("  ");
                }
                if numeric[c] && c > 0 {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(cell);
                } else {
                    s.push_str(cell);
                    s.push_str(&" ".repeat(pad));
                }
            }
            s.trim_end().to_string()
        };
        let mut out = String::new();
        if !self.caption.is_empty() {
            let _ = writeln!(out, "{}", self.caption);
        }
        let _ = writeln!(out, "{}", line(&self.head));
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        let _ = writeln!(out, "{}", line(&rule));
        for r in &self.rows {
            let _ = writeln!(out, "{}", line(r));
        }
        out
    }

    /// A GitHub-flavoured Markdown table (with its caption as a bold line above).
    pub fn to_markdown(&self) -> String {
        let cols = self.head.len();
        let esc = |s: &str| s.replace('|', "\\|");
        let mut out = String::new();
        if !self.caption.is_empty() {
            let _ = writeln!(out, "**{}**\n", self.caption);
        }
        let _ = writeln!(
            out,
            "| {} |",
            self.head
                .iter()
                .map(|h| esc(h))
                .collect::<Vec<_>>()
                .join(" | ")
        );
        let align: Vec<&str> = (0..cols)
            .map(|c| {
                if c > 0 && self.numeric_column(c) {
                    "---:"
                } else {
                    "---"
                }
            })
            .collect();
        let _ = writeln!(out, "| {} |", align.join(" | "));
        for r in &self.rows {
            let cells: Vec<String> = (0..cols)
                .map(|c| esc(r.get(c).map(String::as_str).unwrap_or("")))
                .collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out
    }
}

/// One line of the summary that `cargo xtask bench` prints at the end: a figure, Gongkai's
/// value, the baseline's, the target and whether it is met.
#[derive(Clone, Debug)]
pub struct Summary {
    pub figure: String,
    pub ours: String,
    pub baseline: String,
    pub target: String,
    pub verdict: Verdict,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Met,
    Missed,
    /// Measured and reported, with no target to meet.
    Info,
}

impl Verdict {
    pub fn from_met(met: bool) -> Verdict {
        if met {
            Verdict::Met
        } else {
            Verdict::Missed
        }
    }

    fn label(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::Missed => "MISSED",
            Verdict::Info => "",
        }
    }

    fn parse(s: &str) -> Verdict {
        match s {
            "met" => Verdict::Met,
            "MISSED" => Verdict::Missed,
            _ => Verdict::Info,
        }
    }
}

impl Summary {
    pub fn new(
        figure: &str,
        ours: String,
        baseline: String,
        target: &str,
        verdict: Verdict,
    ) -> Self {
        Summary {
            figure: figure.to_string(),
            ours,
            baseline,
            target: target.to_string(),
            verdict,
        }
    }
}

/// What one part measured: Markdown for the document and lines for the summary.
pub struct Section {
    pub part: &'static str,
    pub title: String,
    /// Paragraphs of Markdown before the tables (how it was measured).
    pub intro: Vec<String>,
    pub tables: Vec<Table>,
    /// Paragraphs after the tables (findings).
    pub notes: Vec<String>,
    pub summary: Vec<Summary>,
}

impl Section {
    pub fn new(part: &'static str, title: &str) -> Section {
        Section {
            part,
            title: title.to_string(),
            intro: Vec::new(),
            tables: Vec::new(),
            notes: Vec::new(),
            summary: Vec::new(),
        }
    }

    /// The part's block of `docs/benchmarks.md`: a marker, the heading, when it was measured,
    /// the text and tables, and the summary lines in a comment for later partial runs.
    pub fn to_markdown(&self, measured: &str) -> String {
        let mut out = format!(
            "{}\n## {}\n\n_Measured {measured}._\n\n",
            block_marker(self.part),
            self.title
        );
        for p in &self.intro {
            let _ = writeln!(out, "{p}\n");
        }
        for t in &self.tables {
            let _ = writeln!(out, "{}", t.to_markdown());
        }
        for p in &self.notes {
            let _ = writeln!(out, "{p}\n");
        }
        if !self.summary.is_empty() {
            let _ = writeln!(out, "{SUMMARY_OPEN}");
            for s in &self.summary {
                let cells = [
                    &s.figure,
                    &s.ours,
                    &s.baseline,
                    &s.target,
                    s.verdict.label(),
                ];
                let cells: Vec<String> = cells
                    .iter()
                    .map(|c| c.replace(['\t', '\n'], " ").replace("--", "—"))
                    .collect();
                let _ = writeln!(out, "{}", cells.join("\t"));
            }
            let _ = writeln!(out, "-->");
        }
        out
    }
}

const SUMMARY_OPEN: &str = "<!-- bench-summary";

/// The comment that opens a part's block in `docs/benchmarks.md`.
pub fn block_marker(part: &str) -> String {
    format!("<!-- bench:{part} -->")
}

/// The blocks of an existing `docs/benchmarks.md`, by part: a part measured earlier keeps its
/// block (figures, date and summary lines) when another part is run alone. Another tool may
/// rewrite the inside of a block (`bench/search.mjs` does), never the markers.
pub fn blocks(doc: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = doc;
    while let Some(start) = rest.find("<!-- bench:") {
        let after = &rest[start..];
        let Some(close) = after.find(" -->") else {
            break;
        };
        let part = after["<!-- bench:".len()..close].to_string();
        let body_from = close + " -->".len();
        let end = after[body_from..]
            .find("<!-- bench:")
            .map_or(after.len(), |e| body_from + e);
        out.push((part, after[..end].trim_end().to_string() + "\n"));
        rest = &after[end..];
    }
    out
}

/// The summary lines kept in a block (a comment at its end).
pub fn summary_of(block: &str) -> Vec<Summary> {
    let Some(start) = block.find(SUMMARY_OPEN) else {
        return Vec::new();
    };
    let body = &block[start + SUMMARY_OPEN.len()..];
    let body = &body[..body.find("-->").unwrap_or(body.len())];
    body.lines()
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c.len() == 5).then(|| Summary {
                figure: c[0].into(),
                ours: c[1].into(),
                baseline: c[2].into(),
                target: c[3].into(),
                verdict: Verdict::parse(c[4]),
            })
        })
        .collect()
}

pub fn summary_table(lines: &[Summary]) -> Table {
    let mut t = Table::new("", &["Figure", "Gongkai", "Baseline", "Target", ""]);
    for s in lines {
        t.row(&[
            &s.figure,
            &s.ours,
            &s.baseline,
            &s.target,
            s.verdict.label(),
        ]);
    }
    t
}

fn looks_numeric(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '+')
        && s.chars()
            .all(|c| c.is_ascii_digit() || " .,-+%×~".contains(c) || c.is_alphabetic())
}

/// Terminal columns: CJK characters take two.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if ('\u{2E80}'..='\u{FFEF}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum()
}

/// `12345` → `12.1 KB` (KiB, one decimal), as the budget is stated.
pub fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

/// Bytes in MB with one decimal (MiB).
pub fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

/// The median of some numbers (the mean of the middle two for an even count); NaN if empty.
pub fn median(values: &[f64]) -> f64 {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_an_odd_count_is_the_middle_value() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
    }

    #[test]
    fn median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
    }

    #[test]
    fn median_ignores_missing_values() {
        assert_eq!(median(&[f64::NAN, 5.0]), 5.0);
        assert!(median(&[]).is_nan());
    }

    #[test]
    fn markdown_tables_right_align_numeric_columns_and_escape_pipes() {
        let mut t = Table::new("", &["File", "Size"]);
        t.row(&["a|b", "12.0 KB"]);
        let md = t.to_markdown();
        assert!(md.contains("| --- | ---: |"), "{md}");
        assert!(md.contains("a\\|b"), "{md}");
    }

    #[test]
    fn a_block_written_for_the_document_is_found_again_with_its_summary() {
        let mut sec = Section::new("load", "Load");
        sec.intro.push("How.".into());
        sec.summary.push(Summary::new(
            "Score",
            "0.99".into(),
            "1.00".into(),
            "≥ 0.95",
            Verdict::Met,
        ));
        let doc = format!(
            "# Benchmarks\n\n{}{}",
            sec.to_markdown("today"),
            Section::new("feed", "Feed").to_markdown("then")
        );
        let found = blocks(&doc);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, "load");
        assert!(found[0].1.contains("How.") && !found[0].1.contains("Feed"));
        let summary = summary_of(&found[0].1);
        assert_eq!(summary.len(), 1);
        assert_eq!(summary[0].ours, "0.99");
        assert_eq!(summary[0].verdict, Verdict::Met);
        assert!(summary_of(&found[1].1).is_empty());
    }

    #[test]
    fn dashes_and_bold_figures_keep_a_column_numeric() {
        let mut t = Table::new("", &["Page", "Painted", "Baseline"]);
        t.row(&["/a", "**120 ms**", "—"]);
        t.row(&["/b", "**98 ms**", "3.0 KB"]);
        assert!(t.to_markdown().contains("| --- | ---: | ---: |"));
    }

    #[test]
    fn text_tables_line_up_cjk_cells_by_display_width() {
        let mut t = Table::new("", &["Page", "ms"]);
        t.row(&["公报", "1"]);
        t.row(&["/qa", "22"]);
        let text = t.to_text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(display_width(lines[2]), display_width(lines[3]), "{text}");
    }
}
