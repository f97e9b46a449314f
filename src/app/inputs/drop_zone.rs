//! Where files come in: a drop zone that is also a button, the file
//! chooser, and the sample data.

use leptos::ev::{DragEvent, KeyboardEvent};
use leptos::prelude::*;

use super::files::Inputs;
use crate::app::shell::focus_by_id;

#[component]
pub fn DropZone() -> impl IntoView {
    let state = expect_context::<Inputs>();
    let chooser = state.chooser;
    let dragging = RwSignal::new(false);
    // "Try with sample data" is disabled while the sample loads, which takes
    // the focus away. Once loaded, the queue runs its report and takes the
    // focus to it; if it did not load, the focus goes to the next step,
    // Generate.
    Effect::new(move |before: Option<(bool, u32)>| {
        let now = (state.sample_loading.get(), state.sample_given.get());
        if let Some((true, given)) = before
            && !now.0
            && now.1 == given
        {
            focus_by_id("generate");
        }
        now
    });

    let open_chooser = move || {
        if let Some(input) = chooser.get_untracked() {
            input.click();
        }
    };
    let on_chosen = move |_| {
        let Some(input) = chooser.get_untracked() else {
            return;
        };
        let files = file_list(input.files());
        // Choosing the same file again must fire a change event again.
        input.set_value("");
        state.add_files(files);
    };
    let on_drop = move |event: DragEvent| {
        event.prevent_default();
        dragging.set(false);
        state.end_replace();
        let files = event.data_transfer().map(|transfer| file_list(transfer.files())).unwrap_or_default();
        state.add_files(files);
    };
    let on_drag_over = move |event: DragEvent| {
        event.prevent_default();
        if let Some(transfer) = event.data_transfer() {
            transfer.set_drop_effect("copy");
        }
        dragging.set(true);
    };
    let on_key = move |event: KeyboardEvent| {
        if event.key() == "Enter" || event.key() == " " {
            event.prevent_default();
            state.end_replace();
            open_chooser();
        }
    };

    view! {
        <div
            class="drop-zone"
            class:dragging=move || dragging.get()
            data-testid="drop-zone"
            role="button"
            tabindex="0"
            aria-describedby="drop-help"
            on:click=move |_| {
                state.end_replace();
                open_chooser();
            }
            on:keydown=on_key
            on:dragenter=on_drag_over
            on:dragover=on_drag_over
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <p class="drop-title">"Drop your CSV files here, or click to choose them"</p>
            <p id="drop-help" class="drop-help">
                "Status polls, business hours and timezones: one, two or all three, in any order. "
                "Each file is recognised by its header row."
            </p>
        </div>
        <div class="file-actions">
            <input
                type="file"
                multiple
                id="file-input"
                class="visually-hidden"
                tabindex="-1"
                aria-hidden="true"
                data-testid="file-input"
                node_ref=chooser
                on:change=on_chosen
            />
            <button
                type="button"
                on:click=move |_| {
                    state.end_replace();
                    open_chooser();
                }
            >
                "Choose files…"
            </button>
            <button
                type="button"
                data-testid="sample-data"
                disabled=move || state.sample_loading.get()
                on:click=move |_| state.load_sample()
            >
                {move || {
                    if state.sample_loading.get() {
                        "Loading sample data…"
                    } else {
                        "Try with sample data"
                    }
                }}
            </button>
        </div>
    }
}

fn file_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}
