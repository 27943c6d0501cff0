//! The scenario engine and scoring, driven through their public functions on the `valid`
//! fixture lesson (intro -> choose [good 2 | bad 0] -> check (true/false, answer false) -> end).

mod fixtures;

use std::path::Path;

use vigil::core::course::{Lang, Module};
use vigil::core::engine::{self, EngineError, Position, Reset, Status, Visit};
use vigil::core::lesson;
use vigil::core::scoring::{self, Score, Verdict};
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

#[test]
fn a_new_module_starts_at_its_start_step() {
    let module = fixture();
    let progress = engine::start(&module, 1_000, 0);
    assert_eq!(progress.path, ["intro"]);
    assert_eq!(progress.attempt, 1);
    assert_eq!(progress.content_version, 1);
    assert_eq!(
        engine::position(&module, &progress),
        Position {
            number: 1,
            total: 4
        }
    );
    assert_eq!(engine::status(&module, Some(&progress)), Status::NotStarted);
    assert_eq!(engine::status(&module, None), Status::NotStarted);
}

#[test]
fn a_question_cannot_be_passed_without_an_answer() {
    let module = fixture();
    let mut progress = engine::start(&module, 0, 0);
    engine::advance(&module, &mut progress, 1).unwrap();
    assert_eq!(
        engine::advance(&module, &mut progress, 2),
        Err(EngineError::NotAnswered("choose".to_string()))
    );
    assert_eq!(
        engine::answer(&module, &mut progress, "intro", "good", 2),
        Err(EngineError::NotCurrent("intro".to_string()))
    );
    assert_eq!(
        engine::answer(&module, &mut progress, "choose", "maybe", 2),
        Err(EngineError::UnknownChoice("maybe".to_string()))
    );
}

#[test]
fn the_best_choice_earns_full_points_and_its_own_feedback() {
    let module = fixture();
    let mut progress = engine::start(&module, 0, 0);
    engine::advance(&module, &mut progress, 1).unwrap();
    let feedback = engine::answer(&module, &mut progress, "choose", "good", 2).unwrap();
    assert_eq!(feedback.verdict, Verdict::Best);
    assert_eq!((feedback.points, feedback.max), (2, 2));
    assert_eq!(feedback.text, "EN well done.");
    assert_eq!(
        engine::answer(&module, &mut progress, "choose", "bad", 3),
        Err(EngineError::AlreadyAnswered("choose".to_string())),
        "an answer, once confirmed, stands"
    );
    assert_eq!(
        engine::status(&module, Some(&progress)),
        Status::InProgress(Some(Position {
            number: 2,
            total: 4
        }))
    );
    assert_eq!(
        engine::status_at(module.version, Some(&progress), None),
        Status::InProgress(None),
        "before its steps load, the card knows it is started, not where"
    );
}

#[test]
fn the_tempting_choice_earns_nothing_and_says_why() {
    let module = fixture();
    let mut progress = engine::start(&module, 0, 0);
    engine::advance(&module, &mut progress, 1).unwrap();
    let feedback = engine::answer(&module, &mut progress, "choose", "bad", 2).unwrap();
    assert_eq!(feedback.verdict, Verdict::Poor);
    assert_eq!(feedback.text, "EN not this one.");
}

#[test]
fn reaching_the_ending_completes_the_attempt_with_its_score() {
    let module = fixture();
    let mut progress = engine::start(&module, 0, 0);
    engine::advance(&module, &mut progress, 1).unwrap();
    engine::answer(&module, &mut progress, "choose", "good", 2).unwrap();
    engine::advance(&module, &mut progress, 3).unwrap();
    let wrong = engine::answer(&module, &mut progress, "check", "true", 4).unwrap();
    assert_eq!(wrong.verdict, Verdict::Poor);
    assert_eq!(wrong.text, "EN explanation.");
    let end = engine::advance(&module, &mut progress, 5).unwrap();
    assert_eq!(end.id, "end");
    assert_eq!(progress.completed_at, Some(5));
    assert_eq!(scoring::score(&progress), Score { earned: 2, max: 3 });
    assert_eq!(Score { earned: 2, max: 3 }.percent(), 66);
    assert_eq!(
        engine::status(&module, Some(&progress)),
        Status::Completed(Score { earned: 2, max: 3 })
    );
    assert_eq!(
        engine::position(&module, &progress),
        Position {
            number: 4,
            total: 4
        }
    );
    assert_eq!(
        engine::advance(&module, &mut progress, 6),
        Err(EngineError::Finished)
    );
}

#[test]
fn restarting_keeps_past_scores_and_counts_the_attempt() {
    let module = fixture();
    let mut progress = engine::start(&module, 0, 0);
    engine::advance(&module, &mut progress, 1).unwrap();
    engine::answer(&module, &mut progress, "choose", "bad", 2).unwrap();
    engine::advance(&module, &mut progress, 3).unwrap();
    engine::answer(&module, &mut progress, "check", "false", 4).unwrap();
    engine::advance(&module, &mut progress, 5).unwrap();
    engine::restart(&module, &mut progress, 9, 0);
    assert_eq!(progress.attempt, 2);
    assert_eq!(progress.path, ["intro"]);
    assert!(progress.answers.is_empty());
    assert_eq!(progress.completions.len(), 1);
    assert_eq!(
        (progress.completions[0].earned, progress.completions[0].max),
        (1, 3)
    );
    assert_eq!(
        engine::status(&module, Some(&progress)),
        Status::Completed(Score { earned: 1, max: 3 })
    );
}

#[test]
fn earlier_steps_are_visited_and_later_ones_are_not() {
    let module = fixture();
    let mut progress = engine::start(&module, 0, 0);
    engine::advance(&module, &mut progress, 1).unwrap();
    assert_eq!(engine::visit(&progress, "intro"), Visit::Earlier(0));
    assert_eq!(engine::visit(&progress, "choose"), Visit::Current);
    assert_eq!(engine::visit(&progress, "end"), Visit::NotVisited);
    assert_eq!(engine::visit(&progress, "no-such-step"), Visit::NotVisited);
}

#[test]
fn progress_made_with_other_content_starts_again_and_says_why() {
    let module = fixture();
    let mut progress = engine::start(&module, 0, 0);
    engine::advance(&module, &mut progress, 1).unwrap();
    assert_eq!(
        engine::reconcile(&module, &mut progress, 2),
        None,
        "matching content resumes as it is"
    );
    assert_eq!(progress.path, ["intro", "choose"]);

    let mut renamed = progress.clone();
    renamed.path[1] = "old-step-name".to_string();
    assert_eq!(
        engine::reconcile(&module, &mut renamed, 3),
        Some(Reset::MissingStep("old-step-name".to_string()))
    );
    assert_eq!(renamed.path, ["intro"]);

    let mut newer = module.clone();
    newer.version = 2;
    assert_eq!(
        engine::reconcile(&newer, &mut progress, 4),
        Some(Reset::NewVersion { saved: 1, now: 2 })
    );
    assert_eq!(progress.content_version, 2);
    assert_eq!(progress.path, ["intro"]);
}
