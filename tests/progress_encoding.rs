//! The stored progress record: it round-trips, and anything else is refused with a reason
//! rather than misread.

use std::collections::BTreeMap;

use vigil::core::course::Lang;
use vigil::core::progress::{
    self, Answer, Completion, DecodeError, ModuleProgress, Progress, SCHEMA,
};

fn sample() -> Progress {
    let mut answers = BTreeMap::new();
    answers.insert(
        "first-look".to_string(),
        Answer {
            choice: "note-and-tell".to_string(),
            points: 3,
            max: 3,
            at: 1_764_000_100_000,
        },
    );
    let mut modules = BTreeMap::new();
    modules.insert(
        "front-desk-check-in".to_string(),
        ModuleProgress {
            content_version: 1,
            attempt: 2,
            path: vec![
                "welcome".to_string(),
                "arrival".to_string(),
                "first-look".to_string(),
            ],
            answers,
            order: Vec::new(),
            choices: BTreeMap::from([(
                "first-look".to_string(),
                vec!["confront".to_string(), "note-and-tell".to_string()],
            )]),
            started_at: 1_764_000_000_000,
            updated_at: 1_764_000_100_000,
            completed_at: None,
            completions: vec![Completion {
                attempt: 1,
                earned: 9,
                max: 12,
                at: 1_763_000_000_000,
            }],
        },
    );
    Progress {
        schema: SCHEMA,
        role: Some("front-desk".to_string()),
        lang: Some(lang("fr")),
        modules,
    }
}

#[test]
fn a_record_round_trips() {
    let record = sample();
    assert_eq!(progress::decode(&progress::encode(&record)), Ok(record));
    assert_eq!(
        progress::decode(&progress::encode(&Progress::default())),
        Ok(Progress::default())
    );
}

#[test]
fn the_encoding_names_its_schema() {
    assert!(progress::encode(&sample()).starts_with(&format!("{{\"schema\":{SCHEMA},")));
}

#[test]
fn text_that_is_not_json_is_corrupt() {
    assert!(matches!(
        progress::decode("{\"schema\":1,"),
        Err(DecodeError::Corrupt(_))
    ));
    assert!(matches!(progress::decode(""), Err(DecodeError::Corrupt(_))));
    assert!(matches!(
        progress::decode("\u{0}\u{1}garbage"),
        Err(DecodeError::Corrupt(_))
    ));
}

#[test]
fn json_of_the_wrong_shape_is_corrupt() {
    assert_eq!(
        progress::decode("{\"modules\":{}}"),
        Err(DecodeError::Corrupt("no schema version".to_string()))
    );
    assert_eq!(
        progress::decode("{\"schema\":\"one\"}"),
        Err(DecodeError::Corrupt(
            "the schema version is not a number".to_string()
        ))
    );
    assert!(matches!(
        progress::decode("{\"schema\":1,\"modules\":{\"m\":{\"path\":42}}}"),
        Err(DecodeError::Corrupt(_))
    ));
    assert!(matches!(
        progress::decode("[1,2,3]"),
        Err(DecodeError::Corrupt(_))
    ));
}

#[test]
fn a_record_from_a_newer_vigil_is_recognised_not_misread() {
    assert_eq!(
        progress::decode("{\"schema\":99,\"whatever\":true}"),
        Err(DecodeError::FutureSchema(99))
    );
    assert_eq!(
        DecodeError::FutureSchema(99).to_string(),
        format!("the saved progress was written by a newer version of Vigil (schema 99, this version reads {SCHEMA})")
    );
}

#[test]
fn a_schema_that_never_existed_is_unknown() {
    assert_eq!(
        progress::decode("{\"schema\":0}"),
        Err(DecodeError::UnknownSchema(0))
    );
    assert_eq!(
        progress::decode("{\"schema\":18446744073709551615}"),
        Err(DecodeError::UnknownSchema(u64::MAX))
    );
}

/// A present language by its code.
fn lang(code: &str) -> Lang {
    Lang::parse(code).expect("a language code")
}
