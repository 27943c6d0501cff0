//! `cargo xtask check-config URL` against hosts of the test's own: a std TcpListener answering
//! fixed responses by path, as a static host, an intranet server that falls back to index.html
//! for every address, or a misconfigured one would.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::Command;

/// The learners' page as the repository writes it, with the loader's reference to a wasm that
/// trunk would add.
fn app_page() -> String {
    let page = include_str!("../../index.html");
    page.replace(
        "</head>",
        r#"<link rel="preload" href="./vigil-0123456789abcdef_bg.wasm" as="fetch" type="application/wasm"></head>"#,
    )
}

type Files = HashMap<&'static str, (u16, &'static str, String)>;

/// Serves `files` by path on 127.0.0.1; any other address gets `otherwise` (a 404, or the page).
/// Returns the base address, with the sub-path every file is under.
fn serve(files: Files, otherwise: (u16, &'static str, String)) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            let _ = reader.read_line(&mut request);
            // The headers, up to the blank line.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request.split(' ').nth(1).unwrap_or("/").to_string();
            let path = path.strip_prefix("/intranet/training").unwrap_or("!");
            let (status, content_type, body) = files.get(path).unwrap_or(&otherwise);
            let head = format!(
                "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
        }
    });
    format!("http://127.0.0.1:{port}/intranet/training/")
}

/// A complete deployment's files; a test changes the ones it is about.
fn deployment() -> Files {
    let json = |text: &str| (200, "application/json", text.to_string());
    HashMap::from([
        ("/", (200, "text/html; charset=utf-8", app_page())),
        ("/index.html", (200, "text/html; charset=utf-8", app_page())),
        (
            "/vigil-0123456789abcdef_bg.wasm",
            (200, "application/wasm", "\0asm".to_string()),
        ),
        ("/locales/en.json", json(r#"{"tagline": "x"}"#)),
        ("/lessons/index.en.json", json(r#"{"modules": []}"#)),
        (
            "/sw.js",
            (
                200,
                "text/javascript",
                "self.addEventListener('fetch', () => {});".to_string(),
            ),
        ),
    ])
}

fn fallback() -> (u16, &'static str, String) {
    (200, "text/html; charset=utf-8", app_page())
}

fn not_found() -> (u16, &'static str, String) {
    (404, "text/plain", "not found".to_string())
}

/// Runs the command: whether it succeeded, and what it printed (out and err).
fn check(args: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("check-config")
        .args(args)
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("all_proxy")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

#[test]
fn a_host_that_answers_every_address_with_the_page_has_no_configuration_and_nothing_wrong() {
    let base = serve(deployment(), fallback());
    let (ok, out) = check(&[&base]);
    assert!(ok, "{out}");
    assert!(out.contains(&format!(
        "note    {base}vigil.config.json: the host answered with Vigil's own page (it serves index.html for every address it has no file for), so there is no file; every default applies"
    )), "{out}");
    assert!(
        out.contains(&format!("ok      {base}index.html: Vigil's page")),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "ok      {base}vigil-0123456789abcdef_bg.wasm: served as application/wasm"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("ok      {base}locales/en.json: reachable")),
        "{out}"
    );
    assert!(
        out.contains(&format!("ok      {base}sw.js: served as JavaScript")),
        "{out}"
    );
    assert!(
        out.contains("a missing address answers with Vigil's page (a single-page-app fallback)"),
        "{out}"
    );
    assert!(
        out.contains(&format!("{base}: nothing to put right")),
        "{out}"
    );
}

#[test]
fn a_configuration_with_problems_lists_each_with_its_field_and_what_is_used_and_fails() {
    let mut files = deployment();
    files.insert(
        "/vigil.config.json",
        (
            200,
            "application/json",
            r#"{ "organisation": "Hotel Aurora", "country": "UK", "colour": "red" }"#.to_string(),
        ),
    );
    // A host that does not know the .wasm type.
    files.insert(
        "/vigil-0123456789abcdef_bg.wasm",
        (200, "application/octet-stream", "\0asm".to_string()),
    );
    let base = serve(files, not_found());
    // The address of the page itself names the same folder.
    let (ok, out) = check(&[&format!("{base}index.html?module=x")]);
    assert!(!ok, "{out}");
    let config = format!("{base}vigil.config.json");
    for line in [
        format!("note    {config}: read, 2 problems; each setting named falls back alone, the rest applies"),
        format!("PROBLEM {config}: unknown field `colour`, expected one of: organisation, logo, accent-colour, contacts, country, extra-channels, support, roles, modules, languages, default-language, lms, embed-origins, xapi, offline; ignored"),
        format!("PROBLEM {config}: field `country`: must be one of BE, NL, FR, DE, AT, CH; using the default: BE"),
        format!("PROBLEM {base}vigil-0123456789abcdef_bg.wasm: served as `application/octet-stream`: serve .wasm files as application/wasm"),
        format!("ok      {base}vigil-check-no-such-file.json: a missing address answers HTTP 404"),
    ] {
        assert!(out.contains(&line), "missing line {line}\nin:\n{out}");
    }
    assert!(
        out.contains("error: ") && out.contains("the deployment has problems"),
        "{out}"
    );
}

#[test]
fn a_missing_configuration_is_said_plainly_and_is_no_failure() {
    let base = serve(deployment(), not_found());
    let (ok, out) = check(&[base.trim_end_matches('/')]);
    assert!(ok, "{out}");
    assert!(
        out.contains(&format!(
            "note    {base}vigil.config.json: there is no file (HTTP 404); every default applies"
        )),
        "{out}"
    );
}

#[test]
fn a_configuration_served_as_text_and_missing_data_files_are_problems() {
    let mut files = deployment();
    files.insert(
        "/vigil.config.json",
        (200, "text/plain", r#"{ "country": "NL" }"#.to_string()),
    );
    files.remove("/lessons/index.en.json");
    files.insert("/sw.js", fallback());
    let base = serve(files, fallback());
    let (ok, out) = check(&[&base]);
    assert!(!ok, "{out}");
    for line in [
        format!("PROBLEM {base}vigil.config.json: the host served it as `text/plain`, not as JSON: serve .json files as application/json; every default applies"),
        format!("PROBLEM {base}lessons/index.en.json: answered with Vigil's page: the file is missing (copy the whole of dist/)"),
        format!("PROBLEM {base}sw.js: served as `text/html; charset=utf-8`: browsers register a service worker only from JavaScript"),
    ] {
        assert!(out.contains(&line), "missing line {line}\nin:\n{out}");
    }
}

#[test]
fn an_unreachable_host_is_named_and_fails() {
    // A port that was just free and is closed again: nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (ok, out) = check(&[&format!("http://127.0.0.1:{port}/training/")]);
    assert!(!ok, "{out}");
    assert!(out.contains(&format!(
        "PROBLEM http://127.0.0.1:{port}/training/vigil.config.json: no answer (the host cannot be reached: "
    )), "{out}");
    assert!(
        out.contains(&format!(
            "PROBLEM http://127.0.0.1:{port}/training/index.html: no answer"
        )),
        "{out}"
    );
}

#[test]
fn no_address_is_a_usage_message() {
    let (ok, out) = check(&[]);
    assert!(!ok);
    assert!(out.contains("usage: cargo xtask check-config URL"), "{out}");
}
