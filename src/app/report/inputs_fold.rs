//! Once a report is on screen, the files and settings fold into one line
//! (the files' names and the settings in words) with a button that
//! unfolds them: the report, not the inputs, is what the page is for then,
//! and on a phone the file cards alone fill two screens. The next report
//! shown folds them again.

use leptos::prelude::*;

use crate::app::inputs::files::Inputs;
use crate::app::queue::report_queue::Queue;
use crate::app::settings::Settings;
use crate::app::shell::format::last_days;

/// Whether the inputs are folded: set when a report comes on screen,
/// cleared by the button (or when no report is shown).
#[derive(Clone, Copy)]
pub struct InputsFold {
    pub folded: RwSignal<bool>,
}

impl InputsFold {
    pub fn new(queue: Queue) -> InputsFold {
        let folded = RwSignal::new(false);
        Effect::new(move |_| {
            let shown = queue.shown.with(|shown| shown.as_ref().map(|report| report.id));
            folded.set(shown.is_some());
        });
        InputsFold { folded }
    }
}

/// The settings of the next report in words: "now: the latest poll;
/// America/Chicago; minutes; outages over the last 7 days".
pub fn settings_line(now: &str, zone: &str, units: &str, horizon_days: u32) -> String {
    let now = if now.trim().is_empty() { "the latest poll".to_string() } else { now.trim().to_string() };
    format!("now: {now}; {zone}; {units}; outages over the {}", last_days(horizon_days))
}

#[component]
pub fn FoldedInputs(fold: InputsFold) -> impl IntoView {
    let inputs = expect_context::<Inputs>();
    let settings = expect_context::<Settings>();
    let files = move || {
        inputs.files.with(|files| match files.len() {
            0 => "no files".to_string(),
            _ => files.iter().map(|file| file.name.as_str()).collect::<Vec<_>>().join(", "),
        })
    };
    let line = move || {
        settings_line(
            &settings.now.get(),
            &settings.zone.get(),
            settings.units.get().name(),
            settings.horizon_days.get(),
        )
    };
    view! {
        <div class="folded-inputs" data-testid="folded-inputs" hidden=move || !fold.folded.get()>
            <p>
                <strong>"Files: "</strong>
                <span data-testid="folded-files">{files}</span>
                <strong>" Settings: "</strong>
                <span>{line}</span>
            </p>
            <button
                type="button"
                class="small"
                data-testid="unfold-inputs"
                on:click=move |_| fold.folded.set(false)
            >
                "Change files and settings"
            </button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::settings_line;

    #[test]
    fn the_settings_in_one_line() {
        assert_eq!(
            settings_line(" ", "America/Chicago", "minutes", 7),
            "now: the latest poll; America/Chicago; minutes; outages over the last 7 days"
        );
        assert_eq!(
            settings_line("2023-01-25 18:13:22 UTC", "UTC", "hours", 1),
            "now: 2023-01-25 18:13:22 UTC; UTC; hours; outages over the last day"
        );
    }
}
