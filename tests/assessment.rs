//! What a learner who answers without reading can expect, and the build's refusal of a module
//! such a learner passes (`core::assessment`, `lesson::check_assessment`).

mod fixtures;

use std::path::Path;

use vigil::core::assessment::{self, Strategy};
use vigil::core::course::Module;
use vigil::core::lesson;
use vigil::lesson_files::read_lesson;

fn compile(
    case: &str,
) -> (
    lesson::LessonFiles,
    Vec<(vigil::core::course::Lang, Module)>,
) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lessons");
    let files = read_lesson(&dir.join(case), &dir).expect("fixture files are readable");
    let modules = lesson::compile(&files, &fixtures::languages()).expect("the fixture compiles");
    (files, modules)
}

fn expected(module: &Module, strategy: Strategy) -> (f64, f64) {
    let outcome = assessment::outcomes(module, 70)
        .into_iter()
        .find(|o| o.strategy == strategy)
        .expect("every strategy is played");
    (outcome.expected, outcome.passes)
}

fn close(actual: f64, wanted: f64) -> bool {
    (actual - wanted).abs() < 1e-9
}

/// The figures worked out by hand for the `giveaway` fixture: a decision scoring 3, 1 or 0 (the
/// 0 through a detour), two true-or-false checks and a two-option question, 6 points in all.
#[test]
fn each_strategy_expects_the_score_worked_out_by_hand() {
    let (_, modules) = compile("giveaway");
    let module = &modules[0].1;
    // Always the longest: the best choice (3) and the right option (1), each check a coin toss:
    // 4, 5 or 6 of 6 with chances 1/4, 1/2, 1/4, each score rounded down (66, 83, 100).
    let (longest, passes) = expected(module, Strategy::Longest);
    assert!(
        close(longest, 0.25 * 66.0 + 0.5 * 83.0 + 0.25 * 100.0),
        "{longest}"
    );
    assert!(close(passes, 0.75), "{passes}");
    // Always false: both checks right (2), the decision 3, 1 or 0 and the option 1 or 0, each
    // as likely: (2 + d + o) of 6.
    let mut sum = 0.0;
    for d in [3, 1, 0] {
        for o in [1, 0] {
            sum += f64::from((2 + d + o) * 100 / 6);
        }
    }
    let (always_false, _) = expected(module, Strategy::AlwaysFalse);
    assert!(close(always_false, sum / 6.0), "{always_false}");
    // Always true gets both checks wrong.
    let mut sum = 0.0;
    for d in [3, 1, 0] {
        for o in [1, 0] {
            sum += f64::from((d + o) * 100 / 6);
        }
    }
    let (always_true, passes) = expected(module, Strategy::AlwaysTrue);
    assert!(close(always_true, sum / 6.0), "{always_true}");
    assert!(close(passes, 0.0));
}

#[test]
fn best_choices_that_stand_out_by_length_are_counted() {
    let (_, modules) = compile("giveaway");
    let hints = assessment::hints(&modules[0].1);
    assert_eq!(hints.questions, 2);
    assert_eq!(hints.best_is_longest, 2);
    assert_eq!(hints.best_is_shortest, 0);
    assert_eq!(hints.allowed(), 0);
    assert_eq!(assessment::true_false(&modules[0].1), (0, 2));
}

/// The build's message names the file, the module and the strategy, in every language where the
/// words give the answer away.
#[test]
fn a_module_passed_without_reading_is_refused_naming_the_module_and_the_strategy() {
    let (files, modules) = compile("giveaway");
    let messages: Vec<String> = lesson::check_assessment(&files, &modules, 70)
        .iter()
        .map(ToString::to_string)
        .collect();
    let mut expected = Vec::new();
    for code in ["en", "fr", "nl"] {
        expected.push(format!("giveaway/{code}.toml:1: module \"giveaway\": a learner who answers always the longest in {code} scores 83% on average, at or above the pass mark of 70%"));
        expected.push(format!("giveaway/{code}.toml:1: module \"giveaway\": the best choice is the longest in 2 of 2 questions in {code}, at most 0 may be (a third)"));
        if code == "en" {
            expected.push("giveaway/module.toml:1: module \"giveaway\": all 2 true-or-false checks have the answer \"false\": make some true".to_string());
        }
    }
    assert_eq!(messages, expected);
}

#[test]
fn a_module_that_must_be_read_passes_the_check() {
    let (files, modules) = compile("sound");
    let problems = lesson::check_assessment(&files, &modules, 70);
    assert!(problems.is_empty(), "{problems:?}");
    for strategy in Strategy::ALL {
        let (score, _) = expected(&modules[0].1, strategy);
        assert!(score < 70.0, "{strategy:?}: {score}");
    }
}
