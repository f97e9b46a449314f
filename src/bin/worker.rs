//! The Web Worker of the browser app; see `store_uptime::worker`.

fn main() {
    console_error_panic_hook::set_once();
    store_uptime::worker::start();
}
