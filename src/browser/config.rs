//! Fetches the organisation's `vigil.config.json`, beside the learners' index.html. A missing
//! file is the normal case (defaults); any other failure is logged and also means defaults.

use gloo_net::http::Request;

/// The configuration at `url`, relative to the page (the lead page reads it a folder up).
pub async fn fetch_config(url: &str) -> Option<String> {
    let response = Request::get(url)
        .cache(web_sys::RequestCache::NoCache)
        .send()
        .await
        .map_err(|e| leptos::logging::warn!("vigil.config.json: {e}"))
        .ok()?;
    if response.status() == 404 {
        return None;
    }
    if !response.ok() {
        leptos::logging::warn!("vigil.config.json: HTTP {}", response.status());
        return None;
    }
    response.text().await.ok()
}
