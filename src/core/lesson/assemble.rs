//! Joins a lesson's structure with one language's words, checking that every text the structure
//! needs is there, is not empty, and that nothing unknown is.

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::diagnostic::Diagnostic;
use super::structure::{KindDef, Structure};
use super::tree::{line_at, Table};
use super::SourceFile;
use crate::core::course::{Choice, Facilitator, Lang, Module, Option_, Step, StepKind};
use crate::core::placeholder;

/// Builds the module in one language. Missing words are reported and left empty; the caller
/// ships nothing when any diagnostic was raised.
pub fn localize(
    structure_path: &str,
    structure: &Structure,
    lang: Lang,
    file: &SourceFile,
    document: &Spanned<DeTable<'_>>,
    diags: &mut Vec<Diagnostic>,
) -> Module {
    let top = Table::new(&file.contents, &file.path, document.get_ref(), 0);
    let (title, summary) = match top.table("module", diags) {
        Some(table) => {
            let module = top.child(&table, "[module]".to_string());
            let title = words(&module, "title", diags);
            let summary = words(&module, "summary", diags);
            module.finish(&["title", "summary", "note"], diags);
            (title, summary)
        }
        None => {
            diags.push(Diagnostic::file(
                &file.path,
                1,
                "missing translation: no [module] table with `title` and `summary`".to_string(),
            ));
            (String::new(), String::new())
        }
    };
    let step_tables = top.table("step", diags);
    top.finish(&["module", "step"], diags);

    let mut steps = Vec::new();
    for def in &structure.steps {
        let table = step_tables
            .as_ref()
            .and_then(|tables| tables.get_ref().get(def.id.as_str()));
        let table = match table.map(|t| (t.span(), t.get_ref())) {
            Some((span, DeValue::Table(t))) => Spanned::new(span, t),
            Some((span, _)) => {
                diags.push(Diagnostic::step(
                    &file.path,
                    line_at(&file.contents, span.start),
                    &def.id,
                    "[step.<id>] must be a table".to_string(),
                ));
                continue;
            }
            None => {
                if !matches!(def.kind, KindDef::Broken) {
                    diags.push(Diagnostic::step(
                        structure_path,
                        def.line,
                        &def.id,
                        format!(
                            "missing translation: {} has no [step.{}] ({})",
                            file.path,
                            def.id,
                            lang.code()
                        ),
                    ));
                }
                continue;
            }
        };
        let mut text = top.child(&table, String::new());
        text.step = Some(def.id.clone());
        let kind = match &def.kind {
            KindDef::Situation { content_note, next } => {
                let title = words(&text, "title", diags);
                let body = words(&text, "body", diags);
                let note = if *content_note {
                    Some(words(&text, "content-note", diags))
                } else {
                    None
                };
                text.finish(
                    if *content_note {
                        &["title", "body", "content-note", "note"]
                    } else {
                        &["title", "body", "note"]
                    },
                    diags,
                );
                StepKind::Situation {
                    title,
                    body,
                    content_note: note,
                    next: next.id.clone(),
                }
            }
            KindDef::Decision { choices } => {
                let title = words(&text, "title", diags);
                let prompt = words(&text, "prompt", diags);
                let tables = text.table("choices", diags);
                let mut localized = Vec::new();
                for choice in choices {
                    let table = tables
                        .as_ref()
                        .and_then(|t| t.get_ref().get(choice.id.as_str()));
                    let (label, feedback) = match table.map(|t| (t.span(), t.get_ref())) {
                        Some((span, DeValue::Table(t))) => {
                            let words_of = text
                                .child(&Spanned::new(span, t), format!("choice \"{}\"", choice.id));
                            let label = words(&words_of, "label", diags);
                            let feedback = words(&words_of, "feedback", diags);
                            words_of.finish(&["label", "feedback", "note"], diags);
                            (label, feedback)
                        }
                        _ => {
                            diags.push(text.diag_at(
                                text.offset,
                                format!("missing translation: no [step.{}.choices.{}] with `label` and `feedback`", def.id, choice.id),
                            ));
                            (String::new(), String::new())
                        }
                    };
                    localized.push(Choice {
                        id: choice.id.clone(),
                        label,
                        feedback,
                        score: choice.score,
                        next: choice.next.id.clone(),
                    });
                }
                if let Some(tables) = &tables {
                    unknown_keys(
                        &text,
                        tables,
                        choices.iter().map(|c| c.id.as_str()),
                        "choice",
                        diags,
                    );
                }
                let facilitator = Facilitator {
                    discussion: words(&text, "discussion", diags),
                    teaching_point: words(&text, "teaching-point", diags),
                };
                text.finish(
                    &[
                        "title",
                        "prompt",
                        "choices",
                        "discussion",
                        "teaching-point",
                        "note",
                    ],
                    diags,
                );
                StepKind::Decision {
                    title,
                    prompt,
                    choices: localized,
                    facilitator: Some(facilitator),
                }
            }
            KindDef::TrueFalse { answer, next } => {
                let statement = words(&text, "statement", diags);
                let explanation = words(&text, "explanation", diags);
                text.finish(&["statement", "explanation", "note"], diags);
                StepKind::TrueFalse {
                    statement,
                    answer: *answer,
                    explanation,
                    next: next.id.clone(),
                }
            }
            KindDef::MultipleChoice { options, next } => {
                let question = words(&text, "question", diags);
                let explanation = words(&text, "explanation", diags);
                let labels = keyed_words(
                    &text,
                    "options",
                    options.iter().map(|o| o.id.as_str()),
                    "option",
                    diags,
                );
                text.finish(&["question", "explanation", "options", "note"], diags);
                StepKind::MultipleChoice {
                    question,
                    options: options
                        .iter()
                        .zip(labels)
                        .map(|(option, label)| Option_ {
                            id: option.id.clone(),
                            label,
                            correct: option.correct,
                        })
                        .collect(),
                    explanation,
                    next: next.id.clone(),
                }
            }
            KindDef::KeyPoints { points, next } => {
                let title = words(&text, "title", diags);
                let points = keyed_words(
                    &text,
                    "points",
                    points.iter().map(String::as_str),
                    "point",
                    diags,
                );
                text.finish(&["title", "points", "note"], diags);
                StepKind::KeyPoints {
                    title,
                    points,
                    next: next.id.clone(),
                }
            }
            KindDef::Ending => {
                let title = words(&text, "title", diags);
                let body = words(&text, "body", diags);
                text.finish(&["title", "body", "note"], diags);
                StepKind::Ending { title, body }
            }
            KindDef::Broken => continue,
        };
        steps.push(Step {
            id: def.id.clone(),
            sources: def.sources.clone(),
            kind,
        });
    }
    if let Some(tables) = &step_tables {
        unknown_keys(
            &top,
            tables,
            structure.steps.iter().map(|s| s.id.as_str()),
            "step",
            diags,
        );
    }

    Module {
        id: structure.id.clone(),
        version: structure.version,
        minutes: structure.minutes,
        roles: structure.roles.clone(),
        start: structure.start.id.clone(),
        title,
        summary,
        steps,
        shuffle: structure.shuffle.iter().map(|t| t.id.clone()).collect(),
    }
}

/// A required piece of text: reports it missing, of the wrong type, or empty.
fn words(table: &Table, key: &'static str, diags: &mut Vec<Diagnostic>) -> String {
    if table.table.get(key).is_none() {
        table.get(key);
        diags.push(table.diag_at(table.offset, format!("missing translation of `{key}`")));
        return String::new();
    }
    match table.string(key, diags) {
        Some(text) if text.get_ref().trim().is_empty() => {
            diags.push(table.diag_at(text.span().start, format!("empty text in `{key}`")));
            String::new()
        }
        Some(text) => {
            check_placeholders(table, text.span().start, text.get_ref(), diags);
            text.into_inner()
        }
        None => String::new(),
    }
}

/// Reports an unknown placeholder or a stray brace, on the line where it stands.
fn check_placeholders(table: &Table, value_start: usize, text: &str, diags: &mut Vec<Diagnostic>) {
    if let Err(bad) = placeholder::scan(text) {
        // A multi-line string's text starts on the line after its opening quotes.
        let raw = &table.source[value_start.min(table.source.len())..];
        let skipped = usize::from(raw.starts_with("\"\"\"\n") || raw.starts_with("'''\n"));
        let line = line_at(table.source, value_start)
            + skipped
            + text[..bad.offset.min(text.len())].matches('\n').count();
        let located = table.diag_at(value_start, bad.message);
        diags.push(Diagnostic { line, ..located });
    }
}

/// Words kept in a sub-table keyed by ids from the structure (`[step.x.points]`).
fn keyed_words<'k>(
    text: &Table,
    key: &'static str,
    ids: impl Iterator<Item = &'k str> + Clone,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let Some(table) = text.table(key, diags) else {
        if text.table.get(key).is_none() {
            diags.push(text.diag_at(text.offset, format!("missing translation of `{key}`")));
        }
        return ids.map(|_| String::new()).collect();
    };
    let sub = text.child(&table, String::new());
    let mut out = Vec::new();
    for id in ids.clone() {
        match sub.table.get(id).map(|v| (v.span(), v.get_ref())) {
            Some((span, DeValue::String(s))) if s.trim().is_empty() => {
                diags.push(text.diag_at(span.start, format!("empty text in {what} \"{id}\"")));
                out.push(String::new());
            }
            Some((span, DeValue::String(s))) => {
                check_placeholders(text, span.start, s, diags);
                out.push(s.to_string());
            }
            Some((span, _)) => {
                diags.push(text.diag_at(span.start, format!("{what} \"{id}\" must be text")));
                out.push(String::new());
            }
            None => {
                diags.push(text.diag_at(
                    table.span().start,
                    format!("missing translation of {what} \"{id}\""),
                ));
                out.push(String::new());
            }
        }
    }
    unknown_keys(text, &table, ids, what, diags);
    out
}

/// Reports keys of a text table that name no id of the structure (a typo, or a removed step).
fn unknown_keys<'k>(
    text: &Table,
    table: &Spanned<&DeTable<'_>>,
    ids: impl Iterator<Item = &'k str> + Clone,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) {
    for (key, _) in table.get_ref().iter() {
        let key_str: &str = key.get_ref();
        if key_str != "note" && !ids.clone().any(|id| id == key_str) {
            diags.push(text.diag_at(
                key.span().start,
                format!("unknown {what} \"{key_str}\": module.toml has no {what} with this id"),
            ));
        }
    }
}
