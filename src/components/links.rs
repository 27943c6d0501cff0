//! URLs of pages. Every module and step has its own; they keep the page's path and change only
//! the query, so they work from any sub-path with no server rewrite rules.

fn base_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".to_string())
}

fn encode(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}

pub fn home_href() -> String {
    base_path()
}

pub fn module_href(module: &str) -> String {
    format!("{}?module={}", base_path(), encode(module))
}

pub fn step_href(module: &str, step: &str) -> String {
    format!(
        "{}?module={}&step={}",
        base_path(),
        encode(module),
        encode(step)
    )
}

pub fn certificate_href(role: &str) -> String {
    format!("{}?certificate={}", base_path(), encode(role))
}
