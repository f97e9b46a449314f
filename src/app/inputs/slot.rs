//! One slot: the files of one kind, in the order given, or what a report
//! assumes without them.

use leptos::prelude::*;

use super::file_card::FileCard;
use super::files::Inputs;
use crate::app::settings::Settings;
use engine::FileKind;

#[component]
pub fn Slot(kind: FileKind) -> impl IntoView {
    let state = expect_context::<Inputs>();
    let settings = expect_context::<Settings>();
    let files = Memo::new(move |_| state.files_of(kind));
    let heading_id = format!("slot-{}-heading", slot_name(kind));
    let labelled_by = heading_id.clone();
    let columns = kind.expected_columns();
    let without = move || match kind {
        FileKind::StatusPolls => "Required: the report is made from these polls.".to_string(),
        FileKind::BusinessHours => {
            "Optional. Without it, every store counts as open 24 hours a day, 7 days a week.".to_string()
        }
        FileKind::Timezones => format!(
            "Optional. Without it, every store is taken to be in the default timezone, {}.",
            settings.zone.get()
        ),
    };
    view! {
        <section
            class="slot"
            class:filled=move || !files.with(Vec::is_empty)
            data-testid=format!("slot-{}", slot_name(kind))
            aria-labelledby=labelled_by
        >
            <h3 id=heading_id>
                {slot_title(kind)}
                {(kind == FileKind::StatusPolls)
                    .then(|| view! { <span class="badge">"required"</span> })}
            </h3>
            <p class="slot-columns">"Columns: " <code>{columns}</code></p>
            {move || {
                files
                    .with(Vec::is_empty)
                    .then(|| view! { <p class="slot-empty">{without}</p> })
            }}
            <ul class="slot-files">
                <For
                    each=move || files.get()
                    key=|file| file.key
                    children=move |file| view! { <FileCard file/> }
                />
            </ul>
            {move || {
                let count = files.with(Vec::len);
                (count > 1)
                    .then(|| {
                        view! {
                            <p class="note" data-testid="combined-note">
                                {format!(
                                    "These {count} files are combined into one, in the order shown, as parts of a split export."
                                )}
                            </p>
                        }
                    })
            }}
        </section>
    }
}

fn slot_name(kind: FileKind) -> &'static str {
    match kind {
        FileKind::StatusPolls => "status",
        FileKind::BusinessHours => "hours",
        FileKind::Timezones => "timezones",
    }
}

fn slot_title(kind: FileKind) -> &'static str {
    match kind {
        FileKind::StatusPolls => "Status polls",
        FileKind::BusinessHours => "Business hours",
        FileKind::Timezones => "Timezones",
    }
}
