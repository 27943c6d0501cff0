//! Lesson files: parsing, validation and assembly into the course model.
//!
//! A lesson is a folder under `lessons/` with one structure file (`module.toml`: step ids, kinds,
//! links, scores, sources) and one text file per language (`en.toml`, `fr.toml`, `nl.toml`: only
//! words, keyed by step id, with optional `note` fields for translators). Keeping the words apart
//! means a translator never touches a link, and a link can never differ between languages.
//!
//! Like mdBook's `parse_summary`, nothing here reads a file: the caller passes the contents and
//! the path to name in messages. Every problem is collected, never just the first, and each
//! names the file, the line and the step.

mod assemble;
mod diagnostic;
mod structure;
mod text;
mod tree;
mod validate;

pub use diagnostic::Diagnostic;

use crate::core::course::{Lang, Module};

/// One file handed to the compiler: the path to show in messages and its contents.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: String,
    pub contents: String,
}

/// The files of one lesson folder. `texts` may lack a language: that is reported, not assumed.
#[derive(Clone, Debug)]
pub struct LessonFiles {
    pub structure: SourceFile,
    pub texts: Vec<(Lang, SourceFile)>,
}

/// Compiles one lesson into a module per language, or returns every problem found.
pub fn compile(files: &LessonFiles) -> Result<Vec<(Lang, Module)>, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let structure = structure::parse(&files.structure, &mut diagnostics);
    let mut texts = Vec::new();
    for lang in Lang::ALL {
        match files.texts.iter().find(|(l, _)| *l == lang) {
            Some((_, file)) => {
                if let Some(text) = text::parse(file, &mut diagnostics) {
                    texts.push((lang, file, text));
                }
            }
            None => diagnostics.push(Diagnostic::file(
                &files.structure.path,
                1,
                format!(
                    "missing translation: no {} text file ({}.toml) beside this file",
                    lang.english_name(),
                    lang.code()
                ),
            )),
        }
    }
    let order: Vec<&str> = std::iter::once(files.structure.path.as_str())
        .chain(files.texts.iter().map(|(_, file)| file.path.as_str()))
        .collect();
    let Some(structure) = structure else {
        return Err(sorted(diagnostics, &order));
    };
    validate::check_graph(&files.structure.path, &structure, &mut diagnostics);
    let modules: Vec<(Lang, Module)> = texts
        .iter()
        .map(|(lang, file, text)| {
            let module = assemble::localize(
                &files.structure.path,
                &structure,
                *lang,
                file,
                text,
                &mut diagnostics,
            );
            (*lang, module)
        })
        .collect();
    if diagnostics.is_empty() {
        Ok(modules)
    } else {
        Err(sorted(diagnostics, &order))
    }
}

/// Sorts by file (the structure first, then the languages) and line, so that messages read top
/// to bottom, as an author fixes them.
fn sorted(mut diagnostics: Vec<Diagnostic>, file_order: &[&str]) -> Vec<Diagnostic> {
    let rank = |file: &str| {
        file_order
            .iter()
            .position(|f| *f == file)
            .unwrap_or(usize::MAX)
    };
    diagnostics.sort_by_key(|d| (rank(&d.file), d.line));
    diagnostics
}
