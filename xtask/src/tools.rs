//! Finds or installs the tools the build and the browser tests need.
//!
//! Only the package registries are reachable, so nothing is downloaded the way trunk would by
//! itself: trunk and wasm-bindgen come from crates.io (cargo's usual place, ~/.cargo/bin),
//! wasm-opt from npm's `binaryen` package (into .tools/, ignored by git), Chromium from Debian.
//! Trunk.toml pins the same versions and builds offline, so trunk uses exactly these.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::process::{output, run};
use crate::root;

const TRUNK_VERSION: &str = "0.21.14";
/// npm's binaryen; Debian's (version 108) produces a module that crashes at start-up.
const BINARYEN_VERSION: &str = "132.0.0";

pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// The tools' folders, put in front of PATH for every command that needs them.
pub struct Tools {
    path: OsString,
}

impl Tools {
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.env("PATH", &self.path).current_dir(root());
        command
    }
}

fn cargo_bin() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo")
        });
    home.join("bin")
}

fn binaryen_dir() -> PathBuf {
    root().join(".tools/binaryen")
}

fn search_path() -> OsString {
    let mut dirs = vec![binaryen_dir().join("node_modules/.bin"), cargo_bin()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).expect("tool folders contain no path separator")
}

/// Runs `program --version` with the tools' PATH.
fn version_of(program: &str) -> Option<String> {
    output(
        Command::new(program)
            .arg("--version")
            .env("PATH", search_path()),
    )
    .map(|s| s.trim().to_string())
}

pub fn ensure_build_tools() -> Result<Tools, String> {
    let tools = Tools {
        path: search_path(),
    };

    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !installed
        .lines()
        .any(|line| line.trim() == "wasm32-unknown-unknown")
    {
        println!("installing the wasm32-unknown-unknown target (once)");
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }

    if version_of("trunk").as_deref() != Some(&format!("trunk {TRUNK_VERSION}")) {
        // trunk 0.22 needs a newer rustc than this project's toolchain.
        println!("installing trunk {TRUNK_VERSION} (once; this takes several minutes)");
        run(cargo().args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))?;
    }

    let bindgen = wasm_bindgen_version()?;
    check_trunk_toml(&bindgen)?;
    if version_of("wasm-bindgen").as_deref() != Some(&format!("wasm-bindgen {bindgen}")) {
        // Without --locked: the crate's own lock file pins a webpki-roots release that the
        // registry no longer has.
        println!("installing wasm-bindgen-cli {bindgen} (once; this takes a few minutes)");
        run(cargo().args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &bindgen,
            "--force",
        ]))?;
    }

    let major = BINARYEN_VERSION.split('.').next().unwrap_or_default();
    if !version_of("wasm-opt").is_some_and(|v| v.contains(&format!("version {major}"))) {
        println!("installing wasm-opt from npm's binaryen@{BINARYEN_VERSION} (once)");
        std::fs::create_dir_all(binaryen_dir())
            .map_err(|e| format!("cannot create .tools/: {e}"))?;
        run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(binaryen_dir())
            .arg(format!("binaryen@{BINARYEN_VERSION}")))?;
    }
    Ok(tools)
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
fn wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock names no wasm-bindgen version".to_string())
}

/// Trunk.toml (and the lead page's lead/Trunk.toml) must pin the same wasm-bindgen as
/// Cargo.lock, or trunk would try to download one.
fn check_trunk_toml(bindgen: &str) -> Result<(), String> {
    for file in ["Trunk.toml", "lead/Trunk.toml"] {
        let trunk_toml = std::fs::read_to_string(root().join(file))
            .map_err(|e| format!("cannot read {file}: {e}"))?;
        let expected = format!("wasm_bindgen = \"{bindgen}\"");
        if !trunk_toml.lines().any(|line| line.trim() == expected) {
            return Err(format!(
                "{file} must pin the wasm-bindgen of Cargo.lock: put `{expected}` under [tools]"
            ));
        }
    }
    Ok(())
}

pub struct Browser {
    pub chromium: PathBuf,
    /// ralph, the learning record store the xAPI tests send to (PyPI ralph-malph).
    pub ralph: PathBuf,
}

const RALPH_VERSION: &str = "5.1.0";

/// ralph from PyPI, in its own virtual environment under .tools/.
fn ensure_ralph() -> Result<PathBuf, String> {
    let venv = root().join(".tools/ralph");
    let ralph = venv.join("bin/ralph");
    let installed =
        output(Command::new(&ralph).arg("--version")).is_some_and(|v| v.contains(RALPH_VERSION));
    if !installed {
        println!(
            "installing the LRS for the xAPI tests, ralph-malph {RALPH_VERSION} from PyPI (once)"
        );
        run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
        run(Command::new(venv.join("bin/pip")).args([
            "install",
            "--quiet",
            &format!("ralph-malph[cli,lrs]=={RALPH_VERSION}"),
            "requests",
        ]))?;
    }
    Ok(ralph)
}

/// Chromium and chromedriver from Debian, and the browser tests' npm packages.
pub fn ensure_browser_tools() -> Result<Browser, String> {
    let chromium = PathBuf::from("/usr/bin/chromium");
    let driver = Path::new("/usr/bin/chromedriver");
    if !chromium.exists() || !driver.exists() {
        let is_root = output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
        if !is_root {
            return Err("the browser tests need Debian's Chromium: run `sudo apt-get install chromium chromium-driver`, then try again".to_string());
        }
        println!("installing Chromium and chromedriver from Debian (once)");
        run(Command::new("apt-get").arg("update").arg("-qq"))?;
        run(Command::new("apt-get")
            .args(["install", "-y", "-qq", "chromium", "chromium-driver"])
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    let e2e = root().join("tests/e2e");
    if !npm_packages_present(&e2e)? {
        println!("installing the browser tests' npm packages (once)");
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&e2e))?;
    }
    Ok(Browser {
        chromium,
        ralph: ensure_ralph()?,
    })
}

/// The browser test files, in name order.
pub fn specs(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut specs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    specs.sort();
    Ok(specs)
}

/// Whether every dependency named in the browser tests' package.json is installed.
fn npm_packages_present(dir: &Path) -> Result<bool, String> {
    let text = std::fs::read_to_string(dir.join("package.json"))
        .map_err(|e| format!("cannot read tests/e2e/package.json: {e}"))?;
    let manifest: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("tests/e2e/package.json: {e}"))?;
    let names = manifest["dependencies"]
        .as_object()
        .map(|d| d.keys().cloned().collect::<Vec<_>>())
        .unwrap_or_default();
    Ok(names.iter().all(|name| {
        dir.join("node_modules")
            .join(name)
            .join("package.json")
            .exists()
    }))
}

const LIGHTHOUSE_VERSION: &str = "12.2.3";

/// Lighthouse from npm, for `cargo xtask bench --lighthouse` only, in .tools/ (it is large, and
/// no test needs it). Returns its command-line script.
pub fn ensure_lighthouse() -> Result<PathBuf, String> {
    let dir = root().join(".tools/lighthouse");
    let cli = dir.join("node_modules/lighthouse/cli/index.js");
    let installed = std::fs::read_to_string(dir.join("node_modules/lighthouse/package.json"))
        .is_ok_and(|text| text.contains(&format!("\"version\": \"{LIGHTHOUSE_VERSION}\"")));
    if !installed {
        println!("installing Lighthouse {LIGHTHOUSE_VERSION} from npm (once, for the bench)");
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        run(Command::new("npm")
            .args([
                "install",
                "--no-audit",
                "--no-fund",
                "--no-save",
                "--prefix",
            ])
            .arg(&dir)
            .arg(format!("lighthouse@{LIGHTHOUSE_VERSION}")))?;
    }
    Ok(cli)
}

const TWIGGY_VERSION: &str = "0.8.0";

/// twiggy, the wasm code-size profiler, for `cargo xtask bench --twiggy` only.
pub fn ensure_twiggy() -> Result<PathBuf, String> {
    let twiggy = cargo_bin().join("twiggy");
    let installed =
        output(Command::new(&twiggy).arg("--version")).is_some_and(|v| v.contains(TWIGGY_VERSION));
    if !installed {
        println!("installing twiggy {TWIGGY_VERSION} from crates.io (once, for the bench)");
        run(cargo().args(["install", "--locked", "twiggy", "--version", TWIGGY_VERSION]))?;
    }
    Ok(twiggy)
}
