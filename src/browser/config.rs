//! Fetches the organisation's `vigil.config.json`, beside the learners' index.html, and hands
//! the answer to the core (`core::config_file`), which decides whether it is a configuration: a
//! 404, a host's fallback to index.html and anything not served as JSON all mean the defaults.

use gloo_net::http::Request;

use crate::core::config_file::{self, Reading};

/// The configuration at `url`, relative to the page (the lead page reads it a folder up).
pub async fn read_config(url: &str) -> Reading {
    let present = crate::i18n::present();
    match fetch(url).await {
        Ok((status, content_type, body)) => config_file::read(
            Ok(config_file::Answer {
                status,
                content_type: content_type.as_deref(),
                body: &body,
            }),
            present,
        ),
        Err(why) => config_file::read(Err(why), present),
    }
}

/// Status, content type and body of a GET that the HTTP cache must revalidate, or why there
/// was no answer.
pub async fn fetch(url: &str) -> Result<(u16, Option<String>, String), String> {
    let response = Request::get(url)
        .cache(web_sys::RequestCache::NoCache)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let content_type = response.headers().get("content-type");
    let body = response.text().await.map_err(|e| e.to_string())?;
    Ok((response.status(), content_type, body))
}

/// The address `relative` names from this page, as an administrator reads it.
pub fn absolute(relative: &str) -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|base| web_sys::Url::new_with_base(relative, &base).ok())
        .map(|url| url.href())
        .unwrap_or_else(|| relative.to_string())
}
