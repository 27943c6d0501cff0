//! xAPI statements: one per answered question and per completed module, and, when launched by
//! a cmi5 LMS, the cmi5 defined statements (initialized, completed, passed or failed,
//! terminated). Built here as JSON values; the browser adapter queues and sends them.

use serde_json::{json, Value};

use crate::core::course::{Module, Step, StepKind};
use crate::core::progress::Answer;
use crate::core::scoring::Score;

const CMI5_CATEGORY: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
const CMI5_MOVEON: &str = "https://w3id.org/xapi/cmi5/context/categories/moveon";
const CMI5_SESSION: &str = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";

/// Who is learning and under which launch: the actor, the base of activity ids, and for cmi5
/// the registration, the session and the activity the LMS launched.
#[derive(Clone, Debug, PartialEq)]
pub struct Launch {
    pub actor: Value,
    /// Activity ids are `{base}modules/<module>` and `{base}modules/<module>/steps/<step>`.
    pub base: String,
    pub cmi5: Option<Cmi5>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cmi5 {
    pub registration: String,
    pub session: String,
    pub activity_id: String,
}

/// An agent for a learner of this device: their profile, under the site's address.
pub fn local_actor(name: &str, home_page: &str, profile: &str) -> Value {
    json!({ "objectType": "Agent", "name": name, "account": { "homePage": home_page, "name": profile } })
}

/// ISO 8601 UTC timestamp from milliseconds since the epoch.
pub fn timestamp(ms: u64) -> String {
    let secs = ms / 1000;
    let (days, rest) = ((secs / 86_400) as i64, secs % 86_400);
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60,
        ms % 1000
    )
}

fn verb(id: &str, display: &str) -> Value {
    json!({ "id": format!("http://adlnet.gov/expapi/verbs/{id}"), "display": { "en-US": display } })
}

fn module_activity(launch: &Launch, module: &Module) -> Value {
    json!({
        "objectType": "Activity",
        "id": format!("{}modules/{}", launch.base, module.id),
        "definition": {
            "type": "http://adlnet.gov/expapi/activities/module",
            "name": { "en-US": module.title },
        },
    })
}

fn context(launch: &Launch, parent: Option<Value>, cmi5_category: bool) -> Value {
    // An LRS refuses an empty contextActivities, so it is only written when it has something.
    let mut context = json!({});
    if let Some(parent) = parent {
        context["contextActivities"] = json!({ "parent": [parent] });
    }
    if let Some(cmi5) = &launch.cmi5 {
        context["registration"] = json!(cmi5.registration);
        context["extensions"] = json!({ CMI5_SESSION: cmi5.session });
        if cmi5_category {
            context["contextActivities"] = json!({ "category": [{ "id": CMI5_CATEGORY }] });
        }
    }
    context
}

fn statement(
    id: &str,
    launch: &Launch,
    verb: Value,
    object: Value,
    result: Option<Value>,
    context: Value,
    at: u64,
) -> Value {
    let mut statement = json!({
        "id": id,
        "actor": launch.actor,
        "verb": verb,
        "object": object,
        "context": context,
        "timestamp": timestamp(at),
    });
    if let Some(result) = result {
        statement["result"] = result;
    }
    statement
}

/// "answered": the learner's choice at a question step, whether it was the best, and its points.
pub fn answered(id: &str, launch: &Launch, module: &Module, step: &Step, answer: &Answer) -> Value {
    let (prompt, choices): (&str, Vec<(String, String)>) = match &step.kind {
        StepKind::Decision {
            prompt, choices, ..
        } => (
            prompt,
            choices
                .iter()
                .map(|c| (c.id.clone(), c.label.clone()))
                .collect(),
        ),
        StepKind::TrueFalse { statement, .. } => (
            statement,
            vec![
                ("true".into(), "True".into()),
                ("false".into(), "False".into()),
            ],
        ),
        StepKind::MultipleChoice {
            question, options, ..
        } => (
            question,
            options
                .iter()
                .map(|o| (o.id.clone(), o.label.clone()))
                .collect(),
        ),
        _ => ("", Vec::new()),
    };
    let object = json!({
        "objectType": "Activity",
        "id": format!("{}modules/{}/steps/{}", launch.base, module.id, step.id),
        "definition": {
            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
            "interactionType": "choice",
            "description": { "en-US": prompt },
            "choices": choices.iter().map(|(id, label)| json!({ "id": id, "description": { "en-US": label } })).collect::<Vec<_>>(),
        },
    });
    let result = json!({
        "response": answer.choice,
        "success": answer.points == answer.max,
        "score": { "raw": answer.points, "min": 0, "max": answer.max },
    });
    let context = context(launch, Some(module_activity(launch, module)), false);
    statement(
        id,
        launch,
        verb("answered", "answered"),
        object,
        Some(result),
        context,
        answer.at,
    )
}

fn score_result(score: Score) -> Value {
    json!({
        "raw": score.earned,
        "min": 0,
        "max": score.max,
        "scaled": if score.max == 0 { 1.0 } else { f64::from(score.earned) / f64::from(score.max) },
    })
}

/// "completed" for one module, with its score.
pub fn module_completed(
    id: &str,
    launch: &Launch,
    module: &Module,
    score: Score,
    at: u64,
) -> Value {
    let result = json!({ "completion": true, "score": score_result(score) });
    let context = context(launch, None, false);
    statement(
        id,
        launch,
        verb("completed", "completed"),
        module_activity(launch, module),
        Some(result),
        context,
        at,
    )
}

/// The cmi5 defined statements, about the activity the LMS launched.
pub enum Cmi5Event {
    Initialized,
    Completed { duration: String },
    Passed { score: Score, duration: String },
    Failed { score: Score, duration: String },
    Terminated { duration: String },
}

/// A cmi5 defined statement; `None` when the launch is not a cmi5 launch.
pub fn cmi5(id: &str, launch: &Launch, event: Cmi5Event, at: u64) -> Option<Value> {
    let cmi5 = launch.cmi5.as_ref()?;
    let object = json!({ "objectType": "Activity", "id": cmi5.activity_id });
    let (verb, result) = match event {
        Cmi5Event::Initialized => (verb("initialized", "initialized"), None),
        Cmi5Event::Completed { duration } => (
            verb("completed", "completed"),
            Some(json!({ "completion": true, "duration": duration })),
        ),
        Cmi5Event::Passed { score, duration } => (
            verb("passed", "passed"),
            Some(json!({ "success": true, "score": score_result(score), "duration": duration })),
        ),
        Cmi5Event::Failed { score, duration } => (
            verb("failed", "failed"),
            Some(json!({ "success": false, "score": score_result(score), "duration": duration })),
        ),
        Cmi5Event::Terminated { duration } => (
            verb("terminated", "terminated"),
            Some(json!({ "duration": duration })),
        ),
    };
    let mut context = context(launch, None, true);
    // Statements that can satisfy the LMS's "move on" criteria say so.
    if result
        .as_ref()
        .is_some_and(|r| r.get("completion").is_some() || r.get("success").is_some())
    {
        context["contextActivities"]["category"] =
            json!([{ "id": CMI5_CATEGORY }, { "id": CMI5_MOVEON }]);
    }
    Some(statement(id, launch, verb, object, result, context, at))
}
