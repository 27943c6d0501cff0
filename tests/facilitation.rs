//! A module led in class: the main path a facilitator walks, the detours a revealed choice
//! shows, what next, back and reveal do, the keys, and the discussion countdown.

use std::path::Path;

use vigil::core::course::{Course, LeadModule, Module, StepKind};
use vigil::core::facilitation::{
    answers, clock, command, detour, explanation, main_path, Command, Countdown, Moved, Session,
};
use vigil::core::scoring::Verdict;
use vigil::lesson_files::compile_dir;

fn courses() -> Vec<Course> {
    compile_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons")).unwrap()
}

fn front_desk() -> Module {
    courses()[0].module("front-desk-check-in").unwrap().clone()
}

fn ids<'a>(steps: &[&'a vigil::core::course::Step]) -> Vec<&'a str> {
    steps.iter().map(|s| s.id.as_str()).collect()
}

#[test]
fn the_main_path_follows_the_best_choices_to_the_ending() {
    let module = front_desk();
    let path = main_path(&module);
    assert_eq!(
        ids(&path),
        [
            "welcome",
            "arrival",
            "at-the-desk",
            "reading-the-signs",
            "phone-call",
            "after-the-call",
            "incident-log",
            "what-happens-next",
            "escalation",
            "tf-proof",
            "tf-reporter-identity",
            "tf-always-scared",
            "tf-prosecution-abroad",
            "signs-quiz",
            "summary",
            "end",
        ]
    );
}

#[test]
fn a_choice_off_the_main_path_shows_its_consequence_as_a_detour() {
    let module = front_desk();
    let path = main_path(&module);
    assert_eq!(
        ids(&detour(&module, &path, "confront-consequence")),
        ["confront-consequence"]
    );
    assert_eq!(
        ids(&detour(&module, &path, "reading-the-signs")),
        Vec::<&str>::new()
    );
}

#[test]
fn every_decision_of_every_module_is_on_the_main_path_with_its_facilitator_texts() {
    for course in courses() {
        for module in &course.modules {
            let path = main_path(module);
            assert!(
                matches!(path.last().map(|s| &s.kind), Some(StepKind::Ending { .. })),
                "{} [{:?}]: the main path ends in an ending",
                module.id,
                course.lang
            );
            let mut shown: Vec<&str> = ids(&path);
            for step in &path {
                for answer in answers(step) {
                    if let Some(next) = answer.next {
                        shown.extend(ids(&detour(module, &path, next)));
                    }
                }
            }
            for step in &module.steps {
                if let StepKind::Decision { facilitator, .. } = &step.kind {
                    assert!(
                        shown.contains(&step.id.as_str()),
                        "{}: {} is never shown",
                        module.id,
                        step.id
                    );
                    // The guide numbers the main path's steps: every decision of the course is on it.
                    assert!(
                        ids(&path).contains(&step.id.as_str()),
                        "{}: {} is off the main path",
                        module.id,
                        step.id
                    );
                    let texts = facilitator
                        .as_ref()
                        .expect("every decision has facilitator texts");
                    assert!(!texts.discussion.is_empty() && !texts.teaching_point.is_empty());
                }
            }
        }
    }
}

#[test]
fn the_facilitators_file_keeps_the_texts_the_learners_file_leaves_out() {
    let module = front_desk();
    let learners = serde_json::to_string(&module).unwrap();
    let lead = serde_json::to_string(&LeadModule::of(&module)).unwrap();
    let StepKind::Decision {
        facilitator: Some(texts),
        ..
    } = &module.step("at-the-desk").unwrap().kind
    else {
        panic!("at-the-desk is a decision with facilitator texts");
    };
    assert!(!learners.contains(&texts.teaching_point));
    assert!(lead.contains(&texts.teaching_point));
    let read: LeadModule = serde_json::from_str(&lead).unwrap();
    assert_eq!(read.into_module(), module);
}

#[test]
fn answers_carry_their_verdict_and_what_revealing_shows() {
    let module = front_desk();
    let decision = answers(module.step("at-the-desk").unwrap());
    let verdicts: Vec<Verdict> = decision.iter().map(|a| a.verdict).collect();
    // The written order, which the facilitator's view keeps (the best choice is no longer
    // written last).
    assert_eq!(
        verdicts,
        [
            Verdict::Best,
            Verdict::Poor,
            Verdict::Partial,
            Verdict::Poor
        ]
    );
    assert!(decision
        .iter()
        .all(|a| a.feedback.is_some_and(|f| !f.is_empty())));

    let tf = module.step("tf-proof").unwrap();
    let verdicts: Vec<(Option<bool>, Verdict)> = answers(tf)
        .iter()
        .map(|a| (a.true_false, a.verdict))
        .collect();
    assert_eq!(
        verdicts,
        [(Some(true), Verdict::Best), (Some(false), Verdict::Poor)]
    );
    assert!(explanation(tf).is_some());
    let quiz = answers(module.step("signs-quiz").unwrap());
    assert_eq!(
        quiz.iter().filter(|a| a.verdict == Verdict::Best).count(),
        1
    );
    assert!(answers(module.step("welcome").unwrap()).is_empty());
}

#[test]
fn next_reveals_a_questions_answers_before_it_moves_on_and_back_keeps_what_was_revealed() {
    let module = front_desk();
    let mut session = Session::new(&module);
    assert_eq!(session.position(), (1, 16));
    assert_eq!(session.back(), Moved::Nothing);
    assert_eq!(session.forward(), Moved::Step);
    assert_eq!(session.forward(), Moved::Step);
    // At the first decision: four choices, none revealed.
    assert_eq!(session.position(), (3, 16));
    assert!(!session.any_revealed());
    assert!(session.reveal(1));
    assert!(session.is_revealed(1) && !session.is_revealed(0));
    assert!(!session.reveal(4), "there is no fifth choice");
    assert_eq!(session.forward(), Moved::Revealed);
    assert!(session.all_revealed());
    assert_eq!(session.forward(), Moved::Step);
    assert_eq!(session.position(), (4, 16));
    assert_eq!(session.back(), Moved::Step);
    assert!(
        session.all_revealed(),
        "going back shows the step as the group left it"
    );
    session.hide_all();
    assert!(!session.any_revealed());
    session.reveal_all();
    assert!(session.all_revealed());
    assert!(session.go_to(15));
    assert_eq!(
        session.forward(),
        Moved::Nothing,
        "the ending is the last step"
    );
    assert!(!session.go_to(16));
}

#[test]
fn keys_and_clicker_buttons_give_commands() {
    for key in ["ArrowRight", "ArrowDown", "PageDown", "n"] {
        assert_eq!(command(key), Some(Command::Next), "{key}");
    }
    for key in ["ArrowLeft", "ArrowUp", "PageUp", "p"] {
        assert_eq!(command(key), Some(Command::Back), "{key}");
    }
    assert_eq!(command("1"), Some(Command::Reveal(0)));
    assert_eq!(command("4"), Some(Command::Reveal(3)));
    assert_eq!(command("a"), Some(Command::RevealAll));
    assert_eq!(command("H"), Some(Command::HideAll));
    assert_eq!(command("t"), Some(Command::Countdown));
    assert_eq!(command("f"), Some(Command::Panel));
    for key in ["0", "Enter", " ", "Tab", "x", "12"] {
        assert_eq!(command(key), None, "{key}");
    }
}

#[test]
fn the_countdown_runs_from_its_length_and_stops_back_to_it() {
    let mut countdown = Countdown::new(120);
    assert_eq!(countdown.remaining(5_000), 120);
    assert!(!countdown.is_running());
    countdown.toggle(10_000);
    assert!(countdown.is_running());
    assert_eq!(countdown.remaining(10_000), 120);
    assert_eq!(
        countdown.remaining(10_001),
        120,
        "rounded up: 0:00 only when time is up"
    );
    assert_eq!(countdown.remaining(71_000), 59);
    assert_eq!(clock(countdown.remaining(71_000)), "0:59");
    assert!(!countdown.is_over(129_999));
    assert!(countdown.is_over(130_000));
    assert_eq!(countdown.remaining(500_000), 0);
    countdown.toggle(131_000);
    assert!(!countdown.is_running());
    assert_eq!(countdown.remaining(131_000), 120);
    assert_eq!(clock(120), "2:00");
}
