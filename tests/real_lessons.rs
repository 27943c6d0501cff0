//! Every lesson under lessons/ compiles, is the same in every language but for its words, and
//! every path through it reaches an ending with a sound score.

use std::path::Path;

use vigil::core::course::{Course, Module, Step, StepKind};
use vigil::core::engine::{self, Position};
use vigil::core::progress::ModuleProgress;
use vigil::core::scoring;
use vigil::lesson_files::compile_dir;

fn courses() -> Vec<Course> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    match compile_dir(&dir) {
        Ok(courses) => courses,
        Err(problems) => panic!("lessons/ has problems:\n{}", problems.join("\n")),
    }
}

/// The answers a question step accepts.
fn answers(step: &Step) -> Vec<String> {
    match &step.kind {
        StepKind::Decision { choices, .. } => choices.iter().map(|c| c.id.clone()).collect(),
        StepKind::TrueFalse { .. } => vec!["true".to_string(), "false".to_string()],
        StepKind::MultipleChoice { options, .. } => options.iter().map(|o| o.id.clone()).collect(),
        _ => Vec::new(),
    }
}

/// Walks every path from `progress`, answering each question every possible way, and checks
/// each finished path. Returns how many paths it walked.
fn walk(module: &Module, progress: ModuleProgress, clock: &mut u64) -> usize {
    let step = engine::current(module, &progress)
        .expect("the path stays inside the module")
        .clone();
    let before = engine::position(module, &progress);
    assert!(before.number <= before.total);
    if let StepKind::Ending { .. } = step.kind {
        assert!(
            progress.completed_at.is_some(),
            "reaching an ending completes the module"
        );
        let score = scoring::score(&progress);
        assert!(score.earned <= score.max);
        assert_eq!(
            before,
            Position {
                number: progress.path.len(),
                total: progress.path.len()
            }
        );
        assert_eq!(
            progress.completions.last().map(|c| (c.earned, c.max)),
            Some((score.earned, score.max))
        );
        return 1;
    }
    // A loop may bring a learner back, but no sound lesson needs more than a few visits.
    assert!(
        progress.path.iter().filter(|id| **id == step.id).count() <= 3,
        "{}: step {} visited more than 3 times on one path",
        module.id,
        step.id
    );
    let options = answers(&step);
    let branches: Vec<Option<String>> = if options.is_empty() {
        vec![None]
    } else {
        options.into_iter().map(Some).collect()
    };
    let mut paths = 0;
    for choice in branches {
        let mut next = progress.clone();
        *clock += 1;
        if let Some(choice) = &choice {
            let feedback = engine::answer(module, &mut next, &step.id, choice, *clock).unwrap();
            assert!(
                !feedback.text.trim().is_empty(),
                "{}: {} has feedback for {choice}",
                module.id,
                step.id
            );
        }
        engine::advance(module, &mut next, *clock).unwrap();
        assert_eq!(engine::position(module, &next).number, before.number + 1);
        paths += walk(module, next, clock);
    }
    paths
}

#[test]
fn every_lesson_compiles_in_every_language() {
    let courses = courses();
    // One course per present language: English, German, French and Dutch today.
    assert_eq!(courses.len(), vigil::lesson_files::languages().all().len());
    assert!(courses.len() >= 4);
    assert!(
        !courses[0].modules.is_empty(),
        "lessons/ holds at least one module"
    );
}

#[test]
fn every_path_of_every_module_reaches_an_ending() {
    for module in &courses()[0].modules {
        let mut clock = 0;
        let paths = walk(module, engine::start(module, 0, 0), &mut clock);
        assert!(paths >= 2, "{} branches", module.id);
    }
}

#[test]
fn languages_differ_only_in_words() {
    let courses = courses();
    let shape = |module: &Module| -> Vec<(String, Vec<String>, Vec<String>)> {
        module
            .steps
            .iter()
            .map(|s| {
                (
                    s.id.clone(),
                    s.targets().iter().map(|t| t.to_string()).collect(),
                    s.sources.clone(),
                )
            })
            .collect()
    };
    for course in &courses[1..] {
        for (a, b) in courses[0].modules.iter().zip(&course.modules) {
            assert_eq!(shape(a), shape(b), "{} in {:?}", a.id, course.lang);
            assert_ne!(
                a.title, b.title,
                "{} is translated into {:?}",
                a.id, course.lang
            );
        }
    }
}

/// What each module of the course promises: its minutes (from the curriculum issues), and
/// whether it is a scenario (three decisions or more) or the quiz (a shuffled chain).
const PROMISES: &[(&str, std::ops::RangeInclusive<u32>, bool)] = &[
    ("why-it-matters", 8..=10, true),
    ("front-desk-check-in", 10..=15, true),
    ("security-night", 10..=15, true),
    ("housekeeping-rooms", 10..=15, true),
    ("restaurant-and-bar", 10..=15, true),
    ("manager-the-code", 10..=15, true),
    ("tour-guide-abroad", 12..=15, true),
    ("travel-agent-booking", 10..=12, true),
    ("reporting-obstacles", 8..=10, true),
    ("true-or-false", 5..=8, false),
];

#[test]
fn every_module_teaches_what_it_promises() {
    let courses = courses();
    let ids: Vec<&str> = courses[0].modules.iter().map(|m| m.id.as_str()).collect();
    let promised: Vec<&str> = PROMISES.iter().map(|(id, ..)| *id).collect();
    assert_eq!(ids, promised, "the course, in course.toml's order");
    for (id, minutes, scenario) in PROMISES {
        let module = courses[0].module(id).unwrap();
        let count = |f: fn(&StepKind) -> bool| module.steps.iter().filter(|s| f(&s.kind)).count();
        if *scenario {
            assert!(
                count(|k| matches!(k, StepKind::Decision { .. })) >= 3,
                "{id}: at least three decisions"
            );
        } else {
            assert!(
                module.shuffle.len() >= 13,
                "{id}: the seed's item and 12 more"
            );
        }
        assert!(
            count(|k| matches!(
                k,
                StepKind::TrueFalse { .. } | StepKind::MultipleChoice { .. }
            )) >= 1,
            "{id}: a knowledge check"
        );
        assert!(
            count(|k| matches!(k, StepKind::KeyPoints { .. })) >= 1,
            "{id}: key points"
        );
        assert!(
            minutes.contains(&module.minutes),
            "{id}: {} minutes",
            module.minutes
        );
        let first = module.step(&module.start).unwrap();
        assert!(
            matches!(
                &first.kind,
                StepKind::Situation {
                    content_note: Some(_),
                    ..
                }
            ),
            "{id} opens with a content note"
        );
        for step in &module.steps {
            if step.is_question() || matches!(step.kind, StepKind::KeyPoints { .. }) {
                assert!(
                    !step.sources.is_empty(),
                    "{id}: {} carries its sources",
                    step.id
                );
            }
        }
    }
}

/// Every role has a whole track: the opening module, its own, reporting and the quiz, in 30 to
/// 60 minutes; a night guard also takes the front desk's; tourism students take everything.
#[test]
fn every_role_has_a_whole_track() {
    use vigil::core::course::ROLES;
    let course = &courses()[0];
    let own: &[(&str, &[&str])] = &[
        ("front-desk", &["front-desk-check-in", "security-night"]),
        ("housekeeping", &["housekeeping-rooms"]),
        ("food-and-beverage", &["restaurant-and-bar"]),
        ("security", &["security-night", "front-desk-check-in"]),
        ("tour-guide", &["tour-guide-abroad"]),
        ("travel-agent", &["travel-agent-booking"]),
        ("manager", &["manager-the-code", "front-desk-check-in"]),
    ];
    for role in ROLES {
        let track: Vec<&str> = course
            .modules_for_role(role)
            .map(|m| m.id.as_str())
            .collect();
        let minutes: u32 = course.modules_for_role(role).map(|m| m.minutes).sum();
        println!(
            "{role}: {} modules, {minutes} minutes: {}",
            track.len(),
            track.join(", ")
        );
        if role == "tourism-student" {
            assert_eq!(
                track.len(),
                course.modules.len(),
                "tourism students take every module"
            );
            continue;
        }
        for common in ["why-it-matters", "reporting-obstacles", "true-or-false"] {
            assert!(track.contains(&common), "{role} takes {common}");
        }
        let (_, mine) = own.iter().find(|(r, _)| *r == role).unwrap();
        for module in *mine {
            assert!(track.contains(module), "{role} takes {module}");
        }
        assert!((30..=60).contains(&minutes), "{role}: {minutes} minutes");
        assert_eq!(
            track.first(),
            Some(&"why-it-matters"),
            "{role} starts with why"
        );
    }
}

/// The numbers and sites a lesson names by placeholder are filled in for every country, in
/// every language: nothing in braces reaches a learner.
#[test]
fn every_placeholder_is_filled_for_every_country() {
    use vigil::core::config::Country;
    use vigil::core::reporting;
    let mut filled = 0;
    for course in courses() {
        let (_, words) =
            vigil::lesson_files::read_locale(&vigil::lesson_files::default_locales(), course.lang)
                .unwrap();
        for module in &course.modules {
            for country in Country::ALL {
                let mut copy = module.clone();
                reporting::fill_module(&mut copy, country, course.lang, &words);
                for step in &copy.steps {
                    for text in step.texts() {
                        assert!(
                            !text.contains('{') && !text.contains('}'),
                            "{} {} {}: {text}",
                            course.lang.code(),
                            module.id,
                            step.id
                        );
                    }
                }
                if copy != *module {
                    filled += 1;
                }
            }
        }
    }
    assert!(filled > 0, "some lesson names a country fact");
}

/// Reporting channels are data, by country (core::reporting), and the app lists the configured
/// country's under every ending. A number or site written into a lesson's prose would be wrong
/// wherever another country is configured, so no ending carries one.
#[test]
fn no_ending_writes_a_reporting_channel_into_its_prose() {
    use vigil::core::config::Country;
    use vigil::core::reporting;

    // Runs of three or more digits, spaces between digits included ("116 000").
    let longest_number = |text: &str| {
        let chars: Vec<char> = text.chars().collect();
        let (mut run, mut longest) = (0, 0);
        for (i, c) in chars.iter().enumerate() {
            let joins = *c == ' '
                && i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if c.is_ascii_digit() {
                run += 1;
                longest = longest.max(run);
            } else if !joins {
                run = 0;
            }
        }
        longest
    };
    let mut endings = 0;
    for course in courses() {
        for module in &course.modules {
            for step in &module.steps {
                let StepKind::Ending { body, .. } = &step.kind else {
                    continue;
                };
                endings += 1;
                let at = format!("{} {} {}", course.lang.code(), module.id, step.id);
                assert!(
                    longest_number(body) < 3,
                    "{at}: a phone number in the prose"
                );
                for country in Country::ALL {
                    for channel in reporting::channels(country) {
                        let contact = channel.contact(course.lang);
                        assert!(!body.contains(contact), "{at}: names {contact}");
                    }
                }
            }
        }
    }
    assert!(endings >= 3, "every language's endings were read");
}

/// A learner who always answers "true", or always "false", learns nothing from the checks: the
/// course's true-or-false answers are balanced (40 to 60% true) and no module's checks all
/// share one answer (the build refuses that per module; this is the course as a whole).
#[test]
fn true_and_false_answers_are_balanced_across_the_course() {
    use vigil::core::assessment;
    let course = &courses()[0];
    let (mut trues, mut checks) = (0, 0);
    for module in &course.modules {
        let (t, n) = assessment::true_false(module);
        if n >= 2 {
            assert!(t > 0 && t < n, "{}: {t} true of {n}", module.id);
        }
        trues += t;
        checks += n;
    }
    assert!(checks >= 30, "the course has its checks ({checks})");
    let percent = trues * 100 / checks;
    assert!(
        (40..=60).contains(&percent),
        "{trues} true of {checks}: {percent}%"
    );
}

/// No strategy that ignores the words reaches the pass mark in any module or language, with
/// room to spare: the build refuses 70%, and the course keeps every strategy under it.
#[test]
fn no_module_is_passed_without_reading() {
    use vigil::core::assessment;
    use vigil::core::lms::MASTERY;
    for course in courses() {
        for module in &course.modules {
            for outcome in assessment::outcomes(module, MASTERY) {
                assert!(
                    outcome.expected < f64::from(MASTERY),
                    "{} [{}]: {:?} expects {:.0}%",
                    module.id,
                    course.lang.code(),
                    outcome.strategy,
                    outcome.expected
                );
            }
        }
    }
}
