//! The shared shape of every benchmark part's results, printed as aligned text tables on the
//! terminal and written as Markdown into `docs/benchmarks.md`.
//!
//! Each part stores its last results under `target/bench/results/` so that running one part
//! (`cargo xtask bench load`) rewrites the document with fresh figures for that part and the
//! previous ones, each dated, for the others.

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

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
        self.rows
            .iter()
            .all(|r| r.get(col).is_none_or(|c| looks_numeric(c)))
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

    pub fn to_markdown(&self, measured: &str) -> String {
        let mut out = format!("## {}\n\n_Measured {measured}._\n\n", self.title);
        for p in &self.intro {
            let _ = writeln!(out, "{p}\n");
        }
        for t in &self.tables {
            let _ = writeln!(out, "{}", t.to_markdown());
        }
        for p in &self.notes {
            let _ = writeln!(out, "{p}\n");
        }
        out
    }
}

fn results_dir() -> PathBuf {
    crate::util::root().join("target/bench/results")
}

/// Keeps a part's results for later partial runs: `<part>.md` and `<part>.summary.tsv`.
pub fn store(section: &Section, measured: &str) -> Result<(), String> {
    let dir = results_dir();
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {dir:?}: {e}"))?;
    let md = dir.join(format!("{}.md", section.part));
    fs::write(&md, section.to_markdown(measured))
        .map_err(|e| format!("cannot write {md:?}: {e}"))?;
    let mut tsv = String::new();
    for s in &section.summary {
        let cells = [
            &s.figure,
            &s.ours,
            &s.baseline,
            &s.target,
            s.verdict.label(),
        ];
        let cells: Vec<String> = cells.iter().map(|c| c.replace(['\t', '\n'], " ")).collect();
        let _ = writeln!(tsv, "{}", cells.join("\t"));
    }
    let path = dir.join(format!("{}.summary.tsv", section.part));
    fs::write(&path, tsv).map_err(|e| format!("cannot write {path:?}: {e}"))
}

/// The stored Markdown of a part, if it was ever measured.
pub fn stored_markdown(part: &str) -> Option<String> {
    fs::read_to_string(results_dir().join(format!("{part}.md"))).ok()
}

/// The stored summary lines of a part.
pub fn stored_summary(part: &str) -> Vec<Summary> {
    let Ok(tsv) = fs::read_to_string(results_dir().join(format!("{part}.summary.tsv"))) else {
        return Vec::new();
    };
    tsv.lines()
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
    fn text_tables_line_up_cjk_cells_by_display_width() {
        let mut t = Table::new("", &["Page", "ms"]);
        t.row(&["公报", "1"]);
        t.row(&["/qa", "22"]);
        let text = t.to_text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(display_width(lines[2]), display_width(lines[3]), "{text}");
    }
}
