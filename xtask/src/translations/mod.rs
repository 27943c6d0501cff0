//! `cargo xtask translations`: a translator's workflow. `export LANG` writes one XLIFF 1.2 file
//! with every text of the interface and of every module; `import FILE` writes the translator's
//! texts back into the language's files, in place; `status [LANG]` and `accept LANG` say and
//! record which translations are older than their English.

mod edit;
mod json_spans;
mod parse;
mod status;
mod texts;
mod validate;
mod xliff;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use vigil::core::course::Lang;

use status::{records_path, Records, Standing};
use texts::{Paths, Source};

const USAGE: &str = "usage: cargo xtask translations export LANG [--out FILE] | import FILE | status [LANG] | accept LANG | validate";

pub fn run(args: &[String]) -> Result<(), String> {
    let paths = paths();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["export", code] => export(&paths, code, None).map(|_| ()),
        ["export", code, "--out", file] => {
            export(&paths, code, Some(PathBuf::from(file))).map(|_| ())
        }
        ["import", file] => import(&paths, Path::new(file)),
        ["status"] => {
            for line in status_lines(&paths)? {
                println!("{line}");
            }
            Ok(())
        }
        ["status", code] => {
            let lang = language(code)?;
            let sources = texts::sources(&paths)?;
            let records = Records::read(&records_path(&paths, lang.code()))?;
            println!("{}", Standing::of(&sources, lang.code(), &records)?.line());
            Ok(())
        }
        ["accept", code] => accept(&paths, code),
        ["validate"] => validate::run_all(),
        _ => Err(USAGE.to_string()),
    }
}

/// Checks the export of every language with xmllint and translate-toolkit (`cargo xtask test`).
pub fn validate() -> Result<(), String> {
    validate::run_all()
}

/// The project's folders; VIGIL_LESSONS and VIGIL_LOCALES as for `cargo xtask lessons`, and
/// VIGIL_TRANSLATIONS for the records (the tests work on a copy).
pub fn paths() -> Paths {
    Paths {
        lessons: crate::lessons::lessons_dir(),
        locales: crate::lessons::locales_dir(),
        records: std::env::var_os("VIGIL_TRANSLATIONS")
            .map(PathBuf::from)
            .unwrap_or_else(|| crate::root().join("translations")),
    }
}

fn language(code: &str) -> Result<Lang, String> {
    let lang = Lang::parse(code)
        .filter(|l| l.code() == code)
        .ok_or_else(|| format!("`{code}` is not a language code (e.g. fr, nl, pt-BR)"))?;
    if lang == Lang::EN {
        return Err("English is the source: there is nothing to translate into it".to_string());
    }
    Ok(lang)
}

/// The present languages other than English: those with locales/<code>.toml.
pub(super) fn translated_languages(paths: &Paths) -> Result<Vec<Lang>, String> {
    let present = vigil::lesson_files::languages_in(&paths.locales)
        .map_err(|problems| problems.join("\n"))?;
    Ok(present
        .codes()
        .into_iter()
        .filter(|l| *l != Lang::EN)
        .collect())
}

/// One status line per translated language, as `cargo xtask lessons` prints them.
pub fn status_lines(paths: &Paths) -> Result<Vec<String>, String> {
    let sources = texts::sources(paths)?;
    let mut lines = Vec::new();
    for lang in translated_languages(paths)? {
        let records = Records::read(&records_path(paths, lang.code()))?;
        lines.push(format!(
            "translations: {}",
            Standing::of(&sources, lang.code(), &records)?.line()
        ));
    }
    Ok(lines)
}

fn export(paths: &Paths, code: &str, out: Option<PathBuf>) -> Result<PathBuf, String> {
    let lang = language(code)?;
    let sources = texts::sources(paths)?;
    let records = Records::read(&records_path(paths, lang.code()))?;
    let standing = Standing::of(&sources, lang.code(), &records)?;
    let out = out.unwrap_or_else(|| {
        crate::root().join(format!("target/translations/vigil-{}.xlf", lang.code()))
    });
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(&out, xliff::write(&sources, &standing))
        .map_err(|e| format!("{}: cannot write: {e}", out.display()))?;
    println!("{}", standing.line());
    println!("wrote {}", out.display());
    if !paths.locales.join(format!("{}.toml", lang.code())).exists() {
        println!(
            "{} is not a present language yet: write locales/{}.toml (its name, direction, draft = true) before importing, see README.md (Translating)",
            lang.code(),
            lang.code()
        );
    }
    Ok(out)
}

/// Reads the whole file first and writes nothing unless every unit passes: then each changed
/// text into its file, and for each text a translator confirmed, the English it was made from.
pub(super) fn import(paths: &Paths, file: &Path) -> Result<(), String> {
    let shown = file.display().to_string();
    let xml = std::fs::read_to_string(file).map_err(|e| format!("{shown}: cannot read: {e}"))?;
    let sources = texts::sources(paths)?;
    let refuse = |problems: Vec<String>| {
        for problem in &problems {
            eprintln!("{problem}");
        }
        format!("{} problem(s) in {shown}: nothing imported", problems.len())
    };
    let import = parse::read(&shown, &xml, &sources).map_err(refuse)?;
    let code = import.lang.code().to_string();
    if !paths.locales.join(format!("{code}.toml")).exists() {
        return Err(refuse(vec![format!(
            "{shown}: wrong target-language \"{code}\": not a present language; write locales/{code}.toml first (see README.md, Translating)"
        )]));
    }
    let records_file = records_path(paths, &code);
    let mut records = Records::read(&records_file)?;
    let mut changes: Vec<BTreeMap<String, String>> = vec![BTreeMap::new(); sources.len()];
    for text in &import.texts {
        changes[text.source].insert(text.id.clone(), text.text.clone());
        if !text.needs_review {
            records.set(&sources[text.source].original, &text.id, &text.english);
        }
    }
    // Every file is edited in memory first, so that one that cannot be leaves all unwritten.
    let mut writes = Vec::new();
    for (source, changes) in sources.iter().zip(&changes) {
        if changes.is_empty() {
            continue;
        }
        let path = source.path_for(&code);
        let current = match path.exists() {
            true => Some(
                std::fs::read_to_string(&path)
                    .map_err(|e| format!("{}: cannot read: {e}", source.shown_for(&code)))?,
            ),
            false => None,
        };
        let written = edit::apply(source, current.as_deref(), changes)
            .map_err(|e| format!("{}: {e}", source.shown_for(&code)))?;
        if current.as_deref() != Some(written.as_str()) {
            writes.push((source, path, written));
        }
    }
    for (source, path, written) in &writes {
        std::fs::write(path, written)
            .map_err(|e| format!("{}: cannot write: {e}", source.shown_for(&code)))?;
        println!("wrote {}", source.shown_for(&code));
    }
    if records.write_if_changed(&records_file, &code)? {
        println!("wrote the record of translations/{code}.toml");
    }
    let sources = texts::sources(paths)?;
    println!("{}", Standing::of(&sources, &code, &records)?.line());
    Ok(())
}

/// Records the current English as the source of every text the language has: after a review
/// that found the translations still right, or once to start the records.
fn accept(paths: &Paths, code: &str) -> Result<(), String> {
    let lang = language(code)?;
    let sources: Vec<Source> = texts::sources(paths)?;
    let file = records_path(paths, lang.code());
    let mut records = Records::read(&file)?;
    let standing = Standing::of(&sources, lang.code(), &records)?;
    for (source, states) in sources.iter().zip(&standing.files) {
        for (unit, (text, _)) in source.units.iter().zip(states) {
            if text.as_deref().is_some_and(|t| !t.trim().is_empty()) {
                records.set(&source.original, &unit.id, &unit.text);
            }
        }
    }
    records.write_if_changed(&file, lang.code())?;
    println!("{}", Standing::of(&sources, lang.code(), &records)?.line());
    Ok(())
}
