//! `feedtool corpus`: a large, valid feed built from real text, for search and load benchmarks.
//!
//! The input is JSON Lines, one report a line: `{"title", "url", "content", "year"}` with
//! paragraphs separated by blank lines (the government work reports in `../shared/corpus`).
//! Each report is split at its numbered sections (`一、` …) and, to reach the number of items
//! asked for, each section into runs of sentences of about equal length. The same input and
//! item count always give the same feed, so benchmark numbers stay comparable.

use crate::args::Args;
use crate::Failure;
use gongkai_feed::import::text_blocks;
use gongkai_feed::model::SCHEMA_VERSION;
use gongkai_feed::validate::{is_valid_date, validate};
use gongkai_feed::{
    Agency, Block, Document, DocumentKind, Feed, GazetteIssue, GazetteSection, Inlines, LocalText,
    Publisher, Topic, Validity,
};
use serde::Deserialize;
use std::collections::BTreeMap;

pub const DEFAULT_ITEMS: usize = 5000;

#[derive(Deserialize)]
struct Record {
    title: String,
    #[serde(default)]
    url: Option<String>,
    content: String,
    /// A number or a string of digits; null for some resolutions.
    #[serde(default)]
    year: Option<serde_json::Value>,
}

/// A report reduced to what the feed needs.
struct Report {
    title: String,
    url: Option<String>,
    year: u16,
    issued: String,
    agency: &'static str,
    sections: Vec<Section>,
}

struct Section {
    /// The `一、…` heading; empty for the text before the first one.
    heading: String,
    pieces: Vec<Piece>,
}

/// The smallest unit a document boundary may fall after: a heading or one sentence.
struct Piece {
    kind: PieceKind,
    text: String,
    chars: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum PieceKind {
    Heading(u8),
    /// A sentence of the paragraph with this number (within its report).
    Sentence(usize),
}

/// A run of consecutive pieces of one report that becomes one document.
#[derive(Clone, Copy)]
struct Span {
    report: usize,
    /// (section, piece) of the first piece, and of one past the last, in report order.
    start: (usize, usize),
    end: (usize, usize),
    chars: usize,
}

pub fn run(raw: &[String]) -> Result<(), Failure> {
    let args = Args::parse(raw, &["--items", "-o", "--output"]).map_err(Failure::usage)?;
    let input = args
        .one_positional("the reports file (JSON Lines)")
        .map_err(Failure::usage)?;
    let out = args
        .get("-o")
        .or(args.get("--output"))
        .ok_or_else(|| Failure::usage("missing -o <out.json>"))?;
    let items =
        match args.get("--items") {
            Some(n) => n.parse::<usize>().ok().filter(|n| *n > 0).ok_or_else(|| {
                Failure::usage(format!("--items: {n:?} is not a positive number"))
            })?,
            None => DEFAULT_ITEMS,
        };
    let text = std::fs::read_to_string(input)
        .map_err(|e| Failure::input(format!("cannot read {input}: {e}")))?;
    let reports = read_reports(&text).map_err(|e| Failure::invalid(format!("{input}: {e}")))?;
    let feed =
        build_feed(&reports, items).map_err(|e| Failure::invalid(format!("{input}: {e}")))?;

    // The feed feeds benchmarks that assume it is valid: check rather than assume.
    let problems = validate(&feed);
    if let Some(first) = problems.first() {
        return Err(Failure::invalid(format!(
            "the built feed is invalid ({} problems), first: {first}",
            problems.len()
        )));
    }
    let json = serde_json::to_vec(&feed)
        .map_err(|e| Failure::input(format!("cannot write the feed as JSON: {e}")))?;
    std::fs::write(out, &json).map_err(|e| Failure::input(format!("cannot write {out}: {e}")))?;
    let chars: usize = feed.documents.iter().map(document_chars).sum();
    println!(
        "{out}: {} documents, {} gazette issues, {chars} characters of text, {} bytes",
        feed.documents.len(),
        feed.gazette.len(),
        json.len()
    );
    Ok(())
}

fn read_reports(text: &str) -> Result<Vec<Report>, String> {
    let mut reports = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: Record =
            serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        if let Some(report) = report_from(record) {
            reports.push(report);
        }
    }
    if reports.is_empty() {
        return Err("no report with text and a year".to_string());
    }
    Ok(reports)
}

/// Paragraphs are separated by blank lines; single line breaks inside one are left over from
/// links in the web page and are joined. The licence notice at the end is not report text.
fn paragraphs(content: &str) -> Vec<String> {
    let mut out = Vec::new();
    for block in content.split("\n\n") {
        let joined: String = block
            .lines()
            .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{200b}'))
            .collect();
        if joined.starts_with("本作品") || joined == "Public domain" {
            break;
        }
        if !joined.is_empty() {
            out.push(joined);
        }
    }
    out
}

fn report_from(record: Record) -> Option<Report> {
    let paragraphs = paragraphs(&record.content);
    let year = match &record.year {
        Some(serde_json::Value::Number(n)) => n.as_u64().and_then(|y| u16::try_from(y).ok()),
        Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    let year = year
        .or_else(|| first_year(&record.title))
        .or_else(|| paragraphs.iter().take(5).find_map(|p| first_year(p)))?;
    let issued = paragraphs
        .iter()
        .take(6)
        .find_map(|p| date_in(p).filter(|d| d.starts_with(&year.to_string())))
        .unwrap_or_else(|| format!("{year:04}-03-05"));
    let agency = if record.title.contains("全国人民代表大会") && record.title.contains("决议")
    {
        "npc"
    } else {
        "state-council"
    };

    let mut sections = vec![Section {
        heading: String::new(),
        pieces: Vec::new(),
    }];
    let mut paragraph_no = 0;
    for block in text_blocks(&paragraphs.join("\n")) {
        match block {
            Block::Heading { level: 1, text, .. } => {
                let heading = text.plain();
                sections.push(Section {
                    pieces: vec![piece(PieceKind::Heading(1), heading.clone())],
                    heading,
                });
            }
            Block::Heading { level, text, .. } => {
                let section = sections.last_mut().expect("there is always a section");
                section
                    .pieces
                    .push(piece(PieceKind::Heading(level), text.plain()));
            }
            Block::Paragraph { text } => {
                paragraph_no += 1;
                let section = sections.last_mut().expect("there is always a section");
                for sentence in sentences(&text.plain()) {
                    section
                        .pieces
                        .push(piece(PieceKind::Sentence(paragraph_no), sentence));
                }
            }
            _ => {}
        }
    }
    sections.retain(|s| !s.pieces.is_empty());
    if sections.is_empty() {
        return None;
    }
    Some(Report {
        title: record.title.trim().to_string(),
        url: record.url.filter(|u| u.starts_with("https://")),
        year,
        issued,
        agency,
        sections,
    })
}

fn piece(kind: PieceKind, text: String) -> Piece {
    Piece {
        kind,
        chars: text.chars().count(),
        text,
    }
}

/// Splits after each full stop, question or exclamation mark, keeping the mark.
fn sentences(paragraph: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in paragraph.chars() {
        current.push(c);
        if matches!(c, '。' | '！' | '？') {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    out
}

/// The first plausible year (1949–2099) written with four digits.
fn first_year(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let window = &bytes[i..i + 4];
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_digit();
        let after_ok = bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        if before_ok && after_ok && window.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(window)
                .ok()?
                .parse()
                .ok()
                .filter(|y| (1949..=2099).contains(y))
        } else {
            None
        }
    })
}

/// The first `YYYY年M月D日` in `text` that is a real date.
fn date_in(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(at) = rest.find('年') {
        let before = &rest[..at];
        let year: String = before
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after = &rest[at + '年'.len_utf8()..];
        let month: String = after.chars().take_while(char::is_ascii_digit).collect();
        let after_month = &after[month.len()..];
        if let Some(day_part) = after_month.strip_prefix('月') {
            let day: String = day_part.chars().take_while(char::is_ascii_digit).collect();
            if year.len() == 4
                && !month.is_empty()
                && !day.is_empty()
                && day_part[day.len()..].starts_with('日')
            {
                let date = format!(
                    "{year}-{:02}-{:02}",
                    month.parse::<u32>().ok()?,
                    day.parse::<u32>().ok()?
                );
                if is_valid_date(&date) {
                    return Some(date);
                }
            }
        }
        rest = after;
    }
    None
}

/// Greedy runs of at least `target` characters; a run never crosses a section.
fn spans(reports: &[Report], target: usize) -> Vec<Span> {
    let mut out = Vec::new();
    for (r, report) in reports.iter().enumerate() {
        for (s, section) in report.sections.iter().enumerate() {
            let mut start = 0;
            let mut chars = 0;
            for (p, piece) in section.pieces.iter().enumerate() {
                chars += piece.chars;
                let last = p + 1 == section.pieces.len();
                // A heading opens the text under it: never end a run right after one.
                let after_heading = matches!(piece.kind, PieceKind::Heading(_));
                if last || (chars >= target && !after_heading) {
                    out.push(Span {
                        report: r,
                        start: (s, start),
                        end: (s, p + 1),
                        chars,
                    });
                    start = p + 1;
                    chars = 0;
                }
            }
        }
    }
    out
}

/// Exactly `items` runs: the greatest target length that gives at least that many, then the
/// smallest neighbours within a report merged until the count is right.
fn exact_spans(reports: &[Report], items: usize) -> Result<Vec<Span>, String> {
    let most = spans(reports, 1);
    if most.len() < items {
        return Err(format!(
            "the text splits into at most {} items; ask for fewer",
            most.len()
        ));
    }
    let total: usize = most.iter().map(|s| s.chars).sum();
    let (mut low, mut high) = (1, total.max(1));
    while low < high {
        let mid = low + (high - low).div_ceil(2);
        if spans(reports, mid).len() >= items {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    let mut runs = spans(reports, low);
    while runs.len() > items {
        let best = (0..runs.len() - 1)
            .filter(|&i| runs[i].report == runs[i + 1].report)
            .min_by_key(|&i| runs[i].chars + runs[i + 1].chars)
            .ok_or("cannot merge the text into so few items: ask for more")?;
        let next = runs.remove(best + 1);
        runs[best].end = next.end;
        runs[best].chars += next.chars;
    }
    Ok(runs)
}

fn build_feed(reports: &[Report], items: usize) -> Result<Feed, String> {
    let runs = exact_spans(reports, items)?;
    let mut documents = Vec::with_capacity(runs.len());
    // Per report: the document ids, in order; and the part number within each section.
    let mut ids_of_report: Vec<Vec<String>> = vec![Vec::new(); reports.len()];
    let mut parts: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut runs_per_section: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for run in &runs {
        *runs_per_section
            .entry((run.report, run.start.0))
            .or_insert(0) += 1;
    }
    for (i, run) in runs.iter().enumerate() {
        let report = &reports[run.report];
        let id = format!("gwr-{}-{:05}", report.year, i + 1);
        let part = parts.entry((run.report, run.start.0)).or_insert(0);
        *part += 1;
        let section = &report.sections[run.start.0];
        let mut title = report.title.clone();
        if !section.heading.is_empty() {
            title.push(' ');
            title.push_str(&section.heading);
        }
        if runs_per_section[&(run.report, run.start.0)] > 1 {
            title.push_str(&format!("（{part}）"));
        }
        documents.push(Document {
            id: id.clone(),
            title: LocalText::new(title),
            number: None,
            kind: DocumentKind::Other,
            agency: report.agency.to_string(),
            addressees: None,
            issued: report.issued.clone(),
            effective: None,
            status: Validity::InForce,
            topics: vec!["government-work-report".to_string()],
            body: body_of(report, run),
            source_url: report.url.clone(),
        });
        ids_of_report[run.report].push(id);
    }

    let mut by_year: BTreeMap<u16, Vec<usize>> = BTreeMap::new();
    for (r, report) in reports.iter().enumerate() {
        by_year.entry(report.year).or_default().push(r);
    }
    let gazette = by_year
        .into_iter()
        .rev()
        .map(|(year, rs)| GazetteIssue {
            id: format!("gwr-{year}"),
            year,
            number: 1,
            label: LocalText::new(format!("{year}年政府工作报告专辑")),
            published: rs
                .iter()
                .map(|&r| reports[r].issued.clone())
                .max()
                .unwrap_or_default(),
            cover: None,
            pdf_url: None,
            sections: rs
                .iter()
                .map(|&r| GazetteSection {
                    title: LocalText::new(reports[r].title.clone()),
                    documents: ids_of_report[r].clone(),
                })
                .collect(),
        })
        .collect::<Vec<_>>();
    let latest = gazette
        .iter()
        .map(|g| g.published.as_str())
        .max()
        .unwrap_or("2025-03-05");

    Ok(Feed {
        schema: SCHEMA_VERSION.to_string(),
        publisher: Publisher {
            name: LocalText::new("政府工作报告语料（基准测试）"),
            site: None,
            hotline: None,
        },
        version: 1,
        generated_at: format!("{latest}T00:00:00+08:00"),
        topics: vec![Topic {
            id: "government-work-report".to_string(),
            name: LocalText::new("政府工作报告"),
        }],
        agencies: vec![
            Agency {
                id: "state-council".to_string(),
                name: LocalText::new("国务院"),
                site: Some("https://www.gov.cn/".to_string()),
            },
            Agency {
                id: "npc".to_string(),
                name: LocalText::new("全国人民代表大会"),
                site: Some("http://www.npc.gov.cn/".to_string()),
            },
        ],
        documents,
        gazette,
        qa: Vec::new(),
        interpretations: Vec::new(),
    })
}

/// The blocks of a run: headings as they are, consecutive sentences of one paragraph joined.
fn body_of(report: &Report, run: &Span) -> Vec<Block> {
    let mut body = Vec::new();
    let mut paragraph: Option<(usize, String)> = None;
    let flush = |paragraph: &mut Option<(usize, String)>, body: &mut Vec<Block>| {
        if let Some((_, text)) = paragraph.take() {
            body.push(Block::Paragraph {
                text: Inlines::text(text),
            });
        }
    };
    for s in run.start.0..=run.end.0 {
        let pieces = &report.sections[s].pieces;
        let from = if s == run.start.0 { run.start.1 } else { 0 };
        let to = if s == run.end.0 {
            run.end.1
        } else {
            pieces.len()
        };
        for piece in &pieces[from..to.min(pieces.len())] {
            match piece.kind {
                PieceKind::Heading(level) => {
                    flush(&mut paragraph, &mut body);
                    body.push(Block::Heading {
                        level,
                        text: Inlines::text(piece.text.clone()),
                        id: None,
                    });
                }
                PieceKind::Sentence(no) => match &mut paragraph {
                    Some((current, text)) if *current == no => text.push_str(&piece.text),
                    _ => {
                        flush(&mut paragraph, &mut body);
                        paragraph = Some((no, piece.text.clone()));
                    }
                },
            }
        }
    }
    flush(&mut paragraph, &mut body);
    body
}

fn document_chars(d: &Document) -> usize {
    let body: usize = d
        .body
        .iter()
        .map(|b| match b {
            Block::Heading { text, .. } | Block::Paragraph { text } => text.plain().chars().count(),
            _ => 0,
        })
        .sum();
    d.title.zh.chars().count() + body
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(content: &str) -> Report {
        report_from(Record {
            title: "2019年政府工作报告".into(),
            url: Some("https://example.org/r".into()),
            content: content.into(),
            year: Some(serde_json::json!("2019")),
        })
        .unwrap()
    }

    #[test]
    fn line_breaks_inside_a_paragraph_are_joined_and_the_licence_is_dropped() {
        assert_eq!(
            paragraphs("甲乙\n丙。\n\n\n丁。\n\n本作品来自……\n\nPublic domain"),
            ["甲乙丙。", "丁。"]
        );
    }

    #[test]
    fn the_date_of_a_report_is_read_from_its_opening_lines() {
        let r = report("（2019年3月5日在第十三届全国人民代表大会第二次会议上）\n\n各位代表：\n\n一、回顾\n\n很好。");
        assert_eq!(r.issued, "2019-03-05");
        assert_eq!(r.sections.len(), 2);
        assert_eq!(r.sections[1].heading, "一、回顾");
    }

    #[test]
    fn the_items_asked_for_are_exactly_the_documents_built() {
        let content = "前言一句。前言二句。\n\n一、第一部分\n\n甲。乙。丙。丁。\n\n二、第二部分\n\n戊。己。庚。";
        let reports = vec![report(content)];
        for items in 2..=9 {
            let feed = build_feed(&reports, items).unwrap();
            assert_eq!(feed.documents.len(), items);
            assert_eq!(validate(&feed), Vec::new(), "{items} items");
        }
        assert!(build_feed(&reports, 1000).is_err());
    }
}
