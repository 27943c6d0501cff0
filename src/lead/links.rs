//! Addresses of the lead page's own pages.

/// The lead page's own address (its folder), for links between its pages.
pub(crate) fn page_href(query: &str) -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".to_string());
    if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    }
}

pub(crate) fn encode(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}
