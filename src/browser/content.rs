//! Fetches the course bundle of one language (`lessons/<lang>.json`, written by the build), so
//! a learner downloads only the language they use.

use gloo_net::http::Request;

use crate::core::course::{Course, Lang};

pub async fn fetch_course(lang: Lang) -> Result<Course, String> {
    // Relative to the page, so the app works from any sub-path. `no-cache` revalidates, so an
    // updated lesson never meets a stale bundle.
    let url = format!("lessons/{}.json", lang.code());
    let response = Request::get(&url)
        .cache(web_sys::RequestCache::NoCache)
        .send()
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    response
        .json::<Course>()
        .await
        .map_err(|e| format!("{url}: {e}"))
}
