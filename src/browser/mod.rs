//! Thin adapters between the pure core and the browser.

pub mod config;
pub mod content;
pub mod embed;
pub mod files;
pub mod lms;
pub mod offline;
pub mod storage;
pub mod xapi;

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

/// Milliseconds since the Unix epoch, the core's unit of time.
pub fn now() -> u64 {
    js_sys::Date::now() as u64
}

/// Fresh randomness for the engine's draws (the order of a quiz's statements). `Math.random` is
/// enough for an order nobody gains from predicting, and needs no extra browser binding.
pub fn random_seed() -> u64 {
    let high = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    let low = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    (high << 32) | low
}

static FIRST_STEP_SHOWN: AtomicBool = AtomicBool::new(false);
static PAGES_SHOWN: AtomicU32 = AtomicU32::new(0);

/// Records that a page of the app (home, a module, a certificate) is being shown.
pub fn mark_page_shown() {
    PAGES_SHOWN.fetch_add(1, Ordering::Relaxed);
}

/// Whether the learner has moved within the app since the page loaded: focus then follows them
/// to what they opened, rather than staying where the browser starts it on a fresh load.
pub fn has_navigated() -> bool {
    PAGES_SHOWN.load(Ordering::Relaxed) > 1
}

/// Whether no step has been shown since the page loaded.
pub fn is_first_step() -> bool {
    !FIRST_STEP_SHOWN.load(Ordering::Relaxed)
}

/// Marks the first rendered step for the benchmark (`performance.getEntriesByName`).
pub fn mark_first_step() {
    if !FIRST_STEP_SHOWN.swap(true, Ordering::Relaxed) {
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            let _ = performance.mark("vigil:first-step");
        }
    }
}
