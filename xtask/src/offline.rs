//! The service worker for dist/: `offline/sw.js` with this build's version and files filled in,
//! written after trunk (like the Content-Security-Policy), so that every build whose files
//! differ is a new worker, which the browser installs beside the old one.
//!
//! The version is a hash of every file the worker serves, names and bytes: a changed lesson
//! or a new wasm makes a new version, and an identical rebuild keeps the old one (no needless
//! download for learners).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::root;

/// Written by the build beside the app, and not part of what the worker caches.
const NOT_CACHED: &[&str] = &["sw.js", "content-security-policy.txt", "vigil-host.js"];

/// Every file under `dir`, as paths relative to it with `/` separators, sorted.
fn files(dir: &Path) -> Result<Vec<String>, String> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) -> Result<(), String> {
        let entries =
            std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                walk(&path, base, out)?;
            } else if let Ok(relative) = path.strip_prefix(base) {
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

/// The language of a lesson file (`lessons/en.json`, `lessons/index.en.json`,
/// `lessons/<module>.en.<hash>.json`): the part of its name that is a language code.
fn language_of(file: &str, languages: &[&str]) -> Option<String> {
    let name = file.rsplit('/').next()?;
    name.split('.')
        .find(|part| languages.contains(part))
        .map(str::to_string)
}

/// The worker's text for the build in `dist`.
pub fn worker(dist: &Path) -> Result<String, String> {
    let template = std::fs::read_to_string(root().join("offline/sw.js"))
        .map_err(|e| format!("cannot read offline/sw.js: {e}"))?;
    let present = vigil::lesson_files::languages_in(&crate::lessons::locales_dir())
        .map_err(|problems| problems.join("\n"))?;
    let codes: Vec<String> = present.codes().iter().map(ToString::to_string).collect();
    let languages: Vec<&str> = codes.iter().map(String::as_str).collect();
    let mut hash = Sha256::new();
    let mut shell = Vec::new();
    let mut lessons: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in files(dist)? {
        // The lead page and its lesson files are for teachers and managers: a learner's device
        // never downloads them for offline use.
        if NOT_CACHED.contains(&file.as_str())
            || file.starts_with("lead/")
            || file.starts_with("lessons/lead/")
        {
            continue;
        }
        let bytes = std::fs::read(dist.join(&file))
            .map_err(|e| format!("cannot read {}: {e}", dist.join(&file).display()))?;
        hash.update((file.len() as u64).to_le_bytes());
        hash.update(file.as_bytes());
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(&bytes);
        // A language's interface text goes with its lessons: a learner's device keeps its own.
        if file.starts_with("lessons/") || file.starts_with("locales/") {
            if let Some(lang) = language_of(&file, &languages) {
                lessons.entry(lang).or_default().push(file);
            }
        } else {
            shell.push(file);
        }
    }
    if !shell.iter().any(|f| f == "index.html") {
        return Err(format!("{} has no index.html", dist.display()));
    }
    let version: String = hash.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let json = |value: serde_json::Value| value.to_string();
    Ok(template
        .replace("__VIGIL_VERSION__", &version)
        .replace("__VIGIL_SHELL__", &json(serde_json::json!(shell)))
        .replace("__VIGIL_LESSONS__", &json(serde_json::json!(lessons))))
}

/// Writes `sw.js` into a built bundle (dist/ after trunk, or any copy of one).
pub fn write(dist: &Path) -> Result<(), String> {
    let text = worker(dist)?;
    let path = dist.join("sw.js");
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// `cargo xtask worker [DIR]`: (re)writes the worker of a bundle, dist/ by default. The update
/// test uses it on a copy of dist/ with a changed lesson, as a second build.
pub fn run(args: &[String]) -> Result<(), String> {
    let dir = match args {
        [] => root().join("dist"),
        [dir] => PathBuf::from(dir),
        _ => return Err("usage: cargo xtask worker [DIR]".to_string()),
    };
    write(&dir)
}
