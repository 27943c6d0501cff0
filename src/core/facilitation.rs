//! A module led in class or in a team briefing: one projected screen, a facilitator, a group.
//!
//! The facilitator walks the module's main path: from its start, each step's `next`, and at a
//! decision the best choice's way on (the path the module is written around). Every choice of a
//! decision is shown; its feedback stays hidden until the facilitator reveals it, one choice or
//! all. A choice that leads off the main path (a consequence, before the story rejoins it) shows
//! that detour's steps with its feedback when revealed, so the group sees what would have
//! happened without the session leaving the main path. Questions (true or false, multiple
//! choice) work the same way: each answer is revealed as right or wrong, then the explanation.
//!
//! Nothing here is stored or sent: a session is a value in the page, and no learner's progress
//! is involved.

use std::collections::BTreeSet;

use crate::core::course::{Module, Step, StepKind};
use crate::core::scoring::{verdict, Verdict};

/// The steps of the module's main path, in order: from the start, each step's way on, at a
/// decision its best choice's (the first of equals). Stops at an ending, or where a step would
/// come again (a validated module has no such loop on its best path; this only guards).
pub fn main_path(module: &Module) -> Vec<&Step> {
    let mut path: Vec<&Step> = Vec::new();
    let mut next = module.step(&module.start);
    while let Some(step) = next {
        if path.iter().any(|s| s.id == step.id) {
            break;
        }
        path.push(step);
        next = best_target(step).and_then(|id| module.step(id));
    }
    path
}

/// Where the main path goes on from a step: its `next`, or its best choice's.
fn best_target(step: &Step) -> Option<&str> {
    match &step.kind {
        StepKind::Decision { choices, .. } => {
            let best = choices.iter().map(|c| c.score).max()?;
            choices
                .iter()
                .find(|c| c.score == best)
                .map(|c| c.next.as_str())
        }
        _ => step.targets().first().copied(),
    }
}

/// The steps a choice leads through before it rejoins the main path (empty when it leads
/// straight onto it): a decision's consequence.
pub fn detour<'m>(module: &'m Module, main: &[&Step], to: &str) -> Vec<&'m Step> {
    let mut steps: Vec<&Step> = Vec::new();
    let mut next = module.step(to);
    while let Some(step) = next {
        if main.iter().any(|s| s.id == step.id) || steps.iter().any(|s| s.id == step.id) {
            break;
        }
        steps.push(step);
        next = best_target(step).and_then(|id| module.step(id));
    }
    steps
}

/// One answer a step offers the group, as the facilitator reveals it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer<'m> {
    /// The choice's or option's label; `None` for "true" and "false", whose words are the
    /// interface's.
    pub label: Option<&'m str>,
    /// For a true-or-false step, which of the two this is.
    pub true_false: Option<bool>,
    pub verdict: Verdict,
    /// What revealing it shows: a decision choice's own feedback; `None` on a quiz, whose one
    /// explanation follows the answers (`explanation`).
    pub feedback: Option<&'m str>,
    /// Where the choice leads, for a decision (to find its detour).
    pub next: Option<&'m str>,
}

/// A knowledge check's answer: right or wrong, with the step's one explanation for both.
fn quiz_answer<'m>(label: Option<&'m str>, true_false: Option<bool>, right: bool) -> Answer<'m> {
    Answer {
        label,
        true_false,
        verdict: if right { Verdict::Best } else { Verdict::Poor },
        feedback: None,
        next: None,
    }
}

/// The answers of a question step, in order; empty for a step that asks nothing.
pub fn answers(step: &Step) -> Vec<Answer<'_>> {
    match &step.kind {
        StepKind::Decision { choices, .. } => {
            let best = choices.iter().map(|c| c.score).max().unwrap_or(0);
            choices
                .iter()
                .map(|c| Answer {
                    label: Some(&c.label),
                    true_false: None,
                    verdict: verdict(c.score, best),
                    feedback: Some(&c.feedback),
                    next: Some(&c.next),
                })
                .collect()
        }
        StepKind::TrueFalse { answer, .. } => [true, false]
            .into_iter()
            .map(|value| quiz_answer(None, Some(value), value == *answer))
            .collect(),
        StepKind::MultipleChoice { options, .. } => options
            .iter()
            .map(|o| quiz_answer(Some(&o.label), None, o.correct))
            .collect(),
        _ => Vec::new(),
    }
}

/// A quiz step's explanation, shown once any of its answers is revealed.
pub fn explanation(step: &Step) -> Option<&str> {
    match &step.kind {
        StepKind::TrueFalse { explanation, .. } | StepKind::MultipleChoice { explanation, .. } => {
            Some(explanation)
        }
        _ => None,
    }
}

/// Where a session is, and what has been revealed on each step (kept per step, so that going
/// back shows a step as the group left it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// The number of steps on the main path.
    total: usize,
    /// The answers each step offers (0 on a step that asks nothing).
    answers: Vec<usize>,
    at: usize,
    revealed: Vec<BTreeSet<usize>>,
}

impl Session {
    pub fn new(module: &Module) -> Session {
        let path = main_path(module);
        Session {
            total: path.len(),
            answers: path.iter().map(|s| answers(s).len()).collect(),
            at: 0,
            revealed: vec![BTreeSet::new(); path.len()],
        }
    }

    /// The index of the current step on the main path.
    pub fn at(&self) -> usize {
        self.at
    }

    /// "Step N of M": (N, M).
    pub fn position(&self) -> (usize, usize) {
        (self.at + 1, self.total)
    }

    pub fn is_revealed(&self, answer: usize) -> bool {
        self.revealed
            .get(self.at)
            .is_some_and(|set| set.contains(&answer))
    }

    pub fn any_revealed(&self) -> bool {
        self.revealed
            .get(self.at)
            .is_some_and(|set| !set.is_empty())
    }

    /// Whether every answer of the current step is revealed (true on a step that asks nothing).
    pub fn all_revealed(&self) -> bool {
        let offered = self.answers.get(self.at).copied().unwrap_or(0);
        self.revealed
            .get(self.at)
            .is_some_and(|set| set.len() == offered)
    }

    /// Reveals one answer (by its place, from 0); false when the step has no such answer.
    pub fn reveal(&mut self, answer: usize) -> bool {
        let offered = self.answers.get(self.at).copied().unwrap_or(0);
        if answer >= offered {
            return false;
        }
        self.revealed[self.at].insert(answer);
        true
    }

    pub fn reveal_all(&mut self) {
        let offered = self.answers.get(self.at).copied().unwrap_or(0);
        self.revealed[self.at].extend(0..offered);
    }

    /// Hides the current step's answers again.
    pub fn hide_all(&mut self) {
        if let Some(set) = self.revealed.get_mut(self.at) {
            set.clear();
        }
    }

    /// Forward (next): on a question whose answers are not all revealed, reveals them all first (so that a
    /// presentation clicker, which has only next and back, can lead a whole session); otherwise
    /// moves to the next step. Returns what it did.
    pub fn forward(&mut self) -> Moved {
        if !self.all_revealed() {
            self.reveal_all();
            return Moved::Revealed;
        }
        if self.at + 1 < self.total {
            self.at += 1;
            Moved::Step
        } else {
            Moved::Nothing
        }
    }

    /// Back to the previous step.
    pub fn back(&mut self) -> Moved {
        if self.at > 0 {
            self.at -= 1;
            Moved::Step
        } else {
            Moved::Nothing
        }
    }

    /// Goes to a step of the main path by its index (a bookmarked step).
    pub fn go_to(&mut self, index: usize) -> bool {
        if index < self.total {
            self.at = index;
            true
        } else {
            false
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Moved {
    Step,
    Revealed,
    Nothing,
}

/// What a key does in a session. The keys are shown on screen; arrows and Page Up / Page Down
/// are what presentation clickers send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Next,
    Back,
    /// Reveals one answer, by its place from 0 (keys 1 to 9).
    Reveal(usize),
    RevealAll,
    HideAll,
    /// Starts the discussion countdown, or stops it.
    Countdown,
    /// Shows or hides the facilitator's panel.
    Panel,
}

/// The command a key gives (`KeyboardEvent.key`), or `None` for a key a session leaves alone.
pub fn command(key: &str) -> Option<Command> {
    Some(match key {
        "ArrowRight" | "ArrowDown" | "PageDown" | "n" | "N" => Command::Next,
        "ArrowLeft" | "ArrowUp" | "PageUp" | "p" | "P" => Command::Back,
        "a" | "A" => Command::RevealAll,
        "h" | "H" => Command::HideAll,
        "t" | "T" => Command::Countdown,
        "f" | "F" => Command::Panel,
        digit if digit.len() == 1 && ("1"..="9").contains(&digit) => {
            Command::Reveal(digit.parse::<usize>().ok()? - 1)
        }
        _ => return None,
    })
}

/// The discussion countdown: a length, and while it runs, when it started. Times are in ms,
/// handed in by the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Countdown {
    pub seconds: u32,
    started: Option<u64>,
}

impl Countdown {
    pub fn new(seconds: u32) -> Countdown {
        Countdown {
            seconds,
            started: None,
        }
    }

    pub fn is_running(&self) -> bool {
        self.started.is_some()
    }

    /// Starts it from its full length, or stops it (back to its full length).
    pub fn toggle(&mut self, now: u64) {
        self.started = match self.started {
            Some(_) => None,
            None => Some(now),
        };
    }

    /// Whole seconds left (rounded up, so it shows 0:00 only when time is up).
    pub fn remaining(&self, now: u64) -> u32 {
        match self.started {
            None => self.seconds,
            Some(start) => {
                let elapsed = now.saturating_sub(start);
                let total = u64::from(self.seconds) * 1000;
                (total.saturating_sub(elapsed).div_ceil(1000)) as u32
            }
        }
    }

    pub fn is_over(&self, now: u64) -> bool {
        self.is_running() && self.remaining(now) == 0
    }
}

/// `m:ss`, as the countdown shows it.
pub fn clock(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}
