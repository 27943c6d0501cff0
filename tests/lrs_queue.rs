//! The statement queue's rules: one cmi5 session per request, `initialized` and `completed`
//! alone, a refused statement found by halving and dropped, the rest still sent.

use serde_json::{json, Value};

use vigil::core::lrs_queue::{self, Sender, Step, Verdict, MAX_BATCH};
use vigil::core::scoring::Score;
use vigil::core::xapi::{self, Cmi5, Cmi5Event, Launch};

fn launch(session: &str) -> Launch {
    Launch {
        actor: xapi::local_actor("Anna", "https://lms.example", "u-1"),
        base: "https://lms.example/au/1/".to_string(),
        cmi5: Some(Cmi5::new(
            "reg-1".to_string(),
            "https://lms.example/au/1".to_string(),
            session.to_string(),
        )),
    }
}

fn defined(id: &str, session: &str, event: Cmi5Event) -> Value {
    xapi::cmi5(id, &launch(session), event, 0).unwrap()
}

/// An allowed statement of a session, as the module's `completed` is.
fn other(id: &str, session: &str) -> Value {
    let mut s = defined(id, session, Cmi5Event::Initialized);
    s["verb"]["id"] = json!("http://adlnet.gov/expapi/verbs/answered");
    s["context"]["contextActivities"] = json!({});
    s
}

fn local(id: &str) -> Value {
    json!({ "id": id, "verb": { "id": "http://adlnet.gov/expapi/verbs/answered" }, "context": {} })
}

fn terminated(id: &str, session: &str) -> Value {
    defined(
        id,
        session,
        Cmi5Event::Terminated {
            duration: "PT1M".to_string(),
        },
    )
}

fn ids(statements: &[Value]) -> Vec<&str> {
    statements
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect()
}

/// Plays the queue against an LRS (`answer` judges a request) until the sender stops or the
/// group is empty; returns the requests made and the statements dropped.
fn send_all(
    queue: &mut Vec<Value>,
    session: Option<&str>,
    mut answer: impl FnMut(&[Value]) -> Verdict,
) -> (Vec<Vec<String>>, Vec<String>) {
    let mut sender = Sender::new(session.map(str::to_string));
    let (mut requests, mut dropped) = (Vec::new(), Vec::new());
    for _ in 0..1000 {
        let batch = sender.batch(queue, &[]);
        if batch.is_empty() {
            break;
        }
        requests.push(lrs_queue::ids(&batch));
        match sender.answered(batch.len(), answer(&batch)) {
            Step::Remove => *queue = lrs_queue::without(queue.clone(), &batch),
            Step::Drop => {
                dropped.extend(lrs_queue::ids(&batch));
                *queue = lrs_queue::without(queue.clone(), &batch);
            }
            Step::Split => {}
            Step::Stop => break,
        }
    }
    (requests, dropped)
}

#[test]
fn a_new_launch_drops_other_sessions_statements_and_keeps_the_configured_lrss() {
    let queue = vec![
        terminated("old-t", "s1"),
        local("mine"),
        other("old-a", "s1"),
        defined("new-i", "s2", Cmi5Event::Initialized),
    ];
    let (kept, dropped) = lrs_queue::for_cmi5_launch(queue, "s2");
    assert_eq!(dropped, 2);
    assert_eq!(ids(&kept), ["mine", "new-i"]);
}

#[test]
fn a_request_carries_one_session_and_initialized_goes_first_alone() {
    let mut queue = vec![
        terminated("old-t", "s1"),
        local("mine"),
        defined("i", "s2", Cmi5Event::Initialized),
        other("a1", "s2"),
        other("a2", "s2"),
        defined(
            "c",
            "s2",
            Cmi5Event::Completed {
                duration: "PT1M".to_string(),
            },
        ),
        defined(
            "p",
            "s2",
            Cmi5Event::Passed {
                score: Score { earned: 1, max: 1 },
                duration: "PT1M".to_string(),
            },
        ),
        terminated("t", "s2"),
    ];
    let (requests, dropped) = send_all(&mut queue, Some("s2"), |_| Verdict::Taken);
    assert_eq!(
        requests,
        [vec!["i"], vec!["a1", "a2"], vec!["c"], vec!["p", "t"]],
        "completed alone, so that a refusal of it cannot take passed with it"
    );
    assert!(dropped.is_empty());
    assert_eq!(
        ids(&queue),
        ["old-t", "mine"],
        "other groups are not this sender's"
    );

    let (requests, _) = send_all(&mut queue, None, |_| Verdict::Taken);
    assert_eq!(requests, [vec!["mine"]]);
}

#[test]
fn a_refused_statement_is_found_by_halving_and_dropped_the_others_still_go() {
    let mut queue: Vec<Value> = (0..8).map(|i| other(&format!("a{i}"), "s")).collect();
    let mut stored = Vec::new();
    let (requests, dropped) = send_all(&mut queue, Some("s"), |batch| {
        // As CATAPULT does: one bad statement refuses the whole request.
        if batch.iter().any(|s| s["id"] == "a5") {
            Verdict::Refused
        } else {
            stored.extend(lrs_queue::ids(batch));
            Verdict::Taken
        }
    });
    assert_eq!(dropped, ["a5"]);
    assert_eq!(stored, ["a0", "a1", "a2", "a3", "a4", "a6", "a7"]);
    assert!(queue.is_empty());
    assert!(
        requests.len() <= 8,
        "a few requests, not one a statement: {requests:?}"
    );
}

#[test]
fn a_long_queue_goes_in_bounded_batches_and_waits_when_the_lrs_is_unreachable() {
    let mut queue: Vec<Value> = (0..120).map(|i| local(&format!("l{i}"))).collect();
    let (requests, _) = send_all(&mut queue, None, |_| Verdict::Taken);
    assert_eq!(
        requests.iter().map(Vec::len).collect::<Vec<_>>(),
        [MAX_BATCH, MAX_BATCH, 20]
    );

    let mut queue: Vec<Value> = (0..3).map(|i| local(&format!("l{i}"))).collect();
    let (requests, dropped) = send_all(&mut queue, None, |_| Verdict::Later);
    assert_eq!(requests.len(), 1);
    assert!(dropped.is_empty());
    assert_eq!(
        queue.len(),
        3,
        "nothing lost while the LRS cannot be reached"
    );
}

#[test]
fn statements_in_flight_are_not_sent_again() {
    let queue = vec![other("a", "s"), other("b", "s"), terminated("t", "s")];
    let sender = Sender::new(Some("s".to_string()));
    let first = sender.batch(&queue, &[]);
    assert_eq!(ids(&first), ["a", "b", "t"]);
    let in_flight = lrs_queue::ids(&first[..2]);
    assert_eq!(ids(&sender.leaving(&queue, &in_flight)), ["t"]);
    assert_eq!(ids(&sender.batch(&queue, &in_flight)), ["t"]);
}

#[test]
fn what_an_lrs_answer_means() {
    use Verdict::*;
    for (status, cmi5, verdict) in [
        (None, true, Later),
        (Some(200), true, Taken),
        (Some(204), false, Taken),
        (Some(409), true, Taken),
        (Some(400), false, Refused),
        (Some(403), true, Refused),
        (Some(404), true, Refused),
        (Some(401), true, Refused),
        // A configured LRS's key may be mended; the statements wait for it.
        (Some(403), false, Later),
        (Some(401), false, Later),
        (Some(429), true, Later),
        (Some(408), true, Later),
        (Some(500), true, Later),
        (Some(503), false, Later),
    ] {
        assert_eq!(
            lrs_queue::verdict(status, cmi5),
            verdict,
            "{status:?} {cmi5}"
        );
    }
}
