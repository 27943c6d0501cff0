//! The compact progress encoding: exact round trips, the SCORM 1.2 size limit with a whole
//! curriculum completed, content changes, and a decoder that never panics on any input.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use vigil::core::compact::{self, CompactError, ModuleShape};
use vigil::core::course::{Lang, Module, StepKind};
use vigil::core::engine;
use vigil::core::progress::{Answer, Completion, ModuleProgress, Progress, SCHEMA};
use vigil::lesson_files::compile_dir;

/// The suspend_data limit of SCORM 1.2.
const SCORM_12_LIMIT: usize = 4096;

/// The real lessons, compiled once for all the cases that use them.
fn real_modules() -> Vec<Module> {
    static MODULES: OnceLock<Vec<Module>> = OnceLock::new();
    MODULES
        .get_or_init(|| {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
            compile_dir(&dir)
                .expect("lessons compile")
                .remove(0)
                .modules
        })
        .clone()
}

/// Walks a module to its ending, taking at each question the choice `pick` returns.
fn complete(
    module: &Module,
    progress: &mut ModuleProgress,
    now: &mut u64,
    pick: impl Fn(&[String]) -> usize,
) {
    let shape = ModuleShape::of(module);
    loop {
        let step = engine::current(module, progress).unwrap().clone();
        *now += 41_000;
        if let StepKind::Ending { .. } = step.kind {
            return;
        }
        let answers = &shape.steps.iter().find(|(id, _)| *id == step.id).unwrap().1;
        if !answers.is_empty() {
            engine::answer(module, progress, &step.id, &answers[pick(answers)], *now).unwrap();
        }
        engine::advance(module, progress, *now).unwrap();
    }
}

/// Every module completed three times (first, last and best choices), then a fourth attempt
/// left half-way: the most a learner's record holds.
fn heavy_record(modules: &[Module]) -> Progress {
    let mut progress = Progress {
        role: Some("tourism-student".to_string()),
        lang: Some(lang("nl")),
        ..Progress::default()
    };
    let mut now = 1_764_000_000_123;
    for module in modules {
        let mut record = engine::start(module, now, now);
        complete(module, &mut record, &mut now, |_| 0);
        engine::restart(module, &mut record, now, now);
        complete(module, &mut record, &mut now, |a| a.len() - 1);
        engine::restart(module, &mut record, now, now);
        complete(module, &mut record, &mut now, |a| a.len() / 2);
        engine::restart(module, &mut record, now, now);
        for _ in 0..module.steps.len() / 2 {
            let step = engine::current(module, &record).unwrap().clone();
            if matches!(step.kind, StepKind::Ending { .. }) {
                break;
            }
            if let Some((_, answers)) = ModuleShape::of(module)
                .steps
                .iter()
                .find(|(id, _)| *id == step.id)
            {
                if !answers.is_empty() {
                    engine::answer(module, &mut record, &step.id, &answers[0], now).unwrap();
                }
            }
            engine::advance(module, &mut record, now).unwrap();
        }
        progress.modules.insert(module.id.clone(), record);
    }
    progress
}

/// A synthetic curriculum the size the product plans for: 12 modules of 24 steps with long
/// ids, a decision every other step.
fn synthetic_curriculum() -> Vec<Module> {
    let real = &real_modules()[0];
    (0..12)
        .map(|m| {
            let mut module = real.clone();
            module.id = format!("module-number-{m:02}-for-a-whole-curriculum");
            module
        })
        .collect()
}

#[test]
fn a_record_round_trips_exactly() {
    let modules = real_modules();
    let shapes: Vec<ModuleShape> = modules.iter().map(ModuleShape::of).collect();
    let record = heavy_record(&modules);
    let code = compact::encode(&record, &shapes);
    assert!(code.starts_with("V1."));
    assert!(
        code.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)),
        "URL- and LMS-safe: {code}"
    );
    assert_eq!(compact::decode(&code, &shapes), Ok(record));
    assert_eq!(
        compact::decode(&compact::encode(&Progress::default(), &shapes), &shapes),
        Ok(Progress::default())
    );
}

#[test]
fn a_learner_who_completed_every_module_fits_in_scorm_12_suspend_data() {
    let modules = real_modules();
    let shapes: Vec<ModuleShape> = modules.iter().map(ModuleShape::of).collect();
    let record = heavy_record(&modules);
    // The attempts left half-way carry the orders drawn for their choices, which count too.
    let drawn: usize = record.modules.values().map(|m| m.choices.len()).sum();
    assert_eq!(
        drawn, 41,
        "every decision and multiple choice of the course"
    );
    let code = compact::encode(&record, &shapes);
    println!(
        "every real module, completed three times: {} characters",
        code.len()
    );
    assert!(code.len() <= SCORM_12_LIMIT);
    assert_eq!(compact::decode(&code, &shapes), Ok(record));

    let curriculum = synthetic_curriculum();
    let shapes: Vec<ModuleShape> = curriculum.iter().map(ModuleShape::of).collect();
    let record = heavy_record(&curriculum);
    let code = compact::encode(&record, &shapes);
    println!(
        "12-module curriculum, completed three times: {} characters",
        code.len()
    );
    assert!(code.len() <= SCORM_12_LIMIT, "{} characters", code.len());
    assert_eq!(compact::decode(&code, &shapes), Ok(record));
}

#[test]
fn a_changed_module_restarts_while_its_scores_and_the_other_modules_are_kept() {
    let curriculum: Vec<Module> = synthetic_curriculum().into_iter().take(2).collect();
    let shapes: Vec<ModuleShape> = curriculum.iter().map(ModuleShape::of).collect();
    let record = heavy_record(&curriculum);
    let code = compact::encode(&record, &shapes);

    // The first module's second step is renamed, without a new content version.
    let mut changed = shapes.clone();
    changed[0].steps[1].0 = "renamed-step".to_string();
    let decoded = compact::decode(&code, &changed).unwrap();
    let first = &decoded.modules[&curriculum[0].id];
    let before = &record.modules[&curriculum[0].id];
    assert!(
        first.path.is_empty() && first.answers.is_empty(),
        "resumes at the start"
    );
    assert_eq!(
        first.completions, before.completions,
        "past scores are kept"
    );
    assert_eq!(
        (first.attempt, first.started_at),
        (before.attempt, before.started_at)
    );
    assert_eq!(
        decoded.modules[&curriculum[1].id],
        record.modules[&curriculum[1].id]
    );

    // A new content version does the same.
    let mut newer = shapes.clone();
    newer[1].version += 1;
    let decoded = compact::decode(&code, &newer).unwrap();
    assert!(decoded.modules[&curriculum[1].id].path.is_empty());
    assert_eq!(
        decoded.modules[&curriculum[0].id],
        record.modules[&curriculum[0].id]
    );
}

#[test]
fn a_module_the_course_no_longer_has_is_kept_in_full() {
    let modules = real_modules();
    let shapes: Vec<ModuleShape> = modules.iter().map(ModuleShape::of).collect();
    let record = heavy_record(&modules);
    // Encoded by a build whose course lacks the module: its steps go by id.
    let code = compact::encode(&record, &[]);
    assert_eq!(compact::decode(&code, &[]), Ok(record.clone()));
    assert_eq!(compact::decode(&code, &shapes), Ok(record));
}

#[test]
fn what_is_not_a_record_is_refused_with_a_reason() {
    assert_eq!(compact::decode("", &[]), Err(CompactError::UnknownFormat));
    assert_eq!(
        compact::decode("V2.AAAA", &[]),
        Err(CompactError::UnknownFormat)
    );
    assert_eq!(
        compact::decode("V1.@@@@", &[]),
        Err(CompactError::Damaged("not base64url"))
    );
    assert_eq!(
        compact::decode("V1.A", &[]),
        Err(CompactError::Damaged("not base64url"))
    );
    assert_eq!(
        compact::decode("V1.", &[]),
        Err(CompactError::Damaged("ends early"))
    );
    // A count of modules far beyond the bytes that follow.
    assert_eq!(
        compact::decode("V1.AAB_", &[]),
        Err(CompactError::Damaged("count beyond the end"))
    );
}

fn answer_strategy() -> impl Strategy<Value = Answer> {
    ("[a-z-]{0,12}", 0u32..5, 0u32..5, 0u64..10_000_000).prop_map(|(choice, points, max, at)| {
        Answer {
            choice,
            points,
            max,
            at,
        }
    })
}

fn module_progress_strategy() -> impl Strategy<Value = ModuleProgress> {
    (
        (
            0u32..4,
            1u32..9,
            proptest::collection::vec("[a-z0-9-]{0,16}", 0..20),
        ),
        (
            proptest::collection::btree_map("[a-z-]{1,10}", answer_strategy(), 0..8),
            proptest::collection::btree_map(
                "[a-z-]{1,10}",
                proptest::collection::vec("[a-z-]{1,8}", 0..5),
                0..4,
            ),
        ),
        (
            0u64..u64::MAX / 4,
            0u64..1_000_000,
            proptest::option::of(0u64..1_000_000),
        ),
        proptest::collection::vec((0u32..9, 0u32..40, 0u32..40, 0u64..u64::MAX / 2), 0..4),
    )
        .prop_map(
            |(
                (content_version, attempt, path),
                (answers, choices),
                (started_at, updated, completed),
                done,
            )| {
                let answers = answers
                    .into_iter()
                    .map(|(k, mut a)| {
                        a.at = a.at.saturating_add(started_at);
                        (k, a)
                    })
                    .collect();
                ModuleProgress {
                    content_version,
                    attempt,
                    // An order of some of the same steps, backwards: written by id here.
                    order: path.iter().rev().cloned().collect(),
                    // Orders of choices no module has: written by id here too.
                    choices,
                    path,
                    answers,
                    started_at,
                    updated_at: started_at + updated,
                    completed_at: completed.map(|c| started_at + c),
                    completions: done
                        .into_iter()
                        .map(|(attempt, earned, max, at)| Completion {
                            attempt,
                            earned,
                            max,
                            at,
                        })
                        .collect(),
                }
            },
        )
}

fn progress_strategy() -> impl Strategy<Value = Progress> {
    (
        proptest::option::of("[a-z-]{1,16}"),
        proptest::option::of(prop_oneof![
            Just(Lang::EN),
            Just(lang("fr")),
            Just(lang("nl"))
        ]),
        proptest::collection::btree_map("[a-z0-9-]{1,20}", module_progress_strategy(), 0..4),
    )
        .prop_map(|(role, lang, modules)| Progress {
            schema: SCHEMA,
            role,
            lang,
            modules: modules.into_iter().collect::<BTreeMap<_, _>>(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_decoder_never_panics_on_arbitrary_text(text in ".{0,300}") {
        let _ = compact::decode(&text, &[]);
        let _ = compact::decode(&format!("V1.{text}"), &[]);
    }

    #[test]
    fn the_decoder_never_panics_on_arbitrary_bytes(body in "[A-Za-z0-9_-]{0,400}") {
        let shapes: Vec<ModuleShape> = real_modules().iter().map(ModuleShape::of).collect();
        let _ = compact::decode(&format!("V1.{body}"), &shapes);
    }

    #[test]
    fn records_round_trip_whatever_their_content(record in progress_strategy()) {
        // Records whose ids fit no shape go by id, so they round-trip exactly.
        let code = compact::encode(&record, &[]);
        prop_assert_eq!(compact::decode(&code, &[]), Ok(record));
    }

    #[test]
    fn mutated_valid_records_never_panic(position in 0usize..4000, replacement in "[A-Za-z0-9_-]{0,3}", cut in any::<bool>()) {
        let modules = real_modules();
        let shapes: Vec<ModuleShape> = modules.iter().map(ModuleShape::of).collect();
        let code = compact::encode(&heavy_record(&modules), &shapes);
        let at = 3 + position % (code.len() - 3);
        let mutated = if cut {
            code[..at].to_string()
        } else {
            format!("{}{}{}", &code[..at], replacement, &code[(at + 1).min(code.len())..])
        };
        let _ = compact::decode(&mutated, &shapes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// The stored JSON record's decoder, on any text and on damaged real records.
    #[test]
    fn the_stored_record_decoder_never_panics(text in ".{0,300}", position in 0usize..2000, replacement in ".{0,3}") {
        let _ = vigil::core::progress::decode(&text);
        let valid = vigil::core::progress::encode(&heavy_record(&real_modules()));
        let at = valid.char_indices().map(|(i, _)| i).nth(position % valid.chars().count()).unwrap_or(0);
        let mut damaged = valid.clone();
        damaged.replace_range(at..at + valid[at..].chars().next().map_or(0, char::len_utf8), &replacement);
        let _ = vigil::core::progress::decode(&damaged);
    }

    /// The import check, on any bytes.
    #[test]
    fn the_import_check_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = vigil::core::transfer::import(&bytes);
    }
}

/// A present language by its code.
fn lang(code: &str) -> Lang {
    Lang::parse(code).expect("a language code")
}
