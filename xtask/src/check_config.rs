//! `cargo xtask check-config URL`: checks a deployment from a terminal as `index.html?check`
//! does in a browser (both through `vigil::core::deployment`): the configuration, with every
//! problem and what is used instead, the page, the wasm's type, the data files and the service
//! worker. Exits non-zero when anything needs putting right.
//!
//! The requests go through Debian's curl rather than an HTTP crate: curl is on every machine the
//! project runs on, and it already honours what an intranet needs (the system's certificate
//! authorities, `https_proxy` and `no_proxy`), with no TLS stack to compile into xtask.

use std::process::Command;

use vigil::core::config_file::{self, Answer};
use vigil::core::deployment::{self, Check};

pub fn run(args: &[String]) -> Result<(), String> {
    let [url] = args else {
        return Err("usage: cargo xtask check-config URL (the folder Vigil is served from, e.g. https://intranet.example/training/vigil/)".to_string());
    };
    let base = folder(url);
    let checks = check(&base)?;
    for check in &checks {
        println!("{}", check.labelled());
    }
    if deployment::has_problems(&checks) {
        return Err(format!(
            "{base}: the deployment has problems (above): put them right and check again"
        ));
    }
    println!("{base}: nothing to put right");
    Ok(())
}

/// The folder an address names: itself when it ends with `/`, else the one its page is in
/// (`.../index.html`), else the address taken as a folder.
fn folder(url: &str) -> String {
    let url = url.split(['?', '#']).next().unwrap_or_default();
    if url.ends_with('/') {
        return url.to_string();
    }
    let last = url.rsplit('/').next().unwrap_or_default();
    if last.contains('.') && url.matches('/').count() > 2 {
        url[..url.len() - last.len()].to_string()
    } else {
        format!("{url}/")
    }
}

/// Every check of the deployment at `base` (a folder address ending with `/`).
fn check(base: &str) -> Result<Vec<Check>, String> {
    let present = vigil::lesson_files::languages();
    let mut checks = Vec::new();
    let config_url = format!("{base}vigil.config.json");
    let config = get(&config_url)?;
    let reading = config_file::read(answer(&config), &present);
    checks.extend(deployment::config(&config_url, &reading));

    let page_url = format!("{base}index.html");
    let page = get(&page_url)?;
    checks.push(deployment::page(&page_url, answer(&page)));
    // The rest are the page's files: without the page there is nothing to follow.
    let Ok(page) = page else {
        return Ok(checks);
    };
    if let Some(wasm) = deployment::wasm_file(&page.body) {
        let wasm_url = format!("{base}{}", wasm.trim_start_matches("./"));
        checks.push(deployment::wasm(&wasm_url, answer(&get(&wasm_url)?)));
    }
    let lang = reading
        .config
        .offered(&present)
        .first()
        .copied()
        .unwrap_or(vigil::core::course::Lang::EN);
    for file in [
        format!("locales/{lang}.json"),
        format!("lessons/index.{lang}.json"),
    ] {
        let url = format!("{base}{file}");
        checks.push(deployment::data_file(&url, answer(&get(&url)?)));
    }
    let worker_url = format!("{base}sw.js");
    checks.push(deployment::worker(&worker_url, answer(&get(&worker_url)?)));
    let missing_url = format!("{base}vigil-check-no-such-file.json");
    checks.push(deployment::fallback(
        &missing_url,
        answer(&get(&missing_url)?),
    ));
    Ok(checks)
}

/// What curl received: status, content type and body (lossy text: a wasm's bytes do not
/// matter, only its type).
struct Received {
    status: u16,
    content_type: Option<String>,
    body: String,
}

fn answer(received: &Result<Received, String>) -> Result<Answer<'_>, String> {
    match received {
        Ok(r) => Ok(Answer {
            status: r.status,
            content_type: r.content_type.as_deref(),
            body: &r.body,
        }),
        Err(why) => Err(why.clone()),
    }
}

/// A GET through curl, following redirects. The outer error is curl missing (the command
/// cannot run at all); the inner one a host that did not answer.
fn get(url: &str) -> Result<Result<Received, String>, String> {
    let body = std::env::temp_dir().join(format!("vigil-check-{}.body", std::process::id()));
    let output = Command::new("curl")
        .args(["--silent", "--show-error", "--location", "--max-time", "20"])
        .args(["--header", "Cache-Control: no-cache"])
        .arg("--output")
        .arg(&body)
        .args(["--write-out", "%{http_code}\n%{content_type}"])
        .arg(url)
        .output()
        .map_err(|e| format!("cannot run curl ({e}): install it (Debian: apt-get install curl)"))?;
    let bytes = std::fs::read(&body).unwrap_or_default();
    let _ = std::fs::remove_file(&body);
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        let said = said.trim().trim_start_matches("curl: ");
        return Ok(Err(format!("the host cannot be reached: {said}")));
    }
    let written = String::from_utf8_lossy(&output.stdout);
    let (status, content_type) = written.split_once('\n').unwrap_or((&written, ""));
    Ok(Ok(Received {
        status: status.trim().parse().unwrap_or(0),
        content_type: Some(content_type.trim())
            .filter(|t| !t.is_empty())
            .map(str::to_string),
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }))
}
