//! Chart geometry as the app draws it: scales, ticks, bars, lines, pie slices and labels.

use gongkai_feed::chart::*;
use gongkai_feed::{Chart, ChartKind, LocalText, Series};
use std::f64::consts::{PI, TAU};

const PAD: Padding = Padding::new(10.0, 10.0, 40.0, 40.0);

fn assert_close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} is not {b}");
}

/// Every number in a path string parses as a finite number.
fn assert_path_is_finite(d: &str) {
    for token in d.split(|c: char| c.is_ascii_alphabetic() || c == ' ') {
        if token.is_empty() {
            continue;
        }
        let v: f64 = token
            .parse()
            .unwrap_or_else(|_| panic!("{token:?} in {d:?}"));
        assert!(v.is_finite(), "{d}");
    }
    assert!(!d.contains("NaN") && !d.contains("inf"), "{d}");
}

fn assert_bars_are_finite(layout: &BarLayout) {
    for b in &layout.bars {
        for v in [b.x, b.y, b.width, b.height, b.value] {
            assert!(v.is_finite(), "{b:?}");
        }
        assert!(b.height >= 0.0 && b.width >= 0.0, "{b:?}");
    }
    for t in &layout.ticks {
        assert!(t.value.is_finite() && t.pos.is_finite(), "{t:?}");
    }
    assert!(layout.baseline.is_finite());
}

#[test]
fn a_linear_scale_maps_the_domain_onto_the_range_and_back() {
    let s = LinearScale::new((0.0, 40.0), (200.0, 0.0));
    assert_close(s.map(0.0), 200.0);
    assert_close(s.map(40.0), 0.0);
    assert_close(s.map(10.0), 150.0);
    assert_close(s.map(-20.0), 300.0);
    assert_close(s.invert(150.0), 10.0);
}

#[test]
fn a_collapsed_domain_maps_to_the_middle_instead_of_nan() {
    let s = LinearScale::new((5.0, 5.0), (0.0, 100.0));
    assert_close(s.map(5.0), 50.0);
    assert_close(s.map(f64::NAN), 0.0);
}

#[test]
fn ticks_for_zero_to_thirty_seven_are_tens_up_to_forty() {
    assert_eq!(nice_ticks(0.0, 37.0, 5), vec![0.0, 10.0, 20.0, 30.0, 40.0]);
}

#[test]
fn ticks_use_steps_of_one_two_or_five_times_a_power_of_ten() {
    assert_eq!(nice_ticks(0.0, 9.0, 6), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
    assert_eq!(nice_ticks(0.0, 100.0, 3), vec![0.0, 50.0, 100.0]);
    assert_eq!(nice_ticks(0.0, 1.0, 11).len(), 11);
    assert_eq!(
        nice_ticks(0.0, 0.25, 6),
        vec![0.0, 0.05, 0.1, 0.15, 0.2, 0.25]
    );
    assert_eq!(
        nice_ticks(1200.0, 4800.0, 5),
        vec![1000.0, 2000.0, 3000.0, 4000.0, 5000.0]
    );
}

#[test]
fn ticks_cover_negative_ranges_through_zero() {
    assert_eq!(
        nice_ticks(-12.0, 30.0, 6),
        vec![-20.0, -10.0, 0.0, 10.0, 20.0, 30.0]
    );
    assert_eq!(nice_ticks(-7.0, -1.0, 5), vec![-8.0, -6.0, -4.0, -2.0, 0.0]);
}

#[test]
fn ticks_never_exceed_the_count_asked_for_and_always_cover_the_range() {
    let ranges = [
        (0.0, 1.0),
        (0.0, 37.0),
        (-3.3, 7.1),
        (0.001, 0.0097),
        (12345.0, 98765.0),
        (-1e9, 3e9),
        (99.0, 101.0),
    ];
    for (lo, hi) in ranges {
        for count in 2..=10 {
            let ticks = nice_ticks(lo, hi, count);
            assert!(ticks.len() <= count, "{lo}..{hi} in {count}: {ticks:?}");
            assert!(ticks.len() >= 2, "{lo}..{hi}: {ticks:?}");
            assert!(
                ticks[0] <= lo && *ticks.last().unwrap() >= hi,
                "{lo}..{hi}: {ticks:?}"
            );
            assert!(ticks.windows(2).all(|w| w[0] < w[1]), "{ticks:?}");
        }
    }
}

#[test]
fn ticks_for_a_single_value_or_nonsense_bounds_are_still_finite() {
    assert_eq!(nice_ticks(0.0, 0.0, 5), vec![0.0, 0.5, 1.0]);
    assert_eq!(nice_ticks(42.0, 42.0, 5), vec![0.0, 20.0, 40.0, 60.0]);
    for (lo, hi) in [
        (f64::NAN, 3.0),
        (f64::NEG_INFINITY, f64::INFINITY),
        (f64::NAN, f64::NAN),
    ] {
        let ticks = nice_ticks(lo, hi, 5);
        assert!(
            ticks.len() >= 2 && ticks.iter().all(|t| t.is_finite()),
            "{ticks:?}"
        );
    }
    // Reversed bounds are the same range.
    assert_eq!(nice_ticks(37.0, 0.0, 5), nice_ticks(0.0, 37.0, 5));
}

#[test]
fn values_are_formatted_without_trailing_zeros_and_with_their_unit() {
    assert_eq!(format_value(12.5, "亿元"), "12.5亿元");
    assert_eq!(format_value(12.0, "亿元"), "12亿元");
    assert_eq!(format_value(45.0, "%"), "45%");
    assert_eq!(format_value(0.126, ""), "0.13");
    assert_eq!(format_value(3.0, "km"), "3 km");
    assert_eq!(format_value(-0.0001, ""), "0");
    assert_eq!(format_value(f64::NAN, "亿元"), "—");
    assert_eq!(format_number(1234567.891, 2, true), "1,234,567.89");
    assert_eq!(format_number(-1234.0, 0, true), "-1,234");
    assert_eq!(format_number(999.0, 0, true), "999");
}

#[test]
fn bars_of_one_series_stand_on_the_zero_baseline() {
    let layout = bar_layout(&["一", "二", "三"], &[[10.0, 37.0, 0.0]], 350.0, 250.0, PAD);
    assert_eq!(
        layout.plot,
        Rect {
            x: 40.0,
            y: 10.0,
            width: 300.0,
            height: 200.0
        }
    );
    assert_close(layout.baseline, 210.0);
    assert_eq!(layout.ticks.first().unwrap().value, 0.0);
    assert_eq!(layout.ticks.last().unwrap().value, 40.0);
    assert_eq!(layout.bars.len(), 3);
    let [a, b, c] = [&layout.bars[0], &layout.bars[1], &layout.bars[2]];
    // 100 units per band, 80 % of it for the bar, centred.
    assert_close(a.x, 50.0);
    assert_close(a.width, 80.0);
    assert_close(b.x, 150.0);
    assert_close(a.y + a.height, 210.0);
    assert_close(a.height, 50.0);
    assert_close(b.height, 185.0);
    assert_close(c.height, 0.0);
    assert_close(c.y, 210.0);
    assert_eq!(layout.categories[1].x, 190.0);
    assert_eq!(layout.categories[1].lines, vec!["二"]);
}

#[test]
fn grouped_bars_sit_side_by_side_within_each_category() {
    let series = vec![vec![1.0, 2.0], vec![3.0, 4.0]];
    let layout = bar_layout(&["甲", "乙"], &series, 240.0, 100.0, Padding::default());
    assert_eq!(layout.bars.len(), 4);
    let first_group: Vec<&Bar> = layout.bars.iter().filter(|b| b.category == 0).collect();
    assert_eq!(first_group.len(), 2);
    assert_close(first_group[0].x, 12.0);
    assert_close(first_group[0].width, 48.0);
    assert_close(first_group[1].x, 60.0);
    assert!(first_group[1].height > first_group[0].height);
}

#[test]
fn negative_bars_hang_below_the_zero_baseline() {
    let layout = bar_layout(
        &["增", "减"],
        &[[20.0, -10.0]],
        200.0,
        300.0,
        Padding::default(),
    );
    let up = &layout.bars[0];
    let down = &layout.bars[1];
    assert!(layout.ticks.first().unwrap().value <= -10.0);
    assert_close(up.y + up.height, layout.baseline);
    assert_close(down.y, layout.baseline);
    assert!(down.height > 0.0);
    assert_close(down.y + down.height, layout.scale.map(-10.0));
    assert_bars_are_finite(&layout);
}

#[test]
fn all_zero_values_give_flat_bars_and_no_nan() {
    let layout = bar_layout(&["a", "b"], &[[0.0, 0.0]], 200.0, 100.0, PAD);
    assert_bars_are_finite(&layout);
    assert!(layout.bars.iter().all(|b| b.height == 0.0));
    assert_eq!(layout.ticks.first().unwrap().value, 0.0);
    assert!(layout.ticks.len() >= 2);
}

#[test]
fn a_single_value_makes_a_single_bar() {
    let layout = bar_layout(&["2019"], &[[7.5]], 100.0, 100.0, Padding::default());
    assert_eq!(layout.bars.len(), 1);
    assert_close(layout.bars[0].x, 10.0);
    assert_close(layout.bars[0].width, 80.0);
    assert_bars_are_finite(&layout);
}

#[test]
fn missing_and_non_finite_values_leave_a_gap_instead_of_a_broken_bar() {
    let series = vec![vec![1.0, f64::NAN, f64::INFINITY], vec![2.0]];
    let layout = bar_layout(&["a", "b", "c"], &series, 300.0, 100.0, PAD);
    assert_eq!(layout.bars.len(), 2);
    assert_bars_are_finite(&layout);
}

#[test]
fn bars_in_no_space_or_with_no_data_are_empty_but_finite() {
    let empty: [&[f64]; 0] = [];
    let layout = bar_layout::<&str, _>(&[], &empty, 300.0, 200.0, PAD);
    assert!(layout.bars.is_empty() && layout.categories.is_empty());
    let squeezed = bar_layout(&["a"], &[[5.0]], 20.0, 10.0, PAD);
    assert_eq!(squeezed.plot.width, 0.0);
    assert_eq!(squeezed.plot.height, 0.0);
    assert_bars_are_finite(&squeezed);
    let nonsense = bar_layout(&["a"], &[[5.0]], f64::NAN, f64::INFINITY, PAD);
    assert_bars_are_finite(&nonsense);
}

#[test]
fn lines_pass_through_band_centres_and_break_at_missing_values() {
    let series = vec![vec![10.0, 20.0, f64::NAN, 30.0]];
    let layout = line_layout(
        &["1月", "2月", "3月", "4月"],
        &series,
        400.0,
        100.0,
        Padding::default(),
    );
    let line = &layout.lines[0];
    assert_eq!(line.points.len(), 3);
    assert_close(line.points[0].x, 50.0);
    assert_close(line.points[2].x, 350.0);
    assert!(
        line.points[0].y > line.points[1].y,
        "higher values are further up"
    );
    assert_eq!(line.d.matches('M').count(), 2);
    assert_eq!(line.d.matches('L').count(), 1);
    assert!(line.d.starts_with("M50 "), "{}", line.d);
    assert_path_is_finite(&line.d);
}

#[test]
fn a_line_axis_covers_the_data_without_forcing_zero() {
    let layout = line_layout(
        &["a", "b"],
        &[[96.0, 104.0]],
        200.0,
        200.0,
        Padding::default(),
    );
    assert!(layout.ticks[0].value >= 90.0, "{:?}", layout.ticks);
    let single = line_layout(&["a"], &[[5.0]], 200.0, 200.0, Padding::default());
    assert_eq!(single.lines[0].points.len(), 1);
    assert_path_is_finite(&single.lines[0].d);
}

#[test]
fn pie_angles_add_up_to_a_full_circle() {
    let values = [1.0, 2.0, 3.0, 0.7, 11.3];
    let slices = pie_layout(&values).unwrap();
    assert_eq!(slices.len(), 5);
    assert_eq!(slices[0].start_angle, 0.0);
    assert_eq!(slices.last().unwrap().end_angle, TAU);
    let total: f64 = slices.iter().map(|s| s.end_angle - s.start_angle).sum();
    assert!((total - TAU).abs() < 1e-9);
    for w in slices.windows(2) {
        assert_eq!(w[0].end_angle, w[1].start_angle, "slices touch");
    }
    let fractions: f64 = slices.iter().map(|s| s.fraction).sum();
    assert!((fractions - 1.0).abs() < 1e-9);
    for s in &slices {
        assert_path_is_finite(&s.path_d);
        assert!(s.label_point.0.abs() < 1.0 && s.label_point.1.abs() < 1.0);
    }
}

#[test]
fn pie_slices_run_clockwise_from_twelve_o_clock() {
    let slices = pie_layout(&[1.0, 1.0, 2.0]).unwrap();
    assert_close(slices[0].end_angle, PI / 2.0);
    // The first quarter goes from the top (0, -1) to the right (1, 0), sweep flag 1.
    assert_eq!(slices[0].path_d, "M0 0 L0 -1 A1 1 0 0 1 1 0 Z");
    // The half-circle slice is not "large"; anything over half is.
    assert!(slices[2].path_d.contains(" 0 0 1 "), "{}", slices[2].path_d);
    let big = pie_layout(&[3.0, 1.0]).unwrap();
    assert!(big[0].path_d.contains(" 0 1 1 "), "{}", big[0].path_d);
    // Label of the first quarter is up and to the right of the centre.
    assert!(slices[0].label_point.0 > 0.0 && slices[0].label_point.1 < 0.0);
}

#[test]
fn a_single_pie_value_is_a_full_circle_of_two_arcs() {
    let slices = pie_layout(&[42.0]).unwrap();
    assert_eq!(slices.len(), 1);
    assert_eq!(slices[0].fraction, 1.0);
    assert_eq!(slices[0].end_angle, TAU);
    assert_eq!(slices[0].path_d.matches('A').count(), 2);
    assert_eq!(slices[0].label_point, (0.0, 0.0));
    assert_path_is_finite(&slices[0].path_d);
}

#[test]
fn zero_pie_values_are_empty_slices_that_keep_their_place() {
    let slices = pie_layout(&[0.0, 5.0, 0.0, 5.0, 0.0]).unwrap();
    assert_eq!(slices.len(), 5);
    for i in [0, 2, 4] {
        assert_eq!(slices[i].fraction, 0.0);
        assert_eq!(slices[i].start_angle, slices[i].end_angle);
        assert!(slices[i].path_d.is_empty());
    }
    assert_eq!(slices[3].end_angle, TAU);
    assert_close(slices[1].end_angle, PI);
    // Only one non-zero value among zeros: still a whole circle.
    let one = pie_layout(&[0.0, 3.0, 0.0]).unwrap();
    assert_eq!(one[1].path_d.matches('A').count(), 2);
}

#[test]
fn negative_or_non_finite_pie_values_are_refused() {
    assert_eq!(
        pie_layout(&[1.0, -2.0, 3.0]),
        Err(ChartError::NegativeValue { index: 1 })
    );
    assert_eq!(
        pie_layout(&[1.0, f64::NAN]),
        Err(ChartError::NotFinite { index: 1 })
    );
    assert_eq!(
        pie_layout(&[f64::INFINITY]),
        Err(ChartError::NotFinite { index: 0 })
    );
    assert_eq!(pie_layout(&[0.0, 0.0]), Err(ChartError::ZeroTotal));
    assert_eq!(pie_layout(&[]), Err(ChartError::NoData));
    assert!(ChartError::NegativeValue { index: 1 }
        .to_string()
        .contains("value 2"));
}

#[test]
fn pie_angles_stay_exact_for_many_uneven_slices() {
    let values: Vec<f64> = (1..=97)
        .map(|i| (i as f64 * 0.37).sin().abs() + 1e-6)
        .collect();
    let slices = pie_layout(&values).unwrap();
    let total: f64 = slices.iter().map(|s| s.end_angle - s.start_angle).sum();
    assert!((total - TAU).abs() < 1e-9);
    assert!(slices.iter().all(|s| s.end_angle >= s.start_angle));
    assert_eq!(slices.last().unwrap().end_angle, TAU);
}

#[test]
fn short_labels_stay_on_one_line() {
    assert_eq!(wrap_label("基层政务公开", 6), vec!["基层政务公开"]);
    assert!(wrap_label("", 6).is_empty());
    assert!(wrap_label("   ", 6).is_empty());
}

#[test]
fn chinese_labels_wrap_by_character_count() {
    assert_eq!(
        wrap_label("政务公开工作要点", 4),
        vec!["政务公开", "工作要点"]
    );
    assert_eq!(
        wrap_label_lines("一二三四五六七八九十", 3, 4),
        vec!["一二三", "四五六", "七八九", "十"]
    );
}

#[test]
fn very_long_labels_end_in_an_ellipsis_after_the_last_line() {
    let lines = wrap_label("推进决策公开执行公开管理公开服务公开结果公开", 5);
    assert_eq!(lines, vec!["推进决策公", "开执行公…"]);
    let long: String = "长".repeat(10_000);
    let lines = wrap_label_lines(&long, 8, 3);
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|l| l.chars().count() <= 8));
    assert!(lines[2].ends_with('…'));
}

#[test]
fn latin_words_are_kept_whole_and_count_half_width() {
    assert_eq!(wrap_label("IPv6改造", 4), vec!["IPv6改造"]);
    assert_eq!(
        wrap_label_lines("open government data", 6, 3),
        vec!["open", "government", "data"]
    );
    // A word longer than a line is split by characters rather than overflowing.
    assert_eq!(
        wrap_label_lines("abcdefghij", 2, 5),
        vec!["abcd", "efgh", "ij"]
    );
}

#[test]
fn closing_punctuation_never_starts_a_line() {
    assert_eq!(wrap_label("政务公开，便民", 4), vec!["政务公开，", "便民"]);
}

#[test]
fn category_labels_are_wrapped_to_their_band() {
    let labels = ["重点领域信息公开", "政策解读"];
    // 2 bands of 48 units: 4 characters of 12 units each per line.
    let layout = bar_layout(&labels, &[[1.0, 2.0]], 96.0, 100.0, Padding::default());
    assert_eq!(layout.categories[0].lines, vec!["重点领域", "信息公开"]);
    assert_eq!(layout.categories[1].lines, vec!["政策解读"]);
}

fn chart(kind: ChartKind, values: &[&[f64]]) -> Chart {
    Chart {
        kind,
        title: "2019年预算".into(),
        unit: "亿元".into(),
        labels: (0..values[0].len())
            .map(|i| LocalText::new(format!("{}季度", i + 1)))
            .collect(),
        series: values
            .iter()
            .map(|v| Series {
                name: "预算".into(),
                values: v.to_vec(),
            })
            .collect(),
        ..Chart::default()
    }
}

#[test]
fn feed_charts_lay_out_by_their_kind() {
    let bar = layout(&chart(ChartKind::Bar, &[&[1.0, 2.0, 3.0]]), 320.0, 200.0).unwrap();
    match bar {
        ChartLayout::Bar(b) => {
            assert_eq!(b.bars.len(), 3);
            assert_eq!(b.categories[0].lines, vec!["1季度"]);
            assert!(b.plot.x > 0.0 && b.plot.bottom() < 200.0);
        }
        other => panic!("{other:?}"),
    }
    let line = layout(
        &chart(ChartKind::Line, &[&[1.0, 2.0], &[2.0, 1.0]]),
        320.0,
        200.0,
    )
    .unwrap();
    assert!(matches!(line, ChartLayout::Line(l) if l.lines.len() == 2));
    let pie = layout(&chart(ChartKind::Pie, &[&[1.0, 3.0]]), 300.0, 200.0).unwrap();
    match pie {
        ChartLayout::Pie(p) => {
            assert_eq!((p.cx, p.cy), (150.0, 100.0));
            assert_eq!(p.radius, 98.0);
            assert_eq!(p.slices.len(), 2);
            assert_path_is_finite(&p.slices[0].path_d);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn feed_charts_without_values_or_with_negative_shares_report_why() {
    let mut empty = chart(ChartKind::Bar, &[&[]]);
    assert_eq!(layout(&empty, 300.0, 200.0), Err(ChartError::NoData));
    empty.series.clear();
    assert_eq!(layout(&empty, 300.0, 200.0), Err(ChartError::NoData));
    let negative = chart(ChartKind::Pie, &[&[2.0, -1.0]]);
    assert_eq!(
        layout(&negative, 300.0, 200.0),
        Err(ChartError::NegativeValue { index: 1 })
    );
}

#[test]
fn the_widest_tick_label_counts_the_longest_axis_number() {
    use gongkai_feed::chart::widest_tick_label;
    // 0..37 on a zero-based axis ticks 0, 10, 20, 30, 40.
    assert_eq!(widest_tick_label(&[&[12.0, 37.0][..]], true), 2);
    // Negative values widen the labels by their sign; NaN is ignored.
    assert_eq!(
        widest_tick_label(&[&[-1200.0, f64::NAN, 300.0][..]], true),
        5
    );
    // No finite value: the axis falls back to the ticks around zero, whose labels still count.
    assert_eq!(
        widest_tick_label(&[&[f64::NAN][..]], false),
        widest_tick_label(&[&[0.0][..]], false)
    );
}
