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
pub mod order;
mod structure;
mod text;
pub mod timing;
mod tree;
mod validate;
pub mod wording;

pub use diagnostic::Diagnostic;

use std::collections::BTreeSet;

use crate::core::course::{Lang, Module};
use crate::core::language::{Languages, Typography};
use crate::core::placeholder::{self, Fact};
use crate::core::reporting;

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

/// Compiles one lesson into a module per present language, or returns every problem found.
pub fn compile(
    files: &LessonFiles,
    languages: &Languages,
) -> Result<Vec<(Lang, Module)>, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let structure = structure::parse(&files.structure, &mut diagnostics);
    let mut texts = Vec::new();
    for lang in languages.codes() {
        match files.texts.iter().find(|(l, _)| *l == lang) {
            Some((_, file)) => {
                if let Some(text) = text::parse(file, &mut diagnostics) {
                    texts.push((lang, file, text));
                }
            }
            None => diagnostics.push(Diagnostic::file(
                &files.structure.path,
                1,
                format!("missing translation: no {lang}.toml text file beside this file"),
            )),
        }
    }
    for (lang, file) in &files.texts {
        if languages.get(*lang).is_none() {
            diagnostics.push(Diagnostic::file(
                &file.path,
                1,
                format!(
                    "{lang} is not a present language: add locales/{lang}.json and locales/{lang}.toml, or remove this file"
                ),
            ));
        }
    }
    let order: Vec<&str> = std::iter::once(files.structure.path.as_str())
        .chain(files.texts.iter().map(|(_, file)| file.path.as_str()))
        .collect();
    let Some(structure) = structure else {
        return Err(sorted(diagnostics, &order));
    };
    validate::check_graph(&files.structure.path, &structure, &mut diagnostics);
    validate::check_shuffle(&files.structure.path, &structure, &mut diagnostics);
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
    check_placeholders_agree(&modules, files, &mut diagnostics);
    check_wording(&modules, files, languages, &mut diagnostics);
    if diagnostics.is_empty() {
        Ok(modules)
    } else {
        Err(sorted(diagnostics, &order))
    }
}

/// The Luxembourg Guidelines' terms in every language, and French typography, checked on every
/// text a learner or a facilitator reads (translator notes are not read, so not checked).
fn check_wording(
    modules: &[(Lang, Module)],
    files: &LessonFiles,
    languages: &Languages,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (lang, module) in modules {
        let Some((_, file)) = files.texts.iter().find(|(l, _)| l == lang) else {
            continue;
        };
        let Some(language) = languages.get(*lang) else {
            continue;
        };
        let problems = |text: &str| {
            let mut found = wording::refused(text, language);
            if language.typography == Some(Typography::French) {
                found.extend(wording::french_problems(text));
            }
            found
        };
        let module_line = file
            .contents
            .lines()
            .position(|line| line.trim() == "[module]")
            .map_or(1, |index| index + 1);
        for text in [module.title.as_str(), module.summary.as_str()] {
            for problem in problems(text) {
                let line = line_of(&file.contents, module_line, &problem.at);
                diagnostics.push(Diagnostic::file(&file.path, line, problem.message));
            }
        }
        for step in &module.steps {
            let mut seen = Vec::new();
            let header = step_line(&file.contents, &step.id);
            for problem in step.texts().into_iter().flat_map(problems) {
                if !seen.contains(&problem.message) {
                    diagnostics.push(Diagnostic::step(
                        &file.path,
                        line_of(&file.contents, header, &problem.at),
                        &step.id,
                        problem.message.clone(),
                    ));
                    seen.push(problem.message);
                }
            }
        }
    }
}

/// A fact named by placeholder in one language of a step must be named in every language of
/// it: otherwise a Dutch learner could miss the number an English one is given.
fn check_placeholders_agree(
    modules: &[(Lang, Module)],
    files: &LessonFiles,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let facts_of = |step: &crate::core::course::Step| -> BTreeSet<Fact> {
        step.texts()
            .into_iter()
            .filter_map(|text| placeholder::scan(text).ok())
            .flatten()
            .collect()
    };
    let Some((_, first)) = modules.first() else {
        return;
    };
    for (lang, module) in modules {
        let Some((_, file)) = files.texts.iter().find(|(l, _)| l == lang) else {
            continue;
        };
        for step in &module.steps {
            for contact in written_channels(step.texts(), *lang) {
                diagnostics.push(Diagnostic::step(
                    &file.path,
                    step_line(&file.contents, &step.id),
                    &step.id,
                    contact,
                ));
            }
        }
    }
    for step in &first.steps {
        let per_lang: Vec<(Lang, BTreeSet<Fact>)> = modules
            .iter()
            .filter_map(|(lang, module)| module.step(&step.id).map(|s| (*lang, facts_of(s))))
            .collect();
        let all: BTreeSet<Fact> = per_lang
            .iter()
            .flat_map(|(_, f)| f.iter().copied())
            .collect();
        for (lang, facts) in &per_lang {
            let missing: Vec<String> = all
                .difference(facts)
                .map(|f| format!("{{{}}}", f.name()))
                .collect();
            if missing.is_empty() {
                continue;
            }
            let Some((_, file)) = files.texts.iter().find(|(l, _)| l == lang) else {
                continue;
            };
            diagnostics.push(Diagnostic::step(
                &file.path,
                step_line(&file.contents, &step.id),
                &step.id,
                format!(
                    "placeholder {} is used in another language of this step but not in {}",
                    missing.join(", "),
                    lang.code()
                ),
            ));
        }
    }
}

/// A number or site that a lesson writes into its text is right in one country and wrong in the
/// others: each one found, with what to write instead.
fn written_channels(texts: Vec<&str>, lang: Lang) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for channel in reporting::every_channel() {
        let contact = channel.contact(lang);
        // Short numbers such as 17 are also ages and times: only longer contacts are searched.
        if contact.len() < 3 || !texts.iter().any(|text| names(text, contact)) {
            continue;
        }
        // A number that answers two facts (112 in the Netherlands) suggests the first one.
        let instead = match channel.answers.first() {
            Some(fact) => format!("write {{{}}} instead", fact.name()),
            None => "numbers and reporting sites are data by country, listed by the app under the ending".to_string(),
        };
        let message = format!("names \"{contact}\" in its text: {instead}");
        if !found.contains(&message) {
            found.push(message);
        }
    }
    found
}

/// Whether `text` contains `contact` as a whole word (not inside a longer number or name).
fn names(text: &str, contact: &str) -> bool {
    text.match_indices(contact).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + contact.len()..].chars().next();
        let joins = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
        !joins(before) && !joins(after)
    })
}

/// The line of a step's `[step.<id>]` table in a language file (1 if it cannot be found).
/// The first line from `from` on (1-based) that holds `words`, or `from` itself: where a problem
/// found in a step's text stands in its file.
fn line_of(contents: &str, from: usize, words: &str) -> usize {
    contents
        .lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, line)| !words.is_empty() && line.contains(words))
        .map_or(from, |(index, _)| index + 1)
}

fn step_line(contents: &str, id: &str) -> usize {
    let header = format!("[step.{id}]");
    let nested = format!("[step.{id}.");
    contents
        .lines()
        .position(|line| {
            let line = line.trim_start();
            line.starts_with(&header) || line.starts_with(&nested)
        })
        .map_or(1, |index| index + 1)
}

/// A course rule, checked by the build on every real module (`lesson_files::compile_dir`) but
/// not on a lone lesson, whose tests need not be a realistic length: the stated `minutes` must
/// be honest, the words of the English longest path at 180 a minute lying within half and twice
/// of it.
pub fn check_minutes(files: &LessonFiles, english: &Module) -> Option<Diagnostic> {
    let words = timing::longest_path_words(english);
    let (low, high) = timing::honest_minutes(words);
    let stated = english.minutes as usize;
    if (low..=high).contains(&stated) {
        return None;
    }
    let line = files
        .structure
        .contents
        .lines()
        .position(|line| line.trim_start().starts_with("minutes"))
        .map_or(1, |index| index + 1);
    Some(Diagnostic::file(
        &files.structure.path,
        line,
        format!(
            "`minutes` is {stated}, but the longest path has {words} words in English, about {} minutes at {} words a minute: state between {low} and {high}",
            words.div_ceil(timing::WORDS_PER_MINUTE),
            timing::WORDS_PER_MINUTE
        ),
    ))
}

/// Is the module's score worth something? No strategy that ignores the words may reach the pass
/// mark (`pass_mark`, in percent), the best choice may be the longest, or the shortest, in at
/// most a third of the questions of each language, and true-or-false checks may not all share
/// one answer. Each problem names the module's file and the strategy or the language.
pub fn check_assessment(
    files: &LessonFiles,
    modules: &[(Lang, Module)],
    pass_mark: u32,
) -> Vec<Diagnostic> {
    use crate::core::assessment::{self, Strategy};
    let mut problems = Vec::new();
    let text_file = |lang: Lang| {
        files
            .texts
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or(files.structure.path.as_str(), |(_, f)| f.path.as_str())
    };
    for (index, (lang, module)) in modules.iter().enumerate() {
        for outcome in assessment::outcomes(module, pass_mark) {
            // Only the length strategies read the words; the others are the same in every
            // language, so they are told once, against the structure.
            let by_length = matches!(outcome.strategy, Strategy::Longest | Strategy::Shortest);
            if !by_length && index > 0 {
                continue;
            }
            if outcome.expected >= f64::from(pass_mark) {
                let (file, language) = if by_length {
                    (text_file(*lang), format!(" in {}", lang.code()))
                } else {
                    (files.structure.path.as_str(), String::new())
                };
                problems.push(Diagnostic::file(
                    file,
                    1,
                    format!(
                        "module \"{}\": a learner who answers {}{language} scores {:.0}% on average, at or above the pass mark of {pass_mark}%",
                        module.id,
                        outcome.strategy.name(),
                        outcome.expected
                    ),
                ));
            }
        }
        let hints = assessment::hints(module);
        for (count, what) in [
            (hints.best_is_longest, "longest"),
            (hints.best_is_shortest, "shortest"),
        ] {
            if count > hints.allowed() {
                problems.push(Diagnostic::file(
                    text_file(*lang),
                    1,
                    format!(
                        "module \"{}\": the best choice is the {what} in {count} of {} questions in {}, at most {} may be (a third)",
                        module.id,
                        hints.questions,
                        lang.code(),
                        hints.allowed()
                    ),
                ));
            }
        }
        let (trues, checks) = assessment::true_false(module);
        if index == 0 && checks >= 2 && (trues == 0 || trues == checks) {
            problems.push(Diagnostic::file(
                &files.structure.path,
                1,
                format!(
                    "module \"{}\": all {checks} true-or-false checks have the answer \"{}\": make some {}",
                    module.id,
                    trues == checks,
                    trues != checks
                ),
            ));
        }
    }
    problems
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
