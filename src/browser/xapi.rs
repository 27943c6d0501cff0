//! Sends xAPI statements to a learning record store: queued in local storage (so that nothing
//! is lost offline or when the page closes), sent in order, and retried until the LRS accepts
//! them. The statements themselves come from core::xapi.

use std::cell::RefCell;

use gloo_net::http::Request;
use gloo_storage::{LocalStorage, Storage};
use serde_json::Value;

use crate::browser::storage;
use crate::core::xapi::Launch;

const QUEUE_KEY: &str = "vigil.xapi.queue";

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

/// Sends the queue with a request that outlives the page (fetch `keepalive`), for the last
/// statements of a session, sent as the page goes. The queue is kept: if this request does not
/// arrive, the next launch sends it again (the LRS ignores ids it already has).
pub fn send_before_leaving() {
    let Some((endpoint, authorization)) = lrs() else {
        return;
    };
    let queue = read_queue();
    if queue.is_empty() {
        return;
    }
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
        &Value::Array(queue).to_string(),
    ));
    let _ = window.fetch_with_str_and_init(&format!("{endpoint}statements"), &init);
}

/// Sends every queued statement; those the LRS did not take stay queued for the next try.
pub async fn flush() {
    let Some((endpoint, authorization)) = lrs() else {
        return;
    };
    if SENDING.with(|s| s.replace(true)) {
        return;
    }
    let batch = read_queue();
    if !batch.is_empty() {
        let mut done: Vec<Value> = Vec::new();
        match post(&endpoint, &authorization, &Value::Array(batch.clone())).await {
            Sent::Taken => done = batch.clone(),
            // One invalid statement makes an LRS refuse the whole batch: send them one by one,
            // so that the valid ones go and only the invalid ones are dropped (and logged).
            Sent::Invalid => {
                for statement in &batch {
                    match post(&endpoint, &authorization, statement).await {
                        Sent::Taken => done.push(statement.clone()),
                        Sent::Invalid => {
                            leptos::logging::error!(
                                "the LRS refused a statement as invalid: {statement}"
                            );
                            done.push(statement.clone());
                        }
                        Sent::Later => break,
                    }
                }
            }
            Sent::Later => leptos::logging::warn!(
                "the LRS did not take {} statement(s); they stay queued",
                batch.len()
            ),
        }
        if !done.is_empty() {
            let ids: Vec<&Value> = done.iter().filter_map(|s| s.get("id")).collect();
            let rest: Vec<Value> = read_queue()
                .into_iter()
                .filter(|s| !s.get("id").is_some_and(|id| ids.contains(&id)))
                .collect();
            write_queue(&rest);
        }
    }
    SENDING.with(|s| *s.borrow_mut() = false);
}

enum Sent {
    /// Stored (or already there: 409).
    Taken,
    /// Refused as invalid (400): sending it again would not help.
    Invalid,
    /// Not reached, or refused for now: keep it queued.
    Later,
}

async fn post(endpoint: &str, authorization: &str, body: &Value) -> Sent {
    let request = Request::post(&format!("{endpoint}statements"))
        .header("Authorization", authorization)
        .header("X-Experience-API-Version", "1.0.3")
        .header("Content-Type", "application/json")
        .body(body.to_string());
    let Ok(request) = request else {
        return Sent::Later;
    };
    match request.send().await {
        Ok(response) if response.ok() || response.status() == 409 => Sent::Taken,
        Ok(response) if response.status() == 400 => Sent::Invalid,
        _ => Sent::Later,
    }
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

/// Whether the cmi5 completion of this registration was already sent (cmi5 allows it once),
/// and marks it sent. Remembered on the device, so a re-completed module does not repeat it.
pub fn first_completion(registration: &str) -> bool {
    let key = format!("vigil.cmi5.completed.{registration}");
    if storage::available() {
        let raw = LocalStorage::raw();
        if raw.get_item(&key).ok().flatten().is_some() {
            return false;
        }
        let _ = raw.set_item(&key, "1");
        true
    } else {
        thread_local! { static DONE: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) }; }
        DONE.with(|d| {
            let mut done = d.borrow_mut();
            if done.contains(&key) {
                false
            } else {
                done.push(key);
                true
            }
        })
    }
}
