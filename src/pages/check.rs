//! `index.html?check`: the deployment check, for the administrator of an LMS or an intranet. It
//! fetches what a learner's browser fetches and lists what `core::deployment` finds: the
//! configuration (where, found or why not, each problem with its field and what is used
//! instead), the wasm's type, the data files, the service worker.
//!
//! It is mounted instead of the app (no learner, no storage, no LMS, no worker registered), so it
//! works where the app would not, and its words are English only: it is an administrator's tool,
//! and the problems it lists are the configuration's own messages, which are English (as in
//! the console and `cargo xtask check-config`).

use crate::browser::config::{absolute, fetch, read_config};
use crate::core::config_file::Answer;
use crate::core::course::Lang;
use crate::core::deployment::{self, Check, Level};
use crate::state::CONFIG_FILE;

/// Written as plain HTML rather than with Leptos's components: the page is a list of lines,
/// and Leptos views of its own added 2.7 KB of brotli to every learner's wasm, for a page
/// only an administrator opens.
pub fn mount() {
    show("<p role=\"status\">Checking…</p>");
    wasm_bindgen_futures::spawn_local(async {
        let checks = run_checks().await;
        show(&findings(&checks));
    });
}

/// The page's main content, under its heading.
fn show(content: &str) {
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    else {
        return;
    };
    body.set_inner_html(&format!(
        "<main id=\"main\" class=\"check\"><h1>Vigil: deployment check</h1>\
         <p>For the administrator of this deployment: what this host serves, as Vigil reads it. \
         The same checks run from a terminal: <code>cargo xtask check-config URL</code>.</p>{content}</main>"
    ));
}

fn findings(checks: &[Check]) -> String {
    let problems = checks.iter().filter(|c| c.level == Level::Problem).count();
    let summary = match problems {
        0 => "Nothing to put right.".to_string(),
        1 => "1 problem to put right.".to_string(),
        n => format!("{n} problems to put right."),
    };
    let mut html =
        format!("<p role=\"status\" class=\"check-summary\">{summary}</p><ul class=\"checks\">");
    for check in checks {
        let (class, label) = match check.level {
            Level::Ok => ("check-ok", "ok"),
            Level::Note => ("check-note", "note"),
            Level::Problem => ("check-problem", "problem"),
        };
        html.push_str(&format!(
            "<li class=\"{class}\"><strong>{label}</strong> {}</li>",
            escape(&check.line)
        ));
    }
    html + "</ul>"
}

/// The lines hold addresses and the configuration's own text: never markup.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Status, type and body of a GET, as the core reads an answer.
async fn get(url: &str) -> (String, Result<(u16, Option<String>, String), String>) {
    (absolute(url), fetch(url).await)
}

fn answer(got: &Result<(u16, Option<String>, String), String>) -> Result<Answer<'_>, String> {
    match got {
        Ok((status, content_type, body)) => Ok(Answer {
            status: *status,
            content_type: content_type.as_deref(),
            body,
        }),
        Err(why) => Err(why.clone()),
    }
}

async fn run_checks() -> Vec<Check> {
    let reading = read_config(CONFIG_FILE).await;
    let mut checks = deployment::config(&absolute(CONFIG_FILE), &reading);
    let document = web_sys::window().and_then(|w| w.document());
    let page = document
        .as_ref()
        .and_then(|d| d.document_element())
        .map(|e| e.outer_html())
        .unwrap_or_default();
    if let Some(wasm) = deployment::wasm_file(&page) {
        let (url, got) = get(&wasm).await;
        checks.push(deployment::wasm(&url, answer(&got)));
    }
    let lang = reading
        .config
        .offered(crate::i18n::present())
        .first()
        .copied()
        .unwrap_or(Lang::EN);
    for file in [
        format!("locales/{lang}.json"),
        format!("lessons/index.{lang}.json"),
    ] {
        let (url, got) = get(&file).await;
        checks.push(deployment::data_file(&url, answer(&got)));
    }
    let (url, got) = get("sw.js").await;
    checks.push(deployment::worker(&url, answer(&got)));
    let folder = absolute("./");
    let secure = web_sys::window().is_some_and(|w| w.is_secure_context());
    checks.push(deployment::secure(&folder, secure));
    let scope = crate::browser::offline::scope().await;
    checks.push(deployment::worker_scope(&folder, scope.as_deref()));
    let (url, got) = get("vigil-check-no-such-file.json").await;
    checks.push(deployment::fallback(&url, answer(&got)));
    checks
}
