//! The lead page's entry point (lead/index.html): a thin binary over the library, like the
//! learner's.

fn main() {
    console_error_panic_hook::set_once();
    vigil::lead::mount();
}
