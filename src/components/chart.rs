//! A feed chart drawn as SVG from its numbers (bar, line or pie), with its title, unit, axis
//! labels, value labels, legend and source, and a toggle that shows the same numbers as a table.
//!
//! Geometry comes from `gongkai_feed::chart`; this file only turns it into elements. The SVG's
//! viewBox follows the width the chart actually has on screen (divided by the text scale), so
//! text keeps the page's size on a phone, on a kiosk and in elder mode alike.

use crate::i18n::Strings;
use crate::platform::gestures::{element_size, root_font_px};
use crate::state::prefs::{use_lang, use_strings};
use gongkai_feed::chart::{
    bar_layout, format_number, layout_in, line_layout, widest_tick_label, wrap_label_lines,
    Category, ChartLayout, Padding, PieLayout, Rect, Tick, LABEL_FONT_SIZE,
};
use gongkai_feed::{Chart, ChartKind, Lang};
use leptos::prelude::*;

/// Category labels may take this many lines under the axis (the table has them in full).
const LABEL_LINES: usize = 3;
/// Line height of category labels, in user units.
const LINE_H: f64 = 15.0;
/// Chart text is drawn a little larger than the 12-unit geometry assumes at 16 px root size.
const TEXT_SCALE: f64 = 1.1;
/// The pie's own square, in user units; the SVG scales it.
const PIE_SIZE: f64 = 240.0;

/// Colour classes in series order. The red accent comes last, so a chart is not a wall of red.
const COLOURS: [&str; 6] = ["gk-c2", "gk-c3", "gk-c4", "gk-c5", "gk-c6", "gk-c1"];

fn colour(i: usize) -> &'static str {
    COLOURS[i % COLOURS.len()]
}

/// A coordinate as short attribute text.
fn n(v: f64) -> String {
    format_number(v, 2, false)
}

/// A value as the table and the labels print it: as in the feed, without binary noise.
fn value_text(v: f64) -> String {
    format_number(v, 6, false)
}

fn is_zh(lang: Lang) -> bool {
    lang != Lang::En
}

/// What a screen reader hears for the chart: kind, title, unit and every value.
fn summary(chart: &Chart, lang: Lang, t: &Strings) -> String {
    let (colon, comma, stop) = if is_zh(lang) {
        ("：", "，", "。")
    } else {
        (": ", ", ", ". ")
    };
    let kind = match chart.kind {
        ChartKind::Bar => t.chart_bar,
        ChartKind::Line => t.chart_line,
        ChartKind::Pie => t.chart_pie,
    };
    let unit = chart.unit.get(lang);
    let mut out = format!("{kind}{colon}{}", chart.title.get(lang));
    if !unit.is_empty() {
        out.push_str(&format!("{comma}{}{colon}{unit}", t.chart_unit));
    }
    out.push_str(stop);
    let several = chart.series.len() > 1;
    for s in &chart.series {
        if several {
            out.push_str(s.name.get(lang));
            out.push_str(colon);
        }
        let parts: Vec<String> = s
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let label = chart.labels.get(i).map(|l| l.get(lang)).unwrap_or("");
                format!("{label} {}", value_text(*v))
            })
            .collect();
        out.push_str(&parts.join(comma));
        out.push_str(stop);
    }
    out.trim_end().to_string()
}

/// The widest tick label, in user units (digits are about 0.6 em wide).
fn ticks_width(ticks: &[Tick]) -> f64 {
    let chars = ticks.iter().map(|t| t.label.len()).max().unwrap_or(1);
    chars as f64 * LABEL_FONT_SIZE * 0.6
}

/// The first guess at the value axis labels, to size the left padding before laying out.
fn estimated_ticks_width(chart: &Chart) -> f64 {
    let series: Vec<&[f64]> = chart.series.iter().map(|s| s.values.as_slice()).collect();
    let chars = widest_tick_label(&series, chart.kind == ChartKind::Bar);
    chars as f64 * LABEL_FONT_SIZE * 0.6
}

/// Gridlines and tick labels of the value axis.
fn value_axis(ticks: &[Tick], plot: Rect) -> AnyView {
    ticks
        .iter()
        .map(|t| {
            view! {
                <line class="gk-chart__grid" x1=n(plot.x) x2=n(plot.right()) y1=n(t.pos) y2=n(t.pos)/>
                <text class="gk-chart__tick" x=n(plot.x - 6.0) y=n(t.pos) text-anchor="end" dominant-baseline="middle">
                    {t.label.clone()}
                </text>
            }
        })
        .collect_view()
        .into_any()
}

/// Category labels under the plot, wrapped to the band.
fn category_labels(categories: &[Category], lines: &[Vec<String>], plot: Rect) -> AnyView {
    categories
        .iter()
        .map(|c| {
            let spans = lines
                .get(c.index)
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .map(|(i, line)| {
                    view! {
                        <tspan x=n(c.x) y=n(plot.bottom() + 18.0 + i as f64 * LINE_H)>{line}</tspan>
                    }
                })
                .collect_view();
            view! { <text class="gk-chart__category" text-anchor="middle">{spans}</text> }
        })
        .collect_view()
        .into_any()
}

/// The chart's axis titles: the y label above the value axis, the x label under the categories.
fn axis_titles(chart: &Chart, lang: Lang, plot: Rect, label_lines: usize) -> AnyView {
    let y = chart.y_label.as_ref().map(|l| {
        view! { <text class="gk-chart__axis-title" x="0" y="13">{l.get(lang).to_string()}</text> }
    });
    let x = chart.x_label.as_ref().map(|l| {
        let y = plot.bottom() + 18.0 + label_lines as f64 * LINE_H + 8.0;
        view! {
            <text class="gk-chart__axis-title" x=n(plot.x + plot.width / 2.0) y=n(y) text-anchor="middle">
                {l.get(lang).to_string()}
            </text>
        }
    });
    view! { {y}{x} }.into_any()
}

/// Bar and line charts share their frame: padding, wrapped labels and height.
struct Frame {
    width: f64,
    height: f64,
    padding: Padding,
    lines: Vec<Vec<String>>,
    label_lines: usize,
}

fn frame(chart: &Chart, lang: Lang, width: f64, left_text: f64) -> Frame {
    let count = chart
        .series
        .iter()
        .map(|s| s.values.len())
        .max()
        .unwrap_or(0)
        .max(chart.labels.len())
        .max(1);
    let left = (left_text + 10.0).ceil();
    let right = 10.0;
    let band = ((width - left - right) / count as f64).max(0.0);
    let max_chars = ((band / LABEL_FONT_SIZE).floor() as usize).max(1);
    let lines: Vec<Vec<String>> = chart
        .labels
        .iter()
        .map(|l| wrap_label_lines(l.get(lang), max_chars, LABEL_LINES))
        .collect();
    let label_lines = lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let top = if chart.y_label.is_some() { 34.0 } else { 20.0 };
    let bottom =
        12.0 + label_lines as f64 * LINE_H + if chart.x_label.is_some() { 24.0 } else { 0.0 };
    let height = (width * 0.6).clamp(280.0, 380.0);
    Frame {
        width,
        height,
        padding: Padding::new(top, right, bottom, left),
        lines,
        label_lines,
    }
}

fn svg_frame(aria: String, width: f64, height: f64, body: AnyView) -> AnyView {
    view! {
        <svg class="gk-chart__svg" role="img" aria-label=aria
            viewBox=format!("0 0 {} {}", n(width), n(height))
            width=n(width) height=n(height) preserveAspectRatio="xMidYMid meet"
        >
            {body}
        </svg>
    }
    .into_any()
}

fn bar_svg(chart: &Chart, lang: Lang, width: f64, aria: String) -> AnyView {
    let labels: Vec<&str> = chart.labels.iter().map(|l| l.get(lang)).collect();
    let series: Vec<&[f64]> = chart.series.iter().map(|s| s.values.as_slice()).collect();
    let mut f = frame(chart, lang, width, estimated_ticks_width(chart));
    let mut layout = bar_layout(&labels, &series, f.width, f.height, f.padding);
    let needed = ticks_width(&layout.ticks);
    if needed + 10.0 > f.padding.left {
        f = frame(chart, lang, width, needed);
        layout = bar_layout(&labels, &series, f.width, f.height, f.padding);
    }
    let plot = layout.plot;
    let bars = layout
        .bars
        .iter()
        .map(|b| {
            let text = format_number(b.value, 2, false);
            // A value label only where it fits over its bar; the table always has it.
            let fits = text.len() as f64 * 6.6 <= b.width + 8.0;
            let label_y = if b.value < 0.0 {
                b.y + b.height + 14.0
            } else {
                b.y - 5.0
            };
            let label = fits.then(|| {
                view! {
                    <text class="gk-chart__value" x=n(b.x + b.width / 2.0) y=n(label_y) text-anchor="middle">
                        {text}
                    </text>
                }
            });
            view! {
                <rect class=format!("gk-chart__bar {}", colour(b.series))
                    x=n(b.x) y=n(b.y) width=n(b.width) height=n(b.height) rx="2"/>
                {label}
            }
        })
        .collect_view();
    let body = view! {
        {value_axis(&layout.ticks, plot)}
        {bars}
        <line class="gk-chart__axis" x1=n(plot.x) x2=n(plot.right()) y1=n(layout.baseline) y2=n(layout.baseline)/>
        {category_labels(&layout.categories, &f.lines, plot)}
        {axis_titles(chart, lang, plot, f.label_lines)}
    }
    .into_any();
    svg_frame(aria, f.width, f.height, body)
}

fn line_svg(chart: &Chart, lang: Lang, width: f64, aria: String) -> AnyView {
    let labels: Vec<&str> = chart.labels.iter().map(|l| l.get(lang)).collect();
    let series: Vec<&[f64]> = chart.series.iter().map(|s| s.values.as_slice()).collect();
    let mut f = frame(chart, lang, width, estimated_ticks_width(chart));
    let mut layout = line_layout(&labels, &series, f.width, f.height, f.padding);
    let needed = ticks_width(&layout.ticks);
    if needed + 10.0 > f.padding.left {
        f = frame(chart, lang, width, needed);
        layout = line_layout(&labels, &series, f.width, f.height, f.padding);
    }
    let plot = layout.plot;
    let band = layout.band_width;
    let lines = layout
        .lines
        .iter()
        .map(|l| {
            let c = colour(l.series);
            let points = l
                .points
                .iter()
                .map(|p| {
                    let text = format_number(p.value, 2, false);
                    let fits = text.len() as f64 * 6.6 <= band - 4.0;
                    let label = fits.then(|| {
                        view! {
                            <text class="gk-chart__value" x=n(p.x) y=n(p.y - 9.0) text-anchor="middle">{text}</text>
                        }
                    });
                    view! {
                        <circle class=format!("gk-chart__point {c}") cx=n(p.x) cy=n(p.y) r="4"/>
                        {label}
                    }
                })
                .collect_view();
            view! {
                <path class=format!("gk-chart__line {c}") d=l.d.clone()/>
                {points}
            }
        })
        .collect_view();
    let body = view! {
        {value_axis(&layout.ticks, plot)}
        <line class="gk-chart__axis" x1=n(plot.x) x2=n(plot.right()) y1=n(plot.bottom()) y2=n(plot.bottom())/>
        {lines}
        {category_labels(&layout.categories, &f.lines, plot)}
        {axis_titles(chart, lang, plot, f.label_lines)}
    }
    .into_any();
    svg_frame(aria, f.width, f.height, body)
}

fn percent(fraction: f64) -> String {
    format!("{}%", format_number(fraction * 100.0, 1, false))
}

fn pie_svg(pie: &PieLayout, aria: String) -> AnyView {
    let slices = pie
        .slices
        .iter()
        .filter(|s| !s.path_d.is_empty())
        .map(|s| {
            // Labels only on slices wide enough to hold them; the legend lists every share.
            let label = (s.fraction >= 0.06).then(|| {
                view! {
                    <text class="gk-chart__slice-label" x=n(s.label_point.0) y=n(s.label_point.1)
                        text-anchor="middle" dominant-baseline="middle">
                        {percent(s.fraction)}
                    </text>
                }
            });
            view! {
                <path class=format!("gk-chart__slice {}", colour(s.index)) d=s.path_d.clone()/>
                {label}
            }
        })
        .collect_view()
        .into_any();
    view! {
        <svg class="gk-chart__svg gk-chart__svg--pie" role="img" aria-label=aria
            viewBox=format!("0 0 {0} {0}", n(PIE_SIZE)) width=n(PIE_SIZE) height=n(PIE_SIZE)
        >
            {slices}
        </svg>
    }
    .into_any()
}

/// Legend of a pie: every slice's label, value and share.
fn pie_legend(chart: &Chart, pie: &PieLayout, lang: Lang) -> AnyView {
    let unit = chart.unit.get(lang).to_string();
    let items = pie
        .slices
        .iter()
        .map(|s| {
            let label = chart
                .labels
                .get(s.index)
                .map(|l| l.get(lang).to_string())
                .unwrap_or_default();
            let value = format!("{}{}", value_text(s.value), unit);
            view! {
                <li class="gk-chart__legend-item">
                    <span class=format!("gk-chart__swatch {}", colour(s.index)) aria-hidden="true"></span>
                    <span class="gk-chart__legend-label">{label}</span>
                    <span class="gk-chart__legend-value">{value}" · "{percent(s.fraction)}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="gk-chart__legend gk-chart__legend--pie">{items}</ul> }.into_any()
}

/// Legend of a bar or line chart with several series.
fn series_legend(chart: &Chart, lang: Lang) -> Option<AnyView> {
    (chart.series.len() > 1 && chart.kind != ChartKind::Pie).then(|| {
        let items = chart
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                view! {
                    <li class="gk-chart__legend-item">
                        <span class=format!("gk-chart__swatch {}", colour(i)) aria-hidden="true"></span>
                        <span class="gk-chart__legend-label">{s.name.get(lang).to_string()}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="gk-chart__legend">{items}</ul> }.into_any()
    })
}

/// The numbers as a table: caption is the title, columns the series, rows the labels.
fn chart_table(chart: &Chart, lang: Lang) -> AnyView {
    let corner = match &chart.x_label {
        Some(l) => view! { <th scope="col">{l.get(lang).to_string()}</th> }.into_any(),
        None => view! { <td></td> }.into_any(),
    };
    let heads = chart
        .series
        .iter()
        .map(|s| view! { <th scope="col">{s.name.get(lang).to_string()}</th> })
        .collect_view();
    let rows = chart
        .series
        .iter()
        .map(|s| s.values.len())
        .max()
        .unwrap_or(0)
        .max(chart.labels.len());
    let body = (0..rows)
        .map(|r| {
            let label = chart
                .labels
                .get(r)
                .map(|l| l.get(lang).to_string())
                .unwrap_or_default();
            let cells = chart
                .series
                .iter()
                .map(|s| {
                    let v = s.values.get(r).map(|v| value_text(*v)).unwrap_or_default();
                    view! { <td class="gk-num">{v}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row">{label}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="gk-table-scroll gk-chart__table">
            <table class="gk-table">
                <caption>{chart.title.get(lang).to_string()}</caption>
                <thead><tr>{corner}{heads}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The drawing in user units `width` wide, or why it cannot be drawn.
fn drawing(chart: &Chart, lang: Lang, t: &Strings, width: f64) -> Result<AnyView, AnyView> {
    let aria = summary(chart, lang, t);
    let cannot =
        || view! { <p class="gk-chart__error" role="note">{t.chart_cannot_draw}</p> }.into_any();
    match chart.kind {
        ChartKind::Pie => match layout_in(chart, lang, PIE_SIZE, PIE_SIZE) {
            Ok(ChartLayout::Pie(pie)) => Ok(view! {
                <div class="gk-chart__pie">
                    {pie_svg(&pie, aria)}
                    {pie_legend(chart, &pie, lang)}
                </div>
            }
            .into_any()),
            _ => Err(cannot()),
        },
        _ if chart.series.iter().all(|s| s.values.is_empty()) => Err(cannot()),
        ChartKind::Bar => Ok(bar_svg(chart, lang, width, aria)),
        ChartKind::Line => Ok(line_svg(chart, lang, width, aria)),
    }
}

/// The chart's width in user units for a box `px` CSS pixels wide.
fn units_for(px: f64) -> f64 {
    let k = root_font_px() / 16.0 * TEXT_SCALE;
    (px / k).clamp(240.0, 900.0)
}

/// - `chart`: the feed's chart.
/// - `id`: a page-unique id for the chart's title (the figure is labelled by it).
#[component]
pub fn ChartPanel(chart: Chart, id: String) -> impl IntoView {
    let t = use_strings();
    let lang = use_lang();
    let (as_table, set_as_table) = signal(false);
    let width = RwSignal::new(320.0_f64);
    let plot_ref = NodeRef::<leptos::html::Div>::new();

    let measure = move || {
        if let Some(el) = plot_ref.get_untracked() {
            let (px, _) = element_size(&el);
            if px > 0.0 {
                let units = units_for(px).round();
                if (units - width.get_untracked()).abs() >= 1.0 {
                    width.set(units);
                }
            }
        }
    };
    Effect::new(move |_| {
        if plot_ref.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let title_id = format!("{id}-title");
    let figure_label = title_id.clone();
    let l = lang.get_untracked();
    let title = chart.title.get(l).to_string();
    let unit = chart.unit.get(l).to_string();
    let source = chart.source.get(l).to_string();
    let legend = series_legend(&chart, l);
    let colon = if is_zh(l) { "：" } else { ": " };
    let table_chart = chart.clone();
    let body = move || {
        let lang = lang.get();
        let t = t.get();
        match drawing(&chart, lang, t, width.get()) {
            Ok(svg) if !as_table.get() => svg,
            Ok(_) => chart_table(&chart, lang),
            Err(message) => view! { {message}{chart_table(&chart, lang)} }.into_any(),
        }
    };
    let drawable = drawing(&table_chart, l, t.get_untracked(), 320.0).is_ok();
    view! {
        <figure class="gk-panel gk-chart" aria-labelledby=figure_label>
            <figcaption class="gk-chart__head">
                <h3 id=title_id class="gk-chart__title">{title}</h3>
                {(!unit.is_empty()).then(|| view! {
                    <p class="gk-chart__unit">{move || t.get().chart_unit}{colon}{unit.clone()}</p>
                })}
            </figcaption>
            {legend}
            <div class="gk-chart__plot" node_ref=plot_ref>{body}</div>
            <div class="gk-chart__foot">
                {(!source.is_empty()).then(|| view! {
                    <p class="gk-chart__source">{move || t.get().chart_source}{colon}{source.clone()}</p>
                })}
                {drawable.then(|| view! {
                    <button type="button" class="gk-button gk-button--quiet gk-chart__toggle"
                        aria-pressed=move || as_table.get().to_string()
                        on:click=move |_| set_as_table.update(|v| *v = !*v)
                    >
                        <svg class="gk-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                            <path d="M4 5h16v14H4zM4 10h16M4 15h16M10 5v14" fill="none" stroke="currentColor" stroke-width="1.8"/>
                        </svg>
                        {move || t.get().show_table}
                    </button>
                })}
            </div>
        </figure>
    }
}
