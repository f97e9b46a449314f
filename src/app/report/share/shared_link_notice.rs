//! A page opened from a shared link, with no report to show: the address
//! holds a view (a store, the table's order and filters, a target) but no
//! data, which never leaves the browser it was given to. The notice says
//! so, what the view is, and which files to give; the view applies to the
//! report they make.

use leptos::prelude::*;

use super::copy_link::FILE_NAME;
use crate::app::inputs::files::Inputs;
use crate::app::queue::report_queue::Queue;
use crate::app::shell::address;

/// A view read from an address, in words, and the files it names.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SharedView {
    pub parts: Vec<String>,
    pub files: Vec<String>,
}

/// The view an address holds, or `None` when it holds none.
pub fn shared_view(pairs: &[(String, String)]) -> Option<SharedView> {
    let mut view = SharedView::default();
    for (name, value) in pairs {
        let part = match name.as_str() {
            n if n == FILE_NAME => {
                view.files.push(value.clone());
                continue;
            }
            "store" => format!("the week of store {value}"),
            "q" => format!("store ids containing “{value}”"),
            "only" => format!("only the stores that are {}", value.replace(',', ", ")),
            "where" => format!("only the stores where {}", value.replace(':', " ")),
            "group" => "one group of the groups file".to_string(),
            "bin" => "one bar of the weekly uptime histogram".to_string(),
            "sort" => match value.strip_prefix('-') {
                Some(column) => format!("ordered by {column}, largest first"),
                None => format!("ordered by {value}"),
            },
            "cols" => format!("the columns “{value}”"),
            "target" => format!("a target of {value} %"),
            // The page's place in the table is part of the view, not worth a word.
            "rows" | "page" => continue,
            _ => continue,
        };
        view.parts.push(part);
    }
    (!view.parts.is_empty() || !view.files.is_empty()).then_some(view)
}

/// Shown while the page has no report on screen, for an address opened
/// with a view in it.
#[component]
pub fn SharedLinkNotice() -> impl IntoView {
    let queue = expect_context::<Queue>();
    let inputs = expect_context::<Inputs>();
    // As the page was opened: the address changes as the view does.
    let view = shared_view(&address::current_pairs())?;
    let files = if view.files.is_empty() {
        "the same files it was made from: its status polls file, and its business hours, timezones and groups files if it had them"
            .to_string()
    } else {
        format!("the same files it was made from: {}", view.files.join(", "))
    };
    let what = if view.parts.is_empty() {
        "a report's view".to_string()
    } else {
        format!("a report's view: {}", view.parts.join("; "))
    };
    Some(view! {
        <section
            class="shared-link"
            aria-labelledby="shared-link-heading"
            data-testid="shared-link"
            hidden=move || queue.shown.with(Option::is_some) || inputs.held()
        >
            <h2 id="shared-link-heading">"A link to a view of a report"</h2>
            <p>{format!("This address holds {what}.")}</p>
            <p>
                "It holds no data: reports are made in the browser from files that never leave it. "
                {format!("To see the view, give {files} (step 1), then Generate: the report opens in this view.")}
            </p>
            {(!view.files.is_empty())
                .then(|| {
                    view! {
                        <ul class="shared-files" data-testid="shared-files">
                            {view.files.iter().map(|file| view! { <li>{file.clone()}</li> }).collect_view()}
                        </ul>
                    }
                })}
        </section>
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect()
    }

    #[test]
    fn an_address_with_a_view_says_it_in_words_and_names_the_files() {
        let view = shared_view(&pairs(&[
            ("sort", "-downtime_last_day"),
            ("only", "stale,24x7"),
            ("store", "<img src=x>"),
            ("rows", "all"),
            ("file", "status.csv"),
            ("file", "hours.csv"),
        ]))
        .expect("a view");
        assert_eq!(
            view.parts,
            [
                "ordered by downtime_last_day, largest first",
                "only the stores that are stale, 24x7",
                "the week of store <img src=x>"
            ]
        );
        assert_eq!(view.files, ["status.csv", "hours.csv"]);
    }

    #[test]
    fn an_address_without_a_view_has_no_notice() {
        assert_eq!(shared_view(&[]), None);
        assert_eq!(shared_view(&pairs(&[("rows", "250"), ("page", "2"), ("other", "x")])), None);
        assert!(shared_view(&pairs(&[("file", "status.csv")])).is_some());
    }
}
