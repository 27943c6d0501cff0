//! Sends xAPI statements to a learning record store: queued in local storage (so that nothing
//! is lost offline or when the page closes) and posted as core::lrs_queue chooses (one cmi5
//! session per request, a refused statement dropped, the rest retried until the LRS takes
//! them). The statements themselves come from core::xapi.

use std::cell::RefCell;

use gloo_net::http::Request;
use gloo_storage::{LocalStorage, Storage};
use serde_json::Value;

use crate::browser::storage;
use crate::core::lrs_queue::{self, Sender, Step};
use crate::core::xapi::{AuRecord, Launch, TabLaunch};

const QUEUE_KEY: &str = "vigil.xapi.queue";
/// The tab's cmi5 launch (session storage: one tab's, gone with the tab).
const TAB_LAUNCH_KEY: &str = "vigil.cmi5.launch";

struct Lrs {
    endpoint: String,
    authorization: String,
}

thread_local! {
    static LRS: RefCell<Option<Lrs>> = const { RefCell::new(None) };
    static LAUNCH: RefCell<Option<Launch>> = const { RefCell::new(None) };
    /// The queue when local storage cannot be used.
    static MEMORY: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
    static SENDING: RefCell<bool> = const { RefCell::new(false) };
    /// The ids of the statements of the request under way, which no other request carries.
    static IN_FLIGHT: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// The cmi5 session has ended (`terminated` sent): nothing more may be sent in it.
    static ENDED: RefCell<bool> = const { RefCell::new(false) };
    /// What was reported for the launch's assignable unit (cmi5).
    static AU: RefCell<AuRecord> = RefCell::new(AuRecord::default());
    static STARTED: RefCell<u64> = const { RefCell::new(0) };
}

/// Time since the launch connected, as an xAPI duration.
pub fn session_duration() -> String {
    let started = STARTED.with(|s| *s.borrow());
    crate::core::lms::duration_2004(crate::browser::now().saturating_sub(started))
}

/// A fresh statement id (the LRS uses it to ignore a statement sent twice).
pub fn uuid() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_default()
}

fn basic(key: &str, secret: &str) -> String {
    let encoded = web_sys::window()
        .and_then(|w| w.btoa(&format!("{key}:{secret}")).ok())
        .unwrap_or_default();
    format!("Basic {encoded}")
}

/// Starts sending to an LRS, for a launch (who, under which activity ids).
pub fn connect(endpoint: &str, authorization: String, launch: Launch) {
    LRS.with(|l| {
        *l.borrow_mut() = Some(Lrs {
            endpoint: endpoint.to_string(),
            authorization,
        })
    });
    // A cmi5 launch begins a session: statements left from earlier ones can never be taken
    // in it (the LMS has ended those sessions), and would block it if sent.
    if let Some(cmi5) = &launch.cmi5 {
        let (kept, dropped) = lrs_queue::for_cmi5_launch(read_queue(), &cmi5.session);
        if dropped > 0 {
            leptos::logging::warn!(
                "cmi5 launch: dropped {dropped} unsent statement(s) of an earlier session, which \
                 the LMS no longer accepts"
            );
            write_queue(&kept);
        }
    }
    LAUNCH.with(|l| *l.borrow_mut() = Some(launch));
    STARTED.with(|s| *s.borrow_mut() = crate::browser::now());
    leptos::task::spawn_local(flush());
}

pub fn connect_with_key(endpoint: &str, key: &str, secret: &str, launch: Launch) {
    connect(endpoint, basic(key, secret), launch);
}

/// The current launch, when statements are being sent.
pub fn launch() -> Option<Launch> {
    LAUNCH.with(|l| l.borrow().clone())
}

fn read_queue() -> Vec<Value> {
    if storage::available() {
        LocalStorage::raw()
            .get_item(QUEUE_KEY)
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    } else {
        MEMORY.with(|m| m.borrow().clone())
    }
}

fn write_queue(queue: &[Value]) {
    let stored = storage::available()
        && LocalStorage::raw()
            .set_item(QUEUE_KEY, &Value::Array(queue.to_vec()).to_string())
            .is_ok();
    if !stored {
        MEMORY.with(|m| *m.borrow_mut() = queue.to_vec());
    }
}

/// Queues a statement and tries to send the queue.
pub fn record(statement: Value) {
    if LRS.with(|l| l.borrow().is_none()) {
        return;
    }
    if ENDED.with(|e| *e.borrow()) {
        leptos::logging::warn!("cmi5: the session has ended; not sending {statement}");
        return;
    }
    let mut queue = read_queue();
    queue.push(statement);
    write_queue(&queue);
    leptos::task::spawn_local(flush());
}

/// The LRS's address and authorization, when connected.
fn lrs() -> Option<(String, String)> {
    LRS.with(|l| {
        l.borrow()
            .as_ref()
            .map(|l| (l.endpoint.clone(), l.authorization.clone()))
    })
}

fn session() -> Option<String> {
    LAUNCH.with(|l| {
        l.borrow()
            .as_ref()
            .and_then(|l| l.cmi5.as_ref())
            .map(|c| c.session.clone())
    })
}

fn in_flight() -> Vec<String> {
    IN_FLIGHT.with(|f| f.borrow().clone())
}

/// Ends the cmi5 session as the page goes: `terminated` joins the queue and what is left of
/// the session goes in one request that outlives the page (fetch `keepalive`), without the
/// statements of a request already under way, so that none arrives twice, or after
/// `terminated`. Those sent are out of the queue whatever becomes of them: nothing can be sent
/// in the session after `terminated`, and an LMS that never gets it records the session as
/// abandoned, which is what that is for.
pub fn leave(terminated: Value) {
    let Some((endpoint, authorization)) = lrs() else {
        return;
    };
    if ENDED.with(|e| e.replace(true)) {
        return;
    }
    let mut queue = read_queue();
    queue.push(terminated);
    let last = Sender::new(session()).leaving(&queue, &in_flight());
    write_queue(&lrs_queue::without(queue, &last));
    let Some(window) = web_sys::window() else {
        return;
    };
    let headers = js_sys::Object::new();
    for (name, value) in [
        ("Authorization", authorization.as_str()),
        ("X-Experience-API-Version", "1.0.3"),
        ("Content-Type", "application/json"),
    ] {
        let _ = js_sys::Reflect::set(&headers, &name.into(), &value.into());
    }
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    // web-sys has no setter for keepalive yet.
    let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &true.into());
    init.set_headers(&headers);
    init.set_body(&wasm_bindgen::JsValue::from_str(
        &Value::Array(last).to_string(),
    ));
    let _ = window.fetch_with_str_and_init(&format!("{endpoint}statements"), &init);
}

/// Whether the cmi5 session of this page has ended (`terminated` sent).
pub fn ended() -> bool {
    ENDED.with(|e| *e.borrow())
}

/// Sends the launch's queued statements, request by request; those the LRS did not take stay
/// queued for the next try, one it refuses is dropped (and logged).
pub async fn flush() {
    let Some((endpoint, authorization)) = lrs() else {
        return;
    };
    if SENDING.with(|s| s.replace(true)) {
        return;
    }
    let session = session();
    let mut sender = Sender::new(session.clone());
    while !ended() {
        let batch = sender.batch(&read_queue(), &in_flight());
        if batch.is_empty() {
            break;
        }
        IN_FLIGHT.with(|f| *f.borrow_mut() = lrs_queue::ids(&batch));
        let status = post(&endpoint, &authorization, &Value::Array(batch.clone())).await;
        IN_FLIGHT.with(|f| f.borrow_mut().clear());
        let verdict = lrs_queue::verdict(status, session.is_some());
        match sender.answered(batch.len(), verdict) {
            Step::Remove => write_queue(&lrs_queue::without(read_queue(), &batch)),
            Step::Drop => {
                leptos::logging::error!(
                    "the LRS refused a statement (HTTP {}); dropped: {}",
                    status.unwrap_or_default(),
                    batch[0]
                );
                write_queue(&lrs_queue::without(read_queue(), &batch));
            }
            Step::Split => {}
            Step::Stop => {
                leptos::logging::warn!(
                    "the LRS did not take {} statement(s); they stay queued",
                    batch.len()
                );
                break;
            }
        }
    }
    SENDING.with(|s| *s.borrow_mut() = false);
}

/// The HTTP status of the LRS's answer; `None` when none came.
async fn post(endpoint: &str, authorization: &str, body: &Value) -> Option<u16> {
    let request = Request::post(&format!("{endpoint}statements"))
        .header("Authorization", authorization)
        .header("X-Experience-API-Version", "1.0.3")
        .header("Content-Type", "application/json")
        .body(body.to_string())
        .ok()?;
    request.send().await.ok().map(|r| r.status())
}

/// The LRS token of a cmi5 launch, from the LMS's `fetch` URL (POST, once).
pub async fn cmi5_token(fetch_url: &str) -> Option<String> {
    let response = Request::post(fetch_url).send().await.ok()?;
    let body: Value = response.json().await.ok()?;
    body.get("auth-token")
        .and_then(|t| t.as_str())
        .map(|t| format!("Basic {t}"))
}

/// The LMS.LaunchData state document of a cmi5 launch (its text), which the LMS writes before
/// launching: the context template, launch mode, mastery score and return address.
pub async fn cmi5_launch_data(
    endpoint: &str,
    authorization: &str,
    launch: &Launch,
) -> Result<String, String> {
    let cmi5 = launch.cmi5.as_ref().ok_or("not a cmi5 launch")?;
    let actor = launch.actor.to_string();
    let query = [
        ("stateId", crate::core::xapi::LAUNCH_DATA),
        ("activityId", cmi5.activity_id.as_str()),
        ("agent", actor.as_str()),
        ("registration", cmi5.registration.as_str()),
    ];
    let url = format!("{endpoint}activities/state");
    get_document(&url, &query, authorization, "LMS.LaunchData")
        .await?
        .ok_or_else(|| "LMS.LaunchData could not be read: the LRS has none".to_string())
}

/// The learner's cmi5LearnerPreferences agent profile (its text); a learner with no
/// preferences has no document, which is not a problem: `Ok("")`.
pub async fn cmi5_learner_preferences(
    endpoint: &str,
    authorization: &str,
    launch: &Launch,
) -> Result<String, String> {
    let actor = launch.actor.to_string();
    let query = [
        ("agent", actor.as_str()),
        ("profileId", crate::core::xapi::LEARNER_PREFERENCES),
    ];
    let url = format!("{endpoint}agents/profile");
    let document = get_document(&url, &query, authorization, "the learner's preferences").await?;
    Ok(document.unwrap_or_default())
}

/// GETs a document of the LRS's document APIs: its text, `None` when there is none (404), or
/// why it could not be read.
async fn get_document(
    url: &str,
    query: &[(&str, &str)],
    authorization: &str,
    what: &str,
) -> Result<Option<String>, String> {
    let failed = |why: String| format!("{what} could not be read: {why}");
    let response = Request::get(url)
        .query(query.iter().copied())
        .header("Authorization", authorization)
        .header("X-Experience-API-Version", "1.0.3")
        .send()
        .await
        .map_err(|e| failed(e.to_string()))?;
    match response.status() {
        404 => Ok(None),
        _ if response.ok() => response
            .text()
            .await
            .map(Some)
            .map_err(|e| failed(e.to_string())),
        status => Err(failed(format!("the LRS answered {status}"))),
    }
}

fn state_query(launch: &Launch) -> Option<[(&'static str, String); 4]> {
    let cmi5 = launch.cmi5.as_ref()?;
    Some([
        ("stateId", crate::core::xapi::AU_RECORD.to_string()),
        ("activityId", cmi5.activity_id.clone()),
        ("agent", launch.actor.to_string()),
        ("registration", cmi5.registration.clone()),
    ])
}

/// The device's copy of an AU record, kept only when the LMS's State API fails.
fn au_record_key(launch: &Launch) -> String {
    let (registration, activity) = launch
        .cmi5
        .as_ref()
        .map(|c| (c.registration.as_str(), c.activity_id.as_str()))
        .unwrap_or_default();
    format!("vigil.cmi5.au.{registration}.{activity}")
}

/// Reads what was reported for the launch's assignable unit, from the AU's state document in
/// the LMS's LRS (where every device of the learner sees it); from this device's copy when the
/// State API cannot be read.
pub async fn read_au_record(endpoint: &str, authorization: &str, launch: &Launch) {
    let Some(query) = state_query(launch) else {
        return;
    };
    let query = query.each_ref().map(|(k, v)| (*k, v.as_str()));
    let url = format!("{endpoint}activities/state");
    let text = match get_document(&url, &query, authorization, "The AU record").await {
        Ok(text) => text.unwrap_or_default(),
        Err(problem) => {
            leptos::logging::warn!("cmi5 launch: {problem}; using this device's copy");
            storage::available()
                .then(|| LocalStorage::raw().get_item(&au_record_key(launch)).ok())
                .flatten()
                .flatten()
                .unwrap_or_default()
        }
    };
    match AuRecord::parse(&text) {
        Ok(record) => AU.with(|a| *a.borrow_mut() = record),
        Err(problem) => leptos::logging::warn!("cmi5 launch: {problem}"),
    }
}

/// Lets `decide` read and update the AU record; a changed record is written back to the LMS's
/// State API (to this device when that fails).
pub fn with_au_record<T>(decide: impl FnOnce(&mut AuRecord) -> T) -> T {
    let (result, before, after) = AU.with(|a| {
        let mut record = a.borrow_mut();
        let before = record.clone();
        let result = decide(&mut record);
        (result, before, record.clone())
    });
    if before != after {
        leptos::task::spawn_local(save_au_record(after));
    }
    result
}

async fn save_au_record(record: AuRecord) {
    let (Some((endpoint, authorization)), Some(launch)) = (lrs(), launch()) else {
        return;
    };
    let Some(query) = state_query(&launch) else {
        return;
    };
    let sent = Request::put(&format!("{endpoint}activities/state"))
        .query(query.each_ref().map(|(k, v)| (*k, v.as_str())))
        .header("Authorization", &authorization)
        .header("X-Experience-API-Version", "1.0.3")
        .header("Content-Type", "application/json")
        .body(record.to_json());
    let status = match sent {
        Ok(request) => request.send().await.ok().map(|r| r.status()),
        Err(_) => None,
    };
    if !status.is_some_and(|s| (200..300).contains(&s)) {
        leptos::logging::warn!(
            "cmi5: the AU record could not be written to the LMS (HTTP {}); kept on this device",
            status.unwrap_or_default()
        );
        if storage::available() {
            let _ = LocalStorage::raw().set_item(&au_record_key(&launch), &record.to_json());
        }
    }
}

/// The tab's session storage, unless the browser refuses it.
fn tab_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Keeps the tab's cmi5 launch for after a reload (see core::xapi::TabLaunch).
pub fn keep_tab_launch(launch: &TabLaunch) {
    if let Some(tab) = tab_storage() {
        let _ = tab.set_item(TAB_LAUNCH_KEY, &launch.to_json());
    }
}

/// The tab's cmi5 launch, if this tab had one.
pub fn tab_launch() -> Option<TabLaunch> {
    let text = tab_storage()?.get_item(TAB_LAUNCH_KEY).ok().flatten()?;
    TabLaunch::parse(&text)
}
