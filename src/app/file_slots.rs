//! The three slots (status polls, business hours, timezones) with the files
//! in each, and the files that are being read or cannot be used.

use leptos::prelude::*;

use super::drop_zone::choose_replacement;
use super::state::{AppState, FileStatus, InputFile};
use crate::protocol::{FilePreviewMessage, KindMessage};

#[component]
pub fn FileSlots() -> impl IntoView {
    view! {
        <PendingFiles/>
        <div class="slots">
            <Slot kind=KindMessage::StatusPolls/>
            <Slot kind=KindMessage::BusinessHours/>
            <Slot kind=KindMessage::Timezones/>
        </div>
    }
}

fn slot_name(kind: KindMessage) -> &'static str {
    match kind {
        KindMessage::StatusPolls => "status",
        KindMessage::BusinessHours => "hours",
        KindMessage::Timezones => "timezones",
    }
}

fn slot_title(kind: KindMessage) -> &'static str {
    match kind {
        KindMessage::StatusPolls => "Status polls",
        KindMessage::BusinessHours => "Business hours",
        KindMessage::Timezones => "Timezones",
    }
}

#[component]
fn Slot(kind: KindMessage) -> impl IntoView {
    let state = expect_context::<AppState>();
    let files = Memo::new(move |_| state.files_of(kind));
    let heading_id = format!("slot-{}-heading", slot_name(kind));
    let labelled_by = heading_id.clone();
    let columns = engine::FileKind::from(kind).expected_columns();
    let without = move || match kind {
        KindMessage::StatusPolls => "Required: the report is made from these polls.".to_string(),
        KindMessage::BusinessHours => {
            "Optional. Without it, every store counts as open 24 hours a day, 7 days a week.".to_string()
        }
        KindMessage::Timezones => format!(
            "Optional. Without it, every store is taken to be in the default timezone, {}.",
            state.settings.zone.get()
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
                {(kind == KindMessage::StatusPolls)
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

#[component]
fn FileCard(file: InputFile) -> impl IntoView {
    let key = file.key;
    let preview = match &file.status {
        FileStatus::Recognised(preview) => Some(preview.clone()),
        _ => None,
    };
    let rows = preview.as_ref().map_or(0, |preview| preview.row_count);
    view! {
        <li class="file-card" data-testid="file-card" data-file-name=file.name.clone()>
            <div class="file-head">
                <span class="file-name">{file.name.clone()}</span>
                <span class="file-facts">
                    {format!("{} · {} rows", format_bytes(file.bytes), group_digits(rows))}
                </span>
                <FileButtons key name=file.name.clone()/>
            </div>
            {preview.map(|preview| view! { <PreviewTable preview/> })}
        </li>
    }
}

/// "Replace" and "Remove": one click each.
#[component]
fn FileButtons(key: u64, name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <span class="file-buttons">
            <button
                type="button"
                class="small"
                aria-label=format!("Replace {name}")
                on:click=move |_| choose_replacement(state, key)
            >
                "Replace…"
            </button>
            <button
                type="button"
                class="small"
                data-testid="remove-file"
                aria-label=format!("Remove {name}")
                on:click=move |_| state.remove_file(key)
            >
                "Remove"
            </button>
        </span>
    }
}

#[component]
fn PreviewTable(preview: FilePreviewMessage) -> impl IntoView {
    let shown = preview.rows.len();
    let caption = if preview.row_count as usize > shown {
        format!("First {shown} of {} rows", group_digits(preview.row_count))
    } else {
        format!("All {shown} rows")
    };
    view! {
        <div class="table-scroll">
            <table class="preview">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        {preview
                            .header
                            .into_iter()
                            .map(|name| view! { <th scope="col">{name}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {preview
                        .rows
                        .into_iter()
                        .map(|row| {
                            view! {
                                <tr>
                                    {row
                                        .into_iter()
                                        .map(|field| view! { <td>{field}</td> })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Files being read, and files that cannot be used, with the reason.
#[component]
fn PendingFiles() -> impl IntoView {
    let state = expect_context::<AppState>();
    let others = Memo::new(move |_| {
        state.files.with(|files| files.iter().filter(|file| file.kind().is_none()).cloned().collect::<Vec<_>>())
    });
    view! {
        <ul class="pending-files" aria-label="Files not in a slot">
            <For
                each=move || others.get()
                key=|file| (file.key, status_tag(&file.status))
                children=move |file| {
                    let (class, message) = match &file.status {
                        FileStatus::Inspecting => ("reading", "Reading…".to_string()),
                        FileStatus::Refused(problem) => {
                            ("refused", format!("Not used: {problem}."))
                        }
                        FileStatus::Unreadable(problem) => {
                            ("refused", format!("Cannot be read: {problem}."))
                        }
                        FileStatus::Recognised(_) => ("", String::new()),
                    };
                    let refused = class == "refused";
                    view! {
                        <li
                            class=format!("pending-file {class}")
                            data-testid=if refused { "refused-file" } else { "reading-file" }
                            role=refused.then_some("alert")
                        >
                            <div class="file-head">
                                <span class="file-name">{file.name.clone()}</span>
                                <span class="file-facts">{format_bytes(file.bytes)}</span>
                                {refused.then(|| view! { <FileButtons key=file.key name=file.name.clone()/> })}
                            </div>
                            <p class="file-message">{message}</p>
                        </li>
                    }
                }
            />
        </ul>
    }
}

fn status_tag(status: &FileStatus) -> u8 {
    match status {
        FileStatus::Inspecting => 0,
        FileStatus::Recognised(_) => 1,
        FileStatus::Refused(_) => 2,
        FileStatus::Unreadable(_) => 3,
    }
}

pub fn format_bytes(bytes: f64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KB", "MB", "GB"];
    let mut value = bytes;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 { format!("{value:.0} {}", UNITS[0]) } else { format!("{value:.1} {}", UNITS[unit]) }
}

/// 1860000 → "1,860,000".
pub fn group_digits(number: u64) -> String {
    let digits = number.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}
