//! Embedding in a host page (an intranet, an LMS) through an iframe.
//!
//! Events go to the parent window with `postMessage`, addressed to each configured origin in
//! turn and never to `*`: the browser delivers a message only when the parent's origin is that
//! exact one. Messages are accepted only from a configured origin, compared exactly; anything
//! else is ignored and logged.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The parent window, when Vigil runs in a frame.
fn parent() -> Option<web_sys::Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

pub fn in_frame() -> bool {
    parent().is_some()
}

/// Sends an event (a JSON object) to the host page, if it is at one of `origins`.
pub fn post(origins: &[String], event: &serde_json::Value) {
    let Some(parent) = parent() else { return };
    let Ok(message) = js_sys::JSON::parse(&event.to_string()) else {
        return;
    };
    for origin in origins {
        let _ = parent.post_message(&message, origin);
    }
}

/// Calls `on_message` with the data of each message from an allowed origin.
pub fn listen(
    origins: impl Fn() -> Vec<String> + 'static,
    on_message: impl Fn(serde_json::Value) + 'static,
) {
    // Only a host page can send Vigil messages: outside a frame there is nobody to listen to.
    if !in_frame() {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let handler =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let origin = event.origin();
            if !origins().contains(&origin) {
                leptos::logging::warn!(
                    "ignored a message from {origin}, which vigil.config.json does not allow"
                );
                return;
            }
            let text = js_sys::JSON::stringify(&event.data())
                .ok()
                .and_then(|s| s.as_string());
            if let Some(data) = text.and_then(|t| serde_json::from_str(&t).ok()) {
                on_message(data);
            }
        });
    let _ = window.add_event_listener_with_callback("message", handler.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    handler.forget();
}

/// Reports the page's height to the host whenever it changes, so it can size the iframe.
pub fn report_height(origins: impl Fn() -> Vec<String> + 'static) {
    if !in_frame() {
        return;
    }
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    else {
        return;
    };
    let last = std::cell::Cell::new(0);
    let callback = Closure::<dyn Fn(JsValue)>::new(move |_| {
        let height = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .map_or(0, |e| e.scroll_height());
        if height != last.replace(height) {
            post(
                &origins(),
                &serde_json::json!({ "type": "vigil:height", "height": height }),
            );
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&body);
    }
    callback.forget();
}
