//! xAPI statements: their shape as an LRS receives them.

use std::path::Path;

use vigil::core::course::{Course, Module, Step};
use vigil::core::progress::Answer;
use vigil::core::scoring::Score;
use vigil::core::xapi::{self, AuRecord, Cmi5, Cmi5Event, Launch, LaunchMode, TabLaunch};
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
        cmi5: cmi5.then(|| {
            Cmi5::new(
                "ec231277-a8d8-4f9e-a4b5-2a6b2e2a8f0e".to_string(),
                "https://lms.example/au/42".to_string(),
                "3f1c5a57-3a3b-4a11-9e5c-9a8f3b2c1d0e".to_string(),
            )
        }),
    }
}

/// The first decision of the real module, answered with its poorest choice ("confront").
fn confront(course: &Course) -> (&Module, &Step, Answer) {
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
    (module, step, answer)
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
    let (module, step, answer) = confront(&course);
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
    )
    .unwrap();
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

const LAUNCH_DATA: &str = r#"{
    "contextTemplate": {
        "contextActivities": { "grouping": [{ "id": "https://lms.example/course/7" }] },
        "extensions": { "https://w3id.org/xapi/cmi5/context/extensions/sessionid": "lms-session-9" }
    },
    "launchMode": "Normal",
    "masteryScore": 0.8,
    "moveOn": "CompletedAndPassed",
    "returnURL": "https://lms.example/course/7"
}"#;

fn verbs(events: &[Cmi5Event]) -> Vec<&'static str> {
    events
        .iter()
        .map(|e| match e {
            Cmi5Event::Initialized => "initialized",
            Cmi5Event::Completed { .. } => "completed",
            Cmi5Event::Passed { .. } => "passed",
            Cmi5Event::Failed { .. } => "failed",
            Cmi5Event::Terminated { .. } => "terminated",
        })
        .collect()
}

#[test]
fn the_lms_launch_data_shapes_every_statement_and_sets_the_pass_mark() {
    let mut launch = launch(true);
    let cmi5 = launch.cmi5.as_mut().unwrap();
    assert_eq!(cmi5.apply_launch_data(LAUNCH_DATA), Vec::<String>::new());
    assert_eq!(
        cmi5.session, "lms-session-9",
        "the LMS's session id, not Vigil's"
    );
    assert_eq!(
        cmi5.return_url.as_deref(),
        Some("https://lms.example/course/7")
    );

    // 7 of 10 passes Vigil's own 70% but not the LMS's 0.8.
    let score = Score { earned: 7, max: 10 };
    let fresh = || AuRecord::default();
    let events = launch
        .cmi5
        .as_ref()
        .unwrap()
        .track_done(score, "PT5M", &mut fresh());
    assert_eq!(verbs(&events), ["completed", "failed"]);
    let events = launch.cmi5.as_ref().unwrap().track_done(
        Score { earned: 8, max: 10 },
        "PT5M",
        &mut fresh(),
    );
    assert_eq!(verbs(&events), ["completed", "passed"]);

    let session = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
    let mut failed = None;
    for event in launch
        .cmi5
        .as_ref()
        .unwrap()
        .track_done(score, "PT5M", &mut fresh())
    {
        let s = xapi::cmi5("f", &launch, event, 0).unwrap();
        let context = &s["context"];
        assert_eq!(
            context["contextActivities"]["grouping"][0]["id"],
            "https://lms.example/course/7"
        );
        assert_eq!(context["extensions"][session], "lms-session-9");
        assert_eq!(
            context["contextActivities"]["category"][0]["id"],
            "https://w3id.org/xapi/cmi5/context/categories/cmi5"
        );
        assert_eq!(
            context["contextActivities"]["category"][1]["id"],
            "https://w3id.org/xapi/cmi5/context/categories/moveon"
        );
        if s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/failed" {
            failed = Some(s);
        }
    }
    let failed = failed.expect("a failed statement");
    assert_eq!(
        failed["context"]["extensions"]
            ["https://w3id.org/xapi/cmi5/context/extensions/masteryscore"],
        0.8
    );

    // An allowed statement (answered) keeps the template too, without the cmi5 category.
    let course = course();
    let (module, step, answer) = confront(&course);
    let answered = xapi::answered("a", &launch, module, step, &answer);
    assert_eq!(
        answered["context"]["contextActivities"]["grouping"][0]["id"],
        "https://lms.example/course/7"
    );
    assert_eq!(
        answered["context"]["contextActivities"]["parent"][0]["id"],
        format!("{}modules/{}", launch.base, module.id)
    );
    assert_eq!(
        answered["context"]["contextActivities"]["category"],
        serde_json::Value::Null
    );
    assert_eq!(answered["context"]["extensions"][session], "lms-session-9");
}

#[test]
fn browse_and_review_launches_never_judge_the_learner() {
    for mode in ["Browse", "Review"] {
        let mut launch = launch(true);
        let cmi5 = launch.cmi5.as_mut().unwrap();
        let data = LAUNCH_DATA.replace("\"Normal\"", &format!("\"{mode}\""));
        assert_eq!(cmi5.apply_launch_data(&data), Vec::<String>::new());
        assert_ne!(cmi5.launch_mode, LaunchMode::Normal);
        let full = Score {
            earned: 10,
            max: 10,
        };
        assert!(
            cmi5.track_done(full, "PT1M", &mut AuRecord::default())
                .is_empty(),
            "{mode}"
        );
        // Not even a module's own "completed" (an LMS counting that verb would count it).
        let course = course();
        assert_eq!(
            xapi::module_completed("m", &launch, &course.modules[0], full, 0),
            None,
            "{mode}"
        );
        let passed = Cmi5Event::Passed {
            score: full,
            duration: "PT1M".into(),
        };
        assert_eq!(xapi::cmi5("p", &launch, passed, 0), None, "{mode}");
        let completed = Cmi5Event::Completed {
            duration: "PT1M".into(),
        };
        assert_eq!(xapi::cmi5("c", &launch, completed, 0), None, "{mode}");
        assert!(
            xapi::cmi5("i", &launch, Cmi5Event::Initialized, 0).is_some(),
            "{mode}"
        );
        let terminated = Cmi5Event::Terminated {
            duration: "PT1M".into(),
        };
        assert!(xapi::cmi5("t", &launch, terminated, 0).is_some(), "{mode}");
    }
}

#[test]
fn bad_launch_data_is_named_field_by_field_and_the_rest_applies() {
    let mut launch = launch(true);
    let cmi5 = launch.cmi5.as_mut().unwrap();
    let before = cmi5.clone();
    assert_eq!(
        cmi5.apply_launch_data("<html>"),
        ["LMS.LaunchData is not a JSON object"]
    );
    assert_eq!(*cmi5, before);
    let problems = cmi5.apply_launch_data(
        r#"{ "launchMode": "Sideways", "masteryScore": 1.5, "returnURL": "javascript:alert(1)" }"#,
    );
    assert_eq!(
        problems,
        [
            "`contextTemplate` is missing or not an object",
            "`launchMode` is not Normal, Browse or Review",
            "`masteryScore` is not a number from 0 to 1",
            "`returnURL` is not an http(s) address",
        ]
    );
    assert_eq!(*cmi5, before, "nothing wrong is applied");
    assert_eq!(
        cmi5.apply_launch_data(
            r#"{ "contextTemplate": {}, "launchMode": "Review", "returnURL": "//evil.example/" }"#
        ),
        ["`returnURL` is not an http(s) address"]
    );
    assert_eq!(cmi5.launch_mode, LaunchMode::Review);
    assert_eq!(cmi5.return_url, None);
}

#[test]
fn the_cmi5_learner_preferences_give_a_language_list() {
    assert_eq!(
        xapi::language_preference(
            r#"{ "languagePreference": "fr-BE,en-US", "audioPreference": "on" }"#
        ),
        Some("fr-BE,en-US".to_string())
    );
    for text in [
        "",
        "not json",
        r#"{ "audioPreference": "off" }"#,
        r#"{ "languagePreference": 5 }"#,
        r#"{ "languagePreference": " " }"#,
    ] {
        assert_eq!(xapi::language_preference(text), None, "{text:?}");
    }
}

#[test]
fn a_cmi5_actor_names_the_learner() {
    let by_account = serde_json::json!({ "objectType": "Agent", "name": "Jane Doe", "account": { "homePage": "https://lms.example", "name": "u-7" } });
    let who = xapi::lms_learner(&by_account).unwrap();
    assert_eq!(
        (who.key.as_str(), who.name.as_str()),
        ("cmi5:https://lms.example|u-7", "Jane Doe")
    );
    let by_mail = serde_json::json!({ "mbox": "mailto:jane@example.org" });
    assert_eq!(
        xapi::lms_learner(&by_mail).unwrap().key,
        "cmi5:mailto:jane@example.org"
    );
    assert_eq!(
        xapi::lms_learner(&serde_json::json!({ "name": "No id" })),
        None
    );
}

fn with_launch_data(data: &str) -> Launch {
    let mut launch = launch(true);
    let problems = launch.cmi5.as_mut().unwrap().apply_launch_data(data);
    assert_eq!(problems, Vec::<String>::new());
    launch
}

#[test]
fn the_mastery_score_is_compared_unrounded() {
    let data = LAUNCH_DATA.replace("0.8", "0.80004");
    let launch = with_launch_data(&data);
    let cmi5 = launch.cmi5.as_ref().unwrap();
    assert_eq!(cmi5.mastery_score, Some(0.80004));
    // 40/50 is 0.8: under 0.80004, whatever four decimals would say.
    let events = cmi5.track_done(
        Score {
            earned: 40,
            max: 50,
        },
        "PT1M",
        &mut AuRecord::default(),
    );
    assert_eq!(verbs(&events), ["completed", "failed"]);
    let score = |earned, max| Score { earned, max };
    assert!(!xapi::meets_mastery(score(40, 50), 0.80004));
    assert!(xapi::meets_mastery(score(40, 50), 0.8));
    assert!(xapi::meets_mastery(score(35, 50), 0.7), "a tie passes");
    assert!(xapi::meets_mastery(score(7, 10), 0.7));
    assert!(!xapi::meets_mastery(score(69_999, 100_000), 0.7));
    assert!(xapi::meets_mastery(score(0, 0), 1.0), "nothing to score");
}

#[test]
fn completed_once_passed_once_failed_until_passed_per_au_record() {
    let first = with_launch_data(LAUNCH_DATA);
    let cmi5 = first.cmi5.as_ref().unwrap();
    let poor = Score { earned: 5, max: 10 };
    let full = Score {
        earned: 10,
        max: 10,
    };
    let mut record = AuRecord::default();
    assert_eq!(
        verbs(&cmi5.track_done(poor, "PT1M", &mut record)),
        ["completed", "failed"]
    );
    // Failed again in the same session: nothing new to say.
    assert!(cmi5.track_done(poor, "PT1M", &mut record).is_empty());

    // The record travels (the LMS's State API) to the next session, maybe on another device.
    let mut record = AuRecord::parse(&record.to_json()).unwrap();
    let mut second = first.clone();
    second.cmi5.as_mut().unwrap().session = "lms-session-10".to_string();
    let cmi5 = second.cmi5.as_ref().unwrap();
    assert_eq!(
        verbs(&cmi5.track_done(poor, "PT1M", &mut record)),
        ["failed"],
        "failed again in a new session, no second completed"
    );
    assert_eq!(
        verbs(&cmi5.track_done(full, "PT1M", &mut record)),
        ["passed"],
        "a retake passes after a failure"
    );
    assert!(record.completed && record.passed);
    assert!(
        cmi5.track_done(full, "PT1M", &mut record).is_empty(),
        "passed once"
    );
    assert!(
        cmi5.track_done(poor, "PT1M", &mut record).is_empty(),
        "nothing judged after passed"
    );
    let mut record = AuRecord::parse(&record.to_json()).unwrap();
    assert!(cmi5.track_done(poor, "PT1M", &mut record).is_empty());

    assert_eq!(AuRecord::parse("").unwrap(), AuRecord::default());
    assert_eq!(
        AuRecord::parse(r#"{ "completed": true }"#).unwrap(),
        AuRecord {
            completed: true,
            ..AuRecord::default()
        }
    );
    assert!(AuRecord::parse("<html>")
        .unwrap_err()
        .contains("not readable"));
}

#[test]
fn a_tab_knows_its_ended_launch_after_a_reload() {
    let saved = TabLaunch {
        fetch: "https://lms.example/fetch?code=1".to_string(),
        actor: xapi::local_actor("Anna", "https://lms.example", "u-1"),
        registration: "r".to_string(),
        activity_id: "https://lms.example/au/1".to_string(),
        session: "s".to_string(),
        return_url: Some("https://lms.example/back".to_string()),
    };
    let kept = TabLaunch::parse(&saved.to_json()).unwrap();
    assert_eq!(kept, saved);
    assert!(kept.ended_for(None), "a page of the launch, reloaded");
    assert!(
        kept.ended_for(Some("https://lms.example/fetch?code=1")),
        "the launch URL reloaded: its fetch URL was used"
    );
    assert!(
        !kept.ended_for(Some("https://lms.example/fetch?code=2")),
        "a new launch in the same tab"
    );
    assert_eq!(TabLaunch::parse("{}"), None);
}
