//! The scenario engine: where a learner is, what an answer does, and where it leads.
//!
//! Every function takes the module and the learner's progress and returns the next state or an
//! error; nothing here renders or stores. The app calls `answer` then `advance`, saving after
//! each, and renders whatever `view` says.

use std::collections::{BTreeMap, VecDeque};
use std::fmt;

use crate::core::course::{Module, Offered, Step, StepKind};
use crate::core::progress::{Answer, Completion, ModuleProgress};
use crate::core::scoring::{self, Score, Verdict};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EngineError {
    /// The progress points at a step the module does not have (the content changed).
    UnknownStep(String),
    /// An answer was given for a step that is not the current one.
    NotCurrent(String),
    NotAQuestion(String),
    AlreadyAnswered(String),
    UnknownChoice(String),
    /// `advance` on a question that has not been answered yet.
    NotAnswered(String),
    /// `advance` from an ending.
    Finished,
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::UnknownStep(id) => write!(f, "no step \"{id}\" in this module"),
            EngineError::NotCurrent(id) => write!(f, "step \"{id}\" is not the current step"),
            EngineError::NotAQuestion(id) => write!(f, "step \"{id}\" asks no question"),
            EngineError::AlreadyAnswered(id) => write!(f, "step \"{id}\" is already answered"),
            EngineError::UnknownChoice(id) => write!(f, "no choice \"{id}\" at this step"),
            EngineError::NotAnswered(id) => write!(f, "step \"{id}\" needs an answer first"),
            EngineError::Finished => write!(f, "the module is finished"),
        }
    }
}

/// Starts a module (or a new attempt of it) at its start step. `seed` draws the order of the
/// module's shuffled steps and of each question's choices for this attempt (the caller passes
/// fresh randomness; the core has none of its own).
pub fn start(module: &Module, now: u64, seed: u64) -> ModuleProgress {
    let mut draw = Draw(seed);
    let order = draw.shuffle(module.shuffle.clone());
    // The choices are drawn after the steps, from the same stream, so that a seed gives the
    // steps the order `draw_order` gives them.
    let choices = module
        .steps
        .iter()
        .filter(|step| step.draws_its_order())
        .map(|step| {
            let written = step.offered().iter().map(|o| o.id.to_string()).collect();
            (step.id.clone(), draw.shuffle(written))
        })
        .collect();
    let first = if module.start == module.shuffle.first().map_or("", String::as_str) {
        order[0].clone()
    } else {
        module.start.clone()
    };
    ModuleProgress {
        content_version: module.version,
        attempt: 1,
        path: vec![first],
        answers: BTreeMap::new(),
        order,
        choices,
        started_at: now,
        updated_at: now,
        completed_at: None,
        completions: Vec::new(),
    }
}

/// Starts the next attempt, keeping the record of finished ones; its shuffled steps come in a
/// new order drawn from `seed`.
pub fn restart(module: &Module, progress: &mut ModuleProgress, now: u64, seed: u64) {
    let completions = std::mem::take(&mut progress.completions);
    let attempt = progress.attempt + 1;
    *progress = start(module, now, seed);
    progress.attempt = attempt;
    progress.completions = completions;
}

/// An order of the module's shuffled steps drawn from `seed` (a Fisher-Yates shuffle driven by
/// SplitMix64, so the same seed always gives the same order). Empty for a module with none.
pub fn draw_order(module: &Module, seed: u64) -> Vec<String> {
    Draw(seed).shuffle(module.shuffle.clone())
}

/// SplitMix64: a small, well-mixed stream of numbers from one seed.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A Fisher-Yates shuffle.
    fn shuffle(&mut self, mut items: Vec<String>) -> Vec<String> {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
        items
    }
}

/// The answers a question step offers, in the order this attempt shows them: the order drawn
/// when it started, or the written one (true-or-false, progress saved before choices were
/// drawn, or a saved order that no longer names exactly the step's choices, which would
/// otherwise hide one).
pub fn choices_shown<'m>(step: &'m Step, progress: &ModuleProgress) -> Vec<Offered<'m>> {
    let written = step.offered();
    match progress.choices.get(&step.id) {
        Some(drawn) if same_members(drawn, &ids(&written)) => drawn
            .iter()
            .filter_map(|id| written.iter().find(|o| o.id == id).copied())
            .collect(),
        _ => written,
    }
}

fn ids(offered: &[Offered]) -> Vec<String> {
    offered.iter().map(|o| o.id.to_string()).collect()
}

/// The order this attempt presents the shuffled steps in: the drawn one, or the written one for
/// progress saved before the module was shuffled.
fn order_of<'a>(module: &'a Module, progress: &'a ModuleProgress) -> &'a [String] {
    if progress.order.is_empty() {
        &module.shuffle
    } else {
        &progress.order
    }
}

/// Where a link from `from` to `to` really leads in this attempt: into the shuffled group at
/// its first drawn step, from one drawn step to the next, and out where the written chain
/// leaves. Every other link is followed as written.
fn resolve<'a>(
    module: &'a Module,
    progress: &'a ModuleProgress,
    from: &str,
    to: &'a str,
) -> &'a str {
    let order = order_of(module, progress);
    if let Some(k) = order.iter().position(|id| id == from) {
        return match order.get(k + 1) {
            Some(following) => following,
            // The written chain's last step leads out of the group.
            None => module
                .shuffle
                .last()
                .and_then(|last| module.step(last))
                .and_then(|last| last.targets().first().copied())
                .unwrap_or(to),
        };
    }
    if module.shuffle.first().is_some_and(|first| first == to) {
        if let Some(first) = order.first() {
            return first;
        }
    }
    to
}

pub fn current_id(progress: &ModuleProgress) -> Option<&str> {
    progress.path.last().map(String::as_str)
}

pub fn current<'m>(module: &'m Module, progress: &ModuleProgress) -> Result<&'m Step, EngineError> {
    let id = current_id(progress).unwrap_or(&module.start);
    module
        .step(id)
        .ok_or_else(|| EngineError::UnknownStep(id.to_string()))
}

/// What the learner gets back for an answer: the tone, the points and the words to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feedback<'m> {
    pub verdict: Verdict,
    pub points: u32,
    pub max: u32,
    /// The chosen choice's feedback, or the question's explanation.
    pub text: &'m str,
}

/// The feedback for the answer recorded at a step, if any.
pub fn feedback<'m>(step: &'m Step, answer: &Answer) -> Option<Feedback<'m>> {
    let (points, max) = scoring::points(step, &answer.choice)?;
    let text = match &step.kind {
        StepKind::Decision { choices, .. } => {
            &choices.iter().find(|c| c.id == answer.choice)?.feedback
        }
        StepKind::TrueFalse { explanation, .. } | StepKind::MultipleChoice { explanation, .. } => {
            explanation
        }
        _ => return None,
    };
    Some(Feedback {
        verdict: scoring::verdict(points, max),
        points,
        max,
        text,
    })
}

/// Records an answer at the current step.
pub fn answer<'m>(
    module: &'m Module,
    progress: &mut ModuleProgress,
    step_id: &str,
    choice: &str,
    now: u64,
) -> Result<Feedback<'m>, EngineError> {
    let step = current(module, progress)?;
    if step.id != step_id {
        return Err(EngineError::NotCurrent(step_id.to_string()));
    }
    if !step.is_question() {
        return Err(EngineError::NotAQuestion(step.id.clone()));
    }
    if progress.answers.contains_key(&step.id) {
        return Err(EngineError::AlreadyAnswered(step.id.clone()));
    }
    let (points, max) = scoring::points(step, choice)
        .ok_or_else(|| EngineError::UnknownChoice(choice.to_string()))?;
    let answer = Answer {
        choice: choice.to_string(),
        points,
        max,
        at: now,
    };
    let feedback = feedback(step, &answer).expect("a scored choice always has feedback");
    progress.answers.insert(step.id.clone(), answer);
    progress.updated_at = now;
    Ok(feedback)
}

/// Moves to the step the current one leads to. Reaching an ending completes the attempt.
pub fn advance<'m>(
    module: &'m Module,
    progress: &mut ModuleProgress,
    now: u64,
) -> Result<&'m Step, EngineError> {
    let step = current(module, progress)?;
    let next = match &step.kind {
        StepKind::Decision { choices, .. } => {
            let answer = progress
                .answers
                .get(&step.id)
                .ok_or_else(|| EngineError::NotAnswered(step.id.clone()))?;
            &choices
                .iter()
                .find(|c| c.id == answer.choice)
                .ok_or_else(|| EngineError::UnknownChoice(answer.choice.clone()))?
                .next
        }
        StepKind::TrueFalse { next, .. } | StepKind::MultipleChoice { next, .. } => {
            if !progress.answers.contains_key(&step.id) {
                return Err(EngineError::NotAnswered(step.id.clone()));
            }
            next
        }
        StepKind::Situation { next, .. } | StepKind::KeyPoints { next, .. } => next,
        StepKind::Ending { .. } => return Err(EngineError::Finished),
    };
    let next = resolve(module, progress, &step.id, next);
    let next_step = module
        .step(next)
        .ok_or_else(|| EngineError::UnknownStep(next.to_string()))?;
    // Coming back to a question through a loop asks it afresh: the last answer is the one
    // that counts.
    progress.answers.remove(&next_step.id);
    progress.path.push(next_step.id.clone());
    progress.updated_at = now;
    if matches!(next_step.kind, StepKind::Ending { .. }) {
        progress.completed_at = Some(now);
        let Score { earned, max } = scoring::score(progress);
        progress.completions.push(Completion {
            attempt: progress.attempt,
            earned,
            max,
            at: now,
        });
    }
    Ok(next_step)
}

/// "Step N of M": N counts the steps visited; M adds the shortest way from here to an ending, so
/// it is exact on the ending and never promises more steps than the learner will see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub number: usize,
    pub total: usize,
}

pub fn position(module: &Module, progress: &ModuleProgress) -> Position {
    let number = progress.path.len().max(1);
    // In the shuffled group, the k-th drawn step is as far from the end as the k-th written one
    // (the group is one chain).
    let order = order_of(module, progress);
    let remaining = current_id(progress).map_or(0, |id| {
        let written = order
            .iter()
            .position(|drawn| drawn == id)
            .and_then(|k| module.shuffle.get(k))
            .map_or(id, String::as_str);
        steps_to_ending(module, written)
    });
    Position {
        number,
        total: number + remaining,
    }
}

/// The number of steps from `from` to the nearest ending (0 on an ending).
pub fn steps_to_ending(module: &Module, from: &str) -> usize {
    let mut queue = VecDeque::from([(from, 0usize)]);
    let mut seen = vec![from];
    while let Some((id, distance)) = queue.pop_front() {
        let Some(step) = module.step(id) else {
            continue;
        };
        if matches!(step.kind, StepKind::Ending { .. }) {
            return distance;
        }
        for next in step.targets() {
            if !seen.contains(&next) {
                seen.push(next);
                queue.push_back((next, distance + 1));
            }
        }
    }
    0
}

/// How a step asked for by URL relates to the learner's progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visit {
    /// The step the learner is at.
    Current,
    /// A step visited earlier in this attempt, at this index of the path: shown read-only.
    Earlier(usize),
    /// Not visited yet (or unknown): the app goes to the current step instead.
    NotVisited,
}

pub fn visit(progress: &ModuleProgress, step_id: &str) -> Visit {
    match progress.path.iter().rposition(|id| id == step_id) {
        Some(index) if index + 1 == progress.path.len() => Visit::Current,
        Some(index) => Visit::Earlier(index),
        None => Visit::NotVisited,
    }
}

/// A module's state as the home page lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    NotStarted,
    /// Started: where the learner is, once the module's steps are known.
    InProgress(Option<Position>),
    Completed(Score),
}

pub fn status(module: &Module, progress: Option<&ModuleProgress>) -> Status {
    status_at(module.version, progress, Some(module))
}

/// The status of a module at content `version`, from its card alone (`module: None`, before
/// its steps have loaded: an "in progress" then has no position yet) or with its steps.
pub fn status_at(
    version: u32,
    progress: Option<&ModuleProgress>,
    module: Option<&Module>,
) -> Status {
    let Some(progress) = progress else {
        return Status::NotStarted;
    };
    if progress.content_version != version {
        return Status::NotStarted;
    }
    let done = progress.completions.last().map(|done| {
        Status::Completed(Score {
            earned: done.earned,
            max: done.max,
        })
    });
    if progress.completed_at.is_some() {
        if let Some(done) = done {
            return done;
        }
    }
    if progress.path.len() > 1 || !progress.answers.is_empty() {
        return Status::InProgress(module.map(|m| position(m, progress)));
    }
    // A fresh restart after a completion still shows the last score.
    done.unwrap_or(Status::NotStarted)
}

/// Why saved progress could not be resumed as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reset {
    /// The module's content version changed since the progress was saved.
    NewVersion { saved: u32, now: u32 },
    /// The saved path names a step the module no longer has.
    MissingStep(String),
    /// The choices drawn for this step are no longer exactly the ones it offers.
    ChangedChoices(String),
}

/// Checks saved progress against the module as it is now. Progress that no longer fits starts
/// the module again (keeping past completions) and says why, rather than resuming somewhere
/// wrong.
pub fn reconcile(module: &Module, progress: &mut ModuleProgress, now: u64) -> Option<Reset> {
    let reset = if progress.content_version != module.version {
        Some(Reset::NewVersion {
            saved: progress.content_version,
            now: module.version,
        })
    } else if let Some(missing) = progress
        .path
        .iter()
        .chain(progress.answers.keys())
        .find(|id| module.step(id).is_none())
    {
        Some(Reset::MissingStep(missing.clone()))
    } else if progress.path.is_empty() {
        Some(Reset::MissingStep(String::new()))
    } else if !progress.order.is_empty() && !same_members(&progress.order, &module.shuffle) {
        // A drawn order of steps the module no longer shuffles: its place cannot be trusted.
        Some(Reset::MissingStep(String::new()))
    } else if let Some((step, _)) = progress.choices.iter().find(|(id, drawn)| {
        !module.step(id).is_some_and(|step| {
            step.draws_its_order() && same_members(drawn, &ids(&step.offered()))
        })
    }) {
        // Choices drawn for a step that no longer offers exactly them: the attempt would show
        // another order than the one it began with.
        Some(Reset::ChangedChoices(step.clone()))
    } else {
        None
    };
    if reset.is_some() {
        // The new attempt keeps the order it would have had, so that reconciling the same
        // progress twice gives the same result.
        let seed = progress.started_at ^ u64::from(progress.attempt);
        restart(module, progress, now, seed);
        progress.content_version = module.version;
    }
    reset
}

fn same_members(order: &[String], shuffle: &[String]) -> bool {
    let mut a: Vec<&String> = order.iter().collect();
    let mut b: Vec<&String> = shuffle.iter().collect();
    a.sort();
    b.sort();
    a == b
}
