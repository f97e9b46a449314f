//! The page of the browser app; see `store_uptime::app`.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(store_uptime::app::App);
}
