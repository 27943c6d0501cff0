//! Reads `module.toml`: the structure of a lesson, with no words in it.

use toml::de::DeTable;

use super::diagnostic::Diagnostic;
use super::tree::{line_at, Table};
use super::SourceFile;
use crate::core::course::ROLES;

pub struct Structure {
    pub id: String,
    pub version: u32,
    pub minutes: u32,
    pub roles: Vec<String>,
    pub start: Target,
    pub steps: Vec<StepDef>,
    /// Question steps presented in a drawn order on each attempt (`shuffle = [...]`).
    pub shuffle: Vec<Target>,
}

/// A link to another step, with the line it was written on.
#[derive(Clone)]
pub struct Target {
    pub id: String,
    pub line: usize,
}

pub struct StepDef {
    pub id: String,
    pub line: usize,
    pub sources: Vec<String>,
    pub kind: KindDef,
}

pub enum KindDef {
    Situation {
        content_note: bool,
        next: Target,
    },
    Decision {
        choices: Vec<ChoiceDef>,
    },
    TrueFalse {
        answer: bool,
        next: Target,
    },
    MultipleChoice {
        options: Vec<OptionDef>,
        next: Target,
    },
    KeyPoints {
        points: Vec<String>,
        next: Target,
    },
    Ending,
    /// A step whose kind could not be read; already reported, and left out of graph checks
    /// so that one mistake does not cascade into many.
    Broken,
}

pub struct ChoiceDef {
    pub id: String,
    pub score: u32,
    pub next: Target,
}

pub struct OptionDef {
    pub id: String,
    pub correct: bool,
}

impl StepDef {
    /// Links out of this step, with the label to use in messages.
    pub fn links(&self) -> Vec<(String, &Target)> {
        match &self.kind {
            KindDef::Decision { choices } => choices
                .iter()
                .map(|choice| (format!("choice \"{}\"", choice.id), &choice.next))
                .collect(),
            KindDef::Situation { next, .. }
            | KindDef::TrueFalse { next, .. }
            | KindDef::MultipleChoice { next, .. }
            | KindDef::KeyPoints { next, .. } => vec![("`next`".to_string(), next)],
            KindDef::Ending | KindDef::Broken => Vec::new(),
        }
    }
}

const TOP_FIELDS: &[&str] = &[
    "id", "version", "minutes", "roles", "start", "shuffle", "step",
];
/// Every field some kind of step has: a step whose kind is unknown or missing is checked
/// against these, so that its other mistakes are still found.
const ANY_STEP_FIELD: &[&str] = &[
    "id",
    "kind",
    "sources",
    "content-note",
    "next",
    "choices",
    "answer",
    "options",
    "points",
];
const KINDS: &[&str] = &[
    "situation",
    "decision",
    "true-false",
    "multiple-choice",
    "key-points",
    "ending",
];

pub fn parse(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<Structure> {
    let document = match DeTable::parse(&file.contents) {
        Ok(document) => document,
        Err(error) => {
            diags.push(syntax_error(file, &error));
            return None;
        }
    };
    let top = Table::new(&file.contents, &file.path, document.get_ref(), 0);
    let id = top
        .required_string("id", diags)
        .map(|s| s.into_inner())
        .unwrap_or_default();
    let version = match top.get("version") {
        Some(_) => top.integer("version", diags).unwrap_or(1),
        None => {
            diags.push(top.diag_at(0, "missing field `version`".to_string()));
            1
        }
    };
    if version == 0 {
        let offset = top
            .table
            .get("version")
            .map(|v| v.span().start)
            .unwrap_or(0);
        diags.push(top.diag_at(offset, "field `version` must be 1 or more".to_string()));
    }
    let minutes = top.integer("minutes", diags).unwrap_or(0);
    let mut roles = Vec::new();
    for role in top.strings("roles", diags).unwrap_or_default() {
        if !ROLES.contains(&role.get_ref().as_str()) {
            diags.push(top.diag_at(
                role.span().start,
                format!(
                    "unknown role \"{}\", expected one of: {}",
                    role.get_ref(),
                    ROLES.join(", ")
                ),
            ));
        }
        roles.push(role.into_inner());
    }
    let start = top.required_string("start", diags).map(|s| Target {
        line: line_at(&file.contents, s.span().start),
        id: s.into_inner(),
    });
    let shuffle: Vec<Target> = match top.get("shuffle") {
        Some(_) => top
            .strings("shuffle", diags)
            .unwrap_or_default()
            .into_iter()
            .map(|s| Target {
                line: line_at(&file.contents, s.span().start),
                id: s.into_inner(),
            })
            .collect(),
        None => Vec::new(),
    };
    let mut steps: Vec<StepDef> = Vec::new();
    for table in top.tables("step", diags) {
        if let Some(step) = parse_step(&top, &table, diags) {
            if let Some(first) = steps.iter().find(|s| s.id == step.id) {
                diags.push(Diagnostic::step(
                    &file.path,
                    step.line,
                    &step.id,
                    format!("duplicate step id, first used on line {}", first.line),
                ));
                continue;
            }
            steps.push(step);
        }
    }
    if steps.is_empty() {
        diags.push(top.diag_at(
            0,
            "the lesson has no steps: add [[step]] tables".to_string(),
        ));
    }
    top.finish(TOP_FIELDS, diags);
    Some(Structure {
        id,
        version,
        minutes,
        roles,
        start: start?,
        steps,
        shuffle,
    })
}

pub fn syntax_error(file: &SourceFile, error: &toml::de::Error) -> Diagnostic {
    let line = error
        .span()
        .map(|span| line_at(&file.contents, span.start))
        .unwrap_or(1);
    // toml's message repeats the location in a multi-line drawing; its first line is the gist.
    let gist = error
        .message()
        .lines()
        .next()
        .unwrap_or("invalid TOML")
        .trim()
        .to_string();
    Diagnostic::file(&file.path, line, format!("invalid TOML: {gist}"))
}

fn parse_step<'a, 'i>(
    top: &Table<'a, 'i>,
    table: &toml::Spanned<&'a DeTable<'i>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<StepDef> {
    let mut step = top.child(table, String::new());
    let id = match step.required_string("id", diags) {
        Some(id) if !id.get_ref().trim().is_empty() => id.into_inner(),
        Some(id) => {
            diags.push(step.diag_at(id.span().start, "field `id` is empty".to_string()));
            return None;
        }
        None => return None,
    };
    step.step = Some(id.clone());
    let line = step.line();
    let sources: Vec<String> = step
        .strings("sources", diags)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|source| {
            if source.get_ref().starts_with("https://") || source.get_ref().starts_with("http://") {
                Some(source.into_inner())
            } else {
                diags.push(step.diag_at(
                    source.span().start,
                    format!(
                        "source \"{}\" is not a web address (http:// or https://)",
                        source.get_ref()
                    ),
                ));
                None
            }
        })
        .collect();
    let kind_name = step.required_string("kind", diags);
    let next = |diags: &mut Vec<Diagnostic>| {
        step.required_string("next", diags).map(|s| Target {
            line: line_at(step.source, s.span().start),
            id: s.into_inner(),
        })
    };
    let (kind, allowed): (KindDef, &[&str]) = match kind_name.as_ref().map(|k| k.get_ref().as_str())
    {
        Some("situation") => {
            let content_note = step.boolean("content-note", diags).unwrap_or(false);
            (
                next(diags).map_or(KindDef::Broken, |next| KindDef::Situation {
                    content_note,
                    next,
                }),
                &["id", "kind", "sources", "content-note", "next"],
            )
        }
        Some("decision") => (
            KindDef::Decision {
                choices: parse_choices(&step, diags),
            },
            &["id", "kind", "sources", "choices"],
        ),
        Some("true-false") => {
            let answer = step.get("answer");
            let answer = match answer {
                Some(_) => step.boolean("answer", diags),
                None => {
                    diags.push(step.diag_at(step.offset, "missing field `answer`".to_string()));
                    None
                }
            };
            let next = next(diags);
            (
                match (answer, next) {
                    (Some(answer), Some(next)) => KindDef::TrueFalse { answer, next },
                    _ => KindDef::Broken,
                },
                &["id", "kind", "sources", "answer", "next"],
            )
        }
        Some("multiple-choice") => {
            let options = parse_options(&step, diags);
            (
                next(diags).map_or(KindDef::Broken, |next| KindDef::MultipleChoice {
                    options,
                    next,
                }),
                &["id", "kind", "sources", "options", "next"],
            )
        }
        Some("key-points") => {
            let points: Vec<String> = step
                .strings("points", diags)
                .unwrap_or_default()
                .into_iter()
                .map(|p| p.into_inner())
                .collect();
            if points.is_empty() {
                diags.push(step.diag_at(
                    step.offset,
                    "a key-points step needs at least one point id in `points`".to_string(),
                ));
            }
            (
                next(diags).map_or(KindDef::Broken, |next| KindDef::KeyPoints { points, next }),
                &["id", "kind", "sources", "points", "next"],
            )
        }
        Some("ending") => (KindDef::Ending, &["id", "kind", "sources"]),
        Some(other) => {
            let offset = kind_name
                .as_ref()
                .map(|k| k.span().start)
                .unwrap_or(step.offset);
            diags.push(step.diag_at(
                offset,
                format!(
                    "unknown kind \"{other}\", expected one of: {}",
                    KINDS.join(", ")
                ),
            ));
            (KindDef::Broken, ANY_STEP_FIELD)
        }
        None => (KindDef::Broken, ANY_STEP_FIELD),
    };
    // Every step that states a fact must say where it comes from; situations and endings
    // narrate and may go without.
    let fact_bearing = matches!(
        kind,
        KindDef::Decision { .. }
            | KindDef::TrueFalse { .. }
            | KindDef::MultipleChoice { .. }
            | KindDef::KeyPoints { .. }
    );
    if fact_bearing && sources.is_empty() && step.table.get("sources").is_none() {
        diags.push(step.diag_at(
            step.offset,
            "missing field `sources`: a step that states facts must name its sources".to_string(),
        ));
    }
    step.finish(allowed, diags);
    Some(StepDef {
        id,
        line,
        sources,
        kind,
    })
}

fn parse_choices(step: &Table, diags: &mut Vec<Diagnostic>) -> Vec<ChoiceDef> {
    let mut choices: Vec<ChoiceDef> = Vec::new();
    for table in step.tables("choices", diags) {
        let mut choice = step.child(&table, String::new());
        let Some(id) = choice.required_string("id", diags) else {
            continue;
        };
        choice.context = format!("choice \"{}\"", id.get_ref());
        let score = match choice.get("score") {
            Some(_) => choice.integer("score", diags).unwrap_or(0),
            None => {
                diags.push(choice.diag_at(choice.offset, "missing field `score`".to_string()));
                0
            }
        };
        let next = choice.required_string("next", diags);
        choice.finish(&["id", "score", "next"], diags);
        if choices.iter().any(|c| c.id == *id.get_ref()) {
            diags.push(choice.diag_at(choice.offset, "duplicate choice id".to_string()));
            continue;
        }
        if let Some(next) = next {
            choices.push(ChoiceDef {
                id: id.into_inner(),
                score,
                next: Target {
                    line: line_at(step.source, next.span().start),
                    id: next.into_inner(),
                },
            });
        }
    }
    if !(2..=4).contains(&choices.len()) {
        diags.push(step.diag_at(
            step.offset,
            format!("a decision needs 2 to 4 choices, found {}", choices.len()),
        ));
    } else if choices.iter().all(|c| c.score == choices[0].score) {
        diags.push(
            step.diag_at(
                step.offset,
                "all choices have the same score: a decision needs some choices better than others"
                    .to_string(),
            ),
        );
    }
    choices
}

fn parse_options(step: &Table, diags: &mut Vec<Diagnostic>) -> Vec<OptionDef> {
    let mut options: Vec<OptionDef> = Vec::new();
    for table in step.tables("options", diags) {
        let mut option = step.child(&table, String::new());
        let Some(id) = option.required_string("id", diags) else {
            continue;
        };
        option.context = format!("option \"{}\"", id.get_ref());
        let correct = option.boolean("correct", diags).unwrap_or(false);
        option.finish(&["id", "correct"], diags);
        if options.iter().any(|o| o.id == *id.get_ref()) {
            diags.push(option.diag_at(option.offset, "duplicate option id".to_string()));
            continue;
        }
        options.push(OptionDef {
            id: id.into_inner(),
            correct,
        });
    }
    if !(2..=6).contains(&options.len()) {
        diags.push(step.diag_at(
            step.offset,
            format!(
                "a multiple-choice question needs 2 to 6 options, found {}",
                options.len()
            ),
        ));
    }
    let correct = options.iter().filter(|o| o.correct).count();
    if correct != 1 {
        diags.push(step.diag_at(
            step.offset,
            format!("a multiple-choice question needs exactly one correct option, found {correct}"),
        ));
    }
    options
}
