//! Scoring: points per answer and the score of an attempt.

use serde::{Deserialize, Serialize};

use crate::core::course::{Step, StepKind};
use crate::core::progress::ModuleProgress;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub earned: u32,
    pub max: u32,
}

impl Score {
    /// Whole percent, rounded down so that 2 of 3 never shows as 67% "passed" by rounding.
    pub fn percent(self) -> u32 {
        // A module with no questions on the learner's path has nothing to get wrong.
        (self.earned * 100).checked_div(self.max).unwrap_or(100)
    }
}

/// How good an answer was, which decides the tone of its feedback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The best answer available.
    Best,
    /// Some credit: better than the worst, not the best.
    Partial,
    /// No credit.
    Poor,
}

/// Points and maximum for a choice at a question step; `None` if the choice does not exist.
pub fn points(step: &Step, choice: &str) -> Option<(u32, u32)> {
    match &step.kind {
        StepKind::Decision { choices, .. } => {
            let max = choices.iter().map(|c| c.score).max().unwrap_or(0);
            choices
                .iter()
                .find(|c| c.id == choice)
                .map(|c| (c.score, max))
        }
        StepKind::TrueFalse { answer, .. } => {
            let given = match choice {
                "true" => true,
                "false" => false,
                _ => return None,
            };
            Some((u32::from(given == *answer), 1))
        }
        StepKind::MultipleChoice { options, .. } => options
            .iter()
            .find(|o| o.id == choice)
            .map(|o| (u32::from(o.correct), 1)),
        _ => None,
    }
}

pub fn verdict(points: u32, max: u32) -> Verdict {
    if points >= max {
        Verdict::Best
    } else if points > 0 {
        Verdict::Partial
    } else {
        Verdict::Poor
    }
}

/// The score of the current attempt: every answer given on it.
pub fn score(progress: &ModuleProgress) -> Score {
    progress
        .answers
        .values()
        .fold(Score { earned: 0, max: 0 }, |acc, a| Score {
            earned: acc.earned + a.points,
            max: acc.max + a.max,
        })
}
