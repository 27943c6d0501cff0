//! The course model as the app sees it: one module in one language, already validated.
//!
//! Lesson files are compiled into these types at build time (see `lesson`), serialised to one
//! JSON bundle per language, and read back by the app. Step kinds carry their own text so that a
//! component never has to look anything up.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::core::language::Lang;

/// The roles a learner can choose on the home page, in menu order.
pub const ROLES: [&str; 8] = [
    "front-desk",
    "housekeeping",
    "food-and-beverage",
    "security",
    "tour-guide",
    "travel-agent",
    "tourism-student",
    "manager",
];

/// Every module in one language: what `lessons/<lang>.json` holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Course {
    pub lang: Lang,
    pub modules: Vec<Module>,
}

impl Course {
    pub fn module(&self, id: &str) -> Option<&Module> {
        self.modules.iter().find(|module| module.id == id)
    }

    /// The modules recommended for a role, in course order.
    pub fn modules_for_role<'a, 'r>(
        &'a self,
        role: &'r str,
    ) -> impl Iterator<Item = &'a Module> + use<'a, 'r> {
        for_role(&self.modules, role, |module| &module.roles)
    }
}

/// The modules (or their index entries) whose roles include `role`, in course order.
fn for_role<'a, 'r, M>(
    modules: &'a [M],
    role: &'r str,
    roles: fn(&M) -> &[String],
) -> impl Iterator<Item = &'a M> + use<'a, 'r, M> {
    modules
        .iter()
        .filter(move |module| roles(module).iter().any(|r| r == role))
}

/// What the app loads first in a language, `lessons/index.<lang>.json`: every module's card
/// (title, summary, minutes, roles) and the file that holds its steps, which is fetched only
/// when the module opens (or when the browser is idle, for the learner's own track). The home
/// page, the certificate and the LMS's score need nothing more.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CourseIndex {
    pub lang: Lang,
    pub modules: Vec<ModuleEntry>,
}

impl CourseIndex {
    pub fn module(&self, id: &str) -> Option<&ModuleEntry> {
        self.modules.iter().find(|module| module.id == id)
    }

    /// Keeps the modules an organisation offers (`modules` in its configuration; every one
    /// when it names none), in course order.
    pub fn keep_offered(&mut self, offered: Option<&[String]>) {
        if let Some(offered) = offered {
            self.modules.retain(|m| offered.contains(&m.id));
        }
    }

    /// The modules recommended for a role, in course order.
    pub fn modules_for_role<'a, 'r>(
        &'a self,
        role: &'r str,
    ) -> impl Iterator<Item = &'a ModuleEntry> + use<'a, 'r> {
        for_role(&self.modules, role, |module| &module.roles)
    }
}

/// One module in the index.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModuleEntry {
    pub id: String,
    pub version: u32,
    pub minutes: u32,
    pub roles: Vec<String>,
    pub title: String,
    pub summary: String,
    /// The module's content file under `lessons/`, named with a hash of its content so that a
    /// host can cache it for good.
    pub file: String,
}

impl ModuleEntry {
    pub fn of(module: &Module, file: String) -> ModuleEntry {
        ModuleEntry {
            id: module.id.clone(),
            version: module.version,
            minutes: module.minutes,
            roles: module.roles.clone(),
            title: module.title.clone(),
            summary: module.summary.clone(),
            file,
        }
    }
}

/// What the certificate and the LMS's score need of a course: each module's id, version, title
/// and roles, in course order. Both the whole course and its index give it, so that the app
/// can report before any module's steps have loaded.
pub trait Catalogue {
    fn entries(&self) -> Vec<Entry<'_>>;

    /// The entries recommended for a role, in course order.
    fn for_role(&self, role: &str) -> Vec<Entry<'_>> {
        self.entries()
            .into_iter()
            .filter(|e| e.roles.iter().any(|r| r == role))
            .collect()
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    pub id: &'a str,
    pub version: u32,
    pub title: &'a str,
    pub roles: &'a [String],
}

/// The entry of a module, from its steps or from its card in the index alike.
macro_rules! entry_of {
    ($module:expr) => {
        Entry {
            id: &$module.id,
            version: $module.version,
            title: &$module.title,
            roles: &$module.roles,
        }
    };
}

impl Catalogue for Course {
    fn entries(&self) -> Vec<Entry<'_>> {
        self.modules.iter().map(|m| entry_of!(m)).collect()
    }
}

impl Catalogue for CourseIndex {
    fn entries(&self) -> Vec<Entry<'_>> {
        self.modules.iter().map(|m| entry_of!(m)).collect()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Module {
    pub id: String,
    /// Bumped by authors whenever a change would make saved progress misleading.
    pub version: u32,
    pub minutes: u32,
    pub roles: Vec<String>,
    pub start: String,
    pub title: String,
    pub summary: String,
    pub steps: Vec<Step>,
    /// Question steps, written as a chain in this order, that each attempt presents in an order
    /// drawn afresh (see `engine::draw_order`); empty for a module told in one order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shuffle: Vec<String>,
}

impl Module {
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|step| step.id == id)
    }

    /// The module's summary: the points of its last key-points step, what the ending recalls
    /// and a facilitator's guide gives as the objectives.
    pub fn summary_points(&self) -> &[String] {
        self.steps
            .iter()
            .rev()
            .find_map(|s| match &s.kind {
                StepKind::KeyPoints { points, .. } => Some(points.as_slice()),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// Rewrites every text of every step with `f`, which returns `None` to leave one as it is
    /// (used to fill in the country facts a lesson names by placeholder).
    pub fn rewrite_texts(&mut self, f: impl Fn(&str) -> Option<String>) {
        let apply = |text: &mut String| {
            if let Some(new) = f(text) {
                *text = new;
            }
        };
        for step in &mut self.steps {
            match &mut step.kind {
                StepKind::Situation {
                    title,
                    body,
                    content_note,
                    ..
                } => {
                    apply(title);
                    apply(body);
                    content_note.iter_mut().for_each(apply);
                }
                StepKind::Decision {
                    title,
                    prompt,
                    choices,
                    facilitator,
                } => {
                    apply(title);
                    apply(prompt);
                    for choice in choices {
                        apply(&mut choice.label);
                        apply(&mut choice.feedback);
                    }
                    if let Some(f) = facilitator {
                        apply(&mut f.discussion);
                        apply(&mut f.teaching_point);
                    }
                }
                StepKind::TrueFalse {
                    statement,
                    explanation,
                    ..
                } => {
                    apply(statement);
                    apply(explanation);
                }
                StepKind::MultipleChoice {
                    question,
                    options,
                    explanation,
                    ..
                } => {
                    apply(question);
                    options.iter_mut().for_each(|o| apply(&mut o.label));
                    apply(explanation);
                }
                StepKind::KeyPoints { title, points, .. } => {
                    apply(title);
                    points.iter_mut().for_each(apply);
                }
                StepKind::Ending { title, body } => {
                    apply(title);
                    apply(body);
                }
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub id: String,
    /// Public pages that back what the step states.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    pub kind: StepKind,
}

impl Step {
    /// The steps this one can lead to, in choice order.
    pub fn targets(&self) -> Vec<&str> {
        match &self.kind {
            StepKind::Decision { choices, .. } => {
                choices.iter().map(|choice| choice.next.as_str()).collect()
            }
            StepKind::Situation { next, .. }
            | StepKind::TrueFalse { next, .. }
            | StepKind::MultipleChoice { next, .. }
            | StepKind::KeyPoints { next, .. } => vec![next.as_str()],
            StepKind::Ending { .. } => Vec::new(),
        }
    }

    /// Every text of this step, in reading order: what a learner sees (each choice's label and
    /// feedback included) and, on a decision, the facilitator's texts.
    pub fn texts(&self) -> Vec<&str> {
        let mut texts: Vec<&str> = Vec::new();
        match &self.kind {
            StepKind::Situation {
                title,
                body,
                content_note,
                ..
            } => {
                texts.extend([title.as_str(), body.as_str()]);
                texts.extend(content_note.as_deref());
            }
            StepKind::Decision {
                title,
                prompt,
                choices,
                facilitator,
            } => {
                texts.extend([title.as_str(), prompt.as_str()]);
                for choice in choices {
                    texts.extend([choice.label.as_str(), choice.feedback.as_str()]);
                }
                if let Some(f) = facilitator {
                    texts.extend([f.discussion.as_str(), f.teaching_point.as_str()]);
                }
            }
            StepKind::TrueFalse {
                statement,
                explanation,
                ..
            } => texts.extend([statement.as_str(), explanation.as_str()]),
            StepKind::MultipleChoice {
                question,
                options,
                explanation,
                ..
            } => {
                texts.push(question);
                texts.extend(options.iter().map(|o| o.label.as_str()));
                texts.push(explanation);
            }
            StepKind::KeyPoints { title, points, .. } => {
                texts.push(title);
                texts.extend(points.iter().map(String::as_str));
            }
            StepKind::Ending { title, body } => texts.extend([title.as_str(), body.as_str()]),
        }
        texts
    }

    /// The answers a question step offers, in the order they are written (true-or-false:
    /// `true` then `false`); empty for a step that asks nothing. An attempt shows a decision's
    /// or multiple choice's in an order of its own (`engine::choices_shown`).
    pub fn offered(&self) -> Vec<Offered<'_>> {
        match &self.kind {
            StepKind::Decision { choices, .. } => choices
                .iter()
                .map(|c| Offered {
                    id: &c.id,
                    label: Label::Text(&c.label),
                })
                .collect(),
            StepKind::TrueFalse { .. } => vec![
                Offered {
                    id: "true",
                    label: Label::True,
                },
                Offered {
                    id: "false",
                    label: Label::False,
                },
            ],
            StepKind::MultipleChoice { options, .. } => options
                .iter()
                .map(|o| Offered {
                    id: &o.id,
                    label: Label::Text(&o.label),
                })
                .collect(),
            StepKind::Situation { .. } | StepKind::KeyPoints { .. } | StepKind::Ending { .. } => {
                Vec::new()
            }
        }
    }

    /// Whether each attempt shows this step's answers in an order drawn for it: a decision's
    /// choices and a multiple choice's options are; "True" then "False" always stays.
    pub fn draws_its_order(&self) -> bool {
        matches!(
            self.kind,
            StepKind::Decision { .. } | StepKind::MultipleChoice { .. }
        )
    }

    pub fn is_question(&self) -> bool {
        self.question().is_some()
    }

    /// What a question step asks: a decision's prompt, a true-or-false statement, a multiple
    /// choice's question; `None` for a step that asks nothing.
    pub fn question(&self) -> Option<&str> {
        match &self.kind {
            StepKind::Decision { prompt, .. } => Some(prompt),
            StepKind::TrueFalse { statement, .. } => Some(statement),
            StepKind::MultipleChoice { question, .. } => Some(question),
            StepKind::Situation { .. } | StepKind::KeyPoints { .. } | StepKind::Ending { .. } => {
                None
            }
        }
    }
}

/// One answer a question offers: the id progress records it by, and its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Offered<'a> {
    pub id: &'a str,
    pub label: Label<'a>,
}

/// What an answer is called: a choice's or option's own words, or "True" and "False", which
/// the interface words in the learner's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label<'a> {
    Text(&'a str),
    True,
    False,
}

/// Serialised externally tagged (`{"decision": {...}}`): serde's internally tagged form buffers
/// every value and costs several times more code in the wasm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    /// Narrative. `content_note` warns before sensitive content.
    Situation {
        title: String,
        body: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        content_note: Option<String>,
        next: String,
    },
    Decision {
        title: String,
        prompt: String,
        choices: Vec<Choice>,
        /// For the facilitator mode only: a question for the group, and what the facilitator
        /// makes sure the group takes away. Never in a learner's bundle.
        #[serde(skip)]
        facilitator: Option<Facilitator>,
    },
    TrueFalse {
        statement: String,
        answer: bool,
        explanation: String,
        next: String,
    },
    MultipleChoice {
        question: String,
        options: Vec<Option_>,
        explanation: String,
        next: String,
    },
    KeyPoints {
        title: String,
        points: Vec<String>,
        next: String,
    },
    Ending {
        title: String,
        body: String,
    },
}

/// What a facilitator reads on a decision when a module is led in class or a team briefing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Facilitator {
    pub discussion: String,
    pub teaching_point: String,
}

/// A module with its facilitator texts, as the lead page loads it
/// (`lessons/lead/<module>.<lang>.<hash>.json`): the module as learners get it, and each
/// decision's texts by step id. Learners' files never hold these texts (`facilitator` is not
/// serialised with a module), so a learner downloads nothing meant for the facilitator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeadModule {
    pub module: Module,
    pub facilitator: BTreeMap<String, Facilitator>,
}

impl LeadModule {
    pub fn of(module: &Module) -> LeadModule {
        let facilitator = module
            .steps
            .iter()
            .filter_map(|step| match &step.kind {
                StepKind::Decision {
                    facilitator: Some(texts),
                    ..
                } => Some((step.id.clone(), texts.clone())),
                _ => None,
            })
            .collect();
        LeadModule {
            module: module.clone(),
            facilitator,
        }
    }

    /// The module with each decision's facilitator texts back in place.
    pub fn into_module(self) -> Module {
        let LeadModule {
            mut module,
            mut facilitator,
        } = self;
        for step in &mut module.steps {
            if let StepKind::Decision { facilitator: f, .. } = &mut step.kind {
                *f = facilitator.remove(&step.id);
            }
        }
        module
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
    pub feedback: String,
    /// Points for this choice; the best choices of a decision score the most.
    pub score: u32,
    pub next: String,
}

/// One option of a multiple-choice question (named with a trailing underscore so that it does
/// not shadow `std::option::Option`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Option_ {
    pub id: String,
    pub label: String,
    pub correct: bool,
}
