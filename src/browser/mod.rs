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

/// Runs `f` once the browser is idle (`requestIdleCallback`), or after a short delay where it
/// has none, so that background work never competes with what the learner is doing.
pub fn when_idle(f: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    let function: &js_sys::Function = callback.unchecked_ref();
    let idle = js_sys::Reflect::get(&window, &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let _ = match idle {
        Some(idle) => idle.call1(&window, function),
        None => window
            .set_timeout_with_callback_and_timeout_and_arguments_0(function, 200)
            .map(Into::into),
    };
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

/// Takes away the boot screen that index.html shows until the app is mounted (both entry pages
/// have one).
pub fn remove_boot_screen() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
}

/// Sets the organisation's colour on the root element, for every element that uses the accent.
pub fn set_accent(colour: &str) {
    use wasm_bindgen::JsCast;
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(root) = root {
        let _ = root.style().set_property("--accent", colour);
    }
}

/// This page's origin and path (`https://intranet.example`, `/training/vigil/`), empty where
/// the browser gives none: what addresses made for this deployment start from.
pub fn page_address() -> (String, String) {
    let location = web_sys::window().map(|w| w.location());
    let origin = location
        .as_ref()
        .and_then(|l| l.origin().ok())
        .unwrap_or_default();
    let path = location
        .as_ref()
        .and_then(|l| l.pathname().ok())
        .unwrap_or_default();
    (origin, path)
}

/// Sets the page's language and direction (`<html lang dir>`) to the language whose words it
/// now shows: screen readers pronounce by it, and a right-to-left language mirrors the layout.
pub fn set_document_language(code: &str, direction: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", code);
        let _ = root.set_attribute("dir", direction);
    }
}

/// The browser's languages, most preferred first.
pub fn navigator_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let mut all: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if all.is_empty() {
        all.extend(navigator.language());
    }
    all
}

/// Says on the boot screen, in the languages it is written in, that the interface text did not
/// arrive: there are no words of the app's to say it in yet.
pub fn show_boot_failure() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(boot) = document.get_element_by_id("boot") else {
        return;
    };
    if document.get_element_by_id("boot-failed").is_some() {
        return;
    }
    if let Ok(line) = document.create_element("p") {
        line.set_id("boot-failed");
        let _ = line.set_attribute("role", "alert");
        line.set_inner_html(
            "<span lang=\"en\">The training could not load. Check the connection and reload the page.</span> \
             <span lang=\"fr\">La formation n\u{2019}a pas pu se charger. V\u{e9}rifiez la connexion et rechargez la page.</span> \
             <span lang=\"nl\">De opleiding kon niet laden. Controleer de verbinding en laad de pagina opnieuw.</span>",
        );
        let _ = boot.append_child(&line);
    }
}
