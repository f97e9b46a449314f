//! What the browser keeps for the page, how much, and the one click that
//! forgets it all.

use leptos::prelude::*;

use super::keeper::{Storage, StorageState};
use crate::app::shell::format::{format_bytes, group_digits};

#[component]
pub fn StoredData() -> impl IntoView {
    let storage = expect_context::<Storage>();
    let stored = storage.stored;
    let state_name = move || {
        stored.with(|stored| match stored.state {
            StorageState::Restoring => "restoring",
            StorageState::Ready => "ready",
            StorageState::Unavailable(_) => "unavailable",
        })
    };
    let line = move || {
        stored.with(|stored| match &stored.state {
            StorageState::Restoring => "Putting back what this browser kept from your last visit…".to_string(),
            StorageState::Unavailable(reason) => {
                format!("This browser keeps nothing for this page ({reason}): a reload loses the files and reports.")
            }
            StorageState::Ready if stored.files == 0 && stored.reports == 0 && stored.saving == 0 => {
                "Files and reports are kept in this browser, so that a reload or a closed tab loses nothing. Nothing is kept yet."
                    .to_string()
            }
            StorageState::Ready => {
                let mut text = format!(
                    "{}, {}, {} stored in this browser",
                    count(stored.files, "file"),
                    count(stored.reports, "report"),
                    format_bytes(stored.bytes)
                );
                if let Some(quota) = stored.quota {
                    text.push_str(&format!(" (it allows this page up to {})", format_bytes(quota)));
                }
                text.push_str(if stored.saving > 0 { "; saving…" } else { "." });
                text
            }
        })
    };
    view! {
        <section
            class="stored"
            data-testid="storage"
            data-state=state_name
            data-files=move || stored.with(|stored| stored.files)
            data-reports=move || stored.with(|stored| stored.reports)
            data-saving=move || stored.with(|stored| stored.saving)
            aria-label="Kept in this browser"
        >
            <p class="stored-line" data-testid="storage-line">{line}</p>
            <button
                type="button"
                class="small"
                data-testid="forget-stored"
                disabled=move || stored.with(|stored| !matches!(stored.state, StorageState::Ready))
                on:click=move |_| storage.forget_everything()
                aria-describedby="forget-help"
            >
                "Forget stored files and reports"
            </button>
            <span id="forget-help" class="visually-hidden">
                "Deletes them from this browser and clears them from this page."
            </span>
            {move || {
                stored
                    .with(|stored| stored.problem())
                    .map(|problem| {
                        view! {
                            <p class="stored-problem" role="alert" data-testid="storage-problem">
                                {problem}
                            </p>
                        }
                    })
            }}
        </section>
    }
}

fn count(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{} {what}s", group_digits(n as u64)) }
}
