//! Charts as inline SVG, drawn on the server: no script library, nothing to fetch.
//!
//! Counts enter; an `<svg>` element leaves, with a `<title>` per bar so that a reader (or a
//! test) can read the numbers back. The y axis has round ticks (`0 2 4 6 8`, class
//! `y-tick`); a time axis has a column for every month, those with nothing in them too, so that
//! a gap in the data shows as a gap (see [`months_between`]); labels are drawn in a margin
//! above the bars, where no bar can cover them.

use super::html::escape;
use std::fmt::Write;

const WIDTH: f64 = 900.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 40.0;
/// Above the plot: room for the top tick's label and for a marker's label.
const TOP: f64 = 28.0;
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
/// The columns are drawn as they come; for a time axis, give one per month
/// ([`months_between`]) and their labels (`YYYY-MM`) are shown by year.
pub(crate) fn stacked_bars(title: &str, series: &[String], columns: &[Column]) -> String {
    let highest = columns
        .iter()
        .map(|c| c.counts.iter().sum::<u64>())
        .max()
        .unwrap_or(0);
    let highest = axis_top(highest);
    let plot_height = HEIGHT - BOTTOM - TOP;
    let step = (WIDTH - LEFT) / columns.len().max(1) as f64;
    let mut svg = open_svg(title, HEIGHT + 20.0 * series.len().div_ceil(5) as f64);
    axis(&mut svg, highest);
    let labels: Vec<&str> = columns.iter().map(|c| c.label.as_str()).collect();
    x_labels(&mut svg, &labels, step);
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
    let highest = axis_top(counts.iter().copied().max().unwrap_or(0));
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
    // The line runs up into the margin above the bars, where its label stands clear of them.
    let _ = write!(
        svg,
        "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#d62728\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/><text class=\"marker\" x=\"{:.1}\" y=\"{MARKER_Y:.1}\" font-size=\"11\" fill=\"#d62728\">{}</text>",
        MARKER_Y - 10.0,
        HEIGHT - BOTTOM,
        x + 4.0,
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

/// Where a marker's label stands: in the margin above the plot.
const MARKER_Y: f64 = 14.0;

/// The axes, with a round tick and a faint grid line every [`tick_step`] up to `top`.
fn axis(svg: &mut String, top: u64) {
    let bottom = HEIGHT - BOTTOM;
    let step = tick_step(top);
    for tick in (0..=top).step_by(step as usize) {
        let y = bottom - tick as f64 / top as f64 * (bottom - TOP);
        let _ = write!(
            svg,
            "<line x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{WIDTH}\" y2=\"{y:.1}\" stroke=\"#e4e4e4\"/><text class=\"y-tick\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\">{tick}</text>",
            LEFT - 4.0,
            y + 3.5
        );
    }
    let _ = write!(
        svg,
        "<line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{bottom:.1}\" stroke=\"#999\"/><line x1=\"{LEFT}\" y1=\"{bottom:.1}\" x2=\"{WIDTH}\" y2=\"{bottom:.1}\" stroke=\"#999\"/>"
    );
}

/// The distance between round ticks for counts up to `highest`: the least of 1, 2, 5, 10,
/// 20, 50 … that needs at most five steps.
fn tick_step(highest: u64) -> u64 {
    let mut power = 1u64;
    loop {
        for step in [power, 2 * power, 5 * power] {
            if step.saturating_mul(5) >= highest {
                return step;
            }
        }
        power = power.saturating_mul(10);
    }
}

/// The top of the y axis: `highest` rounded up to a tick (at least 1, so that an empty
/// chart has an axis).
fn axis_top(highest: u64) -> u64 {
    let step = tick_step(highest.max(1));
    highest.max(1).div_ceil(step) * step
}

/// Labels under the columns. Months (`YYYY-MM`) over more than two years are labelled by
/// year, at each January (every second or fifth January over decades), with a tick mark;
/// other columns by their own label, as many as fit.
fn x_labels(svg: &mut String, labels: &[&str], step: f64) {
    let months = labels.iter().all(|label| is_month(label));
    let y = HEIGHT - BOTTOM + 14.0;
    if months && labels.len() > 24 {
        let years = labels.len() / 12;
        let every = match years {
            0..=30 => 1,
            31..=60 => 2,
            _ => 5,
        };
        for (index, label) in labels.iter().enumerate() {
            let (year, month) = label.split_at(4);
            let year: u32 = year.parse().unwrap_or(0);
            if month != "-01" || !year.is_multiple_of(every) {
                continue;
            }
            let x = LEFT + index as f64 * step;
            let _ = write!(
                svg,
                "<line x1=\"{x:.1}\" y1=\"{0:.1}\" x2=\"{x:.1}\" y2=\"{1:.1}\" stroke=\"#999\"/><text class=\"x-label\" x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"10\">{year}</text>",
                HEIGHT - BOTTOM,
                HEIGHT - BOTTOM + 4.0
            );
        }
        return;
    }
    // A label is about 40 units wide at this size.
    let every = ((40.0 / step).ceil() as usize).max(1);
    for (index, label) in labels.iter().enumerate().step_by(every) {
        let x = LEFT + index as f64 * step;
        let _ = write!(
            svg,
            "<text class=\"x-label\" x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"10\">{}</text>",
            escape(label)
        );
    }
}

/// Whether `label` is a month written `YYYY-MM` (`01` to `12`).
pub(super) fn is_month(label: &str) -> bool {
    let well_shaped = label.len() == 7
        && label.bytes().enumerate().all(|(at, b)| {
            if at == 4 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    well_shaped
        && label[5..]
            .parse::<u32>()
            .is_ok_and(|month| (1..=12).contains(&month))
}

/// Every month from `first` to `last` (`YYYY-MM`, both included), those with no data too,
/// so that a time axis is continuous; empty when either is not a month or `last` comes first.
pub(crate) fn months_between(first: &str, last: &str) -> Vec<String> {
    let parse = |month: &str| -> Option<u32> {
        if !is_month(month) {
            return None;
        }
        let (year, rest) = month.split_at(4);
        let month: u32 = rest[1..].parse().ok()?;
        (1..=12)
            .contains(&month)
            .then(|| year.parse::<u32>().ok().map(|year| year * 12 + month - 1))?
    };
    let (Some(from), Some(to)) = (parse(first), parse(last)) else {
        return Vec::new();
    };
    (from..=to)
        .map(|index| format!("{:04}-{:02}", index / 12, index % 12 + 1))
        .collect()
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

    /// The numbers on the y axis, in order.
    fn y_ticks(svg: &str) -> Vec<u64> {
        svg.split("class=\"y-tick\"")
            .skip(1)
            .map(|rest| {
                let text = rest.split('>').nth(1).unwrap();
                text.split('<').next().unwrap().parse().unwrap()
            })
            .collect()
    }

    #[test]
    fn the_y_axis_has_round_ticks_up_to_the_highest_count_or_past_it() {
        let bars = |total: u64| {
            stacked_bars(
                "Sets",
                &["SP".into()],
                &[Column {
                    label: "2024-01".into(),
                    counts: vec![total],
                }],
            )
        };
        assert_eq!(y_ticks(&bars(7)), [0, 2, 4, 6, 8]);
        assert_eq!(y_ticks(&bars(23)), [0, 5, 10, 15, 20, 25]);
        assert_eq!(y_ticks(&bars(100)), [0, 20, 40, 60, 80, 100]);
        assert_eq!(y_ticks(&bars(1)), [0, 1]);
        assert_eq!(y_ticks(&bars(0)), [0, 1]);
        assert_eq!(
            y_ticks(&histogram("Days", &[1, 2, 3], 7, 42, (21, "21 days"))),
            [0, 1, 2, 3]
        );
    }

    #[test]
    fn a_time_axis_has_every_month_between_the_first_and_the_last() {
        assert_eq!(
            months_between("2014-10", "2015-02"),
            ["2014-10", "2014-11", "2014-12", "2015-01", "2015-02"]
        );
        assert_eq!(months_between("2024-03", "2024-03"), ["2024-03"]);
        assert!(months_between("2024-03", "2024-02").is_empty());
        assert!(months_between("2024-13", "2025-01").is_empty());
        assert!(months_between("?", "2025-01").is_empty());
    }

    #[test]
    fn months_over_years_are_labelled_by_year_even_where_there_is_nothing() {
        let columns: Vec<Column> = months_between("2014-10", "2019-07")
            .into_iter()
            .map(|label| Column {
                counts: vec![u64::from(label == "2014-10" || label == "2019-07")],
                label,
            })
            .collect();
        let svg = stacked_bars("Sets", &["SP".into()], &columns);
        let years: Vec<&str> = svg
            .split("class=\"x-label\"")
            .skip(1)
            .map(|rest| rest.split('>').nth(1).unwrap().split('<').next().unwrap())
            .collect();
        assert_eq!(years, ["2015", "2016", "2017", "2018", "2019"]);
    }

    #[test]
    fn the_marker_label_stands_above_the_tallest_bar() {
        let svg = histogram("Days", &[21; 40], 7, 42, (21, "21 days"));
        let label_y: f64 = svg
            .split("class=\"marker\"")
            .nth(1)
            .and_then(|rest| rest.split("y=\"").nth(1))
            .and_then(|rest| rest.split('"').next())
            .unwrap()
            .parse()
            .unwrap();
        let highest_bar = svg
            .split("<rect")
            .skip(1)
            .filter_map(|rect| {
                rect.split("y=\"")
                    .nth(1)?
                    .split('"')
                    .next()?
                    .parse::<f64>()
                    .ok()
            })
            .fold(f64::INFINITY, f64::min);
        assert!(label_y < highest_bar, "{label_y} against {highest_bar}");
    }
}
