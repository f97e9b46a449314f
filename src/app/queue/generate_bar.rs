//! The Generate button, and why it cannot be pressed yet when it cannot.

use leptos::prelude::*;

use super::report_queue::Queue;

#[component]
pub fn GenerateBar() -> impl IntoView {
    let state = expect_context::<Queue>();
    let blocker = Memo::new(move |_| state.generate_blocker());
    view! {
        <div class="generate-bar">
            <button
                type="button"
                class="primary"
                id="generate"
                data-testid="generate"
                aria-describedby="generate-help"
                disabled=move || blocker.with(Option::is_some)
                on:click=move |_| state.generate()
            >
                "Generate report"
            </button>
            <p id="generate-help" class="help">
                {move || {
                    blocker
                        .get()
                        .unwrap_or_else(|| {
                            "Each click makes a new report with the files and settings above; reports run one at a time."
                                .to_string()
                        })
                }}
            </p>
        </div>
    }
}
