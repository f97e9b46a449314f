//! A file's buttons.

use leptos::prelude::*;

use super::files::Inputs;

/// "Replace" and "Remove": one click each.
#[component]
pub fn FileButtons(key: u64, name: String) -> impl IntoView {
    let state = expect_context::<Inputs>();
    view! {
        <span class="file-buttons">
            <button
                type="button"
                class="small"
                aria-label=format!("Replace {name}")
                on:click=move |_| state.choose_replacement(key)
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
