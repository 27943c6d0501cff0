//! The learner's events as an integration hears them: a whole module walked the way the step
//! view walks it (show the current step, answer it, go on), every event handed to an integration
//! of the test's own through `core::events`, natively, with no browser. The `valid` fixture:
//! intro -> choose [good 2 | bad 0] -> check (true/false, answer false) -> end, for front desk.

mod fixtures;

use std::path::Path;

use vigil::core::course::{CourseIndex, Lang, Module, ModuleEntry, StepKind};
use vigil::core::engine;
use vigil::core::events::{self, Event, Integration};
use vigil::core::lesson;
use vigil::core::progress::Progress;
use vigil::lesson_files::read_lesson;

fn fixture() -> Module {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lessons");
    let files = read_lesson(&dir.join("valid"), &dir).unwrap();
    lesson::compile(&files, &fixtures::languages())
        .unwrap()
        .into_iter()
        .find(|(lang, _)| *lang == Lang::EN)
        .unwrap()
        .1
}

fn index_of(module: &Module) -> CourseIndex {
    CourseIndex {
        lang: Lang::EN,
        modules: vec![ModuleEntry::of(module, "fixture.en.json".to_string())],
    }
}

/// An integration that writes down what it hears, one line an event.
#[derive(Default)]
struct Heard(Vec<String>);

impl Integration for Heard {
    fn on(&mut self, event: &Event<'_>) {
        self.0.push(match *event {
            Event::StepShown {
                module,
                step,
                number,
                total,
            } => format!("shown {}/{} {number} of {total}", module.id, step.id),
            Event::Answered {
                module,
                step,
                answer,
            } => format!(
                "answered {}/{} {} {} of {}",
                module.id, step.id, answer.choice, answer.points, answer.max
            ),
            Event::ModuleCompleted { module, score } => {
                format!("completed {} {} of {}", module.id, score.earned, score.max)
            }
            Event::TrackCompleted { role, score } => {
                format!("track {role} {} of {}", score.earned, score.max)
            }
            Event::LanguageChanged(lang) => format!("language {}", lang.code()),
            Event::LearnerSwitched { id } => format!("learner {id}"),
        });
    }
}

/// Walks `module` to an ending as the step view does, answering each question with the next
/// of `choices`; each step is shown, then answered, then left, and `integration` hears of each.
fn walk(
    module: &Module,
    course: Option<&CourseIndex>,
    progress: &mut Progress,
    choices: &[&str],
    integration: &mut impl Integration,
) {
    let mut choices = choices.iter();
    let mut clock = 1_000;
    loop {
        let record = &progress.modules[&module.id];
        let step = engine::current(module, record).unwrap();
        integration.on(&events::step_shown(module, step, record));
        if matches!(step.kind, StepKind::Ending { .. }) {
            return;
        }
        clock += 1_000;
        if step.is_question() {
            let record = progress.modules.get_mut(&module.id).unwrap();
            let choice = choices.next().expect("a choice for every question");
            engine::answer(module, record, &step.id, choice, clock).unwrap();
            integration.on(&events::answered(module, step, record).unwrap());
        }
        let record = progress.modules.get_mut(&module.id).unwrap();
        let next = engine::advance(module, record, clock).unwrap().id.clone();
        for event in events::reached(module, &next, course, progress) {
            integration.on(&event);
        }
    }
}

fn learner(module: &Module, role: Option<&str>) -> Progress {
    let mut progress = Progress {
        role: role.map(str::to_string),
        ..Progress::default()
    };
    progress
        .modules
        .insert(module.id.clone(), engine::start(module, 1_000, 0));
    progress
}

#[test]
fn an_integration_hears_a_whole_module_in_order() {
    let module = fixture();
    let index = index_of(&module);
    let mut progress = learner(&module, Some("front-desk"));
    let mut heard = Heard::default();
    walk(
        &module,
        Some(&index),
        &mut progress,
        &["good", "false"],
        &mut heard,
    );
    assert_eq!(
        heard.0,
        [
            "shown fixture/intro 1 of 4",
            "shown fixture/choose 2 of 4",
            "answered fixture/choose good 2 of 2",
            "shown fixture/check 3 of 4",
            "answered fixture/check false 1 of 1",
            "completed fixture 3 of 3",
            "track front-desk 3 of 3",
            "shown fixture/end 4 of 4",
        ]
    );
}

#[test]
fn a_learner_without_a_track_completes_the_module_only() {
    let module = fixture();
    let index = index_of(&module);
    let mut progress = learner(&module, None);
    let mut heard = Heard::default();
    walk(
        &module,
        Some(&index),
        &mut progress,
        &["bad", "true"],
        &mut heard,
    );
    assert_eq!(
        heard.0,
        [
            "shown fixture/intro 1 of 4",
            "shown fixture/choose 2 of 4",
            "answered fixture/choose bad 0 of 2",
            "shown fixture/check 3 of 4",
            "answered fixture/check true 0 of 1",
            "completed fixture 0 of 3",
            "shown fixture/end 4 of 4",
        ]
    );
}

#[test]
fn no_track_is_completed_while_the_index_is_loading() {
    let module = fixture();
    let mut progress = learner(&module, Some("front-desk"));
    let mut heard = Heard::default();
    walk(&module, None, &mut progress, &["good", "false"], &mut heard);
    assert!(heard.0.contains(&"completed fixture 3 of 3".to_string()));
    assert!(!heard.0.iter().any(|line| line.starts_with("track")));
}

#[test]
fn a_track_of_another_role_is_not_completed() {
    let module = fixture();
    let index = index_of(&module);
    let mut progress = learner(&module, Some("housekeeping"));
    let mut heard = Heard::default();
    walk(
        &module,
        Some(&index),
        &mut progress,
        &["good", "false"],
        &mut heard,
    );
    assert!(heard.0.contains(&"completed fixture 3 of 3".to_string()));
    assert!(!heard.0.iter().any(|line| line.starts_with("track")));
}
