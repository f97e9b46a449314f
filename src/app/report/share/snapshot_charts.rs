//! The overview's charts as SVG text for the snapshot: bars of stores (the
//! stores down in the last hour, the least available) or of groups (the
//! roll-up by group), the columns of the weekly uptime histogram, and the
//! fleet's day strip. Plain pictures, each an image with a title and a
//! description: the snapshot has no links to follow and no script.

use super::html::{Html, coordinate};
use crate::app::shell::format::group_digits;

/// One bar: what it is (a store id), its length as a share of the scale
/// (0 to 1), and the figure written beside it.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartBar {
    pub label: String,
    pub share: f64,
    pub figure: String,
}

/// One column: its label drawn under it, its name in words (said by its
/// title and the chart's description), and its count.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartColumn {
    pub label: String,
    pub name: String,
    pub count: u64,
}

/// One day of a strip: its date as drawn under the strip's ends, its
/// shade (the page's `day-cell …` classes) and what it was, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartDay {
    pub date: String,
    pub class: &'static str,
    pub text: String,
}

/// A chart of the overview, as the snapshot draws it.
#[derive(Clone, Debug, PartialEq)]
pub enum Chart {
    /// A bar per item, its label on the left and its figure on the right.
    Bars { title: String, note: String, bars: Vec<ChartBar> },
    /// A column per bin, its count above and its label below.
    Columns { title: String, note: String, columns: Vec<ChartColumn> },
    /// A cell per day in a row, the first and last dates under its ends.
    Days { title: String, note: String, days: Vec<ChartDay> },
}

const WIDTH: f64 = 480.0;
const LABEL_WIDTH: f64 = 170.0;
const FIGURE_WIDTH: f64 = 70.0;
const ROW: f64 = 22.0;
const COLUMNS_HEIGHT: f64 = 170.0;
const BASE: f64 = 150.0;
const TOP: f64 = 18.0;
/// The largest side of a day's cell.
const DAY_CELL: f64 = 22.0;
/// The most characters of a label drawn; the title holds all of it.
const LABEL_CHARS: usize = 22;

impl Chart {
    pub fn title(&self) -> &str {
        match self {
            Chart::Bars { title, .. } | Chart::Columns { title, .. } | Chart::Days { title, .. } => title,
        }
    }

    /// Writes the chart as a `<figure>`: its title as caption, its note,
    /// and the SVG (`role="img"`, named by the caption, described by a
    /// `<desc>` that says every item). `id` makes its ids unique.
    pub fn write(&self, html: &mut Html, id: &str) {
        let caption = format!("{id}-caption");
        html.open("figure", &[("class", "chart")]);
        html.element("figcaption", &[("id", &caption)], self.title());
        match self {
            Chart::Bars { note, bars, .. } => {
                html.element("p", &[("class", "note")], note);
                write_bars(html, &caption, bars);
            }
            Chart::Columns { note, columns, .. } => {
                html.element("p", &[("class", "note")], note);
                write_columns(html, &caption, columns);
            }
            Chart::Days { note, days, .. } => {
                html.element("p", &[("class", "note")], note);
                write_days(html, &caption, days);
            }
        }
        html.close("figure");
    }
}

fn svg_open(html: &mut Html, height: f64, caption: &str) {
    let view_box = format!("0 0 {} {}", coordinate(WIDTH), coordinate(height));
    html.open(
        "svg",
        &[
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("viewBox", &view_box),
            ("role", "img"),
            ("aria-labelledby", caption),
        ],
    );
}

fn write_bars(html: &mut Html, caption: &str, bars: &[ChartBar]) {
    if bars.is_empty() {
        return;
    }
    let height = ROW * bars.len() as f64 + 4.0;
    svg_open(html, height, caption);
    let description = bars.iter().map(|bar| format!("{}: {}", bar.label, bar.figure)).collect::<Vec<_>>().join("; ");
    html.element("desc", &[], &description);
    let plot = WIDTH - LABEL_WIDTH - FIGURE_WIDTH;
    for (i, bar) in bars.iter().enumerate() {
        let y = 2.0 + ROW * i as f64;
        let length = (bar.share.clamp(0.0, 1.0) * plot).max(1.0);
        html.open("g", &[]);
        html.element("title", &[], &format!("{}: {}", bar.label, bar.figure));
        let text_y = coordinate(y + 15.0);
        html.element("text", &[("x", "2"), ("y", &text_y), ("class", "label")], &drawn_label(&bar.label));
        let (bar_x, bar_y, plot_width) = (coordinate(LABEL_WIDTH), coordinate(y + 5.0), coordinate(plot));
        html.open(
            "rect",
            &[("x", &bar_x), ("y", &bar_y), ("width", &plot_width), ("height", "12"), ("class", "track")],
        );
        html.close("rect");
        let length = coordinate(length);
        html.open("rect", &[("x", &bar_x), ("y", &bar_y), ("width", &length), ("height", "12"), ("class", "bar")]);
        html.close("rect");
        let figure_x = coordinate(WIDTH - 2.0);
        html.element("text", &[("x", &figure_x), ("y", &text_y), ("text-anchor", "end")], &bar.figure);
        html.close("g");
    }
    html.close("svg");
}

fn write_columns(html: &mut Html, caption: &str, columns: &[ChartColumn]) {
    if columns.is_empty() {
        return;
    }
    svg_open(html, COLUMNS_HEIGHT, caption);
    let said = |column: &ChartColumn| format!("{}: {}", column.name, group_digits(column.count));
    let description = columns.iter().map(said).collect::<Vec<_>>().join("; ");
    html.element("desc", &[], &description);
    let largest = columns.iter().map(|column| column.count).max().unwrap_or(0).max(1) as f64;
    let slot = (WIDTH - 20.0) / columns.len() as f64;
    let (left, right, base) = (coordinate(10.0), coordinate(WIDTH - 10.0), coordinate(BASE));
    html.open("line", &[("x1", &left), ("x2", &right), ("y1", &base), ("y2", &base), ("class", "axis")]);
    html.close("line");
    for (i, column) in columns.iter().enumerate() {
        let x = 10.0 + slot * i as f64;
        let count = column.count;
        let height = if count == 0 { 0.0 } else { (count as f64 / largest * (BASE - TOP)).max(1.5) };
        html.open("g", &[]);
        html.element("title", &[], &said(column));
        let (bar_x, bar_y) = (coordinate(x + 3.0), coordinate(BASE - height));
        let (bar_width, bar_height) = (coordinate(slot - 6.0), coordinate(height));
        html.open(
            "rect",
            &[("x", &bar_x), ("y", &bar_y), ("width", &bar_width), ("height", &bar_height), ("class", "bar")],
        );
        html.close("rect");
        let middle = coordinate(x + slot / 2.0);
        let count_y = coordinate(BASE - height - 4.0);
        html.element("text", &[("x", &middle), ("y", &count_y), ("text-anchor", "middle")], &group_digits(count));
        let label_y = coordinate(BASE + 15.0);
        html.element("text", &[("x", &middle), ("y", &label_y), ("text-anchor", "middle")], &column.label);
        html.close("g");
    }
    html.close("svg");
}

/// Days as square cells in one row (narrower with more days: 90 fit), the
/// first and last dates under the ends. Each cell's title and the
/// description say every day in words.
fn write_days(html: &mut Html, caption: &str, days: &[ChartDay]) {
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return;
    };
    let cell = ((WIDTH - 4.0) / days.len() as f64).min(DAY_CELL);
    let height = cell + 22.0;
    svg_open(html, height, caption);
    let description = days.iter().map(|day| day.text.as_str()).collect::<Vec<_>>().join("; ");
    html.element("desc", &[], &description);
    for (i, day) in days.iter().enumerate() {
        let (x, size) = (coordinate(2.0 + cell * i as f64), coordinate((cell - 1.0).max(1.0)));
        html.open("rect", &[("x", &x), ("y", "2"), ("width", &size), ("height", &size), ("class", day.class)]);
        html.element("title", &[], &day.text);
        html.close("rect");
    }
    let date_y = coordinate(cell + 18.0);
    html.element("text", &[("x", "2"), ("y", &date_y)], &first.date);
    let end = coordinate(WIDTH - 2.0);
    html.element("text", &[("x", &end), ("y", &date_y), ("text-anchor", "end")], &last.date);
    html.close("svg");
}

/// A label as drawn: whole, or cut with an ellipsis (a UUID does not fit).
fn drawn_label(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_string()
    } else {
        let mut cut: String = label.chars().take(LABEL_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawn(chart: &Chart) -> String {
        let mut html = Html::new();
        chart.write(&mut html, "c1");
        html.finish()
    }

    #[test]
    fn bars_are_as_long_as_their_share_of_the_plot() {
        let chart = Chart::Bars {
            title: "Least available".into(),
            note: "Uptime".into(),
            bars: vec![
                ChartBar { label: "7".into(), share: 0.5, figure: "50.0%".into() },
                ChartBar { label: "8".into(), share: 0.0, figure: "0.0%".into() },
            ],
        };
        let svg = drawn(&chart);
        // The plot is 480 − 170 − 70 = 240 wide: half of it is 120; an empty
        // bar is still drawn 1 wide, so that it is seen.
        assert!(svg.contains(r#"<rect x="170" y="7" width="120" height="12" class="bar">"#), "{svg}");
        assert!(svg.contains(r#"<rect x="170" y="29" width="1" height="12" class="bar">"#), "{svg}");
        assert!(svg.contains(r#"viewBox="0 0 480 48" role="img" aria-labelledby="c1-caption""#), "{svg}");
        assert!(svg.contains("<desc>7: 50.0%; 8: 0.0%</desc>"), "{svg}");
        assert!(svg.contains(r#"<figcaption id="c1-caption">Least available</figcaption>"#));
    }

    #[test]
    fn columns_rise_to_the_largest_count() {
        let chart = Chart::Columns {
            title: "Weekly uptime".into(),
            note: String::new(),
            columns: [("0", 0), ("50", 33), ("100", 1_320)]
                .map(|(label, count)| ChartColumn { label: label.into(), name: format!("from {label} %"), count })
                .to_vec(),
        };
        let svg = drawn(&chart);
        // 460 / 3 per column; the largest is 132 high (150 − 18), 33 a fortieth of it: 3.3.
        assert!(svg.contains(r#"<rect x="319.67" y="18" width="147.33" height="132" class="bar">"#), "{svg}");
        assert!(svg.contains(r#"<rect x="166.33" y="146.7" width="147.33" height="3.3" class="bar">"#), "{svg}");
        assert!(svg.contains("<desc>from 0 %: 0; from 50 %: 33; from 100 %: 1,320</desc>"), "{svg}");
        assert!(svg.contains(r#"<rect x="13" y="150" width="147.33" height="0" class="bar">"#), "{svg}");
    }

    #[test]
    fn ids_in_a_chart_are_text() {
        let hostile = "</style><script>alert(1)</script>";
        let chart = Chart::Bars {
            title: "Down".into(),
            note: String::new(),
            bars: vec![ChartBar { label: hostile.into(), share: 1.0, figure: "60 min".into() }],
        };
        let svg = drawn(&chart);
        assert!(!svg.contains("<script") && !svg.contains("</style"), "{svg}");
        assert!(svg.contains("&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;: 60 min"));
        // Drawn cut to 22 characters, whole in the title.
        assert!(svg.contains("&lt;/style&gt;&lt;script&gt;alert…</text>"), "{svg}");
    }
}
