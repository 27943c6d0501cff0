//! What a request for `vigil.config.json` found: a configuration to read, or the reason there
//! is none.
//!
//! Many static hosts and intranet servers are set up for single-page apps: an address with no
//! file answers `index.html` with status 200. Such an answer, a page that is not JSON by its
//! content type, or a 404 all mean "no configuration" (every default, nothing to tell the
//! learner); only a JSON body is read as the organisation's file. The browser, the `?check` page
//! and `cargo xtask check-config` all decide here, so they agree.

use crate::core::config::{self, Config};
use crate::core::language::Languages;

/// Text that only Vigil's own pages carry (index.html and lead/index.html), so that a host's
/// fallback to the app's page is told apart from another HTML page (a login or error page).
pub const APP_MARKER: &str = r#"<meta name="application-name" content="Vigil""#;

/// A server's answer, as far as the decision needs it.
#[derive(Clone, Copy, Debug)]
pub struct Answer<'a> {
    pub status: u16,
    /// The `Content-Type` header, when the server sent one.
    pub content_type: Option<&'a str>,
    pub body: &'a str,
}

/// Why there is no configuration to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Absence {
    /// HTTP 404 or 410: the normal case for a deployment with no file.
    NotFound,
    /// The host answered with Vigil's own page, as a host that falls back to index.html for
    /// every address does.
    AppPage,
    /// An HTML page that is not Vigil's: a login page or an error page of the host or a proxy.
    OtherPage,
    /// Served with this content type, which is not JSON.
    NotJson(String),
    /// Another HTTP status than success or 404.
    Status(u16),
    /// No answer at all (a network error, an unreachable host), with what was said about it.
    Unreachable(String),
}

impl Absence {
    /// One sentence for an administrator: what was found, and that every default applies.
    pub fn explain(&self) -> String {
        let what = match self {
            Absence::NotFound => "there is no file (HTTP 404)".to_string(),
            Absence::AppPage => "the host answered with Vigil's own page (it serves index.html for every address it has no file for), so there is no file".to_string(),
            Absence::OtherPage => "the host answered with an HTML page that is not a configuration (a login page or an error page?)".to_string(),
            Absence::NotJson(content_type) => format!(
                "the host served it as `{content_type}`, not as JSON: serve .json files as application/json"
            ),
            Absence::Status(status) => format!("the host answered HTTP {status}"),
            Absence::Unreachable(why) => format!("no answer ({why})"),
        };
        format!("{what}; every default applies")
    }

    /// Whether an administrator has something to put right: a file may be there that Vigil
    /// does not read. No file at all (404, or the host's fallback page) is a valid deployment.
    pub fn is_fault(&self) -> bool {
        !matches!(self, Absence::NotFound | Absence::AppPage)
    }
}

/// The configuration to use, every problem of the file (each names its field and what is used
/// instead), and why there was no file when there was none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    pub config: Config,
    pub problems: Vec<String>,
    pub absent: Option<Absence>,
}

/// Decides from the server's answer (or the error that came instead) whether there is a
/// configuration, and reads it.
pub fn read(answer: Result<Answer<'_>, String>, present: &Languages) -> Reading {
    match json_body(answer) {
        Err(absent) => Reading {
            config: Config::default(),
            problems: Vec::new(),
            absent: Some(absent),
        },
        Ok(body) => {
            let (config, problems) = config::parse(body, present);
            Reading {
                config,
                problems,
                absent: None,
            }
        }
    }
}

/// The body to read as JSON (a configuration, or any of Vigil's data files), or why there is
/// none.
pub fn json_body(answer: Result<Answer<'_>, String>) -> Result<&str, Absence> {
    let answer = answer.map_err(Absence::Unreachable)?;
    match answer.status {
        404 | 410 => return Err(Absence::NotFound),
        200..=299 => {}
        status => return Err(Absence::Status(status)),
    }
    // A page is never a configuration, whatever type it was served as: some hosts answer a
    // missing .json address with index.html as application/json.
    if let Some(page) = page(answer.body) {
        return Err(page);
    }
    match answer.content_type {
        Some(content_type) if !is_json_type(content_type) => {
            Err(Absence::NotJson(content_type.trim().to_string()))
        }
        _ => Ok(answer.body),
    }
}

/// Whether the body is an HTML page, and whether it is Vigil's own. JSON never starts with `<`.
fn page(body: &str) -> Option<Absence> {
    if body.contains(APP_MARKER) {
        return Some(Absence::AppPage);
    }
    let start = body.trim_start_matches('\u{feff}').trim_start();
    start.starts_with('<').then_some(Absence::OtherPage)
}

/// `application/json`, `text/json` or a `+json` type such as `application/ld+json`, whatever
/// its parameters (`; charset=utf-8`) and letter case.
pub fn is_json_type(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence == "text/json" || essence.ends_with("+json")
}

/// Whether a `Content-Type` is the one a browser compiles WebAssembly from as it downloads
/// (`WebAssembly.instantiateStreaming` refuses any other).
pub fn is_wasm_type(content_type: &str) -> bool {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .eq_ignore_ascii_case("application/wasm")
}

impl Reading {
    /// Every line an administrator needs, for the browser's console: where the file was looked
    /// for, what was found, each problem (the same lines as `?check` and `cargo xtask
    /// check-config`).
    pub fn report(&self, url: &str) -> Vec<String> {
        crate::core::deployment::config(url, self)
            .into_iter()
            .map(|check| check.line)
            .collect()
    }
}
