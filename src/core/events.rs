//! The learner's events: what happened, as one type, made here from what the engine decided.
//!
//! The browser app hands each event to every integration in turn (src/integrations/: the
//! embedding host, the learning record store, the service worker), and to nobody else; an
//! integration learns of the learner only through them, and they flow one way. They are made
//! here, from the engine's results, so that what an integration is told is decided natively
//! and tested natively (tests/events.rs), never inside a component.

use crate::core::certificate::certificate;
use crate::core::course::{CourseIndex, Lang, Module, Step, StepKind};
use crate::core::engine;
use crate::core::lms;
use crate::core::progress::{Answer, ModuleProgress, Progress};
use crate::core::scoring::{self, Score};

/// Something the learner did or saw. Borrowed from the module and the progress it comes from:
/// it is handed to each integration at once, and an integration keeps what it needs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Event<'a> {
    /// A step became the learner's current one: step `number` of `total`, as its page says.
    StepShown {
        module: &'a Module,
        step: &'a Step,
        number: usize,
        total: usize,
    },
    /// The engine recorded the learner's answer to a question.
    Answered {
        module: &'a Module,
        step: &'a Step,
        answer: &'a Answer,
    },
    /// The learner reached an ending of `module`, with this attempt's score.
    ModuleCompleted { module: &'a Module, score: Score },
    /// Every module of the learner's track is completed: the track's score (its modules' best
    /// completions).
    TrackCompleted { role: &'a str, score: Score },
    /// The interface language is `Lang`: once the configuration is known (which settles the
    /// first one), and after every change.
    LanguageChanged(Lang),
    /// The learner chose another learner's profile (this id) on the device.
    LearnerSwitched { id: &'a str },
}

/// Whatever is told of the learner's events. It is told, and that is all: it gets no handle on
/// the progress the events come from, and it never tells another integration anything.
pub trait Integration {
    fn on(&mut self, event: &Event<'_>);
}

/// The learner is at `step` of `module` (its current step, as `progress` says).
pub fn step_shown<'a>(module: &'a Module, step: &'a Step, progress: &ModuleProgress) -> Event<'a> {
    let position = engine::position(module, progress);
    Event::StepShown {
        module,
        step,
        number: position.number,
        total: position.total,
    }
}

/// The answer `engine::answer` recorded at `step`, if it did.
pub fn answered<'a>(
    module: &'a Module,
    step: &'a Step,
    progress: &'a ModuleProgress,
) -> Option<Event<'a>> {
    let answer = progress.answers.get(&step.id)?;
    Some(Event::Answered {
        module,
        step,
        answer,
    })
}

/// What reaching the step `reached` (where `engine::advance` led) completes: the module when it
/// is an ending, and then the learner's track too when this was the last of its modules.
/// `course` is the index of the modules offered (`None` while it loads: no track is known).
pub fn reached<'a>(
    module: &'a Module,
    reached: &str,
    course: Option<&CourseIndex>,
    progress: &'a Progress,
) -> Vec<Event<'a>> {
    let mut events = Vec::new();
    if !matches!(
        module.step(reached).map(|s| &s.kind),
        Some(StepKind::Ending { .. })
    ) {
        return events;
    }
    if let Some(record) = progress.modules.get(&module.id) {
        events.push(Event::ModuleCompleted {
            module,
            score: scoring::score(record),
        });
    }
    if let (Some(course), Some(role)) = (course, progress.role.as_deref()) {
        if certificate(course, progress, role, "", None).is_some() {
            let (_, earned, max) = lms::standing(course, progress, Some(role));
            events.push(Event::TrackCompleted {
                role,
                score: Score { earned, max },
            });
        }
    }
    events
}
