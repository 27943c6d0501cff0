//! Fetches lesson content written by the build: the index of one language
//! (`lessons/index.<lang>.json`), and a module's content file (named with a hash of its
//! content), so that a learner downloads only their language, and only the modules they open.

use gloo_net::http::Request;
use serde::de::DeserializeOwned;

use crate::core::course::{CourseIndex, Lang, Module};

pub async fn fetch_index(lang: Lang) -> Result<CourseIndex, String> {
    // The index keeps its name from build to build, so it is revalidated (`no-cache`): an
    // updated course never meets a stale index.
    fetch_json(&format!("lessons/index.{}.json", lang.code()), true).await
}

pub async fn fetch_module(file: &str) -> Result<Module, String> {
    // A content file's name changes with its content: the browser's cache may keep it.
    fetch_json(&format!("lessons/{file}"), false).await
}

/// Relative to the page, so the app works from any sub-path. The lead page reads the same files
/// one folder up.
pub async fn fetch_json<T: DeserializeOwned>(url: &str, revalidate: bool) -> Result<T, String> {
    let mut request = Request::get(url);
    if revalidate {
        request = request.cache(web_sys::RequestCache::NoCache);
    }
    let response = request.send().await.map_err(|e| format!("{url}: {e}"))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    response
        .json::<T>()
        .await
        .map_err(|e| format!("{url}: {e}"))
}
