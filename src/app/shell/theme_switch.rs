//! Light or dark, or as the system says: the choice is kept in this
//! browser (localStorage) and applied to the page's root element, which the
//! stylesheet reads.

use leptos::prelude::*;

const KEY: &str = "store-uptime-theme";
const CHOICES: [(&str, &str); 3] = [("system", "As the system"), ("light", "Light"), ("dark", "Dark")];

#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let choice = RwSignal::new(stored().unwrap_or_else(|| "system".to_string()));
    Effect::new(move |_| apply(&choice.get()));
    view! {
        <div class="theme-switch field inline">
            <label for="theme">"Theme"</label>
            <select
                id="theme"
                data-testid="theme"
                on:change=move |event| {
                    let value = event_target_value(&event);
                    store(&value);
                    choice.set(value);
                }
            >
                {CHOICES
                    .map(|(value, label)| {
                        view! {
                            <option value=value selected=move || choice.get() == value>
                                {label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn stored() -> Option<String> {
    storage()?.get_item(KEY).ok().flatten().filter(|value| CHOICES.iter().any(|(choice, _)| choice == value))
}

/// A browser that refuses storage (a private window's quota, a policy)
/// just forgets the choice.
fn store(value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(KEY, value);
    }
}

fn apply(value: &str) {
    if let Some(root) = document().document_element() {
        let _ = if value == "system" {
            root.remove_attribute("data-theme")
        } else {
            root.set_attribute("data-theme", value)
        };
    }
}
