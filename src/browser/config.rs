//! Fetches the organisation's `vigil.config.json`, beside index.html. A missing file is the
//! normal case (defaults); any other failure is logged and also means defaults.

use gloo_net::http::Request;

pub async fn fetch_config() -> Option<String> {
    fetch_config_at("vigil.config.json").await
}

/// The configuration at `url` (the lead page reads the one beside the learners' index.html).
pub async fn fetch_config_at(url: &str) -> Option<String> {
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
