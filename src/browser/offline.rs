//! Offline use: registers the service worker the build writes beside index.html (`sw.js`, from
//! offline/sw.js), tells it which language's lessons to keep, or tells it to forget everything
//! when the organisation turns offline use off. Relative URLs: the worker's scope is the folder
//! Vigil is served from, whatever the sub-path.

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::core::course::Lang;

/// The browser's service workers, in a secure context (https, localhost) that has them.
fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

fn message(kind: &str, lang: Option<Lang>) -> JsValue {
    let object = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&object, &"type".into(), &kind.into());
    if let Some(lang) = lang {
        let _ = js_sys::Reflect::set(&object, &"lang".into(), &lang.code().into());
    }
    object.into()
}

/// Registers the worker (once; again is a no-op) and asks it to keep every lesson file of
/// `lang`, which the first visit fetched before the worker was there.
pub fn keep(lang: Lang) {
    // `cargo xtask serve` makes a debug build and writes no worker; one left from a release
    // build on the same address would serve an author yesterday's lessons.
    if cfg!(debug_assertions) {
        return;
    }
    let Some(container) = container() else {
        return;
    };
    leptos::task::spawn_local(async move {
        if let Err(error) = JsFuture::from(container.register("sw.js")).await {
            // A browser may refuse a worker (storage blocked, or a host that does not serve it).
            leptos::logging::warn!("offline use is not available: {error:?}");
            return;
        }
        let Ok(ready) = container.ready() else {
            return;
        };
        let registration = JsFuture::from(ready)
            .await
            .ok()
            .and_then(|r| r.dyn_into::<web_sys::ServiceWorkerRegistration>().ok());
        if let Some(worker) = registration.and_then(|r| r.active()) {
            let _ = worker.post_message(&message("vigil:lessons", Some(lang)));
        }
    });
}

/// Offline use is turned off: a worker registered on an earlier visit deletes its caches and
/// unregisters itself.
pub fn forget() {
    let Some(container) = container() else {
        return;
    };
    leptos::task::spawn_local(async move {
        let registration = JsFuture::from(container.get_registration())
            .await
            .ok()
            .and_then(|r| r.dyn_into::<web_sys::ServiceWorkerRegistration>().ok());
        let Some(registration) = registration else {
            return;
        };
        match registration.active() {
            Some(worker) => {
                let _ = worker.post_message(&message("vigil:forget", None));
            }
            None => {
                let _ = registration.unregister();
            }
        }
    });
}

/// The scope of the service worker registered for this page, if one is (for `?check`).
pub async fn scope() -> Option<String> {
    let registration = JsFuture::from(container()?.get_registration())
        .await
        .ok()
        .and_then(|r| r.dyn_into::<web_sys::ServiceWorkerRegistration>().ok())?;
    Some(registration.scope())
}
