//! The report as one self-contained HTML file: the headline, the overview's
//! charts as inline SVG, the rows of the table's view (at most
//! [`SNAPSHOT_ROWS`], which it says), the settings and the files it came
//! from. No script, no request (images, fonts, styles are all inside, and
//! its content security policy forbids anything else), so that it opens
//! offline in any browser and can be mailed. The same report and view
//! give the same bytes: nothing in it depends on when it was saved.

use super::html::Html;
use super::snapshot_charts::Chart;

/// The most rows of the view a snapshot holds. 1,000 rows of every column
/// make a file of about 1 MB, which a mail still carries; the whole report
/// is the CSV's.
pub const SNAPSHOT_ROWS: usize = 1_000;

/// What a snapshot shows, as the texts the page shows them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub report_id: u32,
    /// The report's time, as the page writes it.
    pub now: String,
    /// The fleet's headline figures (label, figure); none for a report
    /// kept before they were computed.
    pub headline: Vec<Figure>,
    pub charts: Vec<Chart>,
    /// The table's view in words: filter, conditions, order.
    pub view: Vec<Figure>,
    pub table: SnapshotTable,
    pub settings: Vec<Figure>,
    pub files: Vec<SnapshotFile>,
    /// The report's notices, each a sentence.
    pub notices: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figure {
    pub label: String,
    pub value: String,
}

impl Figure {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Figure {
        Figure { label: label.into(), value: value.into() }
    }
}

/// The rows of the view, as the table writes its cells.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SnapshotTable {
    pub headings: Vec<String>,
    /// The first rows of the view, at most [`SNAPSHOT_ROWS`].
    pub rows: Vec<Vec<String>>,
    /// How many rows the view has (all of the report's when unfiltered).
    pub in_view: usize,
    /// How many stores the report has.
    pub in_report: usize,
}

/// A file the report read: its name, its kind, and its size, rows, rows
/// used and rows rejected as the page writes them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SnapshotFile {
    pub name: String,
    pub kind: String,
    pub figures: [String; 4],
}

/// Scripts, requests, frames, forms and plugins forbidden; only the style
/// sheet inside the file, and pictures written in it as `data:`.
pub const POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE: &str = "
:root{color-scheme:light dark;--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--paper:#fff;--band:#f3f5f7;--bar:#1f6feb;--track:#e6eaef;--d0:#17663a;--d1:#b7d9a8;--d2:#f2c14e;--d3:#e67e22;--d4:#c0392b}
@media (prefers-color-scheme:dark){:root{--ink:#e6edf3;--muted:#9da7b3;--line:#3d444d;--paper:#0d1117;--band:#161b22;--bar:#58a6ff;--track:#262c36;--d0:#6fcf97;--d1:#4f7d46;--d2:#b38b2a;--d3:#d9822b;--d4:#ff8a80}}
body{margin:0 auto;max-width:72rem;padding:1rem;font:15px/1.45 system-ui,sans-serif;color:var(--ink);background:var(--paper)}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--line)}
.note,.lead{color:var(--muted)}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
.headline{display:flex;flex-wrap:wrap;gap:.6rem;padding:0;margin:0;list-style:none}
.headline li{border:1px solid var(--line);border-radius:6px;padding:.4rem .7rem;background:var(--band)}
.headline strong{display:block;font-size:1.35rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:1rem}
figure{margin:0}figcaption{font-weight:600}
svg{width:100%;height:auto;font:12px system-ui,sans-serif}
svg text{fill:var(--ink)}svg .label{font-family:ui-monospace,monospace}
svg .bar{fill:var(--bar)}svg .track{fill:var(--track)}svg .axis{stroke:var(--muted)}
svg .down-0{fill:var(--d0)}svg .down-1{fill:var(--d1)}svg .down-2{fill:var(--d2)}svg .down-3{fill:var(--d3)}svg .down-4{fill:var(--d4)}
svg .closed{fill:none;stroke:var(--muted)}svg .no-data{fill:var(--track);stroke:var(--muted);stroke-dasharray:2 2}
.table{overflow-x:auto}.table:focus-visible{outline:2px solid var(--bar);outline-offset:2px}
table{border-collapse:collapse;font-size:13px}
th,td{border:1px solid var(--line);padding:.2rem .45rem;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left;font-family:ui-monospace,monospace;white-space:normal;overflow-wrap:break-word}
thead th{background:var(--band);position:sticky;top:0}
tbody tr:nth-child(even){background:var(--band)}
.files td:nth-child(-n+2),.files th:nth-child(-n+2){text-align:left}
@media print{:root{color-scheme:light;--ink:#000;--paper:#fff;--band:#f3f3f3}thead th{position:static}.table{overflow:visible}}
";

impl Snapshot {
    /// The file's name beside the report's CSV.
    pub fn file_name(report_id: u32) -> String {
        format!("store-uptime-report-{report_id}-snapshot.html")
    }

    /// The whole file.
    pub fn to_html(&self) -> String {
        let mut html = Html::new();
        html.markup("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        // First in the head, so that it binds all that follows.
        html.open("meta", &[("http-equiv", "Content-Security-Policy"), ("content", POLICY)]).markup("\n");
        html.markup("<meta name=\"referrer\" content=\"no-referrer\">\n");
        html.markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        let title = format!("Store Uptime report {} — {}", self.report_id, self.now);
        html.element("title", &[], &title).markup("\n<style>").markup(STYLE).markup("</style>\n</head>\n<body>\n");
        html.markup("<header>");
        html.element("h1", &[], &format!("Store Uptime report {}", self.report_id));
        html.element(
            "p",
            &[("class", "lead")],
            &format!(
                "Report time {}. A snapshot of the page: no script, nothing fetched; the whole report is its CSV.",
                self.now
            ),
        );
        html.markup("</header>\n<main>\n");
        self.write_headline(&mut html);
        self.write_charts(&mut html);
        self.write_rows(&mut html);
        write_section(&mut html, "settings", "Settings", |html| write_figures(html, &self.settings));
        self.write_files(&mut html);
        html.markup("</main>\n</body>\n</html>\n");
        html.finish()
    }

    fn write_headline(&self, html: &mut Html) {
        if self.headline.is_empty() {
            return;
        }
        write_section(html, "headline", "The fleet", |html| {
            html.markup("<ul class=\"headline\">");
            for figure in &self.headline {
                html.markup("<li>").element("strong", &[], &figure.value).text(&figure.label).markup("</li>");
            }
            html.markup("</ul>\n");
        });
    }

    fn write_charts(&self, html: &mut Html) {
        if self.charts.is_empty() {
            return;
        }
        write_section(html, "overview", "Overview", |html| {
            html.markup("<div class=\"charts\">\n");
            for (i, chart) in self.charts.iter().enumerate() {
                chart.write(html, &format!("chart-{}", i + 1));
                html.markup("\n");
            }
            html.markup("</div>\n");
        });
    }

    fn write_rows(&self, html: &mut Html) {
        let table = &self.table;
        write_section(html, "table", "The table's view", |html| {
            write_figures(html, &self.view);
            html.element("p", &[("class", "note"), ("id", "rows-note")], &rows_note(table));
            if table.rows.is_empty() {
                return;
            }
            // Focusable, so that the keyboard can scroll it where it is wider than the window.
            html.markup("<div class=\"table\" tabindex=\"0\" role=\"region\" aria-label=\"Rows of the view\">\n");
            html.markup("<table aria-describedby=\"rows-note\">\n<thead><tr>");
            for heading in &table.headings {
                html.element("th", &[("scope", "col")], heading);
            }
            html.markup("</tr></thead>\n<tbody>\n");
            for row in &table.rows {
                html.markup("<tr>");
                for (i, cell) in row.iter().enumerate() {
                    // The store id heads its row.
                    if i == 0 {
                        html.element("th", &[("scope", "row")], cell);
                    } else {
                        html.element("td", &[], cell);
                    }
                }
                html.markup("</tr>\n");
            }
            html.markup("</tbody>\n</table>\n</div>\n");
        });
    }

    fn write_files(&self, html: &mut Html) {
        write_section(html, "files", "Files read", |html| {
            html.markup("<div class=\"table\" tabindex=\"0\" role=\"region\" aria-label=\"Files and their rows\">");
            html.markup("<table class=\"files\">\n<thead><tr>");
            for heading in ["File", "Kind", "Size", "Rows", "Used", "Rejected"] {
                html.element("th", &[("scope", "col")], heading);
            }
            html.markup("</tr></thead>\n<tbody>\n");
            for file in &self.files {
                html.markup("<tr>").element("td", &[], &file.name).element("td", &[], &file.kind);
                for figure in &file.figures {
                    html.element("td", &[], figure);
                }
                html.markup("</tr>\n");
            }
            html.markup("</tbody>\n</table></div>\n");
            if !self.notices.is_empty() {
                html.markup("<ul class=\"notices\">\n");
                for notice in &self.notices {
                    html.element("li", &[], notice).markup("\n");
                }
                html.markup("</ul>\n");
            }
        });
    }
}

/// What the table holds of the view, said above it.
pub fn rows_note(table: &SnapshotTable) -> String {
    let stores = |n: usize| if n == 1 { "1 store".to_string() } else { format!("{} stores", group(n)) };
    let of_report = if table.in_view == table.in_report {
        "every store of the report".to_string()
    } else {
        format!("{} of the report's {}", stores(table.in_view), group(table.in_report))
    };
    match table.rows.len() {
        0 => "No store is in this view.".to_string(),
        1 if table.in_view == 1 => format!("The 1 store in this view ({of_report})."),
        shown if shown == table.in_view => format!("All {} in this view ({of_report}).", stores(shown)),
        shown => format!(
            "The first {} of the {} in this view ({of_report}): a snapshot holds at most {} rows; the CSV has them all.",
            group(shown),
            stores(table.in_view),
            group(SNAPSHOT_ROWS)
        ),
    }
}

fn group(n: usize) -> String {
    crate::app::shell::format::group_digits(n as u64)
}

fn write_section(html: &mut Html, id: &'static str, heading: &str, body: impl FnOnce(&mut Html)) {
    let heading_id = format!("{id}-heading");
    html.open("section", &[("id", id), ("aria-labelledby", &heading_id)]);
    html.element("h2", &[("id", &heading_id)], heading).markup("\n");
    body(html);
    html.markup("</section>\n");
}

fn write_figures(html: &mut Html, figures: &[Figure]) {
    if figures.is_empty() {
        return;
    }
    html.markup("<dl>\n");
    for figure in figures {
        html.element("dt", &[], &figure.label).element("dd", &[], &figure.value).markup("\n");
    }
    html.markup("</dl>\n");
}

#[cfg(test)]
mod tests {
    use super::super::snapshot_charts::ChartBar;
    use super::*;

    const HOSTILE: [&str; 3] =
        ["<img src=x onerror=alert(1)>", "</style><script>alert(1)</script>", "\"><svg onload=alert(1)>"];

    fn snapshot(rows: Vec<Vec<String>>, in_view: usize) -> Snapshot {
        Snapshot {
            report_id: 4,
            now: "2023-01-25T18:13:22Z".into(),
            headline: vec![Figure::new("up, the week", "85.3%")],
            charts: vec![Chart::Bars {
                title: "Least available this week".into(),
                note: "lowest first".into(),
                bars: HOSTILE
                    .iter()
                    .map(|id| ChartBar { label: id.to_string(), share: 0.5, figure: "50%".into() })
                    .collect(),
            }],
            view: vec![Figure::new("Store id contains", HOSTILE[1])],
            table: SnapshotTable {
                headings: vec!["Store id".into(), "Week uptime %".into()],
                rows,
                in_view,
                in_report: 14,
            },
            settings: vec![Figure::new("Default timezone", "America/Chicago")],
            files: vec![SnapshotFile {
                name: format!("{}.csv", HOSTILE[0]),
                kind: "status".into(),
                figures: ["1 KB", "3", "3", "0"].map(String::from),
            }],
            notices: vec![format!("Line 2 of {}: no store id", HOSTILE[2])],
        }
    }

    fn hostile_rows() -> Vec<Vec<String>> {
        HOSTILE.iter().map(|id| vec![id.to_string(), "50.0%".to_string()]).collect()
    }

    #[test]
    fn no_text_from_a_file_becomes_markup() {
        let html = snapshot(hostile_rows(), 3).to_html();
        // The only elements are those the writer spells: no script, no
        // image, no handler, and the style sheet is closed once.
        assert!(!html.to_lowercase().contains("<script"), "{html}");
        assert!(!html.contains("<img") && !html.contains("<svg onload"));
        assert_eq!(html.matches("</style>").count(), 1);
        assert!(!html.contains("\"><svg"));
        assert!(html.contains("<th scope=\"row\">&lt;img src=x onerror=alert(1)&gt;</th>"), "{html}");
        assert!(html.contains("<dd>&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;</dd>"));
        assert!(html.contains("<td>&lt;img src=x onerror=alert(1)&gt;.csv</td>"));
        assert!(html.contains("<li>Line 2 of &quot;&gt;&lt;svg onload=alert(1)&gt;: no store id</li>"));
    }

    #[test]
    fn the_policy_comes_first_and_forbids_scripts_and_requests() {
        let html = snapshot(hostile_rows(), 3).to_html();
        let policy = html.find("Content-Security-Policy").expect("a policy");
        assert!(policy < html.find("<title>").expect("a title"));
        assert!(
            html.contains(
                "content=\"default-src &#x27;none&#x27;; style-src &#x27;unsafe-inline&#x27;; img-src data:;"
            )
        );
        // Nothing that the browser would fetch.
        for request in ["src=\"http", "href=", "url(", "@import"] {
            assert!(!html.contains(request), "{request}");
        }
    }

    #[test]
    fn the_same_report_and_view_give_the_same_bytes() {
        assert_eq!(snapshot(hostile_rows(), 3).to_html(), snapshot(hostile_rows(), 3).to_html());
        assert_ne!(snapshot(hostile_rows(), 3).to_html(), snapshot(hostile_rows()[..2].to_vec(), 2).to_html());
    }

    #[test]
    fn it_says_how_much_of_the_view_it_holds() {
        let table = |rows: usize, in_view: usize| SnapshotTable {
            headings: vec![],
            rows: vec![vec![]; rows],
            in_view,
            in_report: 14_084,
        };
        assert_eq!(rows_note(&table(0, 0)), "No store is in this view.");
        assert_eq!(rows_note(&table(3, 3)), "All 3 stores in this view (3 stores of the report's 14,084).");
        assert_eq!(rows_note(&table(1, 1)), "The 1 store in this view (1 store of the report's 14,084).");
        assert_eq!(
            rows_note(&table(1_000, 14_084)),
            "The first 1,000 of the 14,084 stores in this view (every store of the report): a snapshot holds at most 1,000 rows; the CSV has them all."
        );
    }
}
