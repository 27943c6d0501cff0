//! xAPI statements: their shape as an LRS receives them.

use std::path::Path;

use vigil::core::course::Course;
use vigil::core::progress::Answer;
use vigil::core::scoring::Score;
use vigil::core::xapi::{self, Cmi5, Cmi5Event, Launch};
use vigil::lesson_files::compile_dir;

fn course() -> Course {
    compile_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons"))
        .unwrap()
        .remove(0)
}

fn launch(cmi5: bool) -> Launch {
    Launch {
        actor: xapi::local_actor("Anna", "https://hotel.example", "p1"),
        base: "https://hotel.example/vigil/".to_string(),
        cmi5: cmi5.then(|| Cmi5 {
            registration: "ec231277-a8d8-4f9e-a4b5-2a6b2e2a8f0e".to_string(),
            session: "3f1c5a57-3a3b-4a11-9e5c-9a8f3b2c1d0e".to_string(),
            activity_id: "https://lms.example/au/42".to_string(),
        }),
    }
}

#[test]
fn timestamps_are_iso_8601_utc() {
    assert_eq!(xapi::timestamp(0), "1970-01-01T00:00:00.000Z");
    assert_eq!(
        xapi::timestamp(1_795_933_241_016),
        "2026-11-29T06:20:41.016Z"
    );
    assert_eq!(xapi::timestamp(951_782_400_000), "2000-02-29T00:00:00.000Z");
}

#[test]
fn an_answered_decision_names_the_choice_whether_it_was_best_and_its_points() {
    let course = course();
    let module = &course.modules[0];
    let step = module
        .steps
        .iter()
        .find(|s| matches!(s.kind, vigil::core::course::StepKind::Decision { .. }))
        .unwrap();
    let answer = Answer {
        choice: "confront".to_string(),
        points: 0,
        max: 3,
        at: 1_795_933_241_016,
    };
    let s = xapi::answered("id-1", &launch(false), module, step, &answer);
    assert_eq!(s["verb"]["id"], "http://adlnet.gov/expapi/verbs/answered");
    assert_eq!(
        s["object"]["id"],
        format!(
            "https://hotel.example/vigil/modules/{}/steps/{}",
            module.id, step.id
        )
    );
    assert_eq!(s["object"]["definition"]["interactionType"], "choice");
    assert_eq!(s["result"]["response"], "confront");
    assert_eq!(s["result"]["success"], false);
    assert_eq!(s["result"]["score"]["max"], 3);
    assert_eq!(
        s["context"]["contextActivities"]["parent"][0]["id"],
        format!("https://hotel.example/vigil/modules/{}", module.id)
    );
    assert_eq!(s["actor"]["account"]["name"], "p1");
    assert_eq!(s["timestamp"], "2026-11-29T06:20:41.016Z");
}

#[test]
fn a_completed_module_carries_its_score() {
    let course = course();
    let s = xapi::module_completed(
        "id-2",
        &launch(false),
        &course.modules[0],
        Score { earned: 9, max: 12 },
        0,
    );
    assert_eq!(s["verb"]["id"], "http://adlnet.gov/expapi/verbs/completed");
    assert_eq!(s["result"]["completion"], true);
    assert_eq!(s["result"]["score"]["scaled"], 0.75);
}

#[test]
fn cmi5_statements_carry_registration_session_and_categories() {
    assert_eq!(
        xapi::cmi5("x", &launch(false), Cmi5Event::Initialized, 0),
        None,
        "not a cmi5 launch"
    );
    let launch = launch(true);
    let init = xapi::cmi5("a", &launch, Cmi5Event::Initialized, 0).unwrap();
    assert_eq!(init["object"]["id"], "https://lms.example/au/42");
    assert_eq!(
        init["context"]["registration"],
        "ec231277-a8d8-4f9e-a4b5-2a6b2e2a8f0e"
    );
    assert_eq!(
        init["context"]["extensions"]["https://w3id.org/xapi/cmi5/context/extensions/sessionid"],
        "3f1c5a57-3a3b-4a11-9e5c-9a8f3b2c1d0e"
    );
    assert_eq!(
        init["context"]["contextActivities"]["category"][0]["id"],
        "https://w3id.org/xapi/cmi5/context/categories/cmi5"
    );
    let passed = xapi::cmi5(
        "b",
        &launch,
        Cmi5Event::Passed {
            score: Score {
                earned: 10,
                max: 10,
            },
            duration: "PT1M".into(),
        },
        0,
    )
    .unwrap();
    assert_eq!(
        passed["verb"]["id"],
        "http://adlnet.gov/expapi/verbs/passed"
    );
    assert_eq!(passed["result"]["success"], true);
    assert_eq!(
        passed["context"]["contextActivities"]["category"][1]["id"],
        "https://w3id.org/xapi/cmi5/context/categories/moveon"
    );
    let done = xapi::cmi5(
        "c",
        &launch,
        Cmi5Event::Terminated {
            duration: "PT2M".into(),
        },
        0,
    )
    .unwrap();
    assert_eq!(done["result"]["duration"], "PT2M");
}
