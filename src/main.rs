//! The browser entry point: a thin binary over the library, as in Leptos's examples.

fn main() {
    console_error_panic_hook::set_once();
    vigil::app::mount();
}
