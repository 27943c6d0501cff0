//! Each attempt shows a decision's choices and a multiple choice's options in an order drawn when
//! it starts; "True" then "False" never moves. The order is progress: it survives a reload, the
//! compact code an LMS keeps, an export and import and the two-tab merge, and a restart draws it
//! again. Progress saved before choices were drawn still loads, in the written order. What is
//! recorded or reported names a choice by its id, never by where it stood.

mod fixtures;

use std::path::Path;
use std::sync::OnceLock;

use vigil::core::compact::{self, ModuleShape};
use vigil::core::course::{Label, Lang, Module, Step, StepKind};
use vigil::core::engine::{self, Reset};
use vigil::core::facilitation;
use vigil::core::lesson;
use vigil::core::lms::{self, PassMark, Standard};
use vigil::core::progress::{self, ModuleProgress, Progress};
use vigil::core::transfer::{self, ImportError};
use vigil::core::xapi::{self, Launch};
use vigil::lesson_files::{compile_dir, read_lesson};

/// The real course in English, compiled once.
fn course() -> &'static vigil::core::course::Course {
    static COURSE: OnceLock<vigil::core::course::Course> = OnceLock::new();
    COURSE.get_or_init(|| {
        compile_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons"))
            .expect("lessons compile")
            .remove(0)
    })
}

fn module(id: &str) -> &'static Module {
    course().module(id).expect("the module is in the course")
}

/// The `valid` fixture: intro -> choose [good 2 | bad 0] -> check (true/false) -> end.
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

fn ids(offered: &[vigil::core::course::Offered]) -> Vec<String> {
    offered.iter().map(|o| o.id.to_string()).collect()
}

fn written(step: &Step) -> Vec<String> {
    ids(&step.offered())
}

/// Walks from wherever the progress is until the current step is a decision, answering each
/// question on the way with what is shown first.
fn to_next_decision<'m>(module: &'m Module, progress: &mut ModuleProgress) -> &'m Step {
    loop {
        let step = engine::current(module, progress).unwrap();
        if matches!(step.kind, StepKind::Decision { .. }) {
            return step;
        }
        if step.is_question() {
            let first = engine::choices_shown(step, progress)[0].id.to_string();
            engine::answer(module, progress, &step.id, &first, 10).unwrap();
        }
        engine::advance(module, progress, 11).unwrap();
    }
}

fn record_of(module: &Module, progress: &ModuleProgress) -> Progress {
    let mut record = Progress::default();
    record.modules.insert(module.id.clone(), progress.clone());
    record
}

#[test]
fn an_attempt_draws_an_order_for_each_decision_and_multiple_choice_and_none_for_true_or_false() {
    for module in &course().modules {
        let progress = engine::start(module, 0, 42);
        let drawing: Vec<&Step> = module
            .steps
            .iter()
            .filter(|s| {
                matches!(
                    s.kind,
                    StepKind::Decision { .. } | StepKind::MultipleChoice { .. }
                )
            })
            .collect();
        let mut expected: Vec<&String> = drawing.iter().map(|s| &s.id).collect();
        expected.sort();
        assert_eq!(
            progress.choices.keys().collect::<Vec<_>>(),
            expected,
            "{}: an order for each decision and multiple choice, no other step",
            module.id
        );
        for step in &module.steps {
            let shown = ids(&engine::choices_shown(step, &progress));
            match progress.choices.get(&step.id) {
                Some(drawn) => {
                    assert_eq!(&shown, drawn, "{}/{}: shown as drawn", module.id, step.id);
                    let (mut a, mut b) = (shown.clone(), written(step));
                    a.sort();
                    b.sort();
                    assert_eq!(a, b, "{}/{}: each choice once", module.id, step.id);
                }
                None => assert_eq!(shown, written(step), "{}/{}", module.id, step.id),
            }
            if let StepKind::TrueFalse { .. } = step.kind {
                assert_eq!(shown, ["true", "false"], "True, then False");
                let labels: Vec<Label> = engine::choices_shown(step, &progress)
                    .iter()
                    .map(|o| o.label)
                    .collect();
                assert_eq!(labels, [Label::True, Label::False]);
            }
        }
        assert_eq!(
            engine::start(module, 99, 42).choices,
            progress.choices,
            "a seed is an order"
        );
    }
}

#[test]
fn the_best_choice_stands_anywhere_across_attempts() {
    // Over 64 attempts the best choice of every decision is shown at each of its places.
    for module in &course().modules {
        for step in &module.steps {
            let StepKind::Decision { choices, .. } = &step.kind else {
                continue;
            };
            let best = choices.iter().max_by_key(|c| c.score).unwrap();
            let mut places = vec![0; choices.len()];
            for seed in 0..64 {
                let progress = engine::start(module, 0, seed);
                let shown = engine::choices_shown(step, &progress);
                places[shown.iter().position(|o| o.id == best.id).unwrap()] += 1;
            }
            assert!(
                places.iter().all(|n| *n > 0),
                "{}/{}: the best choice at each place {places:?}",
                module.id,
                step.id
            );
        }
    }
}

#[test]
fn the_quiz_keeps_the_order_a_seed_gave_its_statements() {
    // The choices are drawn after the statements, so a seed orders the quiz as before.
    let quiz = module("true-or-false");
    for seed in [0, 7, 1_764_000_000_123] {
        assert_eq!(
            engine::start(quiz, 0, seed).order,
            engine::draw_order(quiz, seed)
        );
    }
}

#[test]
fn a_restart_draws_again_and_a_reload_keeps_the_order() {
    let module = module("front-desk-check-in");
    let mut progress = engine::start(module, 0, 1);
    let first = progress.choices.clone();
    let decision = to_next_decision(module, &mut progress).clone();

    // A reload: the stored record read back, checked against the module, shows the same.
    let stored = progress::encode(&record_of(module, &progress));
    let mut resumed = progress::decode(&stored).unwrap().modules[&module.id].clone();
    assert_eq!(engine::reconcile(module, &mut resumed, 20), None);
    assert_eq!(resumed, progress);
    assert_eq!(
        ids(&engine::choices_shown(&decision, &resumed)),
        first[&decision.id]
    );

    engine::restart(module, &mut progress, 30, 2);
    assert_eq!(progress.attempt, 2);
    assert_ne!(progress.choices, first, "a new attempt, new orders");
    assert_eq!(
        progress.choices,
        engine::start(module, 0, 2).choices,
        "drawn from the new seed"
    );
}

#[test]
fn the_compact_code_keeps_each_order_by_rank_or_by_id() {
    let shapes: Vec<ModuleShape> = course().modules.iter().map(ModuleShape::of).collect();
    for module in &course().modules {
        for seed in 0..24 {
            let progress = engine::start(module, 1_764_000_000_000, seed);
            let record = record_of(module, &progress);
            let code = compact::encode(&record, &shapes);
            let decoded = compact::decode(&code, &shapes).unwrap();
            assert_eq!(decoded, record, "{} seed {seed}", module.id);
            // Against a course that no longer has the module, it is kept by id.
            let by_id = compact::decode(&compact::encode(&record, &[]), &[]).unwrap();
            assert_eq!(by_id, record, "{} seed {seed}, by id", module.id);
        }
    }
    // Each order costs its question a couple of bytes.
    let module = module("manager-the-code");
    let mut progress = engine::start(module, 1_764_000_000_000, 5);
    let with = compact::encode(&record_of(module, &progress), &shapes).len();
    progress.choices.clear();
    let without = compact::encode(&record_of(module, &progress), &shapes).len();
    assert!(
        with - without <= 4 * module.steps.len() / 3,
        "{without} -> {with}"
    );
}

#[test]
fn suspend_data_gives_back_the_orders_and_the_answers_by_id() {
    let course = course();
    let shapes: Vec<ModuleShape> = course.modules.iter().map(ModuleShape::of).collect();
    let module = module("housekeeping-rooms");
    let mut progress = engine::start(module, 0, 3);
    let decision = to_next_decision(module, &mut progress).clone();
    // The learner takes the choice shown last.
    let last = engine::choices_shown(&decision, &progress)
        .last()
        .unwrap()
        .id
        .to_string();
    engine::answer(module, &mut progress, &decision.id, &last, 50).unwrap();
    let record = record_of(module, &progress);
    for standard in [Standard::Scorm12, Standard::Scorm2004] {
        let values = lms::values(
            standard,
            course,
            &shapes,
            &record,
            Some("housekeeping"),
            PassMark::default(),
            1000,
        );
        let suspend = &values
            .iter()
            .find(|(k, _)| *k == "cmi.suspend_data")
            .unwrap()
            .1;
        let resumed = lms::resume(&shapes, suspend).unwrap();
        assert_eq!(resumed, record);
        assert_eq!(
            resumed.modules[&module.id].answers[&decision.id].choice,
            last
        );
    }
}

#[test]
fn an_export_imports_back_with_its_orders_and_a_hostile_order_is_refused() {
    let module = module("tour-guide-abroad");
    let record = record_of(module, &engine::start(module, 0, 11));
    let text = transfer::export("Anna", &record, 5);
    assert!(text.contains("\"choices\""));
    assert_eq!(transfer::import(text.as_bytes()).unwrap().progress, record);

    let mut hostile = record.clone();
    let first = hostile.modules.get_mut(&module.id).unwrap();
    let step = first.choices.keys().next().unwrap().clone();
    first.choices.get_mut(&step).unwrap()[0] = "<script>".to_string();
    let text = transfer::export("Anna", &hostile, 5);
    assert_eq!(
        transfer::import(text.as_bytes()).map(|i| i.progress),
        Err(ImportError::Suspicious(format!(
            "an answer in module \"{}\"",
            module.id
        )))
    );
}

#[test]
fn the_other_tab_s_newer_attempt_brings_its_orders_along() {
    let module = module("security-night");
    let mut mine = record_of(module, &engine::start(module, 0, 1));
    let mut newer = engine::start(module, 0, 2);
    to_next_decision(module, &mut newer);
    newer.updated_at = 50;
    progress::merge(&mut mine, record_of(module, &newer));
    assert_eq!(mine.modules[&module.id].choices, newer.choices);
}

#[test]
fn progress_saved_before_choices_were_drawn_loads_in_the_written_order() {
    let module = fixture();
    // A record as the previous Vigil wrote it: no "choices", the learner at the decision.
    let saved = r#"{"schema":1,"role":"front-desk","modules":{"fixture":{"content_version":1,
        "attempt":1,"path":["intro","choose"],"answers":{},"started_at":0,"updated_at":4}}}"#;
    let mut progress = progress::decode(saved).unwrap().modules["fixture"].clone();
    assert!(progress.choices.is_empty());
    assert_eq!(engine::reconcile(&module, &mut progress, 5), None);
    let step = engine::current(&module, &progress).unwrap();
    assert_eq!(
        ids(&engine::choices_shown(step, &progress)),
        ["good", "bad"]
    );
    engine::answer(&module, &mut progress, "choose", "bad", 6).unwrap();
    engine::advance(&module, &mut progress, 7).unwrap();
    assert_eq!(progress.path, ["intro", "choose", "check"]);
    // Its next attempt draws.
    engine::restart(&module, &mut progress, 8, 3);
    assert_eq!(progress.choices.keys().collect::<Vec<_>>(), ["choose"]);

    // A compact code as the previous Vigil wrote it (its own encoder's output for the record
    // above, pinned): it reads the same.
    let shapes = [ModuleShape::of(&module)];
    let old = "V1.CmZyb250LWRlc2sAAQdmaXh0dXJlAQEABAAAus3x6AwCAAEAAA";
    assert_eq!(
        compact::decode(old, &shapes),
        Ok(progress::decode(saved).unwrap())
    );
}

#[test]
fn choices_drawn_for_content_that_changed_start_the_module_again() {
    let module = fixture();
    let mut progress = engine::start(&module, 0, 1);
    progress.choices.insert(
        "choose".to_string(),
        vec!["good".to_string(), "gone".to_string()],
    );
    // Until it is reconciled, every choice the step has is still shown.
    let step = module.step("choose").unwrap();
    assert_eq!(
        ids(&engine::choices_shown(step, &progress)),
        ["good", "bad"]
    );
    assert_eq!(
        engine::reconcile(&module, &mut progress, 2),
        Some(Reset::ChangedChoices("choose".to_string()))
    );
    let mut drawn = progress.choices["choose"].clone();
    drawn.sort();
    assert_eq!(drawn, ["bad", "good"]);

    // An order for a true-or-false step is not one this Vigil draws either.
    let mut progress = engine::start(&module, 0, 1);
    progress.choices.insert(
        "check".to_string(),
        vec!["false".to_string(), "true".to_string()],
    );
    assert_eq!(
        engine::reconcile(&module, &mut progress, 2),
        Some(Reset::ChangedChoices("check".to_string()))
    );
}

#[test]
fn an_answered_statement_names_the_choice_by_id_and_lists_the_choices_as_written() {
    let module = module("front-desk-check-in");
    let launch = Launch {
        actor: xapi::local_actor("Anna", "https://hotel.example", "p1"),
        base: "https://hotel.example/vigil/".to_string(),
        cmi5: None,
    };
    let mut statements = Vec::new();
    // Two attempts whose orders differ, each taking the choice shown first.
    for seed in [1, 2] {
        let mut progress = engine::start(module, 0, seed);
        let step = to_next_decision(module, &mut progress).clone();
        let first = engine::choices_shown(&step, &progress)[0].id.to_string();
        engine::answer(module, &mut progress, &step.id, &first, 60).unwrap();
        let answer = &progress.answers[&step.id];
        let statement = xapi::answered("s", &launch, module, &step, answer);
        assert_eq!(statement["result"]["response"], first.as_str());
        let listed: Vec<&str> = statement["object"]["definition"]["choices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        assert_eq!(listed, written(&step), "the choices as written");
        statements.push((first, statement["object"].clone()));
    }
    assert_ne!(statements[0].0, statements[1].0, "the orders differed");
    assert_eq!(
        statements[0].1, statements[1].1,
        "one definition of the question, whatever the order shown"
    );
}

#[test]
fn the_facilitator_sees_the_choices_as_written() {
    // The projected step and the guide take no learner's progress: a class and its guide
    // agree, in the written order.
    for module in &course().modules {
        for step in &module.steps {
            let StepKind::Decision { choices, .. } = &step.kind else {
                continue;
            };
            let labels: Vec<&str> = facilitation::answers(step)
                .iter()
                .filter_map(|a| a.label)
                .collect();
            let written: Vec<&str> = choices.iter().map(|c| c.label.as_str()).collect();
            assert_eq!(labels, written, "{}/{}", module.id, step.id);
        }
    }
}
