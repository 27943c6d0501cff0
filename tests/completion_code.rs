//! The completion code a learner shows their teacher: what it states comes back exactly, any
//! single wrong character is refused, and the format is the one documented in
//! `core::completion` (checked here with an encoder of the test's own).

use std::path::Path;

mod common;

use common::{code, DAY};
use proptest::prelude::*;
use vigil::core::calendar::{days_from_civil, iso_date};
use vigil::core::completion::{
    key_collisions, module_key, CodeError, CompletedModule, CompletionCode, ModuleKey,
};
use vigil::core::course::{Course, StepKind};
use vigil::core::engine;
use vigil::core::progress::Progress;
use vigil::lesson_files::compile_dir;

const ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn course() -> Course {
    compile_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons"))
        .unwrap()
        .remove(0)
}

#[test]
fn thirty_learners_codes_read_back_exactly() {
    let course = course();
    let ids: Vec<&str> = course.modules.iter().map(|m| m.id.as_str()).collect();
    let names = [
        "Amira Benali",
        "Jan De Smet",
        "Élodie Lefèvre",
        "Noor van den Berg",
        "Luca Rossi",
        "Zoë Peeters",
        "François D'Hondt",
        "Mehmet Yılmaz",
        "Ana-Maria Popescu",
        "Sven Janssens",
        "Chloé Dubois",
        "Bram Claes",
        "Fatima El Amrani",
        "Olga Kowalczyk",
        "Tom",
        "Inès Martin",
        "Pieter-Jan Willems",
        "Aïcha Diallo",
        "Lars Maes",
        "Marie Dupont",
        "Jonas Goossens",
        "Łucja Nowak",
        "Emma Wouters",
        "Ruben Mertens",
        "Sarah O'Connor",
        "Nina Hermans",
        "Hugo Lambert",
        "Lotte Vermeulen",
        "Yusuf Kaya",
        "A learner with a rather long name, sixty characters at most",
    ];
    assert_eq!(names.len(), 30);
    let mut class = vigil::core::class::Class::default();
    for (n, name) in names.iter().enumerate() {
        // Each learner completed a different selection: from one module to all ten.
        let modules: Vec<(&str, u32, u32)> = ids
            .iter()
            .enumerate()
            .filter(|(i, _)| n % ids.len() >= *i || (n + i) % 3 == 0)
            .map(|(i, id)| {
                (
                    *id,
                    ((n * 7 + i * 13) % 101) as u32,
                    ((n + i) * 37 % 900) as u32,
                )
            })
            .collect();
        let original = code(name, DAY + n as u32, (n as u32 * 97) % 1440, &modules);
        let text = original.encode();
        assert!(
            text.split('-')
                .all(|group| group.len() <= 5 && group.chars().all(|c| ALPHABET.contains(c))),
            "{text}"
        );
        assert_eq!(
            CompletionCode::decode(&text),
            Ok(original.clone()),
            "{name}: {text}"
        );
        assert_eq!(
            CompletionCode::decode(&original.encode_compact()),
            Ok(original.clone())
        );
        class.add(original);
    }
    assert_eq!(class.len(), 30);
}

#[test]
fn a_code_with_one_wrong_character_is_refused_wherever_it_is() {
    let original = code(
        "Élodie Lefèvre",
        DAY,
        605,
        &[
            ("why-it-matters", 100, 3),
            ("front-desk-check-in", 83, 2),
            ("true-or-false", 71, 0),
        ],
    )
    .encode_compact();
    let mut tried = 0;
    for (position, right) in original.char_indices() {
        for wrong in ALPHABET.chars().filter(|c| *c != right) {
            let mut typed = original.clone();
            typed.replace_range(position..position + 1, &wrong.to_string());
            assert_eq!(
                CompletionCode::decode(&typed),
                Err(CodeError::Checksum),
                "{right} typed as {wrong} at {position}: {typed}"
            );
            tried += 1;
        }
    }
    assert_eq!(tried, original.len() * 31);
}

#[test]
fn a_missing_or_doubled_character_is_refused() {
    let original = code("Jan De Smet", DAY, 0, &[("security-night", 90, 1)]).encode_compact();
    for position in 0..original.len() {
        let mut missing = original.clone();
        missing.remove(position);
        assert!(CompletionCode::decode(&missing).is_err(), "{missing}");
        let mut doubled = original.clone();
        doubled.insert(position, original.as_bytes()[position] as char);
        assert!(CompletionCode::decode(&doubled).is_err(), "{doubled}");
    }
}

#[test]
fn reading_ignores_case_hyphens_spaces_and_the_letters_people_confuse_with_digits() {
    let original = code("Tom", DAY, 1, &[("housekeeping-rooms", 100, 0)]);
    let text = original.encode();
    let sloppy = format!("  {} ", text.to_lowercase().replace('-', " - "));
    assert_eq!(CompletionCode::decode(&sloppy), Ok(original.clone()));
    let confused = text.replace('0', "O").replace('1', "l");
    assert_eq!(CompletionCode::decode(&confused), Ok(original));
}

#[test]
fn what_is_not_a_code_says_why() {
    assert_eq!(CompletionCode::decode(""), Err(CodeError::Empty));
    assert_eq!(CompletionCode::decode(" - - "), Err(CodeError::Empty));
    assert_eq!(
        CompletionCode::decode("1ABC-DEFU"),
        Err(CodeError::Character('U'))
    );
    assert_eq!(
        CompletionCode::decode("<script>"),
        Err(CodeError::Character('<'))
    );
    assert_eq!(
        CompletionCode::decode("1ABCD-EFGH"),
        Err(CodeError::TooShort)
    );
    assert_eq!(
        CompletionCode::decode(&"A".repeat(801)),
        Err(CodeError::TooLong)
    );
    let full = code("Tom", DAY, 1, &[("housekeeping-rooms", 100, 0)]).encode_compact();
    assert_eq!(
        CompletionCode::decode(&full[..full.len() - 1]),
        Err(CodeError::Checksum)
    );
    assert_eq!(
        CodeError::Checksum.to_string(),
        "the code does not check out: a character is mistyped, missing or extra"
    );
}

/// Bits packed most significant first, as the format documents, then symbols and the CRC-16
/// (CCITT-FALSE) of the symbols: the test's own encoder, to pin the format.
fn pack(fields: &[(u32, u32)]) -> String {
    let mut bits: Vec<u8> = Vec::new();
    for (value, width) in fields {
        for shift in (0..*width).rev() {
            bits.push(((value >> shift) & 1) as u8);
        }
    }
    while !bits.len().is_multiple_of(5) {
        bits.push(0);
    }
    let mut symbols: Vec<u8> = bits
        .chunks(5)
        .map(|c| c.iter().fold(0, |a, b| a << 1 | b))
        .collect();
    let mut crc: u16 = 0xffff;
    for s in &symbols {
        crc ^= u16::from(*s) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    for shift in (0..4).rev() {
        symbols.push(((u32::from(crc) >> (5 * shift)) & 31) as u8);
    }
    symbols
        .iter()
        .map(|s| ALPHABET.as_bytes()[*s as usize] as char)
        .collect()
}

/// The fields of a code for "Al", made at `day` 09:30, with one module.
fn fields(version: u32, percent: u32, age_groups: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut f = vec![
        (version, 5),
        (DAY, 16),
        (570, 11),
        (2, 8),
        (u32::from(b'A'), 8),
        (u32::from(b'l'), 8),
        (1, 6),
    ];
    f.push((u32::from(module_key("why-it-matters").0), 15));
    f.push((percent, 7));
    for (group, more) in age_groups {
        f.extend([(*group, 3), (*more, 1)]);
    }
    f
}

#[test]
fn the_format_is_the_documented_one() {
    // 12 days before: 12 = 0b001_100, written low group first (4, then 1).
    let ours = pack(&fields(1, 85, &[(4, 1), (1, 0)]));
    let made = code("Al", DAY, 570, &[("why-it-matters", 85, 12)]);
    assert_eq!(made.encode_compact(), ours);
    assert_eq!(CompletionCode::decode(&ours), Ok(made));
}

#[test]
fn a_code_from_another_version_is_recognised_not_misread() {
    assert_eq!(
        CompletionCode::decode(&pack(&fields(2, 85, &[(0, 0)]))),
        Err(CodeError::Version(2))
    );
}

#[test]
fn a_well_checksummed_code_with_impossible_content_is_refused() {
    // A score over 100%.
    assert_eq!(
        CompletionCode::decode(&pack(&fields(1, 101, &[(0, 0)]))),
        Err(CodeError::Damaged)
    );
    // A module completed before 1970.
    let mut long_ago = fields(1, 50, &[]);
    long_ago.extend([(7, 1), (7, 1), (7, 1), (7, 1), (7, 1), (7, 0)]);
    assert_eq!(
        CompletionCode::decode(&pack(&long_ago)),
        Err(CodeError::Damaged)
    );
    // A name with a control character (it would reach the teacher's table and spreadsheet).
    let mut control = fields(1, 50, &[(0, 0)]);
    control[5] = (0x07, 8);
    assert_eq!(
        CompletionCode::decode(&pack(&control)),
        Err(CodeError::Damaged)
    );
    // Bits left over after the last module.
    let mut extra = fields(1, 50, &[(0, 0)]);
    extra.push((0b11111, 5));
    assert_eq!(
        CompletionCode::decode(&pack(&extra)),
        Err(CodeError::Damaged)
    );
    // The same module twice.
    let mut twice = fields(1, 50, &[(0, 0)]);
    twice[6] = (2, 6);
    twice.extend([
        (u32::from(module_key("why-it-matters").0), 15),
        (60, 7),
        (0, 3),
        (0, 1),
    ]);
    assert_eq!(
        CompletionCode::decode(&pack(&twice)),
        Err(CodeError::Damaged)
    );
}

/// Completes each module of `ids` along its first answers, at `at`.
fn completed(course: &Course, ids: &[&str], at: u64) -> Progress {
    let mut progress = Progress::default();
    for module in course
        .modules
        .iter()
        .filter(|m| ids.contains(&m.id.as_str()))
    {
        let mut record = engine::start(module, at, 0);
        loop {
            let step = engine::current(module, &record).unwrap().clone();
            let choice = match &step.kind {
                StepKind::Decision { choices, .. } => {
                    Some(choices.iter().max_by_key(|c| c.score).unwrap().id.clone())
                }
                StepKind::TrueFalse { answer, .. } => Some(answer.to_string()),
                StepKind::MultipleChoice { options, .. } => {
                    Some(options.iter().find(|o| o.correct).unwrap().id.clone())
                }
                StepKind::Ending { .. } => break,
                _ => None,
            };
            if let Some(choice) = choice {
                engine::answer(module, &mut record, &step.id, &choice, at).unwrap();
            }
            engine::advance(module, &mut record, at).unwrap();
        }
        progress.modules.insert(module.id.clone(), record);
    }
    progress
}

#[test]
fn a_learners_code_states_their_completed_modules_in_course_order_with_best_score_and_day() {
    let course = course();
    let day_ms = 86_400_000u64;
    let mut progress = completed(
        &course,
        &["true-or-false", "why-it-matters"],
        u64::from(DAY - 2) * day_ms,
    );
    // A module started but not finished is not in the code.
    let started = course.module("security-night").unwrap();
    progress
        .modules
        .insert(started.id.clone(), engine::start(started, 0, 0));
    let made =
        CompletionCode::of_progress(&course, &progress, "  Amira   Benali ", (DAY, 600), |ms| {
            (ms / day_ms) as u32
        })
        .unwrap();
    assert_eq!(made.name, "Amira Benali");
    assert_eq!((made.day, made.minute), (DAY, 600));
    assert_eq!(
        made.modules,
        vec![
            CompletedModule {
                key: module_key("why-it-matters"),
                percent: 100,
                day: DAY - 2
            },
            CompletedModule {
                key: module_key("true-or-false"),
                percent: 100,
                day: DAY - 2
            },
        ]
    );
    // A module completed under an older content version does not count.
    let mut old = progress.clone();
    old.modules
        .get_mut("why-it-matters")
        .unwrap()
        .content_version = 0;
    let made =
        CompletionCode::of_progress(&course, &old, "Amira", (DAY, 0), |ms| (ms / day_ms) as u32)
            .unwrap();
    assert_eq!(made.modules.len(), 1);
    assert_eq!(
        CompletionCode::of_progress(&course, &Progress::default(), "Amira", (DAY, 0), |_| 0),
        None
    );
}

#[test]
fn the_whole_course_fits_a_short_code() {
    let course = course();
    let ids: Vec<&str> = course.modules.iter().map(|m| m.id.as_str()).collect();
    let progress = completed(&course, &ids, u64::from(DAY) * 86_400_000);
    let made =
        CompletionCode::of_progress(&course, &progress, "Amira Benali", (DAY + 3, 600), |ms| {
            (ms / 86_400_000) as u32
        })
        .unwrap();
    assert_eq!(made.modules.len(), ids.len());
    let length = made.encode_compact().len();
    assert!(length <= 90, "the whole course takes {length} characters");
}

#[test]
fn every_module_of_the_course_has_its_own_key() {
    let course = course();
    let ids: Vec<&str> = course.modules.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(key_collisions(&ids), Vec::<(&str, &str)>::new());
    // The bench builds a generated course of 30 modules (`cargo xtask bench`).
    let generated: Vec<String> = (1..=30)
        .map(|n| format!("generated-module-{n:02}"))
        .collect();
    let generated: Vec<&str> = generated.iter().map(String::as_str).collect();
    assert_eq!(key_collisions(&generated), Vec::<(&str, &str)>::new());
    // Two ids with the same key are found (the build refuses such a course).
    let many: Vec<String> = (0..2000).map(|n| format!("module-{n}")).collect();
    let refs: Vec<&str> = many.iter().map(String::as_str).collect();
    let pairs = key_collisions(&refs);
    assert!(!pairs.is_empty());
    assert!(pairs
        .iter()
        .all(|(a, b)| module_key(a) == module_key(b) && a != b));
    assert!(refs.iter().all(|id| module_key(id).0 < 0x8000));
    assert_ne!(module_key("why-it-matters"), ModuleKey(0));
}

#[test]
fn dates_are_written_as_iso_days() {
    assert_eq!(iso_date(0), "1970-01-01");
    assert_eq!(iso_date(DAY), "2025-03-14");
    assert_eq!(days_from_civil(2025, 3, 14), i64::from(DAY));
    assert_eq!(iso_date(days_from_civil(2024, 2, 29) as u32), "2024-02-29");
    assert_eq!(iso_date(days_from_civil(2000, 12, 31) as u32), "2000-12-31");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_text_makes_the_decoder_panic(text in "\\PC{0,200}") {
        let _ = CompletionCode::decode(&text);
    }

    #[test]
    fn no_string_of_code_characters_makes_the_decoder_panic(text in "[0-9A-Z]{0,120}") {
        let _ = CompletionCode::decode(&text);
    }
}
