//! `cargo xtask package [--track ROLE]... [--cmi5-id-base IRI]`: builds the release app and
//! writes ready-to-upload zips into packages/: SCORM, one per standard for the whole course and,
//! per track asked for, one per standard launched at `index.html?role=ROLE`; and one cmi5
//! package holding an AU for the whole course and one per track.
//!
//! The manifests' content is decided by `vigil::packaging`; this file only does the I/O.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use vigil::core::course::ROLES;
use vigil::packaging::cmi5;
use vigil::packaging::{manifest, package_name, Package, Standard};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::{build_release, root};

const TITLE: &str = "Vigil: child protection in travel and tourism";
/// The score, in percent, at which the LMS records the course as passed: the same mark the
/// app judges by when the LMS gives none (core::lms::MASTERY).
const MASTERY_PERCENT: u32 = vigil::core::lms::MASTERY;

pub fn run(args: &[String]) -> Result<(), String> {
    // Arguments and the course's titles are checked before the build, so a typo costs seconds,
    // not minutes.
    let options = options(args)?;
    let course = cmi5_course(&options.tracks, &options.id_base)?;
    if !options.id_base_given {
        println!(
            "note: the cmi5 ids are under {}, a placeholder: pass --cmi5-id-base with an IRI you control (README, \"cmi5 package\")",
            cmi5::DEFAULT_ID_BASE
        );
    }
    let tracks = options.tracks;
    build_release()?;
    let dist = root().join("dist");
    let files = dist_files(&dist)?;
    let out = root().join("packages");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create packages/: {e}"))?;
    remove_old_packages(&out)?;
    let path = write_cmi5(&out, &dist, &files, &course)?;
    print_size(&path)?;

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
            write_zip(
                &path,
                &dist,
                ("imsmanifest.xml", &manifest(&package)),
                &package.files,
            )?;
            print_size(&path)?;
        }
    }
    Ok(())
}

fn print_size(path: &Path) -> Result<(), String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?
        .len();
    println!("{}  {:.1} KiB", path.display(), size as f64 / 1024.0);
    Ok(())
}

/// The cmi5 package's course: its AUs, and its titles in every language offered by default
/// (drafts aside, as the built app offers them).
fn cmi5_course(tracks: &[String], id_base: &str) -> Result<cmi5::Course, String> {
    let locales = crate::lessons::locales_dir();
    let present =
        vigil::lesson_files::languages_in(&locales).map_err(|problems| problems.join("\n"))?;
    let texts = vigil::lesson_files::cmi5_texts(&locales, &present, &present.offered_by_default())
        .map_err(|problems| problems.join("\n"))?;
    let course = cmi5::Course {
        id_base: cmi5::id_base(id_base)?,
        tracks: tracks.to_vec(),
        mastery_percent: MASTERY_PERCENT,
        texts,
    };
    // Written once here so that a problem in a title stops the command before the build.
    cmi5::course_structure(&course)?;
    Ok(course)
}

/// The cmi5 package the browser tests import: every track, the default ids, from the dist/ just
/// built, in target/cmi5-package/ (packages/ is the user's).
pub fn write_test_cmi5() -> Result<PathBuf, String> {
    let tracks: Vec<String> = ROLES.iter().map(|r| r.to_string()).collect();
    let course = cmi5_course(&tracks, cmi5::DEFAULT_ID_BASE)?;
    let dist = root().join("dist");
    let out = root().join("target/cmi5-package");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    write_cmi5(&out, &dist, &dist_files(&dist)?, &course)
}

/// Writes vigil-cmi5.zip into `out`: cmi5.xml at its root, then every file of the app.
fn write_cmi5(
    out: &Path,
    dist: &Path,
    files: &[String],
    course: &cmi5::Course,
) -> Result<PathBuf, String> {
    let path = out.join(cmi5::PACKAGE_NAME);
    let xml = cmi5::course_structure(course)?;
    write_zip(&path, dist, (cmi5::FILE_NAME, &xml), files)?;
    Ok(path)
}

struct Options {
    tracks: Vec<String>,
    id_base: String,
    id_base_given: bool,
}

/// The roles of `--track ROLE` (repeatable), each one a role the course knows, and the base of
/// the cmi5 ids (`--cmi5-id-base IRI`).
fn options(args: &[String]) -> Result<Options, String> {
    let mut tracks = Vec::new();
    let mut id_base = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--cmi5-id-base" {
            let iri = args.next().ok_or(
                "--cmi5-id-base needs an absolute IRI you control, such as https://training.example.com/cmi5/vigil",
            )?;
            id_base = Some(cmi5::id_base(iri)?);
            continue;
        }
        if arg != "--track" {
            return Err(format!(
                "unknown argument `{arg}`: usage: cargo xtask package [--track ROLE]... [--cmi5-id-base IRI]"
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
    Ok(Options {
        tracks,
        id_base_given: id_base.is_some(),
        id_base: id_base.unwrap_or_else(|| cmi5::DEFAULT_ID_BASE.to_string()),
    })
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

/// Writes `root` (a manifest's name and text) at the zip's root, then every listed file of dist/.
fn write_zip(
    path: &Path,
    dist: &Path,
    (root_name, root_text): (&str, &str),
    files: &[String],
) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| format!("cannot write {}: {e}", path.display());
    let file = File::create(path).map_err(|e| fail(&e))?;
    let mut zip = ZipWriter::new(file);
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file(root_name, options).map_err(|e| fail(&e))?;
    zip.write_all(root_text.as_bytes()).map_err(|e| fail(&e))?;
    for name in files {
        let bytes =
            std::fs::read(dist.join(name)).map_err(|e| format!("cannot read dist/{name}: {e}"))?;
        zip.start_file(name.as_str(), options)
            .map_err(|e| fail(&e))?;
        zip.write_all(&bytes).map_err(|e| fail(&e))?;
    }
    zip.finish().map_err(|e| fail(&e))?;
    Ok(())
}
