//! The rules of the statement queue: which queued statements a launch may send, how they are
//! grouped into requests, and what an LRS's answer does to them. Pure: browser::xapi stores the
//! queue (a JSON array in local storage) and posts what these rules choose.
//!
//! Statements are grouped by cmi5 session (the session id extension of their context); those
//! without one belong to the LRS of the configuration. A request only ever carries statements
//! of one group, so one session's statements never reach the LMS under another's.

use serde_json::Value;

use crate::core::xapi::{CMI5_CATEGORY, CMI5_SESSION};

/// The most statements one request carries: a long offline spell must not make one huge body.
pub const MAX_BATCH: usize = 50;

/// The cmi5 session a statement was made in; `None` for a statement of a configured LRS.
pub fn session_of(statement: &Value) -> Option<&str> {
    statement["context"]["extensions"][CMI5_SESSION].as_str()
}

fn id_of(statement: &Value) -> Option<&str> {
    statement["id"].as_str()
}

/// Whether a statement goes in a request of its own: cmi5's `initialized` (the LMS judges a
/// request by the session's state before it, so the session must have begun first) and its
/// `completed` (allowed once, so that a refusal of it cannot take `passed` down with it).
pub fn goes_alone(statement: &Value) -> bool {
    let cmi5 = match &statement["context"]["contextActivities"]["category"] {
        Value::Array(items) => items.iter().any(|c| c["id"] == CMI5_CATEGORY),
        item => item["id"] == CMI5_CATEGORY,
    };
    let verb = statement["verb"]["id"].as_str().unwrap_or_default();
    cmi5 && (verb.ends_with("/initialized") || verb.ends_with("/completed"))
}

/// The queue as a cmi5 launch of session `current` takes it over: statements of other cmi5
/// sessions are dropped (those sessions have ended, and the LMS refuses them in this one),
/// statements for a configured LRS are kept for it. Returns the kept queue and the number
/// dropped.
pub fn for_cmi5_launch(queue: Vec<Value>, current: &str) -> (Vec<Value>, usize) {
    let before = queue.len();
    let kept: Vec<Value> = queue
        .into_iter()
        .filter(|s| session_of(s).is_none_or(|session| session == current))
        .collect();
    let dropped = before - kept.len();
    (kept, dropped)
}

/// What an LRS's answer means for the statements of a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Stored, or already there (409): out of the queue.
    Taken,
    /// Refused for what it holds: sending the same again would be refused again.
    Refused,
    /// Not reached, or not now (network, 5xx, 408, 429): kept for a later try.
    Later,
}

/// The verdict of an HTTP status (`None`: no answer at all). A cmi5 LMS refuses with 403 what
/// breaks its rules (a statement of another session, one after `terminated`, a second
/// `completed`), and its token is the launch's only one: a refusal there is final. A configured
/// LRS that answers 401 or 403 is misconfigured (its key), which its administrator can mend:
/// the statements wait, so that nothing the learner did is lost.
pub fn verdict(status: Option<u16>, cmi5: bool) -> Verdict {
    match status {
        None => Verdict::Later,
        Some(200..=299 | 409) => Verdict::Taken,
        Some(408 | 429) => Verdict::Later,
        Some(401 | 403) if !cmi5 => Verdict::Later,
        Some(400..=499) => Verdict::Refused,
        Some(_) => Verdict::Later,
    }
}

/// What to do with a request's statements after the LRS's verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Remove them from the queue and go on.
    Remove,
    /// The one statement was refused: remove it, tell the console, and go on.
    Drop,
    /// Some statement of the batch was refused: go on with smaller requests to find it.
    Split,
    /// Stop until the next try.
    Stop,
}

/// Sends one group's statements, in order, in batches, splitting a refused batch in halves
/// until the refused statement is alone (and dropped) so that the others still go.
#[derive(Clone, Debug)]
pub struct Sender {
    session: Option<String>,
    limit: usize,
}

impl Sender {
    /// A sender for the statements of cmi5 session `session` (`None`: a configured LRS).
    pub fn new(session: Option<String>) -> Self {
        Sender {
            session,
            limit: MAX_BATCH,
        }
    }

    /// The next request: the first of the group's queued statements that are not already in
    /// flight (by id), up to the batch limit, a statement that goes alone going alone.
    pub fn batch(&self, queue: &[Value], in_flight: &[String]) -> Vec<Value> {
        let mut batch = Vec::new();
        for statement in self.pending(queue, in_flight) {
            if goes_alone(statement) && !batch.is_empty() {
                break;
            }
            batch.push(statement.clone());
            if goes_alone(statement) || batch.len() >= self.limit {
                break;
            }
        }
        batch
    }

    /// Every statement of the group not in flight, for the last request as the page goes.
    pub fn leaving(&self, queue: &[Value], in_flight: &[String]) -> Vec<Value> {
        self.pending(queue, in_flight).cloned().collect()
    }

    fn pending<'a>(
        &'a self,
        queue: &'a [Value],
        in_flight: &'a [String],
    ) -> impl Iterator<Item = &'a Value> + 'a {
        queue.iter().filter(move |s| {
            session_of(s) == self.session.as_deref()
                && !id_of(s).is_some_and(|id| in_flight.iter().any(|f| f == id))
        })
    }

    /// What follows the LRS's verdict on a batch of `size` statements.
    pub fn answered(&mut self, size: usize, verdict: Verdict) -> Step {
        match verdict {
            Verdict::Taken => Step::Remove,
            Verdict::Later => Step::Stop,
            Verdict::Refused if size > 1 => {
                self.limit = size / 2;
                Step::Split
            }
            Verdict::Refused => {
                self.limit = MAX_BATCH;
                Step::Drop
            }
        }
    }
}

/// The queue without the statements of `sent` (by id), keeping any queued since.
pub fn without(queue: Vec<Value>, sent: &[Value]) -> Vec<Value> {
    let ids: Vec<&str> = sent.iter().filter_map(id_of).collect();
    queue
        .into_iter()
        .filter(|s| !id_of(s).is_some_and(|id| ids.contains(&id)))
        .collect()
}

/// The ids of statements, to mark them in flight.
pub fn ids(statements: &[Value]) -> Vec<String> {
    statements
        .iter()
        .filter_map(id_of)
        .map(str::to_string)
        .collect()
}
