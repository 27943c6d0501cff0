//! The certificate of a completed track.

use std::path::Path;

use vigil::core::certificate;
use vigil::core::course::{Course, StepKind};
use vigil::core::engine;
use vigil::core::progress::Progress;
use vigil::lesson_files::compile_dir;

fn course() -> Course {
    compile_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons"))
        .unwrap()
        .remove(0)
}

/// Completes every module of the course, choosing the first answer, and returns the record.
fn completed(course: &Course, now: u64) -> Progress {
    let mut progress = Progress::default();
    for module in &course.modules {
        let mut record = engine::start(module, now, 0);
        let mut t = now;
        loop {
            let step = engine::current(module, &record).unwrap().clone();
            t += 1000;
            let choice = match &step.kind {
                StepKind::Decision { choices, .. } => Some(choices[0].id.clone()),
                StepKind::TrueFalse { .. } => Some("false".to_string()),
                StepKind::MultipleChoice { options, .. } => Some(options[0].id.clone()),
                StepKind::Ending { .. } => break,
                _ => None,
            };
            if let Some(choice) = choice {
                engine::answer(module, &mut record, &step.id, &choice, t).unwrap();
            }
            engine::advance(module, &mut record, t).unwrap();
        }
        progress.modules.insert(module.id.clone(), record);
    }
    progress
}

#[test]
fn no_certificate_until_every_module_of_the_track_is_completed() {
    let course = course();
    assert_eq!(
        certificate::certificate(&course, &Progress::default(), "front-desk", "Anna", None),
        None
    );
    let mut progress = completed(&course, 1_764_000_000_000);
    let module = &course.modules[0];
    let record = progress.modules.get_mut(&module.id).unwrap();
    engine::restart(module, record, 1_764_100_000_000, 0);
    assert!(
        certificate::certificate(&course, &progress, "front-desk", "Anna", None).is_some(),
        "a restart keeps the completion"
    );
    // A role whose modules an organisation left out of its course has no track to certify.
    let mut without_travel = course.clone();
    without_travel
        .modules
        .retain(|m| !m.roles.iter().any(|r| r == "travel-agent"));
    assert_eq!(
        certificate::certificate(&without_travel, &progress, "travel-agent", "Anna", None),
        None,
        "no modules, no track"
    );
    progress.modules.remove("travel-agent-booking");
    assert_eq!(
        certificate::certificate(&course, &progress, "travel-agent", "Anna", None),
        None,
        "one module of the track not completed"
    );
}

#[test]
fn the_certificate_states_the_modules_and_a_code_derived_from_them() {
    let course = course();
    let progress = completed(&course, 1_764_000_000_000);
    let cert = certificate::certificate(
        &course,
        &progress,
        "front-desk",
        "Anna",
        Some("Hotel Aurora"),
    )
    .unwrap();
    assert_eq!(cert.learner, "Anna");
    assert_eq!(cert.organisation.as_deref(), Some("Hotel Aurora"));
    assert_eq!(
        cert.modules.len(),
        course.modules_for_role("front-desk").count()
    );
    assert_eq!(cert.modules[0].title, course.modules[0].title);
    assert!(
        cert.reference.starts_with("VGL-") && cert.reference.len() == 13,
        "{}",
        cert.reference
    );
    let again = certificate::certificate(
        &course,
        &progress,
        "front-desk",
        "Anna",
        Some("Hotel Aurora"),
    )
    .unwrap();
    assert_eq!(
        cert.reference, again.reference,
        "the same facts give the same code"
    );
    let other = certificate::certificate(
        &course,
        &progress,
        "front-desk",
        "Anne",
        Some("Hotel Aurora"),
    )
    .unwrap();
    assert_ne!(
        cert.reference, other.reference,
        "another name gives another code"
    );
    let mut better = progress.clone();
    better
        .modules
        .values_mut()
        .for_each(|m| m.completions[0].earned += 1);
    let better =
        certificate::certificate(&course, &better, "front-desk", "Anna", Some("Hotel Aurora"))
            .unwrap();
    assert_ne!(
        cert.reference, better.reference,
        "another score gives another code"
    );
}
