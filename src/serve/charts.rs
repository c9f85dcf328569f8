//! Charts as inline SVG, drawn on the server: no script library, nothing to fetch.
//!
//! Counts enter; an `<svg>` element leaves, with a `<title>` per bar so that a reader (or a
//! test) can read the numbers back.

use super::html::escape;
use std::fmt::Write;

const WIDTH: f64 = 900.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 40.0;
const TOP: f64 = 10.0;
const COLOURS: &[&str] = &[
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#7f7f7f",
];

/// One stack of a bar chart: its label on the axis and a count per series.
pub(crate) struct Column {
    pub label: String,
    pub counts: Vec<u64>,
}

/// Bars stacked by series (`series` names them, in the order of each column's counts).
pub(crate) fn stacked_bars(title: &str, series: &[String], columns: &[Column]) -> String {
    let highest = columns
        .iter()
        .map(|c| c.counts.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1);
    let plot_height = HEIGHT - BOTTOM - TOP;
    let step = (WIDTH - LEFT) / columns.len().max(1) as f64;
    let mut svg = open_svg(title, HEIGHT + 20.0 * series.len().div_ceil(5) as f64);
    axis(&mut svg, highest);
    for (index, column) in columns.iter().enumerate() {
        let x = LEFT + index as f64 * step;
        let mut y = HEIGHT - BOTTOM;
        for (serie, count) in column.counts.iter().enumerate() {
            if *count == 0 {
                continue;
            }
            let height = *count as f64 / highest as f64 * plot_height;
            y -= height;
            let _ = write!(
                svg,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{height:.1}\" fill=\"{}\"><title>{} {}: {count}</title></rect>",
                (step * 0.8).max(1.0),
                COLOURS[serie % COLOURS.len()],
                escape(&column.label),
                escape(&series[serie]),
            );
        }
        let every = (columns.len() / 12).max(1);
        if index % every == 0 {
            let _ = write!(
                svg,
                "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"10\">{}</text>",
                HEIGHT - BOTTOM + 14.0,
                escape(&column.label)
            );
        }
    }
    for (index, name) in series.iter().enumerate() {
        let x = LEFT + (index % 5) as f64 * 170.0;
        let y = HEIGHT + (index / 5) as f64 * 20.0;
        let _ = write!(
            svg,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{y:.1}\" font-size=\"11\">{}</text>",
            y - 9.0,
            COLOURS[index % COLOURS.len()],
            x + 14.0,
            escape(name)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A histogram of `values` in bins of `width`, the last bin holding everything from
/// `last_from` on, with a marked line at `marker` (and its label).
pub fn histogram(
    title: &str,
    values: &[i64],
    width: i64,
    last_from: i64,
    marker: (i64, &str),
) -> String {
    let bins = (last_from / width + 1) as usize;
    let mut counts = vec![0u64; bins];
    for value in values {
        let bin = (value.max(&0) / width).min(bins as i64 - 1) as usize;
        counts[bin] += 1;
    }
    let highest = counts.iter().copied().max().unwrap_or(0).max(1);
    let plot_height = HEIGHT - BOTTOM - TOP;
    let step = (WIDTH - LEFT) / bins as f64;
    let mut svg = open_svg(title, HEIGHT);
    axis(&mut svg, highest);
    for (bin, count) in counts.iter().enumerate() {
        let from = bin as i64 * width;
        let label = if bin + 1 == bins {
            format!("{from}+")
        } else {
            format!("{from}–{}", from + width - 1)
        };
        let x = LEFT + bin as f64 * step;
        let height = *count as f64 / highest as f64 * plot_height;
        let _ = write!(
            svg,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{height:.1}\" fill=\"#1f77b4\"><title>{label} days: {count}</title></rect>",
            HEIGHT - BOTTOM - height,
            step * 0.9
        );
        if bin % 2 == 0 {
            let _ = write!(
                svg,
                "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"10\">{}</text>",
                HEIGHT - BOTTOM + 14.0,
                escape(&label)
            );
        }
    }
    let (at, label) = marker;
    let x = LEFT + at as f64 / width as f64 * step;
    let _ = write!(
        svg,
        "<line x1=\"{x:.1}\" y1=\"{TOP}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#d62728\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#d62728\">{}</text>",
        HEIGHT - BOTTOM,
        x + 4.0,
        TOP + 12.0,
        escape(label)
    );
    svg.push_str("</svg>");
    svg
}

fn open_svg(title: &str, height: f64) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" role=\"img\" aria-label=\"{0}\"><title>{0}</title>",
        escape(title)
    )
}

fn axis(svg: &mut String, highest: u64) {
    let _ = write!(
        svg,
        "<line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{0:.1}\" stroke=\"#999\"/><line x1=\"{LEFT}\" y1=\"{0:.1}\" x2=\"{WIDTH}\" y2=\"{0:.1}\" stroke=\"#999\"/><text x=\"2\" y=\"{1:.1}\" font-size=\"10\">{highest}</text><text x=\"2\" y=\"{0:.1}\" font-size=\"10\">0</text>",
        HEIGHT - BOTTOM,
        TOP + 10.0
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_carry_their_counts() {
        let svg = stacked_bars(
            "Sets",
            &["SP".into(), "VVD".into()],
            &[Column {
                label: "2024-01".into(),
                counts: vec![2, 1],
            }],
        );
        assert!(svg.contains("<title>2024-01 SP: 2</title>"), "{svg}");
        assert!(svg.contains("<title>2024-01 VVD: 1</title>"), "{svg}");
    }

    #[test]
    fn the_histogram_bins_values_and_marks_the_limit() {
        let svg = histogram("Answer times", &[0, 3, 10, 25, 400], 7, 42, (21, "21 days"));
        assert!(svg.contains("<title>0–6 days: 2</title>"), "{svg}");
        assert!(svg.contains("<title>7–13 days: 1</title>"), "{svg}");
        assert!(svg.contains("<title>21–27 days: 1</title>"), "{svg}");
        assert!(svg.contains("<title>42+ days: 1</title>"), "{svg}");
        assert!(svg.contains(">21 days</text>"), "{svg}");
    }
}
