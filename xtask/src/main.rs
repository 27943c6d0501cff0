//! The project's commands, run as `cargo xtask <command>` (see README.md).
//!
//! Each command installs what it needs and skips what is already there, so a fresh machine with
//! only rustup, cargo and node needs nothing else, and a second run takes seconds.

mod bench;
mod check_config;
mod csp;
mod lessons;
mod offline;
mod package;
mod process;
mod tools;
mod translations;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  serve     install what is missing, then serve the app at http://127.0.0.1:8080 (and the lead page at /lead/)
  test      install what is missing, then run every test (native, lessons, browser)
            (--cmi5: only the cmi5 package's player scenarios, later sessions included)
  bench     build the release bundle and print its sizes, load times and progress size
            (--check: sizes only, held to budgets.toml; --lighthouse, --trace, --twiggy: more figures)
  build     build the release bundle into dist/ (the learners' app, and the lead page in dist/lead/)
  lessons   check every lesson in lessons/ (with --out DIR: also write the course bundles)
  worker    rewrite the service worker of a built bundle (dist/, or DIR) for its files
  csp       print the Content-Security-Policy header for dist/ (with a vigil.config.json: its embed origins)
  check-config URL  check a deployment (the folder Vigil is served from): its vigil.config.json,
            every problem and what is used instead, the wasm's type, the data files, the worker
  package   build the release bundle and write SCORM 1.2 and 2004 zips and a cmi5 zip into packages/
            (with --track ROLE, repeatable: also a SCORM pair launched at index.html?role=ROLE
            and a cmi5 AU; --cmi5-id-base IRI: the base of the cmi5 course and AU ids)
  translations  a translator's XLIFF 1.2: `export LANG [--out FILE]`, `import FILE`, `status [LANG]`,
            `accept LANG` (record the current English as reviewed); see README.md, Translating
  install   install the build and test tools only";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(),
        Some("test") if args.get(1).is_some_and(|a| a == "--cmi5") => test_cmi5(),
        Some("test") => test(),
        Some("bench") => bench::run(&args[1..]),
        Some("build") if args.get(1).is_some_and(|a| a == "--fixture-language") => {
            build_fixture_language().map(|dist| println!("built into {}", dist.display()))
        }
        Some("build") => build_release(),
        Some("lessons") => lessons::run(&args[1..]),
        Some("csp") => csp::run(&args[1..]),
        Some("worker") => offline::run(&args[1..]),
        Some("package") => package::run(&args[1..]),
        Some("translations") => translations::run(&args[1..]),
        Some("check-config") => check_config::run(&args[1..]),
        Some("fixture-language") => fixture_language(&args[1..]).map(|_| ()),
        Some("install") => tools::ensure_build_tools()
            .and_then(|_| tools::ensure_browser_tools())
            .map(|_| ()),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The repository's root, whatever folder the command was started from.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in a folder of the repository")
        .to_path_buf()
}

/// Serves both pages as a host would, each rebuilt when its sources change: the learners' app
/// at `/`, and the lead page at `/lead/`, which is a second app with its own trunk behind the
/// first one's proxy. Both build into target/serve/, so dist/ keeps the release bundle.
fn serve() -> Result<(), String> {
    let tools = tools::ensure_build_tools()?;
    let out = root().join("target/serve");
    let mut lead = tools.command("trunk");
    lead.args(["--config", "lead/Trunk.toml", "serve", "--port", "8081"])
        .args(["--address", "127.0.0.1", "--serve-base", "/lead/"])
        // Its reload socket would not pass the proxy (one proxy is HTTP or WebSocket, not both):
        // reload the lead page by hand after a change.
        .arg("--no-autoreload")
        .arg("--dist")
        .arg(out.join("lead"));
    // Its own folder is all trunk would watch by default; the code, lessons and styles it is
    // built from are in the learners' folders.
    for watched in ["src", "lessons", "locales", "style", "lead", "Cargo.toml"] {
        lead.arg("--watch").arg(root().join(watched));
    }
    let mut lead = lead
        .spawn()
        .map_err(|e| format!("could not start the lead page's trunk: {e}"))?;
    println!("serving Vigil at http://127.0.0.1:8080, the lead page at http://127.0.0.1:8080/lead/ (Ctrl-C to stop)");
    let learners = process::run(
        tools
            .command("trunk")
            .args(["serve", "--port", "8080", "--address", "127.0.0.1"])
            .arg("--dist")
            .arg(out.join("app"))
            .args(["--proxy-backend", "http://127.0.0.1:8081/lead/"]),
    );
    let _ = lead.kill();
    learners
}

pub fn build_release() -> Result<(), String> {
    let tools = tools::ensure_build_tools()?;
    process::run(tools.command("trunk").args(["build", "--release"]))?;
    // The lead page second: trunk empties its dist folder first, and dist/lead/ lies inside the
    // learners' dist/.
    process::run(tools.command("trunk").args([
        "--config",
        "lead/Trunk.toml",
        "build",
        "--release",
    ]))?;
    for page in ["dist/index.html", "dist/lead/index.html"] {
        strip_comments(&root().join(page))?;
    }
    name_languages(&root().join("dist/index.html"), &lessons::locales_dir())?;
    offline::write(&root().join("dist"))?;
    csp::write_for_dist()
}

/// Writes the present languages (drafts aside) into the page's early script, which asks for the
/// browser's language's files while the app downloads: index.html itself names none but
/// English, French and Dutch, for `cargo xtask serve`.
fn name_languages(page: &std::path::Path, locales: &std::path::Path) -> Result<(), String> {
    let present =
        vigil::lesson_files::languages_in(locales).map_err(|problems| problems.join("\n"))?;
    let codes: Vec<String> = present
        .offered_by_default()
        .iter()
        .map(ToString::to_string)
        .collect();
    let html = std::fs::read_to_string(page)
        .map_err(|e| format!("cannot read {}: {e}", page.display()))?;
    let marker = "\"en,fr,nl\"/*languages*/";
    if !html.contains(marker) {
        return Err(format!(
            "{}: the early script's language list is not there",
            page.display()
        ));
    }
    let html = html.replace(marker, &format!("\"{}\"", codes.join(",")));
    std::fs::write(page, html).map_err(|e| format!("cannot write {}: {e}", page.display()))
}

/// Takes the HTML comments out of a built page: they are notes for whoever reads index.html in
/// the repository, and every learner would download them before the first screen.
fn strip_comments(page: &std::path::Path) -> Result<(), String> {
    let html = std::fs::read_to_string(page)
        .map_err(|e| format!("cannot read {}: {e}", page.display()))?;
    let mut kept = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(start) = rest.find("<!--") {
        let end = rest[start..]
            .find("-->")
            .ok_or_else(|| format!("{}: an HTML comment is not closed", page.display()))?;
        kept.push_str(rest[..start].trim_end_matches([' ', '\t']));
        rest = &rest[start + end + "-->".len()..];
        // The comment's own line goes with it.
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    kept.push_str(rest);
    std::fs::write(page, kept).map_err(|e| format!("cannot write {}: {e}", page.display()))
}

/// `cargo xtask fixture-language [DIR]`: writes a copy of lessons/ and locales/ with the
/// right-to-left pseudo-language `ar-XB` added as files (core::language::pseudo_bidi), into
/// target/fixture-language/ by default. Returns the folder.
fn fixture_language(args: &[String]) -> Result<std::path::PathBuf, String> {
    let out = match args {
        [] => root().join("target/fixture-language"),
        [dir] => std::path::PathBuf::from(dir),
        _ => return Err("usage: cargo xtask fixture-language [DIR]".to_string()),
    };
    let _ = std::fs::remove_dir_all(&out);
    vigil::lesson_files::write_pseudo_language(
        &root().join("lessons"),
        &root().join("locales"),
        &out,
        "ar-XB",
    )?;
    println!("fixture language ar-XB written to {}", out.display());
    Ok(out)
}

/// The release build of the app and the lead page with the fixture language, into
/// target/rtl-dist/, for the right-to-left browser test. The lessons hook and build.rs read the
/// same VIGIL_LESSONS and VIGIL_LOCALES.
fn build_fixture_language() -> Result<std::path::PathBuf, String> {
    let tools = tools::ensure_build_tools()?;
    let fixture = fixture_language(&[])?;
    let dist = root().join("target/rtl-dist");
    let with_fixture = |command: &mut std::process::Command| {
        command
            .env("VIGIL_LESSONS", fixture.join("lessons"))
            .env("VIGIL_LOCALES", fixture.join("locales"));
    };
    let mut app = tools.command("trunk");
    app.args(["build", "--release", "--dist"]).arg(&dist);
    with_fixture(&mut app);
    process::run(&mut app)?;
    let mut lead = tools.command("trunk");
    lead.args([
        "--config",
        "lead/Trunk.toml",
        "build",
        "--release",
        "--dist",
    ])
    .arg(dist.join("lead"));
    with_fixture(&mut lead);
    process::run(&mut lead)?;
    name_languages(&dist.join("index.html"), &fixture.join("locales"))?;
    Ok(dist)
}

fn test() -> Result<(), String> {
    // Native tests first: they are the fastest to fail and need no browser.
    process::run(tools::cargo().args(["test", "--workspace"]))?;
    // The translators' XLIFF, read by tools that are not Vigil's.
    translations::validate()?;
    build_release()?;
    // The size budgets (budgets.toml), on the bundle the browser tests then run against.
    bench::check_built()?;
    let cmi5 = package::write_test_cmi5()?;
    let rtl = build_fixture_language()?;
    let browser = tools::ensure_browser_tools()?;
    let e2e = root().join("tests/e2e");
    let mut node = browser_tests(&browser, &cmi5);
    node.env("VIGIL_DIST_RTL", &rtl);
    for spec in tools::specs(&e2e)? {
        node.arg(spec);
    }
    process::run(&mut node)
}

/// `cargo xtask test --cmi5`: the cmi5 package, imported by the tests' cmi5 player, every
/// scenario: the first sessions and the later ones (relaunch, retake, second AU, reload), all
/// also in the normal run; this runs them alone, for whoever works on the cmi5 runtime.
fn test_cmi5() -> Result<(), String> {
    build_release()?;
    let cmi5 = package::write_test_cmi5()?;
    let browser = tools::ensure_browser_tools()?;
    let mut node = browser_tests(&browser, &cmi5);
    node.args(["cmi5-package.test.mjs", "cmi5-later-sessions.test.mjs"]);
    process::run(&mut node)
}

/// Node's test runner in tests/e2e, set up for the built dist/ and the test package.
fn browser_tests(browser: &tools::Browser, cmi5: &std::path::Path) -> std::process::Command {
    let mut node = std::process::Command::new("node");
    node.current_dir(root().join("tests/e2e"))
        .env("VIGIL_DIST", root().join("dist"))
        .env("CHROMIUM", &browser.chromium)
        .env("VIGIL_RALPH", &browser.ralph)
        .env("VIGIL_CMI5_ZIP", cmi5)
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec"]);
    node
}
