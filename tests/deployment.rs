//! The deployment checks `?check` and `cargo xtask check-config` share: the pieces that do not
//! need a server (xtask/tests/check_config.rs and tests/e2e/hosts.test.mjs run the rest).

use vigil::core::deployment::{self, Level};

#[test]
fn the_check_is_asked_for_by_the_query_alone() {
    for search in ["?check", "check", "?module=x&check", "?check=1"] {
        assert!(deployment::asks_for_check(search), "{search}");
    }
    for search in ["", "?module=check", "?checked", "?x=check"] {
        assert!(!deployment::asks_for_check(search), "{search}");
    }
}

#[test]
fn the_wasm_is_found_where_trunks_loader_names_it() {
    let page = r#"<script type="module">import init from './vigil-9f3a_bg.js';
        await init({ module_or_path: './vigil-9f3a_bg.wasm' });</script>"#;
    assert_eq!(
        deployment::wasm_file(page).as_deref(),
        Some("vigil-9f3a_bg.wasm")
    );
    assert_eq!(deployment::wasm_file("<html></html>"), None);
}

#[test]
fn the_worker_must_be_this_folders_and_needs_a_secure_context() {
    let folder = "https://intranet.example/training/";
    assert_eq!(
        deployment::worker_scope(folder, Some(folder)).level,
        Level::Ok
    );
    let elsewhere = deployment::worker_scope(folder, Some("https://intranet.example/"));
    assert_eq!(elsewhere.level, Level::Problem);
    assert_eq!(
        elsewhere.line,
        "https://intranet.example/training/: the service worker registered for this page is another folder's (https://intranet.example/)"
    );
    assert_eq!(deployment::worker_scope(folder, None).level, Level::Note);
    assert_eq!(deployment::secure(folder, false).level, Level::Problem);
    assert!(!deployment::has_problems(&[deployment::secure(
        folder, true
    )]));
}
