//! "Download this view": the extended CSV's lines of the stores the table
//! shows, in the table's order — the view an analyst filtered and sorted,
//! as a file. The lines are the extended report's own (so each is what
//! `store-uptime --format extended` writes for that store), picked from it
//! rather than written again.

use gloo::file::{Blob, ObjectUrl};
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::app::queue::finished::Download;
use crate::app::shell::format::group_digits;
use crate::app::shell::save_url_as;

/// The extended CSV's header and the lines of the rows at `shown` (indices
/// into the report's rows), in that order. The extended CSV has one line
/// per row, in the rows' order, each ending in `\n` (store ids hold no
/// line break); an error if its lines do not match the report's rows.
pub fn view_lines(extended: &str, shown: &[u32], row_count: usize) -> Result<String, String> {
    let mut lines = extended.split_terminator('\n');
    let header = lines.next().ok_or("The extended report is empty.")?;
    let rows: Vec<&str> = lines.collect();
    if rows.len() != row_count {
        return Err(format!(
            "The extended report has {} lines of stores where the report has {} stores.",
            rows.len(),
            row_count
        ));
    }
    let mut text = String::with_capacity(header.len() + 1 + shown.len() * rows.first().map_or(0, |row| row.len() + 1));
    text.push_str(header);
    text.push('\n');
    for &index in shown {
        let row = rows.get(index as usize).ok_or("A row of the table is not in the extended report.")?;
        text.push_str(row);
        text.push('\n');
    }
    Ok(text)
}

/// The view's file name: the extended report's, with `-view` before `.csv`.
pub fn view_name(extended_name: &str) -> String {
    match extended_name.strip_suffix(".csv") {
        Some(stem) => format!("{stem}-view.csv"),
        None => format!("{extended_name}-view.csv"),
    }
}

/// A button that downloads the rows `shown` gives, as the table orders
/// them; nothing for a report kept without an extended CSV.
#[component]
pub fn ViewDownload(extended: Option<Download>, shown: Memo<Vec<u32>>, row_count: usize) -> impl IntoView {
    let extended = extended?;
    let problem = RwSignal::new(None::<String>);
    // The last file's address lives until the next one (revoking it at
    // once could cut the browser's download short).
    let last_url = StoredValue::new_local(None::<ObjectUrl>);
    let on_click = move |_| {
        let extended = extended.clone();
        let shown = shown.get_untracked();
        leptos::task::spawn_local(async move {
            match view_file(&extended, &shown, row_count).await {
                Ok(url) => {
                    problem.set(None);
                    save_url_as(&url, &view_name(&extended.name));
                    last_url.set_value(Some(url));
                }
                Err(reason) => problem.set(Some(reason)),
            }
        });
    };
    let count = move || {
        let shown = shown.with(Vec::len);
        if shown == 1 { "1 store".to_string() } else { format!("{} stores", group_digits(shown as u64)) }
    };
    Some(view! {
        <button
            type="button"
            class="button"
            data-testid="download-view"
            disabled=move || shown.with(Vec::is_empty)
            on:click=on_click
        >
            {move || format!("Download this view (CSV, {})", count())}
        </button>
        {move || problem.get().map(|problem| view! { <span class="problem" role="alert">{problem}</span> })}
    })
}

async fn view_file(extended: &Download, shown: &[u32], row_count: usize) -> Result<ObjectUrl, String> {
    let text = JsFuture::from(extended.blob.text()).await.map_err(|_| "The extended report could not be read.")?;
    let text = text.as_string().ok_or("The extended report could not be read.")?;
    let lines = view_lines(&text, shown, row_count)?;
    Ok(ObjectUrl::from(Blob::new_with_options(lines.as_str(), Some("text/csv"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXTENDED: &str = "store_id,uptime_last_hour_minutes\n1,60\n2,0\n\"=3\",30\n";

    #[test]
    fn picks_the_lines_of_the_rows_shown_in_their_order() {
        assert_eq!(
            view_lines(EXTENDED, &[2, 0], 3).as_deref(),
            Ok("store_id,uptime_last_hour_minutes\n\"=3\",30\n1,60\n")
        );
        assert_eq!(view_lines(EXTENDED, &[], 3).as_deref(), Ok("store_id,uptime_last_hour_minutes\n"));
        assert_eq!(view_lines(EXTENDED, &[0, 1, 2], 3).as_deref(), Ok(EXTENDED));
    }

    #[test]
    fn a_csv_that_does_not_match_the_rows_is_refused() {
        assert!(view_lines(EXTENDED, &[0], 4).is_err());
        assert!(view_lines(EXTENDED, &[3], 3).is_err());
        assert!(view_lines("", &[], 0).is_err());
    }

    #[test]
    fn the_view_is_named_after_the_extended_report() {
        assert_eq!(
            view_name("store-uptime-extended-2023-01-25T181322Z.csv"),
            "store-uptime-extended-2023-01-25T181322Z-view.csv"
        );
    }
}
