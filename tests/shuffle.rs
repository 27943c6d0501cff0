//! A shuffled group of questions (the true-or-false quiz): each attempt draws its own order,
//! and that order is part of saved progress, so a reload, the compact code for an LMS and the
//! two-tab merge all bring the learner back to the same next statement.
//! Fixture `shuffled`: intro -> q1 -> q2 -> q3 -> q4 -> summary -> end, q1..q4 shuffled.

mod fixtures;

use std::path::Path;

use vigil::core::compact::{self, ModuleShape};
use vigil::core::course::{Lang, Module};
use vigil::core::engine::{self, Position};
use vigil::core::lesson;
use vigil::core::progress::{self, ModuleProgress, Progress};
use vigil::lesson_files::read_lesson;

fn fixture() -> Module {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lessons");
    let files = read_lesson(&dir.join("shuffled"), &dir).unwrap();
    lesson::compile(&files, &fixtures::languages())
        .unwrap()
        .into_iter()
        .find(|(lang, _)| *lang == Lang::EN)
        .unwrap()
        .1
}

/// Answers and leaves `count` steps from wherever the progress is.
fn walk(module: &Module, progress: &mut ModuleProgress, count: usize) {
    for _ in 0..count {
        let step = engine::current(module, progress).unwrap().clone();
        if step.is_question() {
            engine::answer(module, progress, &step.id, "true", 5).unwrap();
        }
        engine::advance(module, progress, 6).unwrap();
    }
}

fn questions() -> Vec<String> {
    ["q1", "q2", "q3", "q4"].map(String::from).to_vec()
}

#[test]
fn two_attempts_draw_different_orders_for_a_fixed_seed_pair() {
    let module = fixture();
    let first = engine::start(&module, 0, 1).order;
    let second = engine::start(&module, 0, 2).order;
    assert_ne!(first, second);
    for order in [&first, &second] {
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(sorted, questions(), "each question exactly once");
    }
    assert_eq!(
        engine::start(&module, 0, 1).order,
        first,
        "a seed is an order"
    );

    let mut progress = engine::start(&module, 0, 1);
    engine::restart(&module, &mut progress, 10, 2);
    assert_eq!(progress.order, second, "a new attempt draws again");
}

#[test]
fn a_walk_asks_each_question_once_in_the_drawn_order_then_leaves_the_group() {
    let module = fixture();
    // Seeds drawing different first questions, so the group's entry is exercised too.
    for seed in 0..8 {
        let mut progress = engine::start(&module, 0, seed);
        let order = progress.order.clone();
        let mut totals = Vec::new();
        loop {
            let Position { number, total } = engine::position(&module, &progress);
            assert!(number <= total);
            totals.push(total);
            if engine::advance(&module, &mut progress.clone(), 1)
                == Err(engine::EngineError::Finished)
            {
                break;
            }
            walk(&module, &mut progress, 1);
        }
        let mut expected = vec!["intro".to_string()];
        expected.extend(order);
        expected.extend(["summary".to_string(), "end".to_string()]);
        assert_eq!(progress.path, expected, "seed {seed}");
        assert!(
            totals.iter().all(|t| *t == expected.len()),
            "\"Step N of M\" keeps M at {} all the way: {totals:?}",
            expected.len()
        );
        assert!(progress.completed_at.is_some());
    }
}

#[test]
fn a_reload_mid_quiz_resumes_the_same_order_at_the_same_statement() {
    let module = fixture();
    let mut progress = engine::start(&module, 0, 7);
    walk(&module, &mut progress, 3); // intro, then two questions answered
    let next = progress.order[2].clone();
    assert_eq!(engine::current_id(&progress), Some(next.as_str()));

    let mut record = Progress::default();
    record.modules.insert(module.id.clone(), progress.clone());
    let reloaded = progress::decode(&progress::encode(&record)).unwrap();
    let mut resumed = reloaded.modules[&module.id].clone();
    assert_eq!(engine::reconcile(&module, &mut resumed, 9), None);
    assert_eq!(resumed, progress);
    assert_eq!(engine::current_id(&resumed), Some(next.as_str()));
    walk(&module, &mut resumed, 1);
    assert_eq!(
        engine::current_id(&resumed),
        Some(progress.order[3].as_str())
    );
}

#[test]
fn the_compact_code_keeps_the_drawn_order() {
    let module = fixture();
    let shapes = [ModuleShape::of(&module)];
    let mut progress = engine::start(&module, 0, 3);
    walk(&module, &mut progress, 2);
    let mut record = Progress::default();
    record.modules.insert(module.id.clone(), progress.clone());
    let code = compact::encode(&record, &shapes);
    let decoded = compact::decode(&code, &shapes).unwrap();
    assert_eq!(decoded.modules[&module.id].order, progress.order);
    assert_eq!(decoded, record);
}

#[test]
fn progress_saved_before_shuffling_still_loads_in_the_written_order() {
    let module = fixture();
    // A record as an earlier Vigil wrote it: no "order" field.
    let saved = r#"{"schema":1,"modules":{"shuffled":{"content_version":1,"attempt":1,
        "path":["intro","q1"],"answers":{},"started_at":0,"updated_at":0}}}"#;
    let record = progress::decode(saved).unwrap();
    let mut progress = record.modules["shuffled"].clone();
    assert!(progress.order.is_empty());
    assert_eq!(engine::reconcile(&module, &mut progress, 1), None);
    walk(&module, &mut progress, 4);
    assert_eq!(progress.path, ["intro", "q1", "q2", "q3", "q4", "summary"]);
    // A compact code written before shuffling existed (no order marker) decodes the same way.
    let shapes = [ModuleShape::of(&module)];
    let mut old = Progress::default();
    old.modules.insert("shuffled".to_string(), progress.clone());
    let decoded = compact::decode(&compact::encode(&old, &shapes), &shapes).unwrap();
    assert!(decoded.modules["shuffled"].order.is_empty());
}

#[test]
fn an_order_of_steps_the_module_no_longer_shuffles_starts_the_module_again() {
    let module = fixture();
    let mut progress = engine::start(&module, 0, 4);
    walk(&module, &mut progress, 2);
    progress.order = ["q1", "q2", "q3", "gone"].map(String::from).to_vec();
    assert!(engine::reconcile(&module, &mut progress, 5).is_some());
    assert_eq!(progress.path, ["intro"]);
    let mut sorted = progress.order.clone();
    sorted.sort();
    assert_eq!(sorted, questions());
}

#[test]
fn the_other_tab_s_newer_attempt_brings_its_order_along() {
    let module = fixture();
    let mut mine = Progress::default();
    mine.modules
        .insert(module.id.clone(), engine::start(&module, 0, 1));
    let mut theirs = Progress::default();
    let mut newer = engine::start(&module, 0, 2);
    walk(&module, &mut newer, 2);
    newer.updated_at = 50;
    theirs.modules.insert(module.id.clone(), newer.clone());
    progress::merge(&mut mine, theirs);
    assert_eq!(mine.modules[&module.id].order, newer.order);
    assert_eq!(mine.modules[&module.id].path, newer.path);
}
