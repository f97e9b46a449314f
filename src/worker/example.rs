//! The worked example of "How it is computed": three tiny files, read and
//! computed by the engine exactly as a report would be, so that the page's
//! explanation can never disagree with the calculation.

use super::envelope;
use super::timeline::{local_span, message};
use crate::protocol::{ExampleMessage, Reply, Span};
use engine::{Analysis, Dataset, StoreTimeline, StoreZone, UtcInstant, Window};

/// One store in Chicago, open 09:00–17:00 on Tuesdays and Wednesdays, with
/// polls on either side of the last day's start, one before opening, and
/// the latest poll (which is "now") at noon, local time.
const FILES: [(&str, &str); 3] = [
    (
        "status.csv",
        "store_id,status,timestamp_utc\n\
         1,active,2023-01-24 17:00:00 UTC\n\
         1,active,2023-01-24 19:10:00 UTC\n\
         1,inactive,2023-01-24 21:30:00 UTC\n\
         1,inactive,2023-01-25 14:40:00 UTC\n\
         1,active,2023-01-25 16:20:00 UTC\n\
         1,active,2023-01-25 17:35:00 UTC\n\
         1,active,2023-01-25 18:00:00 UTC\n",
    ),
    ("menu_hours.csv", "store_id,day,start_time_local,end_time_local\n1,1,09:00:00,17:00:00\n1,2,09:00:00,17:00:00\n"),
    ("timezones.csv", "store_id,timezone_str\n1,America/Chicago\n"),
];

const STORE: &str = "1";

pub fn run() {
    match example() {
        Ok(example) => envelope::post(&Reply::Example { example: Box::new(example) }, &[]),
        Err(problem) => web_sys::console::error_1(&format!("worker: the worked example failed: {problem}").into()),
    }
}

fn example() -> Result<ExampleMessage, String> {
    let mut data = Dataset::new();
    for (name, text) in FILES {
        data.read_bytes(name, text.as_bytes()).map_err(|e| e.to_string())?;
    }
    let analysis = Analysis::new(data);
    let now = analysis.latest_poll().ok_or("no poll")?;
    let store = analysis.stores().find(STORE).ok_or("no store")?;
    let default_zone = StoreZone::from_name("America/Chicago").ok_or("no zone")?;
    let timeline = StoreTimeline::new(&analysis, store, now, default_zone).ok_or("no timeline")?;
    let day = timeline.windows[Window::LastDay.index()].interval;
    let drawn = message(&timeline);
    let at = |instant: UtcInstant| (instant - timeline.axis.start).nanos() as f64 / 1e9;
    let last_day = timeline
        .counted
        .iter()
        .filter(|span| span.end > day.start)
        .map(|span| {
            let start = span.start.max(day.start);
            Span {
                start: at(start),
                end: at(span.end),
                active: span.active,
                local: local_span(timeline.zone.tz(), start, span.end),
            }
        })
        .collect();
    Ok(ExampleMessage {
        files: FILES.iter().map(|(name, text)| (name.to_string(), text.to_string())).collect(),
        store_id: STORE.to_string(),
        timeline: drawn,
        last_day,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: i64 = 60_000_000_000;

    /// The page's prose walks through these numbers: if the example's files
    /// change, the explanation must be read again.
    #[test]
    fn the_example_has_the_figures_the_explanation_walks_through() {
        let example = example().expect("the example computes");
        let minutes: Vec<[i64; 3]> =
            example.timeline.windows.iter().map(|window| window.figures.map(|nanos| nanos / MINUTE)).collect();
        assert_eq!(minutes, vec![[60, 60, 0], [480, 310, 170], [960, 790, 170]]);
        assert_eq!(example.timeline.now, "2023-01-25 18:00:00 UTC");
        let last_day: Vec<(&str, bool)> =
            example.last_day.iter().map(|span| (span.local.as_str(), span.active)).collect();
        assert_eq!(
            last_day,
            vec![
                ("Tue 24 Jan 12:00–15:30", true),
                ("Tue 24 Jan 15:30–17:00", false),
                ("Wed 25 Jan 09:00–10:20", false),
                ("Wed 25 Jan 10:20–12:00", true),
            ]
        );
    }
}
