//! Chart geometry: scales, ticks, bars, lines and pie slices, as plain numbers and SVG path
//! strings. The app only turns these into `<rect>`, `<path>` and `<text>` elements, so every
//! decision about where something goes is made (and tested) here, natively.
//!
//! Coordinates are SVG user units with y growing downwards. Nothing here ever yields NaN or an
//! infinity: non-finite input values are skipped (bars and points) or refused (pie slices), and
//! degenerate sizes collapse to zero-sized shapes.
//!
//! The numeric core works on plain slices ([`bar_layout`], [`line_layout`], [`pie_layout`]);
//! [`layout`] reads the feed's [`Chart`] and picks sensible padding for a given size.

use crate::model::{Chart, ChartKind};
use crate::text::Lang;
use std::f64::consts::{PI, TAU};
use std::fmt;

/// How many lines a category label may take before it is cut with an ellipsis.
pub const DEFAULT_LABEL_LINES: usize = 2;
/// The font size (in user units) the app uses for axis labels; label wrapping assumes it.
pub const LABEL_FONT_SIZE: f64 = 12.0;

/// Space around the plot area, left for axes and labels.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Padding {
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
    pub left: f64,
}

impl Padding {
    pub const fn new(top: f64, right: f64, bottom: f64, left: f64) -> Self {
        Padding {
            top,
            right,
            bottom,
            left,
        }
    }

    pub const fn uniform(v: f64) -> Self {
        Padding::new(v, v, v, v)
    }
}

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    /// The area left inside `width` × `height` after `padding`; never negative.
    pub fn inside(width: f64, height: f64, padding: Padding) -> Rect {
        let width = finite_or_zero(width).max(0.0);
        let height = finite_or_zero(height).max(0.0);
        let left = finite_or_zero(padding.left).clamp(0.0, width);
        let top = finite_or_zero(padding.top).clamp(0.0, height);
        let right = finite_or_zero(padding.right).max(0.0);
        let bottom = finite_or_zero(padding.bottom).max(0.0);
        Rect {
            x: left,
            y: top,
            width: (width - left - right).max(0.0),
            height: (height - top - bottom).max(0.0),
        }
    }
}

/// A linear map from a data domain to a pixel range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearScale {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl LinearScale {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        LinearScale { domain, range }
    }

    /// Where `v` lands in the range. A collapsed domain maps everything to the middle of the
    /// range rather than dividing by zero; a non-finite `v` maps to the range start.
    pub fn map(&self, v: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        let span = d1 - d0;
        if !v.is_finite() {
            return r0;
        }
        if span == 0.0 || !span.is_finite() {
            return (r0 + r1) / 2.0;
        }
        let out = r0 + (v - d0) / span * (r1 - r0);
        if out.is_finite() {
            out
        } else {
            r0
        }
    }

    /// The value at range position `p` (the inverse of [`LinearScale::map`]).
    pub fn invert(&self, p: f64) -> f64 {
        LinearScale::new(self.range, self.domain).map(p)
    }
}

/// "Nice" tick values covering `[min, max]`: evenly spaced at 1, 2 or 5 × 10ⁿ, at most
/// `max_count` of them (at least 2), starting at or below `min` and ending at or above `max`.
///
/// `nice_ticks(0.0, 37.0, 5)` is `[0, 10, 20, 30, 40]`. The range is not widened to include 0;
/// callers that need a zero baseline (bar charts) pass `min.min(0.0)`. A collapsed range
/// (`min == max`) is widened to include 0, or to `0..1` when it is 0 itself. Non-finite bounds
/// are ignored (a range with no finite bound becomes `0..1`). When no nice step fits (a range
/// across 0 in 2 ticks), the ticks are the bounds themselves. Values are computed as integer
/// multiples of the step, so they print without binary noise (`0.3`, not `0.30000000000000004`).
pub fn nice_ticks(min: f64, max: f64, max_count: usize) -> Vec<f64> {
    let max_count = max_count.max(2);
    let (mut lo, mut hi) = match (min.is_finite(), max.is_finite()) {
        (true, true) => (min.min(max), min.max(max)),
        (true, false) => (min, min),
        (false, true) => (max, max),
        (false, false) => (0.0, 0.0),
    };
    if lo == hi {
        if lo == 0.0 {
            hi = 1.0;
        } else if lo > 0.0 {
            lo = 0.0;
        } else {
            hi = 0.0;
        }
    }
    let rough = (hi - lo) / (max_count - 1) as f64;
    if !rough.is_finite() || rough <= 0.0 {
        return vec![lo, hi];
    }
    // Start one decade below the rough step and walk up 1, 2, 5, 10, 20, … until the ticks fit.
    let first_exp = rough.log10().floor() as i32 - 1;
    for exp in first_exp..first_exp + 12 {
        for m in [1.0, 2.0, 5.0] {
            let step = m * pow10(exp);
            let first = snap_floor(lo / step);
            let last = snap_ceil(hi / step);
            let count = last - first + 1.0;
            if count.is_finite() && count <= max_count as f64 {
                let ticks: Vec<f64> = (0..count as i64)
                    .map(|i| decimal(first + i as f64, m, exp))
                    .collect();
                if ticks.iter().all(|t| t.is_finite()) {
                    return ticks;
                }
                return vec![lo, hi];
            }
        }
    }
    vec![lo, hi]
}

/// How many decimals a tick label needs to tell ticks `step` apart (0 for whole steps).
pub fn tick_decimals(step: f64) -> usize {
    if !step.is_finite() || step <= 0.0 {
        return 0;
    }
    let mut decimals = 0;
    let mut scaled = step;
    while decimals < 10 && (scaled - scaled.round()).abs() > 1e-9 * scaled.abs().max(1.0) {
        scaled *= 10.0;
        decimals += 1;
    }
    decimals
}

fn pow10(exp: i32) -> f64 {
    10f64.powi(exp)
}

/// `k × m × 10^exp` computed so that decimal ticks come out as the nearest double to the
/// decimal value: dividing by an exact power of ten rounds once, multiplying by 0.1 twice.
fn decimal(k: f64, m: f64, exp: i32) -> f64 {
    let v = if exp >= 0 {
        k * m * pow10(exp)
    } else {
        k * m / pow10(-exp)
    };
    if v == 0.0 {
        0.0 // no "-0"
    } else {
        v
    }
}

/// `floor` that forgives binary noise: 2.9999999999999996 is 3. The tolerance is relative, so a
/// value that is really just below a multiple (−6.6e-10 steps) still counts.
fn snap_floor(x: f64) -> f64 {
    let r = x.round();
    if (x - r).abs() <= 1e-12 * x.abs() {
        r
    } else {
        x.floor()
    }
}

fn snap_ceil(x: f64) -> f64 {
    let r = x.round();
    if (x - r).abs() <= 1e-12 * x.abs() {
        r
    } else {
        x.ceil()
    }
}

fn finite_or_zero(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

/// A value formatted for a label: at most 2 decimals, trailing zeros trimmed, no thousands
/// separators (the way figures are printed in Chinese government documents), the unit appended.
///
/// `format_value(12.50, "亿元")` is `12.5亿元`; `format_value(45.0, "%")` is `45%`. A unit that
/// starts with a Latin letter or digit gets a space (`3 km`). A non-finite value prints as `—`.
pub fn format_value(v: f64, unit: &str) -> String {
    let mut out = format_number(v, 2, false);
    if unit.is_empty() || !v.is_finite() {
        return out;
    }
    if unit.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        out.push(' ');
    }
    out.push_str(unit);
    out
}

/// `v` rounded to at most `max_decimals` decimals with trailing zeros trimmed, optionally with
/// `,` between groups of three integer digits. `-0` prints as `0`; a non-finite value as `—`.
pub fn format_number(v: f64, max_decimals: usize, thousands: bool) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    let mut s = format!("{:.*}", max_decimals.min(15), v);
    if s.contains('.') {
        let trimmed = s.trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(trimmed);
    }
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (rest.bytes().any(|b| b.is_ascii_digit() && b != b'0'), rest),
        None => (false, s.as_str()),
    };
    let (int, frac) = match digits.find('.') {
        Some(dot) => (&digits[..dot], &digits[dot..]),
        None => (digits, ""),
    };
    let mut out = String::with_capacity(s.len() + int.len() / 3 + 1);
    if neg {
        out.push('-');
    }
    if thousands {
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
    } else {
        out.push_str(int);
    }
    out.push_str(frac);
    out
}

/// Wraps a label into lines of at most `max_chars` full-width characters, at most
/// [`DEFAULT_LABEL_LINES`] lines, the last one ending in `…` when the label does not fit.
pub fn wrap_label(label: &str, max_chars: usize) -> Vec<String> {
    wrap_label_lines(label, max_chars, DEFAULT_LABEL_LINES)
}

/// Wraps a label into at most `max_lines` lines of at most `max_chars` full-width characters.
///
/// Chinese has no spaces, so lines break between any two characters; a run of Latin letters or
/// digits (a word, a year, `IPv6`) is kept whole when it fits on a line. Narrow characters
/// (ASCII, Latin) count half, so `max_chars` is what the line looks like, not its `len()`.
/// Closing punctuation (`，。、）》` …) never starts a line; it stays on the line before, even if
/// that line then runs half a character over. When the text does not fit in `max_lines`, the
/// last line is cut to make room for `…`.
pub fn wrap_label_lines(label: &str, max_chars: usize, max_lines: usize) -> Vec<String> {
    let label = label.trim();
    if label.is_empty() || max_lines == 0 {
        return Vec::new();
    }
    // Widths in half-character units.
    let limit = max_chars.max(1) * 2;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut width = 0usize;
    for piece in label_pieces(label) {
        if lines.len() > max_lines {
            break; // enough to know it will be cut
        }
        let w = text_width(piece);
        let sticks = piece.chars().next().is_some_and(is_closing_punctuation);
        if width + w > limit && width > 0 && !sticks {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            width = 0;
            if piece.trim().is_empty() {
                continue; // a space at a line break disappears
            }
        }
        if w > limit && width == 0 {
            // A word longer than a whole line: split it by characters.
            for c in piece.chars() {
                let cw = char_width(c);
                if width + cw > limit && width > 0 {
                    lines.push(std::mem::take(&mut line));
                    width = 0;
                }
                line.push(c);
                width += cw;
            }
        } else {
            line.push_str(piece);
            width += w;
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        let last = lines.last_mut().expect("max_lines > 0");
        let mut w = text_width(last);
        while w + 2 > limit && !last.is_empty() {
            let c = last.pop().expect("not empty");
            w -= char_width(c);
        }
        let keep = last.trim_end().len();
        last.truncate(keep);
        last.push('…');
    }
    lines
}

/// Splits a label into unbreakable pieces: runs of ASCII letters and digits (with `.`, `-`, `_`
/// inside, as in `2.5` or `IPv6-ready`), and single other characters.
fn label_pieces(s: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let wordish =
            c.is_ascii_alphanumeric() || (start.is_some() && matches!(c, '.' | '-' | '_'));
        match (wordish, start) {
            (true, None) => start = Some(i),
            (true, Some(_)) => {}
            (false, Some(st)) => {
                pieces.push(&s[st..i]);
                start = None;
                pieces.push(&s[i..i + c.len_utf8()]);
            }
            (false, None) => pieces.push(&s[i..i + c.len_utf8()]),
        }
    }
    if let Some(st) = start {
        pieces.push(&s[st..]);
    }
    pieces
}

/// Width in half-character units: CJK, full-width forms and other wide characters are 2,
/// everything else (ASCII, Latin, Cyrillic) 1. Search snippets measure their window with it too.
pub(crate) fn char_width(c: char) -> usize {
    let u = c as u32;
    // The common cases first: Latin and the like, then the main CJK block.
    if u < 0x1100 {
        return 1;
    }
    if (0x4E00..=0x9FFF).contains(&u) {
        return 2;
    }
    let wide = matches!(u,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}

fn text_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Punctuation that must not begin a line (Chinese line-breaking rule 避头点).
fn is_closing_punctuation(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '”'
            | '’'
            | '…'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | '%'
            | '％'
    )
}

/// A tick on the value axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub value: f64,
    /// Position along the axis (y for the value axis).
    pub pos: f64,
    /// The value formatted with just enough decimals for the tick step.
    pub label: String,
}

/// A category on the x axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub index: usize,
    /// Centre of the category's band.
    pub x: f64,
    /// The label wrapped to the band's width (see [`wrap_label`]).
    pub lines: Vec<String>,
}

/// One bar: the value of `series` at category `category`.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub series: usize,
    pub category: usize,
    pub value: f64,
    pub x: f64,
    /// Top edge. For a negative value the bar hangs from the baseline, so `y` is the baseline.
    pub y: f64,
    pub width: f64,
    /// Never negative; 0 for a zero value.
    pub height: f64,
}

/// A grouped bar chart: one group per category, one bar per series in each group.
#[derive(Debug, Clone, PartialEq)]
pub struct BarLayout {
    pub plot: Rect,
    pub scale: LinearScale,
    pub ticks: Vec<Tick>,
    /// The y position of the value 0, where bars start.
    pub baseline: f64,
    /// Width of one category's band (the group plus the gaps around it).
    pub band_width: f64,
    pub categories: Vec<Category>,
    /// Bars for every finite value, series by series in category order.
    pub bars: Vec<Bar>,
}

/// A point on a line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinePoint {
    pub category: usize,
    pub value: f64,
    pub x: f64,
    pub y: f64,
}

/// One series drawn as a line.
#[derive(Debug, Clone, PartialEq)]
pub struct LineSeries {
    pub series: usize,
    /// The points with a finite value (the app draws a marker at each).
    pub points: Vec<LinePoint>,
    /// SVG path data through the points; a missing value breaks the line (a new `M`).
    pub d: String,
}

/// A line chart: one line per series over the categories.
#[derive(Debug, Clone, PartialEq)]
pub struct LineLayout {
    pub plot: Rect,
    pub scale: LinearScale,
    pub ticks: Vec<Tick>,
    pub band_width: f64,
    pub categories: Vec<Category>,
    pub lines: Vec<LineSeries>,
}

/// One slice of a pie.
#[derive(Debug, Clone, PartialEq)]
pub struct PieSlice {
    pub index: usize,
    pub value: f64,
    /// Share of the whole, 0..=1.
    pub fraction: f64,
    /// Radians clockwise from 12 o'clock; the first slice starts at 0, the last ends at 2π.
    pub start_angle: f64,
    pub end_angle: f64,
    /// SVG path data; empty for a zero value, two arcs for a slice that is the whole circle.
    pub path_d: String,
    /// Where the slice's label goes: on the middle angle, inside the slice.
    pub label_point: (f64, f64),
}

/// A pie: its circle and its slices.
#[derive(Debug, Clone, PartialEq)]
pub struct PieLayout {
    pub cx: f64,
    pub cy: f64,
    pub radius: f64,
    pub slices: Vec<PieSlice>,
}

/// Any chart's layout.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartLayout {
    Bar(BarLayout),
    Line(LineLayout),
    Pie(PieLayout),
}

/// Why a chart cannot be drawn. The app then shows only the table alternative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartError {
    /// No series, or no values at all.
    NoData,
    /// A pie value below zero: a share cannot be negative.
    NegativeValue { index: usize },
    /// A pie value that is NaN or infinite.
    NotFinite { index: usize },
    /// Pie values that add up to zero: there is no whole to take shares of.
    ZeroTotal,
}

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChartError::NoData => f.write_str("the chart has no values"),
            ChartError::NegativeValue { index } => {
                write!(
                    f,
                    "value {} is negative, which a pie chart cannot show",
                    index + 1
                )
            }
            ChartError::NotFinite { index } => write!(f, "value {} is not a number", index + 1),
            ChartError::ZeroTotal => f.write_str("the values add up to zero"),
        }
    }
}

impl std::error::Error for ChartError {}

/// The value axis shared by bar and line charts.
fn value_axis(min: f64, max: f64, plot: Rect) -> (LinearScale, Vec<Tick>) {
    // About one tick per 40 units of height keeps labels apart on a phone and a kiosk alike.
    let max_count = ((plot.height / 40.0) as usize + 1).clamp(2, 8);
    let values = nice_ticks(min, max, max_count);
    let lo = values.first().copied().unwrap_or(0.0);
    let hi = values.last().copied().unwrap_or(1.0);
    let scale = LinearScale::new((lo, hi), (plot.bottom(), plot.y));
    let decimals = if values.len() > 1 {
        tick_decimals(values[1] - values[0])
    } else {
        0
    };
    let ticks = values
        .into_iter()
        .map(|value| Tick {
            value,
            pos: scale.map(value),
            label: format_number(value, decimals, false),
        })
        .collect();
    (scale, ticks)
}

/// The finite values of all series, as (min, max); `None` when there are none.
fn finite_extent<V: AsRef<[f64]>>(series: &[V]) -> Option<(f64, f64)> {
    series
        .iter()
        .flat_map(|s| s.as_ref().iter().copied())
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((v.min(lo), v.max(hi))),
        })
}

fn categories<S: AsRef<str>>(labels: &[S], count: usize, plot: Rect, band: f64) -> Vec<Category> {
    let max_chars = ((band / LABEL_FONT_SIZE).floor() as usize).max(1);
    (0..count)
        .map(|index| Category {
            index,
            x: plot.x + band * (index as f64 + 0.5),
            lines: labels
                .get(index)
                .map(|l| wrap_label(l.as_ref(), max_chars))
                .unwrap_or_default(),
        })
        .collect()
}

fn category_count<S, V: AsRef<[f64]>>(labels: &[S], series: &[V]) -> usize {
    series
        .iter()
        .map(|s| s.as_ref().len())
        .max()
        .unwrap_or(0)
        .max(labels.len())
}

/// Lays out a grouped bar chart in `width` × `height` with `padding` left for the axes.
///
/// The value axis always includes 0, so bars grow up from a zero baseline and negative values
/// hang below it. Each category's band keeps 20 % of its width as a gap around the group; the
/// series' bars sit side by side in the rest. A series shorter than the labels, or a NaN or
/// infinite value, simply has no bar there. All-zero data gives zero-height bars on a `0..1`
/// axis.
pub fn bar_layout<S: AsRef<str>, V: AsRef<[f64]>>(
    labels: &[S],
    series: &[V],
    width: f64,
    height: f64,
    padding: Padding,
) -> BarLayout {
    let plot = Rect::inside(width, height, padding);
    let (lo, hi) = finite_extent(series).unwrap_or((0.0, 0.0));
    let (scale, ticks) = value_axis(lo.min(0.0), hi.max(0.0), plot);
    let baseline = scale.map(0.0);
    let n = category_count(labels, series);
    let band = if n == 0 { 0.0 } else { plot.width / n as f64 };
    let group = band * 0.8;
    let bar_width = if series.is_empty() {
        0.0
    } else {
        group / series.len() as f64
    };
    let mut bars = Vec::new();
    for (s, values) in series.iter().enumerate() {
        for (c, &value) in values.as_ref().iter().enumerate() {
            if !value.is_finite() {
                continue;
            }
            let top = scale.map(value);
            bars.push(Bar {
                series: s,
                category: c,
                value,
                x: plot.x + band * c as f64 + (band - group) / 2.0 + bar_width * s as f64,
                y: top.min(baseline),
                width: bar_width,
                height: (top - baseline).abs(),
            });
        }
    }
    BarLayout {
        plot,
        scale,
        ticks,
        baseline,
        band_width: band,
        categories: categories(labels, n, plot, band),
        bars,
    }
}

/// Lays out a line chart: each category at the centre of its band (so labels line up as in a
/// bar chart), one line per series.
///
/// Unlike bars, lines do not need a zero baseline: the axis covers only the data, which shows
/// change better. A NaN or infinite value is a gap in the line.
pub fn line_layout<S: AsRef<str>, V: AsRef<[f64]>>(
    labels: &[S],
    series: &[V],
    width: f64,
    height: f64,
    padding: Padding,
) -> LineLayout {
    let plot = Rect::inside(width, height, padding);
    let (lo, hi) = finite_extent(series).unwrap_or((0.0, 0.0));
    let (scale, ticks) = value_axis(lo, hi, plot);
    let n = category_count(labels, series);
    let band = if n == 0 { 0.0 } else { plot.width / n as f64 };
    let lines = series
        .iter()
        .enumerate()
        .map(|(s, values)| {
            let mut points = Vec::new();
            let mut d = String::new();
            let mut pen_down = false;
            for (c, &value) in values.as_ref().iter().enumerate() {
                if !value.is_finite() {
                    pen_down = false;
                    continue;
                }
                let p = LinePoint {
                    category: c,
                    value,
                    x: plot.x + band * (c as f64 + 0.5),
                    y: scale.map(value),
                };
                if !d.is_empty() {
                    d.push(' ');
                }
                d.push(if pen_down { 'L' } else { 'M' });
                d.push_str(&coord(p.x));
                d.push(' ');
                d.push_str(&coord(p.y));
                pen_down = true;
                points.push(p);
            }
            LineSeries {
                series: s,
                points,
                d,
            }
        })
        .collect();
    LineLayout {
        plot,
        scale,
        ticks,
        band_width: band,
        categories: categories(labels, n, plot, band),
        lines,
    }
}

/// Pie slices in a circle of radius 1 around (0, 0): draw them in an SVG with
/// `viewBox="-1 -1 2 2"`. See [`pie_layout_at`].
pub fn pie_layout(values: &[f64]) -> Result<Vec<PieSlice>, ChartError> {
    pie_layout_at(values, 0.0, 0.0, 1.0).map(|pie| pie.slices)
}

/// Pie slices in the circle of `radius` around (`cx`, `cy`), clockwise from 12 o'clock in the
/// order of `values`.
///
/// Negative and non-finite values are refused rather than quietly drawn as 0: a pie of shares
/// that do not add up would mislead, and the app shows the table instead. A zero value gives an
/// empty slice (zero angle, empty path) so slice indexes still match the labels. Angles come
/// from running totals, and the last non-empty slice ends at exactly 2π, so rounding never
/// leaves a gap. A single non-zero value fills the circle, drawn as two half-circle arcs (one
/// SVG arc cannot start and end at the same point).
pub fn pie_layout_at(
    values: &[f64],
    cx: f64,
    cy: f64,
    radius: f64,
) -> Result<PieLayout, ChartError> {
    if values.is_empty() {
        return Err(ChartError::NoData);
    }
    for (index, &v) in values.iter().enumerate() {
        if !v.is_finite() {
            return Err(ChartError::NotFinite { index });
        }
        if v < 0.0 {
            return Err(ChartError::NegativeValue { index });
        }
    }
    let total: f64 = values.iter().sum();
    if total <= 0.0 || !total.is_finite() {
        return Err(ChartError::ZeroTotal);
    }
    let (cx, cy) = (finite_or_zero(cx), finite_or_zero(cy));
    let radius = finite_or_zero(radius).max(0.0);
    let last_nonzero = values.iter().rposition(|&v| v > 0.0).unwrap_or(0);
    let point = |angle: f64, r: f64| (cx + r * angle.sin(), cy - r * angle.cos());
    let mut running = 0.0;
    let mut start = 0.0;
    let mut slices = Vec::with_capacity(values.len());
    for (index, &value) in values.iter().enumerate() {
        running += value;
        let end = if index >= last_nonzero {
            TAU
        } else {
            (running / total * TAU).min(TAU)
        };
        let fraction = value / total;
        let path_d = if value == 0.0 {
            String::new()
        } else if end - start >= TAU - 1e-12 {
            let (tx, ty) = point(0.0, radius);
            let (bx, by) = point(PI, radius);
            format!(
                "M{} {} A{r} {r} 0 1 1 {} {} A{r} {r} 0 1 1 {} {} Z",
                coord(tx),
                coord(ty),
                coord(bx),
                coord(by),
                coord(tx),
                coord(ty),
                r = coord(radius)
            )
        } else {
            let (x0, y0) = point(start, radius);
            let (x1, y1) = point(end, radius);
            let large = if end - start > PI { 1 } else { 0 };
            format!(
                "M{} {} L{} {} A{r} {r} 0 {large} 1 {} {} Z",
                coord(cx),
                coord(cy),
                coord(x0),
                coord(y0),
                coord(x1),
                coord(y1),
                r = coord(radius)
            )
        };
        // A whole circle has no "inside of the slice" off-centre; label it in the middle.
        let label_point = if fraction >= 1.0 {
            (cx, cy)
        } else {
            point((start + end) / 2.0, radius * 0.65)
        };
        slices.push(PieSlice {
            index,
            value,
            fraction,
            start_angle: start,
            end_angle: end,
            path_d,
            label_point,
        });
        start = end;
    }
    Ok(PieLayout {
        cx,
        cy,
        radius,
        slices,
    })
}

/// A coordinate for path data: 2 decimals, trimmed, never `-0`.
fn coord(v: f64) -> String {
    format_number(finite_or_zero(v), 2, false)
}

/// Lays out a feed chart with its zh-Hans labels. See [`layout_in`].
pub fn layout(chart: &Chart, width: f64, height: f64) -> Result<ChartLayout, ChartError> {
    layout_in(chart, Lang::ZhHans, width, height)
}

/// Lays out a feed chart in `width` × `height`, labels in `lang` (falling back to zh-Hans).
///
/// Padding leaves room for the value axis on the left (sized to the longest tick label) and two
/// lines of category labels below. A pie uses the first series and fills the largest centred
/// circle, with a small margin for its stroke.
pub fn layout_in(
    chart: &Chart,
    lang: Lang,
    width: f64,
    height: f64,
) -> Result<ChartLayout, ChartError> {
    let series: Vec<&[f64]> = chart.series.iter().map(|s| s.values.as_slice()).collect();
    if series.iter().all(|s| s.is_empty()) {
        return Err(ChartError::NoData);
    }
    let labels: Vec<&str> = chart.labels.iter().map(|l| l.get(lang)).collect();
    match chart.kind {
        ChartKind::Pie => {
            let (w, h) = (finite_or_zero(width), finite_or_zero(height));
            let radius = (w.min(h) / 2.0 - 2.0).max(0.0);
            pie_layout_at(series[0], w / 2.0, h / 2.0, radius).map(ChartLayout::Pie)
        }
        ChartKind::Bar | ChartKind::Line => {
            let padding = axis_padding(&series, chart.kind == ChartKind::Bar);
            Ok(if chart.kind == ChartKind::Bar {
                ChartLayout::Bar(bar_layout(&labels, &series, width, height, padding))
            } else {
                ChartLayout::Line(line_layout(&labels, &series, width, height, padding))
            })
        }
    }
}

/// Padding for an axis chart: wide enough on the left for the longest tick label.
fn axis_padding(series: &[&[f64]], zero_based: bool) -> Padding {
    let widest = widest_tick_label(series, zero_based);
    // Digits are about 0.6 em wide; 8 units of gap to the axis line.
    let left = (widest as f64 * LABEL_FONT_SIZE * 0.6 + 8.0).ceil();
    let bottom = LABEL_FONT_SIZE * 1.4 * DEFAULT_LABEL_LINES as f64 + 8.0;
    Padding::new(LABEL_FONT_SIZE, LABEL_FONT_SIZE, bottom, left)
}

/// How many characters the longest value-axis tick label of `series` has (at least 1), with
/// the axis starting at zero when `zero_based` (bar charts). Sizes the space left of the plot.
pub fn widest_tick_label(series: &[&[f64]], zero_based: bool) -> usize {
    let (lo, hi) = finite_extent(series).unwrap_or((0.0, 0.0));
    let (lo, hi) = if zero_based {
        (lo.min(0.0), hi.max(0.0))
    } else {
        (lo, hi)
    };
    let ticks = nice_ticks(lo, hi, 6);
    let decimals = if ticks.len() > 1 {
        tick_decimals(ticks[1] - ticks[0])
    } else {
        0
    };
    ticks
        .iter()
        .map(|&t| format_number(t, decimals, false).len())
        .max()
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_ticks_have_no_binary_noise() {
        assert_eq!(nice_ticks(0.0, 0.3, 4), vec![0.0, 0.1, 0.2, 0.3]);
    }

    #[test]
    fn label_pieces_keep_latin_words_and_split_chinese() {
        assert_eq!(label_pieces("IPv6改造2.5"), vec!["IPv6", "改", "造", "2.5"]);
    }

    #[test]
    fn tick_decimals_follow_the_step() {
        assert_eq!(tick_decimals(10.0), 0);
        assert_eq!(tick_decimals(0.5), 1);
        assert_eq!(tick_decimals(0.02), 2);
    }

    #[test]
    fn coordinates_never_print_negative_zero() {
        assert_eq!(coord(-0.0001), "0");
        assert_eq!(coord(-1.5), "-1.5");
    }
}
