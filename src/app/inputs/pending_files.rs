//! Files not in a slot: being read, or not usable, with the reason.

use leptos::prelude::*;

use super::file_buttons::FileButtons;
use super::files::{FileStatus, Inputs};
use crate::app::shell::format::format_bytes;

/// Files being read, and files that cannot be used, with the reason.
#[component]
pub fn PendingFiles() -> impl IntoView {
    let state = expect_context::<Inputs>();
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
                            FileStatus::Skipped(what) => ("skipped", format!("Skipped: {what}.")),
                            FileStatus::Recognised(_) => ("", String::new()),
                        };
                        let refused = class == "refused";
                        let skipped = class == "skipped";
                        view! {
                            <li
                                class=format!("pending-file {class}")
                                data-testid=if refused {
                                    "refused-file"
                                } else if skipped {
                                    "skipped-file"
                                } else {
                                    "reading-file"
                                }
    >
                                <div class="file-head">
                                    <span class="file-name">{file.name.clone()}</span>
                                    <span class="file-facts">{format_bytes(file.bytes)}</span>
                                    {(refused || skipped)
                                        .then(|| view! { <FileButtons key=file.key name=file.name.clone()/> })}
                                </div>
                                // On the message, not the list item: a list's items
                                // keep their role for assistive technology.
                                <p class="file-message" role=refused.then_some("alert")>
                                    {message}
                                </p>
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
        FileStatus::Skipped(_) => 4,
    }
}
