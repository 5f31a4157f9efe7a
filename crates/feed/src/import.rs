//! Plain-text government documents to structured [`Document`]s.
//!
//! Publishers mostly hold their documents as text copied from a web page or a word processor.
//! [`import_text`] recognises the parts such a text is printed with, in the order they usually
//! come:
//!
//! ```text
//! 各盟行政公署、市人民政府,自治区各委、办、厅、局:        addressees (主送机关), ends with a colon
//! 经自治区人民政府同意,现将《…》印发给你们,…。          the cover (transmittal) paragraph
//! 2019年5月28日                                        the date line: `issued` unless given
//! (此件公开发布)                                       the publication note
//! 内蒙古自治区2019年政务公开工作要点                     the title: a short line without end punctuation
//! 2019年是…。                                          paragraphs
//! 一、着眼稳定预期,抓好政策解读和回应关切                 level-1 heading
//! (一)深入解读重要政策措施。围绕…。                     level-2 heading sentence + paragraph
//! 1.…                                                  level-3 heading, `(1)` level 4
//! 上一条:                                              web-page debris, dropped
//! ```
//!
//! The heading numbers are kept in the heading text, as printed, because readers cite sections
//! by them ("第三部分第(二)项").

use crate::model::{Document, DocumentKind, Validity};
use crate::rich::{Block, Inlines, RichText};
use crate::text::LocalText;
use std::fmt;

/// What the text itself cannot say about a document. Fields left `None` are taken from the text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportOptions {
    /// The document's feed id (URL-safe: `A-Z a-z 0-9 . _ -`).
    pub id: String,
    /// Issuing agency id; the feed's `agencies` must list it.
    pub agency: String,
    /// 文号, e.g. `内政办发〔2019〕14号`; taken from a line holding only a 文号 when absent.
    pub number: Option<String>,
    /// `YYYY-MM-DD`; taken from the date line when absent.
    pub date: Option<String>,
    /// The title to publish under; the title line when absent. When given and different, the
    /// printed title line stays in the body so that nothing of the original is lost.
    pub title: Option<String>,
    pub kind: DocumentKind,
    pub status: Validity,
}

/// Why a text could not be turned into a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The text has no content lines.
    Empty,
    /// The id is empty or has characters that are not URL-safe.
    InvalidId(String),
    /// No title line was recognised and no title was given.
    MissingTitle,
    /// No date line was recognised and no date was given.
    MissingDate,
    /// The given date is not a real `YYYY-MM-DD` date.
    InvalidDate(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty => f.write_str("the text is empty"),
            ImportError::InvalidId(id) => write!(
                f,
                "id {id:?} is not URL-safe: use only letters, digits, '.', '_' and '-'"
            ),
            ImportError::MissingTitle => f.write_str(
                "no title line found (a short line without end punctuation); give one with --title",
            ),
            ImportError::MissingDate => f.write_str(
                "no date line found (such as 2019年5月28日); give the date with --date YYYY-MM-DD",
            ),
            ImportError::InvalidDate(d) => {
                write!(f, "date {d:?} is not a real date in the form YYYY-MM-DD")
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// A title or heading sentence longer than this is prose, not a heading.
const MAX_HEADING_CHARS: usize = 60;

/// Turns a plain-text document into a [`Document`] (see the module documentation for what is
/// recognised).
pub fn import_text(text: &str, opts: ImportOptions) -> Result<Document, ImportError> {
    if !crate::validate::is_valid_id(&opts.id) {
        return Err(ImportError::InvalidId(opts.id));
    }
    if let Some(d) = &opts.date {
        if !crate::validate::is_valid_date(d) {
            return Err(ImportError::InvalidDate(d.clone()));
        }
    }

    let mut lines: Vec<&str> = text
        .lines()
        .map(clean_line)
        .filter(|l| !l.is_empty())
        .collect();
    while lines.last().is_some_and(|l| is_debris(l)) {
        lines.pop();
    }
    if lines.is_empty() {
        return Err(ImportError::Empty);
    }

    let mut addressees = None;
    let mut number = None;
    let mut issued = None;
    let mut title_line: Option<String> = None;
    let mut body: Vec<Block> = Vec::new();
    let mut seen_heading = false;

    for (i, line) in lines.iter().copied().enumerate() {
        let next = lines.get(i + 1).copied();
        if let Some(date) = parse_date_line(line) {
            if issued.is_none() {
                issued = Some(date);
            }
            body.push(paragraph(line));
        } else if addressees.is_none() && body.is_empty() && !seen_heading && is_addressees(line) {
            addressees = Some(LocalText::new(line));
        } else if number.is_none() && !seen_heading && is_document_number(line) {
            number = Some(line.to_string());
        } else if let Some((level, rest_at)) = heading_number(line) {
            seen_heading = true;
            push_numbered(&mut body, line, level, rest_at);
        } else if title_line.is_none()
            && !seen_heading
            && is_title_like(line)
            && !(is_signatory_position(&body) && next.is_some_and(|n| parse_date_line(n).is_some()))
        {
            title_line = Some(line.to_string());
        } else {
            body.push(paragraph(line));
        }
    }

    let title = match (opts.title, title_line) {
        (Some(given), Some(printed)) => {
            if printed != given {
                body.insert(
                    first_after_front_matter(&body),
                    Block::Paragraph {
                        text: Inlines(vec![crate::rich::Inline::Strong(LocalText::new(printed))]),
                    },
                );
            }
            given
        }
        (Some(given), None) => given,
        (None, Some(printed)) => printed,
        (None, None) => return Err(ImportError::MissingTitle),
    };
    let issued = match opts.date.or(issued) {
        Some(d) => d,
        None => return Err(ImportError::MissingDate),
    };

    Ok(Document {
        id: opts.id,
        title: LocalText::new(title),
        number: opts.number.or(number),
        kind: opts.kind,
        agency: opts.agency,
        addressees,
        issued,
        effective: None,
        status: opts.status,
        topics: Vec::new(),
        body,
        source_url: None,
    })
}

/// The body part of [`import_text`] alone: numbered headings (a heading sentence run into its
/// paragraph is split from it) and paragraphs, one per non-empty line. No front matter is
/// looked for, so any text can be turned into blocks, e.g. a section of a longer report.
pub fn text_blocks(text: &str) -> RichText {
    let mut body = Vec::new();
    for line in text.lines().map(clean_line).filter(|l| !l.is_empty()) {
        match heading_number(line) {
            Some((level, rest_at)) => push_numbered(&mut body, line, level, rest_at),
            None => body.push(paragraph(line)),
        }
    }
    body
}

/// A short line right before the date, after some text, is the issuing agency signing off
/// (落款), not a title.
fn is_signatory_position(body: &[Block]) -> bool {
    body.iter().any(|b| matches!(b, Block::Paragraph { .. }))
}

/// Where the printed title goes back in when the published title differs: after the cover
/// paragraph, the date line and the publication note, i.e. before the first content block that
/// follows the date.
fn first_after_front_matter(body: &[Block]) -> usize {
    let is_front = |b: &Block| match b {
        Block::Paragraph { text } => {
            let t = text.plain();
            parse_date_line(&t).is_some() || is_publication_note(&t)
        }
        _ => false,
    };
    match body.iter().rposition(is_front) {
        Some(i) => i + 1,
        None => 0,
    }
}

fn paragraph(line: &str) -> Block {
    Block::Paragraph {
        text: Inlines::text(line),
    }
}

fn heading(level: u8, text: &str) -> Block {
    Block::Heading {
        level,
        text: Inlines::text(text),
        id: None,
    }
}

/// A numbered line is a heading, a heading sentence run together with its paragraph
/// (`(一)深入解读重要政策措施。围绕…`), or, when its first sentence is too long to be a heading,
/// a numbered paragraph.
fn push_numbered(body: &mut Vec<Block>, line: &str, level: u8, rest_at: usize) {
    let after_number = &line[rest_at..];
    match after_number
        .char_indices()
        .find(|(_, c)| is_sentence_end(*c))
    {
        Some((p, c)) => {
            let head = line[..rest_at + p].trim_end();
            let rest = after_number[p + c.len_utf8()..].trim();
            if after_number[..p].chars().count() <= MAX_HEADING_CHARS {
                body.push(heading(level, head));
                if !rest.is_empty() {
                    body.push(paragraph(rest));
                }
            } else {
                body.push(paragraph(line));
            }
        }
        None if after_number.chars().count() <= MAX_HEADING_CHARS => {
            body.push(heading(level, line))
        }
        None => body.push(paragraph(line)),
    }
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

/// Trims ASCII and CJK whitespace (ideographic space, no-break space) and a byte-order mark.
fn clean_line(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{a0}')
}

/// Navigation and sharing links copied along with the text from a web page.
fn is_debris(line: &str) -> bool {
    const LABELS: [&str; 10] = [
        "上一条",
        "下一条",
        "上一篇",
        "下一篇",
        "打印本页",
        "关闭窗口",
        "【打印】",
        "【关闭】",
        "分享到",
        "扫一扫在手机打开当前页",
    ];
    LABELS.iter().any(|l| line.starts_with(l))
}

fn is_addressees(line: &str) -> bool {
    (line.ends_with('：') || line.ends_with(':'))
        && heading_number(line).is_none()
        && line.chars().count() <= 300
}

/// A line holding only a 文号 such as `内政办发〔2019〕14号` or `国办发[2019]14号`.
fn is_document_number(line: &str) -> bool {
    let Some(open) = line.find(['〔', '[', '［']) else {
        return false;
    };
    let after = &line[open..];
    let mut chars = after.chars();
    chars.next();
    let year: String = chars.by_ref().take(4).collect();
    let Some(close) = chars.next() else {
        return false;
    };
    let rest: String = chars.collect();
    open > 0
        && line.chars().count() <= 30
        && year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && matches!(close, '〕' | ']' | '］')
        && rest.ends_with('号')
        && rest.len() > '号'.len_utf8()
        && rest[..rest.len() - '号'.len_utf8()]
            .bytes()
            .all(|b| b.is_ascii_digit())
}

fn is_publication_note(line: &str) -> bool {
    let inner = line
        .strip_prefix(['(', '（'])
        .and_then(|l| l.strip_suffix([')', '）']));
    inner.is_some_and(|t| t.starts_with("此件"))
}

/// A short line without end punctuation that is not a number, date or note.
fn is_title_like(line: &str) -> bool {
    let n = line.chars().count();
    let last = line.chars().last().unwrap_or('。');
    (4..=MAX_HEADING_CHARS).contains(&n)
        && !"。！？；：:;,，、.!?…".contains(last)
        && !is_publication_note(line)
        && !line.starts_with(['(', '（', '《'])
}

/// The heading level of a numbered line and the byte offset where its text starts:
/// `一、` level 1, `(一)` / `（一）` level 2, `1.` / `1．` / `1、` level 3, `(1)` / `（1）` level 4.
fn heading_number(line: &str) -> Option<(u8, usize)> {
    let cn_len = line
        .char_indices()
        .find(|(_, c)| !is_chinese_numeral(*c))
        .map_or(line.len(), |(i, _)| i);
    if cn_len > 0 {
        return line[cn_len..]
            .strip_prefix('、')
            .filter(|rest| !rest.is_empty())
            .map(|_| (1, cn_len + '、'.len_utf8()));
    }
    if let Some(open) = ['(', '（'].into_iter().find(|o| line.starts_with(*o)) {
        let inner = &line[open.len_utf8()..];
        let close = inner.find([')', '）'])?;
        let number = &inner[..close];
        let close_len = inner[close..].chars().next()?.len_utf8();
        let rest_at = open.len_utf8() + close + close_len;
        if line[rest_at..].is_empty() || number.is_empty() {
            return None;
        }
        if number.chars().all(is_chinese_numeral) {
            return Some((2, rest_at));
        }
        if number.len() <= 3 && number.bytes().all(|b| b.is_ascii_digit()) {
            return Some((4, rest_at));
        }
        return None;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        let sep = rest.chars().next()?;
        if matches!(sep, '.' | '．' | '、') {
            let after = &rest[sep.len_utf8()..];
            // `1.5亿元…` is a number, not a heading.
            if !after.is_empty() && !after.starts_with(|c: char| c.is_ascii_digit()) {
                return Some((3, digits + sep.len_utf8()));
            }
        }
    }
    None
}

fn is_chinese_numeral(c: char) -> bool {
    "一二三四五六七八九十百零〇两".contains(c)
}

/// `2019年5月28日` or `二〇一九年五月二十八日` (a whole line) as `2019-05-28`.
fn parse_date_line(line: &str) -> Option<String> {
    let (y, rest) = line.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let year = parse_year(y)?;
    let month = parse_small_number(m)?;
    let day = parse_small_number(d)?;
    let date = format!("{year:04}-{month:02}-{day:02}");
    crate::validate::is_valid_date(&date).then_some(date)
}

fn parse_year(s: &str) -> Option<u32> {
    if s.chars().count() != 4 {
        return None;
    }
    s.chars().try_fold(0u32, |acc, c| {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '〇' | '零' | 'Ｏ' | 'O' => 0,
            _ => chinese_digit(c)?,
        };
        Some(acc * 10 + d)
    })
}

/// 1–31 in Arabic or Chinese numerals (`5`, `五`, `十二`, `二十八`, `三十一`).
fn parse_small_number(s: &str) -> Option<u32> {
    if !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => chinese_digit(*d),
        ['十', d] => Some(10 + chinese_digit(*d)?),
        [t, '十'] => Some(chinese_digit(*t)? * 10),
        [t, '十', d] => Some(chinese_digit(*t)? * 10 + chinese_digit(*d)?),
        _ => None,
    }
}

fn chinese_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> ImportOptions {
        ImportOptions {
            id: "doc-1".into(),
            agency: "gov".into(),
            ..ImportOptions::default()
        }
    }

    fn headings(doc: &Document) -> Vec<(u8, String)> {
        doc.body
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, text, .. } => Some((*level, text.plain())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn heading_numbers_are_recognised_at_their_levels() {
        assert_eq!(heading_number("一、总体要求"), Some((1, 6)));
        assert_eq!(heading_number("十二、其他"), Some((1, 9)));
        assert_eq!(heading_number("(一)加强领导"), Some((2, 5)));
        assert_eq!(heading_number("（二）加强领导"), Some((2, 9)));
        assert_eq!(heading_number("1.明确责任"), Some((3, 2)));
        assert_eq!(heading_number("2．明确责任"), Some((3, 4)));
        assert_eq!(heading_number("(3)细化"), Some((4, 3)));
        assert_eq!(heading_number("1.5亿元用于"), None);
        assert_eq!(heading_number("2019年是"), None);
        assert_eq!(heading_number("(此件公开发布)"), None);
        assert_eq!(heading_number("一、"), None);
    }

    #[test]
    fn date_lines_in_arabic_and_chinese_numerals_are_read() {
        assert_eq!(
            parse_date_line("2019年5月28日").as_deref(),
            Some("2019-05-28")
        );
        assert_eq!(
            parse_date_line("二〇一九年五月二十八日").as_deref(),
            Some("2019-05-28")
        );
        assert_eq!(parse_date_line("2019年2月30日"), None);
        assert_eq!(parse_date_line("2019年是关键之年"), None);
    }

    #[test]
    fn a_heading_sentence_run_into_its_paragraph_is_split_at_the_first_full_stop() {
        let doc = import_text(
            "标题在此\n2019年1月2日\n(一)深入解读。围绕重点。再说。",
            opts(),
        )
        .unwrap();
        assert_eq!(headings(&doc), vec![(2, "(一)深入解读".to_string())]);
        assert_eq!(
            doc.body.last(),
            Some(&Block::Paragraph {
                text: Inlines::text("围绕重点。再说。")
            })
        );
    }

    #[test]
    fn a_signatory_line_before_the_date_is_not_taken_for_the_title() {
        let text = "关于做好某事的通知\n各部门:\n请认真落实。\n某某人民政府办公厅\n2020年3月1日";
        let doc = import_text(text, opts()).unwrap();
        assert_eq!(doc.title.zh, "关于做好某事的通知");
        assert_eq!(doc.issued, "2020-03-01");
        assert_eq!(doc.addressees, Some(LocalText::new("各部门:")));
    }

    #[test]
    fn a_line_holding_only_a_document_number_becomes_the_number() {
        let doc = import_text("内政办发〔2019〕14号\n某某通知\n2019年1月1日", opts()).unwrap();
        assert_eq!(doc.number.as_deref(), Some("内政办发〔2019〕14号"));
        assert_eq!(doc.title.zh, "某某通知");
    }

    #[test]
    fn text_blocks_finds_headings_without_front_matter() {
        let body = text_blocks("各位代表:\n一、回顾\n(一)成绩。去年很好。\n\n结语。");
        let kinds: Vec<String> = body
            .iter()
            .map(|b| match b {
                Block::Heading { level, text, .. } => format!("h{level} {}", text.plain()),
                Block::Paragraph { text } => format!("p {}", text.plain()),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "p 各位代表:",
                "h1 一、回顾",
                "h2 (一)成绩",
                "p 去年很好。",
                "p 结语。"
            ]
        );
    }

    #[test]
    fn a_text_without_a_date_asks_for_one() {
        assert_eq!(
            import_text("某某通知\n正文。", opts()),
            Err(ImportError::MissingDate)
        );
    }

    #[test]
    fn an_id_that_is_not_url_safe_is_refused() {
        let o = ImportOptions {
            id: "a b".into(),
            ..opts()
        };
        assert_eq!(
            import_text("x", o),
            Err(ImportError::InvalidId("a b".into()))
        );
    }
}
