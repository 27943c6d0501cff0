//! Whether a server's answer for vigil.config.json is a configuration at all: hosts that answer
//! every address with the app's page, files served as something else than JSON, errors.

use vigil::core::config::Config;
use vigil::core::config_file::{self, Absence, Answer, Reading, APP_MARKER};

/// The learners' page as the repository writes it, which a fallback host sends for any address.
fn app_page() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).unwrap()
}

fn read(status: u16, content_type: Option<&str>, body: &str) -> Reading {
    config_file::read(
        Ok(Answer {
            status,
            content_type,
            body,
        }),
        &vigil::lesson_files::languages(),
    )
}

const GOOD: &str = r#"{ "organisation": "Hotel Aurora", "country": "NL" }"#;

#[test]
fn both_pages_carry_the_marker_a_fallback_is_recognised_by() {
    assert!(app_page().contains(APP_MARKER));
    let lead = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/lead/index.html"));
    assert!(lead.unwrap().contains(APP_MARKER));
}

#[test]
fn a_404_is_no_configuration_and_nothing_to_put_right() {
    for status in [404, 410] {
        let reading = read(status, Some("text/html"), "<h1>Not found</h1>");
        assert_eq!(reading.absent, Some(Absence::NotFound));
        assert_eq!(reading.config, Config::default());
        assert!(reading.problems.is_empty());
        assert!(!Absence::NotFound.is_fault());
    }
}

#[test]
fn the_apps_own_page_served_for_the_address_is_no_configuration() {
    let page = app_page();
    let reading = read(200, Some("text/html; charset=utf-8"), &page);
    assert_eq!(reading.absent, Some(Absence::AppPage));
    assert!(reading.problems.is_empty(), "{:?}", reading.problems);
    assert_eq!(reading.config, Config::default());
    assert!(
        !Absence::AppPage.is_fault(),
        "a fallback host is a valid host"
    );
}

#[test]
fn the_apps_page_is_no_configuration_even_served_as_json() {
    let page = app_page();
    for content_type in [Some("application/json"), None] {
        let reading = read(200, content_type, &page);
        assert_eq!(reading.absent, Some(Absence::AppPage), "{content_type:?}");
        assert!(reading.problems.is_empty());
    }
    // The marker is found even when something comes before the page.
    let late = format!("\u{feff}\n  {page}");
    assert_eq!(read(200, None, &late).absent, Some(Absence::AppPage));
}

#[test]
fn another_html_page_is_no_configuration_and_named_as_such() {
    for body in [
        "<!DOCTYPE html><html><title>Sign in</title></html>",
        "\u{feff}  <html lang=en><body>Proxy error</body></html>",
        "<!-- login --><form></form>",
    ] {
        let reading = read(200, Some("application/json"), body);
        assert_eq!(reading.absent, Some(Absence::OtherPage), "{body}");
        assert!(reading.problems.is_empty());
    }
    assert!(Absence::OtherPage.is_fault());
}

#[test]
fn a_body_served_with_a_type_that_is_not_json_is_no_configuration() {
    for content_type in [
        "text/html",
        "text/plain; charset=utf-8",
        "application/octet-stream",
    ] {
        let reading = read(200, Some(content_type), GOOD);
        assert_eq!(
            reading.absent,
            Some(Absence::NotJson(content_type.to_string()))
        );
        assert_eq!(reading.config, Config::default(), "not read at all");
        assert!(reading.problems.is_empty());
    }
    assert!(Absence::NotJson("text/plain".into()).is_fault());
}

#[test]
fn json_by_any_of_its_names_is_read() {
    for content_type in [
        Some("application/json"),
        Some("Application/JSON; charset=UTF-8"),
        Some("text/json"),
        Some("application/vnd.vigil+json"),
        None,
    ] {
        let reading = read(200, content_type, GOOD);
        assert_eq!(reading.absent, None, "{content_type:?}");
        assert_eq!(reading.problems, Vec::<String>::new());
        assert_eq!(reading.config.organisation.as_deref(), Some("Hotel Aurora"));
    }
}

#[test]
fn a_json_file_with_problems_is_used_with_defaults_for_the_bad_fields() {
    let reading = read(
        200,
        Some("application/json"),
        r#"{ "organisation": "Hotel Aurora", "country": "UK", "offline": "no" }"#,
    );
    assert_eq!(reading.absent, None);
    assert_eq!(reading.config.organisation.as_deref(), Some("Hotel Aurora"));
    assert_eq!(
        reading.problems,
        [
            "field `country`: must be one of BE, NL, FR, DE, AT, CH; using the default: BE",
            "field `offline`: must be true or false; using the default: true",
        ]
    );
    assert_eq!(
        reading.report("https://intranet.example/training/vigil.config.json"),
        [
            "https://intranet.example/training/vigil.config.json: read, 2 problems; each setting named falls back alone, the rest applies",
            "https://intranet.example/training/vigil.config.json: field `country`: must be one of BE, NL, FR, DE, AT, CH; using the default: BE",
            "https://intranet.example/training/vigil.config.json: field `offline`: must be true or false; using the default: true",
        ]
    );
}

#[test]
fn a_json_type_with_text_that_is_not_json_is_a_problem_of_the_file() {
    let reading = read(200, Some("application/json"), "organisation = Hotel Aurora");
    assert_eq!(reading.absent, None);
    assert_eq!(reading.problems.len(), 1);
    assert!(
        reading.problems[0].starts_with("the file is not valid JSON")
            && reading.problems[0].ends_with("; using every default"),
        "{:?}",
        reading.problems
    );
}

#[test]
fn other_statuses_and_no_answer_are_no_configuration_an_administrator_should_see() {
    let reading = read(500, Some("application/json"), GOOD);
    assert_eq!(reading.absent, Some(Absence::Status(500)));
    assert_eq!(reading.config, Config::default());
    assert!(Absence::Status(403).is_fault());
    let reading = config_file::read(
        Err("connection refused".to_string()),
        &vigil::lesson_files::languages(),
    );
    assert_eq!(
        reading.absent,
        Some(Absence::Unreachable("connection refused".into()))
    );
    assert_eq!(
        reading.report("http://127.0.0.1:9/vigil.config.json"),
        ["http://127.0.0.1:9/vigil.config.json: no answer (connection refused); every default applies"]
    );
}

#[test]
fn each_absence_is_explained_in_one_sentence() {
    assert_eq!(
        Absence::AppPage.explain(),
        "the host answered with Vigil's own page (it serves index.html for every address it has no file for), so there is no file; every default applies"
    );
    assert_eq!(
        Absence::NotJson("text/plain".into()).explain(),
        "the host served it as `text/plain`, not as JSON: serve .json files as application/json; every default applies"
    );
    assert_eq!(
        Absence::NotFound.explain(),
        "there is no file (HTTP 404); every default applies"
    );
}

#[test]
fn only_application_wasm_lets_a_browser_compile_while_downloading() {
    assert!(config_file::is_wasm_type("application/wasm"));
    assert!(config_file::is_wasm_type(
        "Application/Wasm; charset=binary"
    ));
    for wrong in ["application/octet-stream", "text/plain", ""] {
        assert!(!config_file::is_wasm_type(wrong), "{wrong}");
    }
}
