//! What Vigil reports to an LMS: status, score, location, time and suspend_data.

use std::path::Path;

use vigil::core::compact::ModuleShape;
use vigil::core::course::{Course, Lang, StepKind};
use vigil::core::engine;
use vigil::core::lms::{self, PassMark, Standard};
use vigil::core::progress::Progress;
use vigil::lesson_files::compile_dir;

/// The course as an organisation that offers only the front-desk module configures it, so
/// that one module's walk is a whole track.
fn course() -> Course {
    let mut course = compile_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons"))
        .unwrap()
        .remove(0);
    course.modules.retain(|m| m.id == "front-desk-check-in");
    course
}

/// Walks the first module, taking the best (`best`) or the worst choice, `steps` steps at most.
fn walk(course: &Course, best: bool, steps: usize) -> Progress {
    let module = &course.modules[0];
    let mut record = engine::start(module, 1000, 0);
    for t in 0..steps {
        let step = engine::current(module, &record).unwrap().clone();
        let choice = match &step.kind {
            StepKind::Decision { choices, .. } => {
                let pick = if best {
                    choices.iter().max_by_key(|c| c.score)
                } else {
                    choices.iter().min_by_key(|c| c.score)
                };
                pick.map(|c| c.id.clone())
            }
            StepKind::TrueFalse { answer, .. } => Some((*answer == best).to_string()),
            StepKind::MultipleChoice { options, .. } => options
                .iter()
                .find(|o| o.correct == best)
                .map(|o| o.id.clone()),
            StepKind::Ending { .. } => break,
            _ => None,
        };
        if let Some(choice) = choice {
            engine::answer(module, &mut record, &step.id, &choice, 2000 + t as u64).unwrap();
        }
        engine::advance(module, &mut record, 2000 + t as u64).unwrap();
    }
    let mut progress = Progress::default();
    progress.modules.insert(module.id.clone(), record);
    progress
}

/// The module shapes suspend_data is written against.
fn shapes(course: &Course) -> Vec<ModuleShape> {
    course.modules.iter().map(ModuleShape::of).collect()
}

fn value<'a>(values: &'a [(&'static str, String)], key: &str) -> &'a str {
    values
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {key}"))
}

/// The values an LMS receives, against Vigil's own pass mark.
fn values(
    standard: Standard,
    course: &Course,
    progress: &Progress,
    role: Option<&str>,
    session_ms: u64,
) -> Vec<(&'static str, String)> {
    lms::values(
        standard,
        course,
        &shapes(course),
        progress,
        role,
        PassMark::default(),
        session_ms,
    )
}

#[test]
fn a_learner_part_way_through_is_incomplete_with_their_location() {
    let course = course();
    let progress = walk(&course, true, 3);
    let v12 = values(Standard::Scorm12, &course, &progress, None, 61_250);
    assert_eq!(value(&v12, "cmi.core.lesson_status"), "incomplete");
    let step = progress
        .modules
        .values()
        .next()
        .unwrap()
        .path
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        value(&v12, "cmi.core.lesson_location"),
        format!("front-desk-check-in/{step}")
    );
    assert_eq!(value(&v12, "cmi.core.session_time"), "0000:01:01.25");
    assert_eq!(value(&v12, "cmi.core.exit"), "suspend");
    let v04 = values(Standard::Scorm2004, &course, &progress, None, 61_250);
    assert_eq!(value(&v04, "cmi.completion_status"), "incomplete");
    assert_eq!(value(&v04, "cmi.success_status"), "unknown");
    assert_eq!(value(&v04, "cmi.session_time"), "PT0H1M1.25S");
}

#[test]
fn a_completed_track_passes_or_fails_against_the_mastery_score() {
    let course = course();
    let best = walk(&course, true, 100);
    let v12 = values(Standard::Scorm12, &course, &best, Some("front-desk"), 0);
    assert_eq!(value(&v12, "cmi.core.lesson_status"), "passed");
    assert_eq!(value(&v12, "cmi.core.score.raw"), "100");
    assert_eq!(
        (
            value(&v12, "cmi.core.score.min"),
            value(&v12, "cmi.core.score.max")
        ),
        ("0", "100")
    );
    let v04 = values(Standard::Scorm2004, &course, &best, Some("front-desk"), 0);
    assert_eq!(value(&v04, "cmi.completion_status"), "completed");
    assert_eq!(value(&v04, "cmi.success_status"), "passed");
    assert_eq!(value(&v04, "cmi.score.scaled"), "1");

    let worst = walk(&course, false, 100);
    let [v12, v04] = [Standard::Scorm12, Standard::Scorm2004]
        .map(|standard| values(standard, &course, &worst, None, 0));
    assert_eq!(value(&v12, "cmi.core.lesson_status"), "failed");
    assert_eq!(value(&v12, "cmi.core.score.raw"), "0");
    assert_eq!(value(&v04, "cmi.success_status"), "failed");
    assert_eq!(value(&v04, "cmi.score.scaled"), "0");
}

#[test]
fn suspend_data_restores_the_exact_progress_and_stays_within_the_limit() {
    let course = course();
    let progress = walk(&course, true, 5);
    let v12 = values(Standard::Scorm12, &course, &progress, None, 0);
    let suspend = value(&v12, "cmi.suspend_data");
    assert!(suspend.len() <= 4096);
    assert_eq!(lms::resume(&shapes(&course), suspend), Some(progress));
    assert_eq!(lms::resume(&shapes(&course), "not a code"), None);
}

#[test]
fn a_record_too_large_for_scorm_12_is_slimmed_never_cut() {
    let course = course();
    let mut progress = walk(&course, true, 100);
    // Hundreds of finished attempts: far beyond 4,096 characters in full.
    let record = progress.modules.values_mut().next().unwrap();
    let done = record.completions[0].clone();
    for attempt in 0..800 {
        record.completions.push(vigil::core::progress::Completion {
            attempt,
            earned: attempt % 7,
            ..done.clone()
        });
    }
    let code = lms::suspend_data(
        Standard::Scorm12,
        &course,
        &shapes(&course),
        &progress,
        None,
    )
    .expect("the slimmed record fits");
    assert!(code.len() <= 4096, "{}", code.len());
    let restored = lms::resume(&shapes(&course), &code).unwrap();
    let kept = &restored.modules.values().next().unwrap().completions;
    assert_eq!(kept.len(), 1, "the best completion is kept");
    assert_eq!(kept[0].earned, done.earned);
    assert!(
        lms::suspend_data(
            Standard::Scorm2004,
            &course,
            &shapes(&course),
            &progress,
            None
        )
        .unwrap()
        .len()
            > 4096,
        "2004 has room for all"
    );
}

#[test]
fn the_lms_pass_mark_is_read_from_its_data_model() {
    use Standard::{Scorm12, Scorm2004};
    let mark = |standard, text| PassMark::from_lms(standard, text);
    assert_eq!(PassMark::element(Scorm12), "cmi.student_data.mastery_score");
    assert_eq!(PassMark::element(Scorm2004), "cmi.scaled_passing_score");
    // The same 80% as each standard writes it.
    assert_eq!(mark(Scorm12, "80"), mark(Scorm2004, "0.8"));
    assert_eq!(mark(Scorm12, " 80.0 "), mark(Scorm2004, "0.80000"));
    assert!(mark(Scorm12, "80").unwrap().passes(8, 10));
    assert!(!mark(Scorm12, "80").unwrap().passes(79, 100));
    assert!(mark(Scorm2004, "0.755").unwrap().passes(755, 1000));
    assert!(!mark(Scorm2004, "0.755").unwrap().passes(754, 1000));
    // A negative SCORM 2004 mark passes anything.
    assert!(mark(Scorm2004, "-0.5").unwrap().passes(0, 14));
    // None set, or nothing readable: the package's own mark applies.
    for (standard, text) in [
        (Scorm12, ""),
        (Scorm2004, ""),
        (Scorm12, "eighty"),
        (Scorm12, "101"),
        (Scorm12, "-1"),
        (Scorm2004, "1.5"),
        (Scorm2004, "-2"),
        (Scorm2004, "8e-1"),
        (Scorm2004, "."),
        (Scorm12, "99999999999999999999"),
    ] {
        assert_eq!(mark(standard, text), None, "{standard:?} {text:?}");
    }
    assert!(PassMark::default().passes(7, 10));
    assert!(!PassMark::default().passes(69, 100));
}

#[test]
fn passed_or_failed_follows_the_pass_mark_the_lms_gives() {
    let course = course();
    let worst = walk(&course, false, 100);
    let lenient = PassMark::from_lms(Standard::Scorm2004, "0").unwrap();
    let v04 = lms::values(
        Standard::Scorm2004,
        &course,
        &shapes(&course),
        &worst,
        None,
        lenient,
        0,
    );
    assert_eq!(value(&v04, "cmi.success_status"), "passed");
    let best = walk(&course, true, 100);
    let strict = PassMark::from_lms(Standard::Scorm12, "100").unwrap();
    let v12 = lms::values(
        Standard::Scorm12,
        &course,
        &shapes(&course),
        &best,
        None,
        strict,
        0,
    );
    assert_eq!(value(&v12, "cmi.core.lesson_status"), "passed");
}

#[test]
fn the_learners_language_on_the_lms_is_read_from_its_data_model() {
    use vigil::core::course::Lang;
    assert_eq!(
        lms::language_element(Standard::Scorm12),
        "cmi.student_preference.language"
    );
    assert_eq!(
        lms::language_element(Standard::Scorm2004),
        "cmi.learner_preference.language"
    );
    let offered = [lang("fr"), lang("nl")];
    assert_eq!(Lang::first_preferred("nl-BE", &offered), Some(lang("nl")));
    assert_eq!(
        Lang::first_preferred("de-DE, en-GB,fr", &offered),
        Some(lang("fr")),
        "the first offered"
    );
    assert_eq!(
        Lang::first_preferred("en-US", &offered),
        None,
        "English is not offered here"
    );
    assert_eq!(
        Lang::first_preferred("", &vigil::lesson_files::languages().codes()),
        None
    );
}

/// Before any module is started there is no location: SCORM 2004 refuses an empty
/// `cmi.location` (a type mismatch), so none is written until there is one.
#[test]
fn no_location_is_written_before_there_is_one() {
    let course = course();
    for standard in [Standard::Scorm12, Standard::Scorm2004] {
        let fresh = values(standard, &course, &Progress::default(), None, 0);
        assert!(
            fresh
                .iter()
                .all(|(k, _)| !k.ends_with("location") && !k.ends_with("lesson_location")),
            "{standard:?}: {fresh:?}"
        );
        let started = values(standard, &course, &walk(&course, true, 1), None, 0);
        assert!(started
            .iter()
            .any(|(k, v)| k.ends_with("location") && !v.is_empty()));
    }
}

/// A present language by its code.
fn lang(code: &str) -> Lang {
    Lang::parse(code).expect("a language code")
}
