//! The texts there are to translate: every English text of the interface (locales/en.json), of
//! how an LMS lists the course (the `[package]` table of locales/en.toml) and of each module
//! (lessons/<module>/en.toml), with the notes for translators beside them, and a language's
//! texts read from the same places.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml_edit::{Document, Item, Table};

use super::json_spans;

/// Where the project's texts and translation records are.
pub struct Paths {
    pub lessons: PathBuf,
    pub locales: PathBuf,
    /// translations/: per language, the English each text was translated from.
    pub records: PathBuf,
}

/// How a source file is written, and so how its placeholders are.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Format {
    /// The interface (locales/<code>.json): `{{ name }}` placeholders.
    Json,
    /// A lesson file: `{police}` placeholders (a known fact).
    Toml,
    /// A locale's own file (locales/<code>.toml), of which only the `[package]` table is text
    /// to translate: TOML, with the interface's `{{ role }}` placeholders.
    LocaleToml,
}

/// One English source file and its texts.
pub struct Source {
    /// How the file is named in an XLIFF file and in messages: `locales/en.json`,
    /// `lessons/front-desk-check-in/en.toml`.
    pub original: String,
    pub format: Format,
    /// The folder the file lies in: a language's file is `<folder>/<code>.<ext>`.
    pub folder: PathBuf,
    /// The English file's own contents: a new language's file is made in its layout.
    pub contents: String,
    /// Notes on the whole file (a lesson file's opening comment).
    pub notes: Vec<String>,
    pub units: Vec<Unit>,
}

/// One text to translate.
#[derive(Clone, Debug)]
pub struct Unit {
    /// The dotted key path: `roles.front_desk`, `step.at-the-desk.choices.confront.label`.
    pub id: String,
    pub text: String,
    /// The translator notes that apply (comments and `note` fields of the English file), then
    /// where the text appears.
    pub notes: Vec<String>,
}

impl Source {
    pub fn extension(&self) -> &'static str {
        match self.format {
            Format::Json => "json",
            Format::Toml | Format::LocaleToml => "toml",
        }
    }

    /// The file holding this source's texts in a language.
    pub fn path_for(&self, code: &str) -> PathBuf {
        self.folder.join(format!("{code}.{}", self.extension()))
    }

    /// How that file is named in messages (`lessons/front-desk-check-in/fr.toml`).
    pub fn shown_for(&self, code: &str) -> String {
        let folder = self.original.rsplit_once('/').map_or("", |(f, _)| f);
        format!("{folder}/{code}.{}", self.extension())
    }

    /// The texts of this source in a language (none when its file is absent).
    pub fn read_language(&self, code: &str) -> Result<Option<Vec<Located>>, String> {
        let path = self.path_for(code);
        if !path.exists() {
            return Ok(None);
        }
        let contents =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", self.shown_for(code)))?;
        located(self.format, &contents)
            .map(Some)
            .map_err(|e| format!("{}: {e}", self.shown_for(code)))
    }
}

/// A text of a file with the byte span of its value, for editing it in place.
#[derive(Clone, Debug)]
pub struct Located {
    pub id: String,
    pub text: String,
    pub span: Range<usize>,
}

/// Every text of a file in its format, in the file's order (a lesson file's `note` fields
/// are for translators, not texts; of a locale's own file, only the `[package]` table's).
pub fn located(format: Format, contents: &str) -> Result<Vec<Located>, String> {
    let mut found = located_all(format, contents)?;
    if format == Format::LocaleToml {
        found.retain(|l| l.id.starts_with(PACKAGE));
    }
    Ok(found)
}

/// The prefix of the ids of a locale file's texts: its `[package]` table.
const PACKAGE: &str = "package.";

fn located_all(format: Format, contents: &str) -> Result<Vec<Located>, String> {
    match format {
        Format::Json => Ok(json_spans::texts(contents)?
            .into_iter()
            .map(|t| Located {
                id: t.path,
                text: t.text,
                span: t.span,
            })
            .collect()),
        Format::Toml | Format::LocaleToml => {
            let document = Document::parse(contents).map_err(|e| e.to_string())?;
            let mut found = Vec::new();
            walk_toml(
                document.as_table(),
                "",
                contents,
                &mut Vec::new(),
                &mut |unit, span| {
                    found.push(Located {
                        id: unit.id,
                        text: unit.text,
                        span,
                    })
                },
            );
            found.sort_by_key(|l| l.span.start);
            Ok(found)
        }
    }
}

/// Every English source: the interface first, then each module in folder order.
pub fn sources(paths: &Paths) -> Result<Vec<Source>, String> {
    let mut sources = Vec::new();
    let english = read(&paths.locales.join("en.json"), "locales/en.json")?;
    let units = json_spans::texts(&english)
        .map_err(|e| format!("locales/en.json: {e}"))?
        .into_iter()
        .map(|t| Unit {
            notes: vec![format!("Interface text `{}`.", t.path)],
            id: t.path,
            text: t.text,
        })
        .collect();
    sources.push(Source {
        original: "locales/en.json".to_string(),
        format: Format::Json,
        folder: paths.locales.clone(),
        contents: english,
        notes: vec!["The app's interface: buttons, headings, messages.".to_string()],
        units,
    });
    sources.push(package_source(paths)?);
    for folder in vigil::lesson_files::lesson_folders(&paths.lessons)? {
        if !folder.join("en.toml").exists() {
            continue;
        }
        let module = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let original = format!("lessons/{module}/en.toml");
        let contents = read(&folder.join("en.toml"), &original)?;
        let (notes, units) =
            toml_units(&contents, &module).map_err(|e| format!("{original}: {e}"))?;
        sources.push(Source {
            original,
            format: Format::Toml,
            folder,
            contents,
            notes,
            units,
        });
    }
    Ok(sources)
}

/// The `[package]` table of locales/en.toml: the titles and descriptions an LMS lists the
/// course and its tracks by (the cmi5.xml of `cargo xtask package`).
fn package_source(paths: &Paths) -> Result<Source, String> {
    let original = "locales/en.toml";
    let contents = read(&paths.locales.join("en.toml"), original)?;
    let document = Document::parse(&contents).map_err(|e| format!("{original}: {e}"))?;
    let package = document
        .get("package")
        .and_then(Item::as_table)
        .ok_or_else(|| format!("{original}: no [package] table"))?;
    let mut units = Vec::new();
    walk_toml(
        package,
        "package",
        &contents,
        &mut Vec::new(),
        &mut |mut unit, _| {
            unit.notes.push(format!(
                "How an LMS lists the course (cmi5.xml), `{}`.",
                unit.id
            ));
            units.push(unit);
        },
    );
    Ok(Source {
        original: original.to_string(),
        format: Format::LocaleToml,
        folder: paths.locales.clone(),
        contents,
        notes: vec![
            "How an LMS lists the course and its tracks: titles and descriptions of the course package."
                .to_string(),
        ],
        units,
    })
}

fn read(path: &Path, shown: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{shown}: cannot read: {e}"))
}

/// A lesson file's texts with their notes, and the notes on the whole file. A comment is a
/// note on what follows it: before a table's header or its first key, on the whole table (its
/// sub-tables' texts included); before any other key, on that key's text. The comment before
/// the file's first table is about the file.
fn toml_units(contents: &str, module: &str) -> Result<(Vec<String>, Vec<Unit>), String> {
    let document = Document::parse(contents).map_err(|e| e.to_string())?;
    let first_header = document
        .as_table()
        .iter()
        .filter_map(|(_, item)| item.as_table())
        .filter_map(|t| t.decor().prefix().and_then(|p| p.span()))
        .min_by_key(|span| span.start);
    let file_notes = first_header
        .map(|span| comments(&contents[span]))
        .unwrap_or_default();
    let mut units = Vec::new();
    let mut spans = Vec::new();
    walk_toml(
        document.as_table(),
        "",
        contents,
        &mut Vec::new(),
        &mut |mut unit, span| {
            unit.notes.push(where_it_appears(module, &unit.id));
            units.push(unit);
            spans.push(span.start);
        },
    );
    let mut ordered: Vec<(usize, Unit)> = spans.into_iter().zip(units).collect();
    ordered.sort_by_key(|(start, _)| *start);
    let mut units: Vec<Unit> = ordered.into_iter().map(|(_, u)| u).collect();
    // The file's opening comment is a file note, not a note on the first table's texts.
    for unit in &mut units {
        unit.notes.retain(|n| !file_notes.contains(n));
    }
    Ok((file_notes, units))
}

/// Calls `found` for every text of a table and its sub-tables, with the notes that apply.
fn walk_toml(
    table: &Table,
    path: &str,
    contents: &str,
    inherited: &mut Vec<String>,
    found: &mut dyn FnMut(Unit, Range<usize>),
) {
    let depth = inherited.len();
    if let Some(span) = table.decor().prefix().and_then(|p| p.span()) {
        inherited.extend(comments(&contents[span]));
    }
    let first_key = table
        .iter()
        .filter_map(|(key, item)| item.as_value().and(table.key(key)))
        .filter_map(|key| key.leaf_decor().prefix().and_then(|p| p.span()))
        .min_by_key(|span| span.start);
    if let Some(span) = &first_key {
        inherited.extend(comments(&contents[span.clone()]));
    }
    if let Some(note) = table.get("note").and_then(Item::as_str) {
        inherited.push(note.to_string());
    }
    for (key, item) in table.iter() {
        let id = if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        };
        match item {
            Item::Table(sub) => walk_toml(sub, &id, contents, inherited, found),
            Item::Value(value) if key != "note" => {
                let (Some(text), Some(span)) = (value.as_str(), value.span()) else {
                    continue;
                };
                let mut notes = inherited.clone();
                let own = table
                    .key(key)
                    .and_then(|k| k.leaf_decor().prefix())
                    .and_then(|p| p.span())
                    .filter(|span| Some(span) != first_key.as_ref());
                if let Some(own) = own {
                    notes.extend(comments(&contents[own]));
                }
                found(
                    Unit {
                        id,
                        text: text.to_string(),
                        notes,
                    },
                    span,
                );
            }
            _ => {}
        }
    }
    inherited.truncate(depth);
}

/// The comment lines of a piece of TOML's whitespace, each block of lines one note.
fn comments(raw: &str) -> Vec<String> {
    let mut notes = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    for line in raw.lines().map(str::trim) {
        match line.strip_prefix('#') {
            Some(comment) => block.push(comment.trim()),
            None if !block.is_empty() => {
                notes.push(block.join(" "));
                block.clear();
            }
            None => {}
        }
    }
    if !block.is_empty() {
        notes.push(block.join(" "));
    }
    notes
}

/// Where a lesson text appears, for a translator who sees it out of its page: "Module
/// front-desk-check-in, step at-the-desk, choice confront: its label".
fn where_it_appears(module: &str, id: &str) -> String {
    let parts: Vec<&str> = id.split('.').collect();
    let place = match parts.as_slice() {
        ["module", field] => format!("the module's {field} (in the course list)"),
        ["step", step, "choices", choice, field] => {
            format!("step {step}, choice {choice}: its {field}")
        }
        ["step", step, "options", option] => format!("step {step}, option {option}"),
        ["step", step, "points", point] => format!("step {step}, key point {point}"),
        ["step", step, field] => format!("step {step}: its {field}"),
        _ => id.to_string(),
    };
    format!("Module {module}, {place}.")
}

/// Texts by id, for looking a language's text up.
pub fn by_id(located: &[Located]) -> BTreeMap<&str, &Located> {
    located.iter().map(|l| (l.id.as_str(), l)).collect()
}
