//! xAPI statements: one per answered question and per completed module, and, when launched by
//! a cmi5 LMS, the cmi5 defined statements (initialized, completed, passed or failed,
//! terminated). Built here as JSON values; the browser adapter queues and sends them.

use serde_json::{json, Value};

use crate::core::calendar;
use crate::core::course::{Label, Module, Step};
use crate::core::lms::PassMark;
use crate::core::profiles::LmsLearner;
use crate::core::progress::Answer;
use crate::core::scoring::Score;

pub const CMI5_CATEGORY: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
const CMI5_MOVEON: &str = "https://w3id.org/xapi/cmi5/context/categories/moveon";
pub const CMI5_SESSION: &str = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
const CMI5_MASTERY: &str = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";

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
    /// The LMS's session id from LMS.LaunchData's context template (one of Vigil's own when the
    /// LMS gave none).
    pub session: String,
    pub activity_id: String,
    /// LMS.LaunchData's `contextTemplate`: the base of every statement's context.
    pub context_template: Value,
    pub launch_mode: LaunchMode,
    /// LMS.LaunchData's `masteryScore` (0 to 1), which overrides Vigil's own pass mark.
    pub mastery_score: Option<f64>,
    /// Where the learner goes back to the LMS (LMS.LaunchData's `returnURL`).
    pub return_url: Option<String>,
}

/// cmi5's launch modes: only in `Normal` may the AU report completed, passed or failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LaunchMode {
    Normal,
    Browse,
    Review,
}

/// The document id of the state the LMS writes before a cmi5 launch.
pub const LAUNCH_DATA: &str = "LMS.LaunchData";

impl Cmi5 {
    /// A cmi5 launch as its URL describes it, before LMS.LaunchData is read: normal mode, no
    /// template, and a session id of Vigil's.
    pub fn new(registration: String, activity_id: String, session: String) -> Self {
        Cmi5 {
            registration,
            session,
            activity_id,
            context_template: json!({}),
            launch_mode: LaunchMode::Normal,
            mastery_score: None,
            return_url: None,
        }
    }

    /// Applies the LMS.LaunchData document. Each field that is wrong is named in the returned
    /// problems and left as it was; the rest applies.
    pub fn apply_launch_data(&mut self, text: &str) -> Vec<String> {
        let Ok(Value::Object(data)) = serde_json::from_str::<Value>(text) else {
            return vec!["LMS.LaunchData is not a JSON object".to_string()];
        };
        let mut problems = Vec::new();
        match data.get("contextTemplate") {
            Some(template @ Value::Object(_)) => {
                if let Some(session) = template["extensions"][CMI5_SESSION].as_str() {
                    self.session = session.to_string();
                }
                self.context_template = template.clone();
            }
            _ => problems.push("`contextTemplate` is missing or not an object".to_string()),
        }
        match data.get("launchMode").and_then(Value::as_str) {
            Some("Normal") => self.launch_mode = LaunchMode::Normal,
            Some("Browse") => self.launch_mode = LaunchMode::Browse,
            Some("Review") => self.launch_mode = LaunchMode::Review,
            _ => problems.push("`launchMode` is not Normal, Browse or Review".to_string()),
        }
        match data.get("masteryScore") {
            None => {}
            Some(score) => match score.as_f64() {
                Some(score) if (0.0..=1.0).contains(&score) => self.mastery_score = Some(score),
                _ => problems.push("`masteryScore` is not a number from 0 to 1".to_string()),
            },
        }
        match data.get("returnURL") {
            None => {}
            // Only a web address: a `javascript:` URL in a link would run in Vigil's page.
            Some(Value::String(url))
                if url.starts_with("https://")
                    || url.starts_with("http://")
                    || (url.starts_with('/') && !url.starts_with("//")) =>
            {
                self.return_url = Some(url.clone());
            }
            Some(_) => problems.push("`returnURL` is not an http(s) address".to_string()),
        }
        problems
    }

    /// What to report when the learner has finished the track, given what was already
    /// reported for this registration and assignable unit (`record`, updated here): `completed`
    /// once; `passed` once, and nothing judged after it; `failed` until passed, once a session.
    /// Judged against the LMS's mastery score (or Vigil's own), and nothing outside normal mode.
    pub fn track_done(
        &self,
        score: Score,
        duration: &str,
        record: &mut AuRecord,
    ) -> Vec<Cmi5Event> {
        if self.launch_mode != LaunchMode::Normal || record.passed {
            return Vec::new();
        }
        let duration = duration.to_string();
        let mut events = Vec::new();
        if !record.completed {
            record.completed = true;
            events.push(Cmi5Event::Completed {
                duration: duration.clone(),
            });
        }
        let passed = match self.mastery_score {
            Some(mastery) => meets_mastery(score, mastery),
            None => PassMark::default().passes(score.earned, score.max),
        };
        if passed {
            record.passed = true;
            events.push(Cmi5Event::Passed { score, duration });
        } else if record.failed_in.as_deref() != Some(self.session.as_str()) {
            record.failed_in = Some(self.session.clone());
            events.push(Cmi5Event::Failed { score, duration });
        }
        events
    }
}

/// Whether a score reaches a cmi5 masteryScore, compared as the LMS compares it (the scaled
/// score against the mastery score, unrounded): 40/50 does not reach 0.80004.
pub fn meets_mastery(score: Score, mastery: f64) -> bool {
    let scaled = if score.max == 0 {
        1.0
    } else {
        f64::from(score.earned) / f64::from(score.max)
    };
    scaled >= mastery
}

/// The state document (an AU's own, in the LMS's State API, per activity, agent and
/// registration) where Vigil keeps what it reported for an assignable unit, so that every
/// device of the learner knows it.
pub const AU_RECORD: &str = "urn:vigil:xapi:state:cmi5-au-record";

/// What Vigil reported for one registration and assignable unit.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AuRecord {
    #[serde(default)]
    pub completed: bool,
    #[serde(default)]
    pub passed: bool,
    /// The session in which `failed` was last sent (once a session).
    #[serde(default, rename = "failedIn", skip_serializing_if = "Option::is_none")]
    pub failed_in: Option<String>,
}

impl AuRecord {
    /// The record from its document's text ("" or no document: nothing reported yet).
    pub fn parse(text: &str) -> Result<AuRecord, String> {
        if text.trim().is_empty() {
            return Ok(AuRecord::default());
        }
        serde_json::from_str(text).map_err(|e| format!("the AU record is not readable: {e}"))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A cmi5 launch as its tab keeps it (in session storage), for after a reload: the page that
/// goes sends `terminated`, and the fetch URL gives a token only once, so the reloaded page can
/// only say that the platform's session has ended, for whom, and where to go back.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TabLaunch {
    /// The launch's fetch URL: a launch URL with the same one is that launch reloaded.
    pub fetch: String,
    pub actor: Value,
    pub registration: String,
    #[serde(rename = "activityId")]
    pub activity_id: String,
    pub session: String,
    #[serde(rename = "returnURL", default)]
    pub return_url: Option<String>,
}

impl TabLaunch {
    pub fn parse(text: &str) -> Option<TabLaunch> {
        serde_json::from_str(text).ok()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Whether a page opened with the launch parameters naming `fetch` (`None`: none) is this
    /// launch's tab after its session ended: a reload of the launch URL or of a page after it.
    /// A different fetch URL is a new launch by the LMS in the same tab.
    pub fn ended_for(&self, fetch: Option<&str>) -> bool {
        fetch.is_none_or(|f| f == self.fetch)
    }
}

/// An agent for a learner of this device: their profile, under the site's address.
pub fn local_actor(name: &str, home_page: &str, profile: &str) -> Value {
    json!({ "objectType": "Agent", "name": name, "account": { "homePage": home_page, "name": profile } })
}

/// The learner a cmi5 launch's actor names: keyed by its account (home page and name) or its
/// mailbox, named by its `name`. `None` for an actor with neither.
pub fn lms_learner(actor: &Value) -> Option<LmsLearner> {
    let account = &actor["account"];
    let key = match (account["homePage"].as_str(), account["name"].as_str()) {
        (Some(home), Some(name)) => format!("{home}|{name}"),
        _ => ["mbox", "mbox_sha1sum", "openid"]
            .iter()
            .find_map(|k| actor[*k].as_str())?
            .to_string(),
    };
    Some(LmsLearner {
        key: format!("cmi5:{key}"),
        name: actor["name"].as_str().unwrap_or_default().to_string(),
    })
}

/// ISO 8601 UTC timestamp from milliseconds since the epoch.
pub fn timestamp(ms: u64) -> String {
    let secs = ms / 1000;
    let (days, rest) = ((secs / 86_400) as i64, secs % 86_400);
    let (year, month, day) = calendar::civil_from_days(days);
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
    // A cmi5 LMS's context template is the base of every context; Vigil adds to it.
    let mut context = match &launch.cmi5 {
        Some(cmi5) if cmi5.context_template.is_object() => cmi5.context_template.clone(),
        _ => json!({}),
    };
    // An LRS refuses an empty contextActivities, so it is only written when it has something.
    if let Some(parent) = parent {
        add_activity(&mut context, "parent", parent);
    }
    if let Some(cmi5) = &launch.cmi5 {
        context["registration"] = json!(cmi5.registration);
        context["extensions"][CMI5_SESSION] = json!(cmi5.session);
        if cmi5_category {
            add_activity(&mut context, "category", json!({ "id": CMI5_CATEGORY }));
        }
    }
    context
}

/// Appends an activity to one of the context's lists (parent, category...), keeping what the
/// template put there.
fn add_activity(context: &mut Value, list: &str, activity: Value) {
    let slot = &mut context["contextActivities"][list];
    match slot {
        Value::Array(items) => items.push(activity),
        // xAPI allows a single activity where a list is expected.
        Value::Object(_) => *slot = json!([slot.take(), activity]),
        _ => *slot = json!([activity]),
    }
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
    // The choices are listed as written and the response names the chosen one by id, so a
    // statement never depends on the order this attempt showed them in.
    let prompt = step.question().unwrap_or_default();
    let choices: Vec<Value> = step
        .offered()
        .into_iter()
        .map(|o| {
            let label = match o.label {
                Label::Text(text) => text,
                Label::True => "True",
                Label::False => "False",
            };
            json!({ "id": o.id, "description": { "en-US": label } })
        })
        .collect();
    let object = json!({
        "objectType": "Activity",
        "id": format!("{}modules/{}/steps/{}", launch.base, module.id, step.id),
        "definition": {
            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
            "interactionType": "choice",
            "description": { "en-US": prompt },
            "choices": choices,
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

/// "completed" for one module, with its score; `None` in a cmi5 launch in browse or review
/// mode, where nothing may look like a judgement of the learner (an LMS counting `completed`
/// statements would count it).
pub fn module_completed(
    id: &str,
    launch: &Launch,
    module: &Module,
    score: Score,
    at: u64,
) -> Option<Value> {
    if launch
        .cmi5
        .as_ref()
        .is_some_and(|c| c.launch_mode != LaunchMode::Normal)
    {
        return None;
    }
    let result = json!({ "completion": true, "score": score_result(score) });
    let context = context(launch, None, false);
    Some(statement(
        id,
        launch,
        verb("completed", "completed"),
        module_activity(launch, module),
        Some(result),
        context,
        at,
    ))
}

/// The cmi5 defined statements, about the activity the LMS launched.
pub enum Cmi5Event {
    Initialized,
    Completed { duration: String },
    Passed { score: Score, duration: String },
    Failed { score: Score, duration: String },
    Terminated { duration: String },
}

/// The profile id of the learner's preferences that a cmi5 LMS keeps in the LRS.
pub const LEARNER_PREFERENCES: &str = "cmi5LearnerPreferences";

/// The `languagePreference` of a cmi5LearnerPreferences document (`fr-BE,en-US`: tags in order
/// of preference); `None` when the document has none or is not readable.
pub fn language_preference(text: &str) -> Option<String> {
    let document: Value = serde_json::from_str(text).ok()?;
    let preference = document.get("languagePreference")?.as_str()?.trim();
    (!preference.is_empty()).then(|| preference.to_string())
}

/// A cmi5 defined statement; `None` when the launch is not a cmi5 launch, or when it would
/// judge the learner outside normal mode.
pub fn cmi5(id: &str, launch: &Launch, event: Cmi5Event, at: u64) -> Option<Value> {
    let cmi5 = launch.cmi5.as_ref()?;
    // In browse and review modes the LMS refuses any judgement of the learner.
    let judges = !matches!(event, Cmi5Event::Initialized | Cmi5Event::Terminated { .. });
    if judges && cmi5.launch_mode != LaunchMode::Normal {
        return None;
    }
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
        add_activity(&mut context, "category", json!({ "id": CMI5_MOVEON }));
    }
    // A judgement made against the LMS's mastery score names it.
    if let (Some(mastery), Some(true)) = (
        cmi5.mastery_score,
        result.as_ref().map(|r| r.get("success").is_some()),
    ) {
        context["extensions"][CMI5_MASTERY] = json!(mastery);
    }
    Some(statement(id, launch, verb, object, result, context, at))
}
