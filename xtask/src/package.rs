//! `cargo xtask package [--track ROLE]...`: builds the release app and writes ready-to-upload
//! SCORM zips into packages/, one per standard for the whole course and, per track asked for,
//! one per standard launched at `index.html?role=ROLE`.
//!
//! The manifest's content is decided by `vigil::packaging`; this file only does the I/O.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use vigil::core::course::ROLES;
use vigil::packaging::{manifest, package_name, Package, Standard};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::{build_release, root};

const TITLE: &str = "Vigil: child protection in travel and tourism";
/// The score, in percent, at which the LMS records the course as passed: the same mark the
/// app judges by when the LMS gives none (core::lms::MASTERY).
const MASTERY_PERCENT: u32 = vigil::core::lms::MASTERY;

pub fn run(args: &[String]) -> Result<(), String> {
    // Arguments are checked before the build, so a typo costs seconds, not minutes.
    let tracks = tracks(args)?;
    build_release()?;
    let dist = root().join("dist");
    let files = dist_files(&dist)?;
    let out = root().join("packages");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create packages/: {e}"))?;
    remove_old_packages(&out)?;

    let whole = std::iter::once(None);
    for track in whole.chain(tracks.iter().map(|t| Some(t.as_str()))) {
        for standard in Standard::ALL {
            let package = Package {
                standard,
                identifier: match track {
                    Some(role) => format!("vigil-{role}"),
                    None => "vigil".to_string(),
                },
                title: match track {
                    Some(role) => format!("{TITLE} — {role}"),
                    None => TITLE.to_string(),
                },
                launch: match track {
                    Some(role) => format!("index.html?role={role}"),
                    None => "index.html".to_string(),
                },
                mastery_percent: MASTERY_PERCENT,
                files: files.clone(),
            };
            let path = out.join(package_name(standard, track));
            write_zip(&path, &dist, &package)?;
            let size = std::fs::metadata(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?
                .len();
            println!("{}  {:.1} KiB", path.display(), size as f64 / 1024.0);
        }
    }
    Ok(())
}

/// The roles of `--track ROLE` (repeatable), each one a role the course knows.
fn tracks(args: &[String]) -> Result<Vec<String>, String> {
    let mut tracks = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg != "--track" {
            return Err(format!(
                "unknown argument `{arg}`: usage: cargo xtask package [--track ROLE]..."
            ));
        }
        let role = args
            .next()
            .ok_or_else(|| format!("--track needs a role, one of: {}", ROLES.join(", ")))?;
        if !ROLES.contains(&role.as_str()) {
            return Err(format!(
                "unknown role `{role}`: valid roles are {}",
                ROLES.join(", ")
            ));
        }
        if !tracks.contains(role) {
            tracks.push(role.clone());
        }
    }
    Ok(tracks)
}

/// Every file under dist/, relative to it and '/' separated (as zip entries and manifest hrefs
/// are), in name order so two runs write the same manifest.
fn dist_files(dist: &Path) -> Result<Vec<String>, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
        let entries =
            std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
                .path();
            if path.is_dir() {
                walk(&path, out)?;
            } else {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut paths = Vec::new();
    walk(dist, &mut paths)?;
    let mut files: Vec<String> = paths
        .iter()
        .map(|path| {
            let relative = path.strip_prefix(dist).expect("walked from dist/");
            let parts: Vec<_> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            parts.join("/")
        })
        .collect();
    files.sort();
    // Every package launches index.html: without it, an LMS would take a course that never starts.
    if !files.iter().any(|f| f == "index.html") {
        return Err(format!("{} has no index.html", dist.display()));
    }
    Ok(files)
}

/// Packages from an earlier run name files of an earlier build; leaving them next to the new
/// ones would invite uploading the wrong one.
fn remove_old_packages(out: &Path) -> Result<(), String> {
    let entries =
        std::fs::read_dir(out).map_err(|e| format!("cannot read {}: {e}", out.display()))?;
    for path in entries.filter_map(|entry| entry.ok().map(|e| e.path())) {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if name.starts_with("vigil-") && name.ends_with(".zip") {
            std::fs::remove_file(&path)
                .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// Writes imsmanifest.xml at the zip's root, then every listed file of dist/.
fn write_zip(path: &Path, dist: &Path, package: &Package) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| format!("cannot write {}: {e}", path.display());
    let file = File::create(path).map_err(|e| fail(&e))?;
    let mut zip = ZipWriter::new(file);
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file("imsmanifest.xml", options)
        .map_err(|e| fail(&e))?;
    zip.write_all(manifest(package).as_bytes())
        .map_err(|e| fail(&e))?;
    for name in &package.files {
        let bytes =
            std::fs::read(dist.join(name)).map_err(|e| format!("cannot read dist/{name}: {e}"))?;
        zip.start_file(name.as_str(), options)
            .map_err(|e| fail(&e))?;
        zip.write_all(&bytes).map_err(|e| fail(&e))?;
    }
    zip.finish().map_err(|e| fail(&e))?;
    Ok(())
}
