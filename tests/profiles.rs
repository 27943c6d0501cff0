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
