//! Learner profiles on a shared device, and merging the records of two tabs.

use vigil::core::profiles::{self, ProfileError, Profiles};
use vigil::core::progress::{self, Progress};

fn three() -> Profiles {
    let mut p = Profiles::first("p1".to_string(), "Learner 1".to_string());
    p.add("p2".to_string(), "  Anna   Peeters ").unwrap();
    p.add("p3".to_string(), "Youssef").unwrap();
    p
}

#[test]
fn adding_a_learner_makes_them_active_with_a_clean_name() {
    let p = three();
    assert_eq!(p.active().name, "Youssef");
    assert_eq!(p.list[1].name, "Anna Peeters");
}

#[test]
fn names_are_required_unique_and_plain_text() {
    let mut p = three();
    assert_eq!(p.add("p4".to_string(), "   "), Err(ProfileError::EmptyName));
    assert_eq!(
        p.add("p4".to_string(), "anna peeters"),
        Err(ProfileError::DuplicateName)
    );
    assert_eq!(
        p.add("p4".to_string(), &"x".repeat(61)),
        Err(ProfileError::NameTooLong)
    );
    assert_eq!(
        profiles::clean_name("Eve\u{0}\u{1b}[31m\nRed"),
        Ok("Eve [31m Red".to_string())
    );
    assert_eq!(p.list.len(), 3, "nothing was added");
}

#[test]
fn switching_renaming_and_deleting() {
    let mut p = three();
    p.switch("p2").unwrap();
    assert_eq!(p.active().id, "p2");
    p.rename("p2", "Anna P.").unwrap();
    assert_eq!(p.active().name, "Anna P.");
    assert_eq!(p.rename("p3", "anna p."), Err(ProfileError::DuplicateName));
    assert_eq!(p.switch("nobody"), Err(ProfileError::Unknown));
    p.remove("p2").unwrap();
    assert_eq!(
        p.active().id,
        "p1",
        "deleting the active learner activates the first one"
    );
    p.remove("p3").unwrap();
    assert_eq!(p.remove("p1"), Err(ProfileError::LastProfile));
}

#[test]
fn the_profile_list_round_trips_and_bad_lists_are_refused() {
    let p = three();
    assert_eq!(profiles::decode(&profiles::encode(&p)), Some(p));
    assert_eq!(profiles::decode("{"), None);
    assert_eq!(
        profiles::decode(r#"{"schema":1,"active":"x","list":[]}"#),
        None
    );
    assert_eq!(
        profiles::decode(r#"{"schema":2,"active":"x","list":[{"id":"x","name":"X"}]}"#),
        None
    );
    let repaired =
        profiles::decode(r#"{"schema":1,"active":"gone","list":[{"id":"x","name":"X"}]}"#).unwrap();
    assert_eq!(repaired.active, "x");
}

fn record(json: &str) -> Progress {
    progress::decode(json).unwrap()
}

#[test]
fn two_tabs_merge_module_by_module_and_the_newer_wins() {
    let mut mine = record(
        r#"{"schema":1,"lang":"en","modules":{
            "a":{"content_version":1,"attempt":1,"path":["s1","s2","s3"],"started_at":0,"updated_at":300},
            "b":{"content_version":1,"attempt":1,"path":["t1"],"started_at":0,"updated_at":100}}}"#,
    );
    let theirs = record(
        r#"{"schema":1,"lang":"fr","modules":{
            "a":{"content_version":1,"attempt":1,"path":["s1","s2"],"started_at":0,"updated_at":200},
            "b":{"content_version":1,"attempt":1,"path":["t1","t2"],"started_at":0,"updated_at":250},
            "c":{"content_version":1,"attempt":1,"path":["u1"],"started_at":0,"updated_at":50}}}"#,
    );
    progress::merge(&mut mine, theirs.clone());
    assert_eq!(
        mine.modules["a"].path.len(),
        3,
        "my newer answers in a are kept"
    );
    assert_eq!(
        mine.modules["b"], theirs.modules["b"],
        "their newer answers in b are taken"
    );
    assert_eq!(
        mine.modules["c"], theirs.modules["c"],
        "a module only they started is added"
    );
    assert_eq!(mine.lang, theirs.lang);

    // Merging again changes nothing: two tabs settle instead of echoing each other.
    let settled = mine.clone();
    progress::merge(&mut mine, theirs);
    assert_eq!(mine, settled);
}

#[test]
fn names_cannot_reorder_text_around_them() {
    assert_eq!(
        profiles::clean_name("\u{202e}nnA\u{202c}"),
        Ok("nnA".to_string())
    );
    assert_eq!(
        profiles::clean_name("\u{2067}\u{2069}"),
        Err(ProfileError::EmptyName)
    );
}

/// What the app treats as "untouched": still named by default, with nothing saved.
fn untouched(p: &profiles::Profile) -> bool {
    p.name == "Learner 1"
}

#[test]
fn an_lms_learner_takes_the_untouched_first_profile_then_always_finds_their_own() {
    use profiles::LmsLearner;
    let jane = LmsLearner::scorm("a1", "Doe, Jane").unwrap();
    assert_eq!(
        jane.name, "Jane Doe",
        "SCORM's \"Family, Given\" reads as a name"
    );
    assert_eq!(jane.key, "scorm:a1");
    assert_eq!(LmsLearner::scorm("  ", "Nobody"), None, "no id, no binding");

    // A fresh device: the first learner was created a moment ago and is Jane now.
    let mut device = Profiles::first("p1".to_string(), "Learner 1".to_string());
    device.for_lms_learner(&jane, 10, "Learner 1", untouched);
    assert_eq!(device.list.len(), 1);
    assert_eq!(
        (device.active.as_str(), device.active().name.as_str()),
        ("p1", "Jane Doe")
    );

    // Someone else on the same device gets a profile of their own, never Jane's progress.
    let luc = LmsLearner::scorm("b2", "Martin, Luc").unwrap();
    device.for_lms_learner(&luc, 20, "Learner 1", untouched);
    assert_eq!(
        (device.active.as_str(), device.active().name.as_str()),
        ("p20", "Luc Martin")
    );

    // Jane again: her own profile, whatever is active.
    device.for_lms_learner(&jane, 30, "Learner 1", untouched);
    assert_eq!(device.active, "p1");
    assert_eq!(device.list.len(), 2);

    // The binding survives storage; a list saved before bindings existed still reads.
    let again = profiles::decode(&profiles::encode(&device)).unwrap();
    assert_eq!(again, device);
    let old = r#"{"schema":1,"active":"p1","list":[{"id":"p1","name":"Learner 1"}]}"#;
    assert_eq!(profiles::decode(old).unwrap().list[0].lms_learner, None);
}

#[test]
fn an_lms_learner_never_takes_a_profile_someone_used() {
    use profiles::LmsLearner;
    // The device's learner has progress (or a name of their own): the LMS learner gets a new
    // profile, named uniquely.
    let mut device = Profiles::first("p1".to_string(), "Jane Doe".to_string());
    let jane = LmsLearner::scorm("a1", "Doe, Jane").unwrap();
    device.for_lms_learner(&jane, 10, "Learner 1", |_| false);
    assert_eq!(device.list.len(), 2);
    assert_eq!(device.list[0].name, "Jane Doe");
    assert_eq!(device.active().name, "Jane Doe (2)");

    // A hostile or empty name is cleaned, or replaced by the default.
    let odd = LmsLearner::scorm("c3", "\u{202E}Evil\u{0007}, ").unwrap();
    device.for_lms_learner(&odd, 20, "Learner 1", |_| false);
    assert_eq!(device.active().name, "Evil");
    let blank = LmsLearner::scorm("d4", "  ").unwrap();
    device.for_lms_learner(&blank, 30, "Learner 1", |_| false);
    assert_eq!(device.active().name, "Learner 1");
    let long = LmsLearner::scorm("e5", &"x".repeat(80)).unwrap();
    device.for_lms_learner(&long, 40, "Learner 1", |_| false);
    assert_eq!(
        device.active().name,
        "Learner 1 (2)",
        "too long for a name: the default"
    );
}
