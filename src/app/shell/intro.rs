//! What the page is for, in the user's words.

use leptos::prelude::*;

use super::theme_switch::ThemeSwitch;

#[component]
pub fn Intro() -> impl IntoView {
    view! {
        <header class="intro">
            <div class="intro-head">
                <h1>"Store Uptime"</h1>
                <ThemeSwitch/>
            </div>
            <p class="lead">
                "How long was each store up, and how long down, while it was open? "
                "Give the status polls of your stores and get, for every store, its "
                <strong>"uptime"</strong> " (polls said " <em>"active"</em> ") and "
                <strong>"downtime"</strong> " (" <em>"inactive"</em> ") within its business hours over the "
                <strong>"last hour"</strong> ", the " <strong>"last day"</strong> " and the "
                <strong>"last week"</strong> "."
            </p>
            <p class="privacy">
                "Your data never leaves this browser: the files are read and the report is computed on this computer, with nothing uploaded."
            </p>
        </header>
    }
}
