//! Reads lesson folders from disk and compiles them into one course per language.
//!
//! This is the build's edge around `core::lesson`: it adds "which file" context to I/O errors
//! and hands the core plain text. Used by `cargo xtask lessons` and by the tests; the app itself
//! only ever sees the compiled JSON bundles.

use std::path::Path;

use crate::core::course::{Course, Lang};
use crate::core::language::{Language, Languages};
use crate::core::lesson::{self, LessonFiles, SourceFile};
use crate::core::lms;

/// The repository's own locales folder: where the languages are unless a caller names another.
pub fn default_locales() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

/// The repository's languages (see `languages_in`); panics with the problems if they are
/// broken, which only a test or a build tool calls it for.
pub fn languages() -> Languages {
    languages_in(&default_locales()).unwrap_or_else(|problems| panic!("{}", problems.join("\n")))
}

/// A language's interface text from `locales/<code>.json`, with the file named in its text, and
/// flattened to dotted keys as the app reads it: the build, the tests and the tools read it so.
pub fn read_locale(
    locales: &Path,
    lang: Lang,
) -> Result<(String, std::collections::BTreeMap<String, String>), String> {
    let path = locales.join(format!("{lang}.json"));
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let words = crate::core::language::flatten_locale(&text)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((text, words))
}

/// The languages present in a locales folder: every `<code>.json` with its `<code>.toml`. One
/// message per problem: a locale file without its description or the other way round, a file
/// name that is no language code, a description that does not read.
pub fn languages_in(locales: &Path) -> Result<Languages, Vec<String>> {
    let entries = std::fs::read_dir(locales).map_err(|e| {
        vec![format!(
            "failed to read the locales folder `{}`: {e}",
            locales.display()
        )]
    })?;
    let mut stems: Vec<(String, String)> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter_map(|path| {
            let ext = path.extension()?.to_str()?.to_string();
            let stem = path.file_stem()?.to_str()?.to_string();
            Some((stem, ext))
        })
        .filter(|(_, ext)| ext == "json" || ext == "toml")
        .collect();
    stems.sort();
    let shown = |name: &str| format!("{}/{name}", locales.display());
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for (stem, ext) in &stems {
        let other = if ext == "json" { "toml" } else { "json" };
        if !stems.iter().any(|(s, e)| s == stem && e == other) {
            problems.push(format!(
                "{}: a language needs both `{stem}.json` (its interface text) and `{stem}.toml` (its name and direction); `{stem}.{other}` is missing",
                shown(&format!("{stem}.{ext}"))
            ));
            continue;
        }
        if ext != "toml" {
            continue;
        }
        let Some(lang) = Lang::parse(stem).filter(|l| l.code() == stem) else {
            problems.push(format!(
                "{}: `{stem}` is not a language code such as `de` or `pt-BR`",
                shown(&format!("{stem}.toml"))
            ));
            continue;
        };
        let path = locales.join(format!("{stem}.toml"));
        match std::fs::read_to_string(&path) {
            Ok(text) => match Language::parse(lang, &text) {
                Ok(language) => found.push(language),
                Err(e) => problems.push(format!("{}: {e}", shown(&format!("{stem}.toml")))),
            },
            Err(e) => problems.push(format!("{}: failed to read: {e}", path.display())),
        }
    }
    if !found.iter().any(|l| l.lang == Lang::EN) && problems.is_empty() {
        problems.push(format!(
            "{}: English (`en.json` and `en.toml`) is the source every language is translated from, and is missing",
            locales.display()
        ));
    }
    if problems.is_empty() {
        Ok(Languages::new(found))
    } else {
        Err(problems)
    }
}

/// Compiles every lesson folder under `dir` for the repository's languages (see
/// `compile_dir_with`).
pub fn compile_dir(dir: &Path) -> Result<Vec<Course>, Vec<String>> {
    let languages = languages_in(&default_locales())?;
    compile_dir_with(dir, &languages)
}

/// Compiles every lesson folder under `dir`, in the order `dir/course.toml` gives (name order
/// without one), into one course per language of `languages`. On failure, returns every problem
/// of every lesson, one line each.
pub fn compile_dir_with(dir: &Path, languages: &Languages) -> Result<Vec<Course>, Vec<String>> {
    let folders = lesson_folders(dir).map_err(|e| vec![e])?;
    let shown_from = dir.parent().unwrap_or(dir);
    let names: Vec<String> = folders
        .iter()
        .filter_map(|f| f.file_name()?.to_str().map(str::to_string))
        .collect();
    let order_file = dir.join("course.toml");
    let order = if order_file.exists() {
        let file = read_file(&order_file, shown_from).map_err(|e| vec![e])?;
        Some(
            lesson::order::parse(&file, &names)
                .map_err(|diags| diags.iter().map(ToString::to_string).collect::<Vec<_>>())?,
        )
    } else {
        None
    };
    let mut courses: Vec<Course> = languages
        .codes()
        .into_iter()
        .map(|lang| Course {
            lang,
            modules: Vec::new(),
        })
        .collect();
    let mut problems = Vec::new();
    for (folder, name) in folders.iter().zip(&names) {
        let files = match read_lesson(folder, shown_from) {
            Ok(files) => files,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        match lesson::compile(&files, languages) {
            Ok(modules) => {
                let english = modules.iter().find(|(lang, _)| *lang == Lang::EN);
                if let Some(problem) = english.and_then(|(_, m)| lesson::check_minutes(&files, m)) {
                    problems.push(problem.to_string());
                    continue;
                }
                let unsound = lesson::check_assessment(&files, &modules, lms::MASTERY);
                if !unsound.is_empty() {
                    problems.extend(unsound.iter().map(ToString::to_string));
                    continue;
                }
                if let Some((_, module)) = modules.first().filter(|(_, m)| m.id != *name) {
                    problems.push(format!(
                        "{}:1: the module's id \"{}\" differs from its folder's name \"{name}\"",
                        files.structure.path, module.id
                    ));
                    continue;
                }
                for (lang, module) in modules {
                    if let Some(course) = courses.iter_mut().find(|c| c.lang == lang) {
                        course.modules.push(module);
                    }
                }
            }
            Err(diagnostics) => problems.extend(diagnostics.iter().map(ToString::to_string)),
        }
    }
    if let Some(order) = &order {
        for course in &mut courses {
            course
                .modules
                .sort_by_key(|m| order.iter().position(|id| *id == m.id));
        }
    }
    // A completion code names modules by a short key of their id: two modules with the same
    // key could not be told apart in a class summary.
    if let Some(course) = courses.first() {
        let ids: Vec<&str> = course.modules.iter().map(|m| m.id.as_str()).collect();
        for (a, b) in crate::core::completion::key_collisions(&ids) {
            problems.push(format!(
                "{}/{b}/module.toml:1: the module id \"{b}\" has the same completion-code key as \"{a}\": rename one of them",
                dir.strip_prefix(shown_from).unwrap_or(dir).display()
            ));
        }
    }
    if problems.is_empty() {
        Ok(courses)
    } else {
        Err(problems)
    }
}

pub fn lesson_folders(dir: &Path) -> Result<Vec<std::path::PathBuf>, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("failed to read the lessons folder `{}`: {e}", dir.display()))?;
    let mut folders: Vec<_> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_dir())
        .collect();
    folders.sort();
    Ok(folders)
}

/// Reads one lesson folder. Paths in messages are shown relative to `shown_from`: for the real
/// lessons that is the repository, so they read as an author types them
/// (`lessons/front-desk-check-in/fr.toml`).
pub fn read_lesson(folder: &Path, shown_from: &Path) -> Result<LessonFiles, String> {
    let read = |path: &Path| read_file(path, shown_from);
    let structure = read(&folder.join("module.toml"))?;
    // Every text file of the folder, whatever its language: the compiler tells a language that
    // is missing, and one that has no locale files, apart.
    let mut paths: Vec<_> = std::fs::read_dir(folder)
        .map_err(|e| format!("failed to read `{}`: {e}", folder.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let mut texts = Vec::new();
    for path in paths {
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if stem == "module" {
            continue;
        }
        match Lang::parse(stem).filter(|l| l.code() == stem) {
            Some(lang) => texts.push((lang, read(&path)?)),
            None => {
                return Err(format!(
                    "{}: a lesson folder holds module.toml and one `<language>.toml` per language; `{stem}` is not a language code",
                    read(&path)?.path
                ))
            }
        }
    }
    Ok(LessonFiles { structure, texts })
}

fn read_file(path: &Path, shown_from: &Path) -> Result<SourceFile, String> {
    let shown = path
        .strip_prefix(shown_from)
        .unwrap_or(path)
        .display()
        .to_string();
    let contents =
        std::fs::read_to_string(path).map_err(|e| format!("{shown}: failed to read: {e}"))?;
    Ok(SourceFile {
        path: shown,
        contents,
    })
}

/// Writes a copy of `lessons` and `locales` into `out` with one more language, `code`, made by
/// `pseudo_bidi` from the English: its locale, its description (right to left, a draft) and a
/// text file per module. The browser tests build the app from it to see a right-to-left page;
/// nothing in the code names the language, which is the point.
pub fn write_pseudo_language(
    lessons: &Path,
    locales: &Path,
    out: &Path,
    code: &str,
) -> Result<(), String> {
    use crate::core::language::pseudo_bidi;
    let io = |what: &Path, e: std::io::Error| format!("{}: {e}", what.display());
    copy_tree(lessons, &out.join("lessons")).map_err(|e| io(lessons, e))?;
    copy_tree(locales, &out.join("locales")).map_err(|e| io(locales, e))?;
    let english = std::fs::read_to_string(locales.join("en.json")).map_err(|e| io(locales, e))?;
    let mut value: serde_json::Value =
        serde_json::from_str(&english).map_err(|e| format!("locales/en.json: {e}"))?;
    map_json_strings(&mut value, &pseudo_bidi);
    let json = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
    let locale_out = out.join("locales");
    std::fs::write(locale_out.join(format!("{code}.json")), json).map_err(|e| io(out, e))?;
    std::fs::write(
        locale_out.join(format!("{code}.toml")),
        "# A pseudo-language for the browser tests: English written right to left.\nname = \"Pseudo-bidi\"\ndirection = \"rtl\"\ndraft = true\n",
    )
    .map_err(|e| io(out, e))?;
    for folder in lesson_folders(&out.join("lessons"))? {
        let source = folder.join("en.toml");
        let text = std::fs::read_to_string(&source).map_err(|e| io(&source, e))?;
        let table: toml::Table =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", source.display()))?;
        let mut written = String::from("# Pseudo-bidi, made from en.toml by the browser tests.\n");
        write_toml_table(&mut written, &table, "", &pseudo_bidi);
        let target = folder.join(format!("{code}.toml"));
        std::fs::write(&target, written).map_err(|e| io(&target, e))?;
    }
    Ok(())
}

/// Copies a folder and everything in it (the tools copy the texts to work on them aside).
pub fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

fn map_json_strings(value: &mut serde_json::Value, f: &dyn Fn(&str) -> String) {
    match value {
        serde_json::Value::String(text) => *text = f(text),
        serde_json::Value::Object(map) => map.values_mut().for_each(|v| map_json_strings(v, f)),
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| map_json_strings(v, f)),
        _ => {}
    }
}

/// A lesson text file's tables, written back with `f` applied to every text: the values first
/// under the table's header, then its sub-tables. A JSON string is a valid TOML basic string.
fn write_toml_table(out: &mut String, table: &toml::Table, path: &str, f: &dyn Fn(&str) -> String) {
    use std::fmt::Write as _;
    let values: Vec<_> = table.iter().filter(|(_, v)| !v.is_table()).collect();
    if !values.is_empty() && !path.is_empty() {
        let _ = writeln!(out, "\n[{path}]");
    }
    for (key, value) in values {
        if let Some(text) = value.as_str() {
            let quoted = serde_json::to_string(&f(text)).unwrap_or_default();
            let _ = writeln!(out, "{key} = {quoted}");
        }
    }
    for (key, value) in table.iter() {
        if let Some(sub) = value.as_table() {
            let inner = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            write_toml_table(out, sub, &inner, f);
        }
    }
}

/// The words of the cmi5 package in each language of `offered` (`packaging::cmi5::Texts`): the
/// `[package]` table of `locales/<code>.toml` and the role names of `locales/<code>.json`. The
/// titles are held to the language's refused terms and typography, as the lessons are, since an
/// LMS shows them to every learner. One message per problem, naming the file.
pub fn cmi5_texts(
    locales: &Path,
    languages: &Languages,
    offered: &[Lang],
) -> Result<Vec<crate::packaging::cmi5::Texts>, Vec<String>> {
    use crate::core::course::ROLES;
    use crate::core::language::Typography;
    use crate::core::lesson::wording;
    use crate::packaging::cmi5::{Texts, Words};

    let mut all = Vec::new();
    let mut problems = Vec::new();
    for lang in offered {
        let Some(language) = languages.get(*lang) else {
            problems.push(format!(
                "{}: no such language in {}",
                lang,
                locales.display()
            ));
            continue;
        };
        let toml_path = locales.join(format!("{lang}.toml"));
        let json_path = locales.join(format!("{lang}.json"));
        let words = std::fs::read_to_string(&toml_path)
            .map_err(|e| format!("{}: failed to read: {e}", toml_path.display()))
            .and_then(|text| {
                let mut table: toml::Table = toml::from_str(&text)
                    .map_err(|e| format!("{}: {}", toml_path.display(), e.message()))?;
                let package = table.remove("package").ok_or_else(|| {
                    format!(
                        "{}: no [package] table (the course's titles for an LMS, see en.toml)",
                        toml_path.display()
                    )
                })?;
                package
                    .try_into::<Words>()
                    .map_err(|e| format!("{}: [package]: {}", toml_path.display(), e.message()))
            });
        let roles = std::fs::read_to_string(&json_path)
            .map_err(|e| format!("{}: failed to read: {e}", json_path.display()))
            .and_then(|text| {
                let flat = crate::core::language::flatten_locale(&text)
                    .map_err(|e| format!("{}: {e}", json_path.display()))?;
                Ok(ROLES
                    .iter()
                    .filter_map(|role| {
                        let name = flat.get(&format!("roles.{}", role.replace('-', "_")))?;
                        Some((role.to_string(), name.clone()))
                    })
                    .collect())
            });
        match (words, roles) {
            (Ok(words), Ok(roles)) => {
                for text in [
                    &words.title,
                    &words.description,
                    &words.whole_title,
                    &words.whole_description,
                    &words.track_title,
                    &words.track_description,
                ] {
                    let mut found = wording::refused(text, language);
                    if language.typography == Some(Typography::French) {
                        found.extend(wording::french_problems(text));
                    }
                    for problem in found {
                        problems.push(format!(
                            "{}: [package]: {}",
                            toml_path.display(),
                            problem.message
                        ));
                    }
                }
                all.push(Texts {
                    lang: lang.to_string(),
                    words,
                    roles,
                });
            }
            (words, roles) => problems.extend(words.err().into_iter().chain(roles.err())),
        }
    }
    if problems.is_empty() {
        Ok(all)
    } else {
        Err(problems)
    }
}
