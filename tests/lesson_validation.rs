//! The lesson validator on small fixture lessons (tests/lessons/<case>/), one case per kind of
//! mistake, with the messages asserted word for word: they are the interface lesson authors see.

mod fixtures;

use std::path::Path;

use vigil::core::lesson;
use vigil::lesson_files::read_lesson;

/// Compiles the fixture `case` and compares every message, in order, with `expected`.
fn check(case: &str, expected: &[&str]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lessons");
    let files = read_lesson(&dir.join(case), &dir).expect("fixture files are readable");
    let actual: Vec<String> = match lesson::compile(&files, &fixtures::languages()) {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics.iter().map(ToString::to_string).collect(),
    };
    assert_eq!(actual, expected, "messages for fixture `{case}`");
}

#[test]
fn a_valid_lesson_compiles_into_every_language() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lessons");
    let files = read_lesson(&dir.join("valid"), &dir).unwrap();
    let modules =
        lesson::compile(&files, &fixtures::languages()).expect("the valid fixture has no problems");
    let titles: Vec<(&str, &str)> = modules
        .iter()
        .map(|(lang, m)| (lang.code(), m.title.as_str()))
        .collect();
    assert_eq!(
        titles,
        [
            ("en", "EN fixture"),
            ("fr", "FR fixture"),
            ("nl", "NL fixture")
        ]
    );
    assert_eq!(modules[1].1.steps.len(), 4);
}

#[test]
fn unknown_target_id() {
    check(
        "unknown-target",
        &[
            r#"unknown-target/module.toml:18: step "choose": choice "bad" leads to unknown step "nowhere""#,
        ],
    );
}

#[test]
fn duplicate_step_id() {
    check(
        "duplicate-id",
        &[
            r#"duplicate-id/module.toml:21: step "choose": duplicate step id, first used on line 12"#,
        ],
    );
}

#[test]
fn unreachable_step() {
    check(
        "unreachable",
        &[
            r#"unreachable/module.toml:32: step "orphan": unreachable: no path from the start step "intro" leads here"#,
        ],
    );
}

#[test]
fn path_that_never_reaches_an_ending_and_cycle_with_no_exit() {
    check(
        "dead-end",
        &[
            r#"dead-end/module.toml:32: step "detour": dead end: no path from this step reaches an ending"#,
            r#"dead-end/module.toml:37: step "loop-a": cycle with no exit: "loop-a", "loop-b" lead only to each other and never reach an ending"#,
        ],
    );
}

#[test]
fn decision_with_fewer_than_two_choices() {
    check(
        "too-few-choices",
        &[
            r#"too-few-choices/module.toml:12: step "choose": a decision needs 2 to 4 choices, found 1"#,
        ],
    );
}

#[test]
fn empty_text() {
    check(
        "empty-text",
        &[
            r#"empty-text/fr.toml:15: step "choose": choice "good": empty text in `label`"#,
            r#"empty-text/fr.toml:23: step "check": empty text in `explanation`"#,
        ],
    );
}

#[test]
fn missing_translation() {
    check(
        "missing-translation",
        &[
            "missing-translation/module.toml:1: missing translation: no nl.toml text file beside this file",
            r#"missing-translation/module.toml:21: step "check": missing translation: missing-translation/fr.toml has no [step.check] (fr)"#,
            r#"missing-translation/fr.toml:17: step "choose": choice "bad": missing translation of `feedback`"#,
        ],
    );
}

#[test]
fn unknown_field() {
    check(
        "unknown-field",
        &[
            "unknown-field/module.toml:4: unknown field `author`, expected one of: id, version, minutes, roles, start, shuffle, step",
            r#"unknown-field/module.toml:25: step "check": unknown field `anwser`, expected one of: id, kind, sources, answer, next"#,
            r#"unknown-field/nl.toml:8: step "intro": unknown field `bdoy`, expected one of: title, body, note"#,
        ],
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    check(
        "all-at-once",
        &[
            "all-at-once/module.toml:1: missing translation: no nl.toml text file beside this file",
            r#"all-at-once/module.toml:18: step "choose": choice "bad" leads to unknown step "nowhere""#,
            r#"all-at-once/module.toml:24: step "check": unknown field `colour`, expected one of: id, kind, sources, answer, next"#,
            r#"all-at-once/module.toml:33: step "orphan": unreachable: no path from the start step "intro" leads here"#,
            r#"all-at-once/en.toml:30: step "orphan": empty text in `title`"#,
        ],
    );
}

#[test]
fn invalid_toml_names_its_line() {
    let files = lesson::LessonFiles {
        structure: lesson::SourceFile {
            path: "broken/module.toml".to_string(),
            contents: "id = \"x\"\nversion = 1\nstart = \n".to_string(),
        },
        texts: Vec::new(),
    };
    let messages: Vec<String> = lesson::compile(&files, &fixtures::languages())
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        messages.len(),
        4,
        "the syntax error and the three missing languages: {messages:#?}"
    );
    assert_eq!(
        messages[3],
        "broken/module.toml:3: invalid TOML: string values must be quoted, expected literal string"
    );
}

#[test]
fn placeholders_are_known_closed_in_every_language_and_no_channel_is_written_out() {
    check(
        "placeholders",
        &[
            r#"placeholders/en.toml:25: step "check": unknown placeholder `{hotline}`, expected one of: {emergency}, {police-emergency}, {police}, {child-helpline}, {report-abroad}"#,
            r#"placeholders/en.toml:29: step "end": `}` with no `{` before it"#,
            r#"placeholders/fr.toml:9: step "choose": placeholder {police} is used in another language of this step but not in fr"#,
            r#"placeholders/nl.toml:25: step "end": names "112" in its text: write {emergency} instead"#,
            r#"placeholders/nl.toml:25: step "end": names "ikzegstop.be" in its text: write {report-abroad} instead"#,
        ],
    );
}

#[test]
fn a_shuffled_group_is_one_chain_of_questions_entered_at_its_first_step() {
    check(
        "bad-shuffle",
        &[
            r#"bad-shuffle/module.toml:11: step "intro": `next` leads into the middle of the shuffled group: lead to its first step "q1""#,
            r#"bad-shuffle/module.toml:18: step "q1": `next` must be "q2", the following step of `shuffle`: a shuffled group is written as one chain"#,
            r#"bad-shuffle/module.toml:25: step "q2": `next` must be "q3", the following step of `shuffle`: a shuffled group is written as one chain"#,
            r#"bad-shuffle/module.toml:34: step "end": a shuffled step must be a true-false or multiple-choice question"#,
        ],
    );
}

#[test]
fn a_valid_shuffled_group_compiles() {
    check("shuffled", &[]);
}

#[test]
fn a_module_must_state_its_minutes_honestly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lessons");
    let files = read_lesson(&dir.join("valid"), &dir).unwrap();
    let modules = lesson::compile(&files, &fixtures::languages()).unwrap();
    let english = &modules[0].1;
    assert_eq!(
        lesson::check_minutes(&files, english).map(|d| d.to_string()),
        Some(
            "valid/module.toml:3: `minutes` is 5, but the longest path has 25 words in English, about 1 minutes at 180 words a minute: state between 1 and 0"
                .to_string()
        )
    );
}

/// The Luxembourg Guidelines' refused terms, in each language (a quoted example of what not to
/// say passes), and French typography's non-breaking spaces, each with file, line and step.
#[test]
fn refused_terms_and_french_typography_are_reported_where_they_stand() {
    check(
        "wording",
        &[
            r#"wording/en.toml:19: step "choose": "sex tourism" is a term the Luxembourg Guidelines advise against: write "the sexual exploitation of children in travel and tourism""#,
            r#"wording/fr.toml:11: step "choose": French typography: a plain space before "?", where a non-breaking space (U+00A0) belongs, in "Que faites-vous ?" (`cargo xtask lessons --fix-typography` puts them in)"#,
            r#"wording/fr.toml:19: step "choose": "images d'abus" is a term the Luxembourg Guidelines advise against: write "images d'abus sexuels sur des enfants""#,
            "wording/fr.toml:22: step \"check\": French typography: a plain space between \"2\" and \"h\", where a non-breaking space (U+00A0) belongs, in \"Il est 22 h 40\u{a0}; « Bonjour\u{a0}».\" (`cargo xtask lessons --fix-typography` puts them in)",
            r#"wording/fr.toml:23: step "check": "tourisme sexuel" is a term the Luxembourg Guidelines advise against: write "exploitation sexuelle des enfants dans le voyage et le tourisme""#,
            r#"wording/fr.toml:23: step "check": French typography: no space before ":": a non-breaking space (U+00A0) belongs there, in "ur des enfants. Voir: ici.""#,
            r#"wording/nl.toml:19: step "choose": "kindersekstoerisme" is a term the Luxembourg Guidelines advise against: write "seksuele uitbuiting van kinderen in reizen en toerisme""#,
        ],
    );
}

/// The fix puts in every space the check asks for, leaves right text alone, and is idempotent.
#[test]
fn the_french_typography_fix_gives_text_the_check_accepts() {
    use vigil::core::lesson::wording::{fix_french, french_problems};
    let text = "Il est 22 h 40 ; « Bonjour » ? Oui ! 85 % de 3 000 personnes. Vraiment?! « Non»";
    let fixed = fix_french(text);
    assert_eq!(
        fixed,
        "Il est 22\u{a0}h\u{a0}40\u{a0}; «\u{a0}Bonjour\u{a0}»\u{a0}? Oui\u{a0}! 85\u{a0}% de 3\u{a0}000 personnes. Vraiment\u{a0}?! «\u{a0}Non\u{a0}»"
    );
    assert_eq!(fix_french(&fixed), fixed);
    assert!(
        french_problems(&fixed).is_empty(),
        "{:?}",
        french_problems(&fixed)
    );
    assert_eq!(fix_french("À 14:30, rendez-vous."), "À 14:30, rendez-vous.");
    assert!(french_problems("À 14:30, rendez-vous.").is_empty());
}
