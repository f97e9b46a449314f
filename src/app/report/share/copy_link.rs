//! "Copy link to this view" and "Print / Save as PDF". The link is the
//! page's address with the view after `#` (table, store, target), plus the
//! names of the report's files (`file=`, once each): the address holds no
//! data, so the page opened from it says which files to give.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::app::shell::address;

/// The name of a file of the report in a shared link.
pub const FILE_NAME: &str = "file";

/// The link to the view: `base` (the address before `#`), the view's pairs
/// (any `file=` pairs dropped), then the report's file names.
pub fn view_link(base: &str, pairs: &[(String, String)], files: &[String]) -> String {
    let mut pairs: Vec<(String, String)> = pairs.iter().filter(|(name, _)| name != FILE_NAME).cloned().collect();
    pairs.extend(files.iter().map(|file| (FILE_NAME.to_string(), file.clone())));
    let fragment = address::write_fragment(&pairs);
    if fragment.is_empty() { base.to_string() } else { format!("{base}#{fragment}") }
}

/// What happened to the last copy.
#[derive(Clone, Debug, PartialEq)]
enum CopyState {
    Nothing,
    Done(String),
    /// The browser refused the clipboard: the link is shown to copy by hand.
    Refused(String),
}

#[component]
pub fn ShareButtons(file_names: Vec<String>) -> impl IntoView {
    let copied = RwSignal::new(CopyState::Nothing);
    let on_copy = move |_| {
        let location = window().location();
        let base = format!(
            "{}{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        let link = view_link(&base, &address::current_pairs(), &file_names);
        leptos::task::spawn_local(async move {
            let state = match write_to_clipboard(&link).await {
                Ok(()) => CopyState::Done(link),
                Err(()) => CopyState::Refused(link),
            };
            copied.set(state);
        });
    };
    let link = move || match copied.get() {
        CopyState::Nothing => None,
        CopyState::Done(link) | CopyState::Refused(link) => Some(link),
    };
    view! {
        <div class="share-buttons">
            <button type="button" class="button" data-testid="copy-link" on:click=on_copy>
                "Copy link to this view"
            </button>
            <button type="button" class="button" data-testid="print" on:click=move |_| print()>
                "Print / Save as PDF"
            </button>
            <p class="help" data-testid="copy-link-help" role="status">
                {move || match copied.get() {
                    CopyState::Nothing => {
                        "The link holds this view (filter, order, the store shown), not the data: your colleague needs the same files."
                    }
                    CopyState::Done(_) => "Link copied. Your colleague needs the same files: the link names them.",
                    CopyState::Refused(_) => {
                        "The browser did not let the page copy: select the link below and copy it. Your colleague needs the same files."
                    }
                }}
            </p>
            {move || {
                link()
                    .map(|link| {
                        view! {
                            <label class="visually-hidden" for="view-link">
                                "Link to this view"
                            </label>
                            <input id="view-link" class="view-link" type="text" readonly data-testid="view-link" prop:value=link/>
                        }
                    })
            }}
        </div>
    }
}

/// The browser's print dialog, where "Save as PDF" is one of the printers.
fn print() {
    let _ = window().print();
}

/// Writes the text to the clipboard; `Err` where the browser has no
/// clipboard for the page (not a secure context) or refuses it.
async fn write_to_clipboard(text: &str) -> Result<(), ()> {
    let navigator: JsValue = window().navigator().into();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).map_err(|_| ())?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return Err(());
    }
    let write = js_sys::Reflect::get(&clipboard, &"writeText".into()).map_err(|_| ())?;
    let write = write.dyn_into::<js_sys::Function>().map_err(|_| ())?;
    let promise = write.call1(&clipboard, &text.into()).map_err(|_| ())?;
    let promise = promise.dyn_into::<js_sys::Promise>().map_err(|_| ())?;
    JsFuture::from(promise).await.map(|_| ()).map_err(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect()
    }

    #[test]
    fn the_link_carries_the_view_and_the_files_names() {
        let base = "https://example.org/uptime/";
        let view = pairs(&[("sort", "-downtime_last_day"), ("file", "old.csv"), ("store", "a b&c")]);
        let files = ["status 1.csv".to_string(), "hours&more.csv".to_string()];
        assert_eq!(
            view_link(base, &view, &files),
            "https://example.org/uptime/#sort=-downtime_last_day&store=a+b%26c&file=status+1.csv&file=hours%26more.csv"
        );
        assert_eq!(view_link(base, &[], &[]), base);
        let link = view_link(base, &view, &files);
        let fragment = link.split_once('#').map(|(_, fragment)| fragment).unwrap_or_default();
        let read = address::parse_fragment(fragment);
        assert_eq!(read.iter().filter(|(name, _)| name == FILE_NAME).count(), 2);
        assert!(read.contains(&("store".to_string(), "a b&c".to_string())));
    }
}
