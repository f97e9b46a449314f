//! One slot: the files of one kind, in the order given, or what a report
//! assumes without them.

use leptos::prelude::*;

use super::file_card::FileCard;
use super::files::{Inputs, repeated_files};
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
        FileKind::Groups => "Optional. Each other column is a dimension (region, brand…) that the report's \
                             roll-up groups stores by; a target column gives a store its own target."
            .to_string(),
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
                let repeated = files.with(|files| repeated_files(files));
                let count = files.with(Vec::len);
                if !repeated.is_empty() {
                    Some(
                        view! {
                            <p class="note warning" role="alert" data-testid="repeated-note">
                                {repeated_note(&repeated)}
                            </p>
                        }
                            .into_any(),
                    )
                } else {
                    (count > 1)
                        .then(|| {
                            view! {
                                <p class="note" data-testid="combined-note">
                                    {format!(
                                        "These {count} files are combined into one, in the order shown, as parts of a split export."
                                    )}
                                </p>
                            }
                                .into_any()
                        })
                }
            }}
        </section>
    }
}

/// What the slot says of files given twice: they are not parts of one
/// export, and reading one twice counts its rows twice.
fn repeated_note(names: &[String]) -> String {
    let named = names.join(", ");
    let (it, one) = if names.len() == 1 { ("is", "one of them") } else { ("are", "one of each") };
    format!(
        "{named} {it} given twice (the same name, size and date): not parts of a split export, but the same file. \
         Its rows would be read and counted twice (polls at the same time count once, so the figures stay the same). \
         Remove {one}."
    )
}

fn slot_name(kind: FileKind) -> &'static str {
    match kind {
        FileKind::StatusPolls => "status",
        FileKind::BusinessHours => "hours",
        FileKind::Timezones => "timezones",
        FileKind::Groups => "groups",
    }
}

fn slot_title(kind: FileKind) -> &'static str {
    match kind {
        FileKind::StatusPolls => "Status polls",
        FileKind::BusinessHours => "Business hours",
        FileKind::Timezones => "Timezones",
        FileKind::Groups => "Groups and targets",
    }
}

#[cfg(test)]
mod tests {
    use super::repeated_note;

    #[test]
    fn the_note_names_each_file_given_twice() {
        assert!(repeated_note(&["status.csv".to_string()]).starts_with("status.csv is given twice"));
        let two = repeated_note(&["a.csv".to_string(), "b.csv".to_string()]);
        assert!(two.starts_with("a.csv, b.csv are given twice") && two.ends_with("Remove one of each."), "{two}");
    }
}
