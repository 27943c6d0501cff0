//! What a module's score is worth: the score of a learner who answers without reading.
//!
//! A certificate, a completion code and an LMS's "passed" rest on a module's score, so a
//! learner who never reads a word must not reach the pass mark. This module plays a module
//! through the real engine with strategies that ignore the words (at random, always the longest
//! choice, always the shortest, always "true", always "false") and gives the score each can
//! expect, exactly: every way the strategy can go is followed with its probability. It also
//! counts the questions whose best choice stands out by its length, the hint that makes
//! "always the longest" work. The build refuses a module that any strategy passes
//! (`lesson::check_assessment`).

use crate::core::course::{Module, Step, StepKind};
use crate::core::engine;
use crate::core::progress::ModuleProgress;
use crate::core::scoring;

/// A way to answer without reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// Any answer, each as likely as the others.
    Random,
    /// The choice with the longest label (true or false at random on a true-or-false step).
    Longest,
    /// The choice with the shortest label (true or false at random).
    Shortest,
    /// "True" on every true-or-false step, any choice elsewhere.
    AlwaysTrue,
    /// "False" on every true-or-false step, any choice elsewhere.
    AlwaysFalse,
}

impl Strategy {
    pub const ALL: [Strategy; 5] = [
        Strategy::Random,
        Strategy::Longest,
        Strategy::Shortest,
        Strategy::AlwaysTrue,
        Strategy::AlwaysFalse,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Strategy::Random => "at random",
            Strategy::Longest => "always the longest",
            Strategy::Shortest => "always the shortest",
            Strategy::AlwaysTrue => "always true",
            Strategy::AlwaysFalse => "always false",
        }
    }

    /// The answers this strategy gives at `step`, each with its probability.
    fn answers(self, step: &Step) -> Vec<(String, f64)> {
        let labelled: Vec<(&str, usize)> = match &step.kind {
            StepKind::Decision { choices, .. } => choices
                .iter()
                .map(|c| (c.id.as_str(), c.label.chars().count()))
                .collect(),
            StepKind::MultipleChoice { options, .. } => options
                .iter()
                .map(|o| (o.id.as_str(), o.label.chars().count()))
                .collect(),
            StepKind::TrueFalse { .. } => {
                let fixed = match self {
                    Strategy::AlwaysTrue => Some("true"),
                    Strategy::AlwaysFalse => Some("false"),
                    _ => None,
                };
                return match fixed {
                    Some(answer) => vec![(answer.to_string(), 1.0)],
                    None => vec![("true".to_string(), 0.5), ("false".to_string(), 0.5)],
                };
            }
            _ => return Vec::new(),
        };
        let lengths = labelled.iter().map(|(_, len)| *len);
        // The length a strategy that reads by length picks; every choice when it does not.
        let wanted = match self {
            Strategy::Longest => lengths.max(),
            Strategy::Shortest => lengths.min(),
            _ => None,
        };
        let picked: Vec<&str> = labelled
            .iter()
            .filter(|(_, len)| wanted.is_none_or(|wanted| *len == wanted))
            .map(|(id, _)| *id)
            .collect();
        // Ties are broken at random.
        let each = 1.0 / picked.len() as f64;
        picked
            .into_iter()
            .map(|id| (id.to_string(), each))
            .collect()
    }
}

/// What a strategy can expect in a module.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outcome {
    pub strategy: Strategy,
    /// The expected score, in percent (each attempt's score rounded down, as the app shows it).
    pub expected: f64,
    /// The chance that an attempt reaches `pass_mark`.
    pub passes: f64,
}

/// A path longer than this is a loop that the strategy never leaves: it never finishes.
const MAX_PATH: usize = 400;

/// The outcome of each strategy in `module`, against a pass mark in percent.
pub fn outcomes(module: &Module, pass_mark: u32) -> Vec<Outcome> {
    Strategy::ALL
        .into_iter()
        .map(|strategy| {
            let mut totals = Totals::default();
            let progress = engine::start(module, 0, 0);
            play(module, progress, strategy, 1.0, pass_mark, &mut totals);
            Outcome {
                strategy,
                expected: totals.expected,
                passes: totals.passes,
            }
        })
        .collect()
}

#[derive(Default)]
struct Totals {
    expected: f64,
    passes: f64,
}

/// The points a strategy's answer at `step` is worth, with their probabilities.
fn points_of(strategy: Strategy, step: &Step) -> Vec<(u32, f64)> {
    let mut points: Vec<(u32, f64)> = Vec::new();
    for (choice, p) in strategy.answers(step) {
        let Some((earned, _)) = scoring::points(step, &choice) else {
            continue;
        };
        match points.iter_mut().find(|(e, _)| *e == earned) {
            Some(entry) => entry.1 += p,
            None => points.push((earned, p)),
        }
    }
    points
}

/// Whether every answer at `step` leads to the same step, so that the answer changes the score
/// but not the way on.
fn one_way_on(step: &Step) -> bool {
    let targets = step.targets();
    targets.windows(2).all(|pair| pair[0] == pair[1])
}

/// Follows every way `strategy` can go from `progress`, adding each finished attempt's score
/// weighted by its probability. Only a decision whose choices lead to different steps splits
/// the ways; elsewhere one answer is given for the engine to move on, and the score of that
/// step is counted at the end as the chances of each of its points. That is exact because a
/// learner who does not read answers each step independently, and a step asked again through a
/// loop keeps only its last answer in the engine as in this count.
fn play(
    module: &Module,
    mut progress: ModuleProgress,
    strategy: Strategy,
    probability: f64,
    pass_mark: u32,
    totals: &mut Totals,
) {
    loop {
        let Ok(step) = engine::current(module, &progress) else {
            return;
        };
        if matches!(step.kind, StepKind::Ending { .. }) {
            finish(module, &progress, strategy, probability, pass_mark, totals);
            return;
        }
        if progress.path.len() > MAX_PATH {
            return;
        }
        if !step.is_question() {
            if engine::advance(module, &mut progress, 0).is_err() {
                return;
            }
            continue;
        }
        let id = step.id.clone();
        let answers = strategy.answers(step);
        if one_way_on(step) {
            let Some((choice, _)) = answers.first() else {
                return;
            };
            if engine::answer(module, &mut progress, &id, choice, 0).is_err()
                || engine::advance(module, &mut progress, 0).is_err()
            {
                return;
            }
            continue;
        }
        // Answers that score the same and lead to the same step are one way.
        let mut ways: Vec<(String, u32, &str, f64)> = Vec::new();
        for (choice, p) in answers {
            let Some((points, _)) = scoring::points(step, &choice) else {
                continue;
            };
            let next = next_of(step, &choice);
            match ways
                .iter_mut()
                .find(|(_, pts, to, _)| *pts == points && *to == next)
            {
                Some(way) => way.3 += p,
                None => ways.push((choice, points, next, p)),
            }
        }
        for (choice, _, _, p) in ways {
            let mut branch = progress.clone();
            if engine::answer(module, &mut branch, &id, &choice, 0).is_ok()
                && engine::advance(module, &mut branch, 0).is_ok()
            {
                play(module, branch, strategy, probability * p, pass_mark, totals);
            }
        }
        return;
    }
}

/// Adds a finished attempt: the points of the decisions that chose the way are as answered; the
/// other steps' points are each strategy's chances, combined.
fn finish(
    module: &Module,
    progress: &ModuleProgress,
    strategy: Strategy,
    probability: f64,
    pass_mark: u32,
    totals: &mut Totals,
) {
    let mut max = 0;
    // chances[e]: the probability of having earned e points.
    let mut chances = vec![1.0];
    for (id, answer) in &progress.answers {
        max += answer.max;
        let Some(step) = module.step(id) else {
            continue;
        };
        let points = if one_way_on(step) {
            points_of(strategy, step)
        } else {
            vec![(answer.points, 1.0)]
        };
        let top = points.iter().map(|(e, _)| *e as usize).max().unwrap_or(0);
        let mut next = vec![0.0; chances.len() + top];
        for (earned, p) in chances.iter().enumerate() {
            for (points, q) in &points {
                next[earned + *points as usize] += p * q;
            }
        }
        chances = next;
    }
    for (earned, p) in chances.into_iter().enumerate() {
        let percent = scoring::Score {
            earned: earned as u32,
            max,
        }
        .percent();
        totals.expected += probability * p * f64::from(percent);
        if percent >= pass_mark {
            totals.passes += probability * p;
        }
    }
}

/// Where a decision's choice leads as written (shuffled groups are resolved by the engine).
fn next_of<'s>(step: &'s Step, choice: &str) -> &'s str {
    match &step.kind {
        StepKind::Decision { choices, .. } => choices
            .iter()
            .find(|c| c.id == choice)
            .map_or("", |c| c.next.as_str()),
        _ => step.targets().first().copied().unwrap_or(""),
    }
}

/// How often a module's best answers stand out by their length, over its questions that have
/// labelled choices (decisions and multiple-choice questions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Hints {
    pub questions: usize,
    /// Questions whose best choice is (one of) the longest.
    pub best_is_longest: usize,
    /// Questions whose best choice is (one of) the shortest.
    pub best_is_shortest: usize,
}

impl Hints {
    /// A third of the questions, the most that may give the best choice away by its length.
    pub fn allowed(self) -> usize {
        self.questions / 3
    }
}

pub fn hints(module: &Module) -> Hints {
    let mut hints = Hints::default();
    for step in &module.steps {
        let choices: Vec<(usize, bool)> = match &step.kind {
            StepKind::Decision { choices, .. } => {
                let best = choices.iter().map(|c| c.score).max().unwrap_or(0);
                choices
                    .iter()
                    .map(|c| (c.label.chars().count(), c.score == best))
                    .collect()
            }
            StepKind::MultipleChoice { options, .. } => options
                .iter()
                .map(|o| (o.label.chars().count(), o.correct))
                .collect(),
            _ => continue,
        };
        hints.questions += 1;
        let longest = choices.iter().map(|c| c.0).max().unwrap_or(0);
        let shortest = choices.iter().map(|c| c.0).min().unwrap_or(0);
        if choices.iter().any(|&(len, best)| best && len == longest) {
            hints.best_is_longest += 1;
        }
        if choices.iter().any(|&(len, best)| best && len == shortest) {
            hints.best_is_shortest += 1;
        }
    }
    hints
}

/// The answers of a module's true-or-false steps: how many are true, of how many.
pub fn true_false(module: &Module) -> (usize, usize) {
    module
        .steps
        .iter()
        .filter_map(|step| match step.kind {
            StepKind::TrueFalse { answer, .. } => Some(answer),
            _ => None,
        })
        .fold((0, 0), |(t, n), answer| (t + usize::from(answer), n + 1))
}
