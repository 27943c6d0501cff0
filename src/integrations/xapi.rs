//! xAPI and cmi5: a cmi5 launch (its parameters in the URL) sends to the LMS's LRS with the
//! token from its fetch URL; otherwise an LRS in vigil.config.json receives the statements. The
//! learner's events become statements (core::xapi); browser::xapi queues and sends them, retried
//! every 15 seconds and whenever the browser comes back online.

use leptos::prelude::*;

use super::ReadOnly;

use crate::browser;
use crate::core::config::Config;
use crate::core::events::{Event, Integration};
use crate::core::profiles::{LmsLearner, Profiles};
use crate::core::scoring::Score;
use crate::core::xapi::{self, Cmi5, Cmi5Event, Launch, TabLaunch};

/// A cmi5 launch, as its URL describes it. Read once, for the learner and for xAPI.
pub struct Cmi5Params {
    endpoint: String,
    fetch: String,
    /// `None` when the actor parameter is not JSON (the launch then sends nothing).
    actor: Option<serde_json::Value>,
    registration: String,
    activity_id: String,
}

/// How a page of a cmi5 launch starts: launched now, or its tab's launch reloaded, whose
/// session has ended.
pub enum Cmi5Start {
    Launch(Cmi5Params),
    Ended(TabLaunch),
}

/// The cmi5 launch of this page: its parameters (`endpoint`, `fetch`, `actor`, `registration`,
/// `activityId`) when the URL has them all, unless the tab already used that launch; or the
/// tab's ended launch, after a reload.
pub fn cmi5_start() -> Option<Cmi5Start> {
    let query = leptos_router::hooks::use_query_map();
    let params = query.with_untracked(|q| {
        Some(Cmi5Params {
            endpoint: q.get("endpoint")?,
            fetch: q.get("fetch")?,
            actor: serde_json::from_str(&q.get("actor")?).ok(),
            registration: q.get("registration")?,
            activity_id: q.get("activityId")?,
        })
    });
    match (browser::xapi::tab_launch(), params) {
        (Some(kept), params) if kept.ended_for(params.as_ref().map(|p| p.fetch.as_str())) => {
            Some(Cmi5Start::Ended(kept))
        }
        (_, params) => params.map(Cmi5Start::Launch),
    }
}

/// The learner a cmi5 launch names (its actor).
pub fn learner(cmi5: &Cmi5Start) -> Option<LmsLearner> {
    match cmi5 {
        Cmi5Start::Launch(params) => xapi::lms_learner(params.actor.as_ref()?),
        Cmi5Start::Ended(kept) => xapi::lms_learner(&kept.actor),
    }
}

/// Connects to the LRS: the cmi5 launch's, whose return address goes to `return_to` and whose
/// learner's language preference goes to `language`; or, without one, the configuration's
/// (for the active learner of `profiles`), once the configuration names one.
///
/// `ended` is called when the LMS's session is over while the learner is still here (the page
/// was reloaded, or the launch gave no token): nothing more reaches the LMS, and they must be
/// told so.
pub fn connect(
    cmi5: Option<Cmi5Start>,
    config: Signal<Config>,
    profiles: ReadOnly<Profiles>,
    return_to: RwSignal<Option<String>>,
    language: RwSignal<Option<String>>,
    ended: impl Fn() + Copy + 'static,
) {
    if let Some(Cmi5Start::Ended(kept)) = cmi5 {
        leptos::logging::warn!(
            "cmi5: this tab's platform session ({}) has ended; nothing more is sent",
            kept.session
        );
        return_to.set(kept.return_url);
        ended();
    } else if let Some(Cmi5Start::Launch(cmi5)) = cmi5 {
        connect_cmi5(cmi5, return_to, language, ended);
    } else {
        Effect::new(move |connected: Option<bool>| {
            if connected == Some(true) {
                return true;
            }
            let Some(lrs) = config.with(|c| c.xapi.clone()) else {
                return false;
            };
            let (name, id) =
                profiles.with_untracked(|p| (p.active().name.clone(), p.active().id.clone()));
            let (origin, path) = browser::page_address();
            let launch = Launch {
                actor: xapi::local_actor(&name, &origin, &id),
                base: format!("{origin}{path}"),
                cmi5: None,
            };
            browser::xapi::connect_with_key(&lrs.endpoint, &lrs.key, &lrs.secret, launch);
            retry_statements();
            true
        });
    }
}

fn connect_cmi5(
    Cmi5Params {
        endpoint,
        fetch,
        actor,
        registration,
        activity_id,
    }: Cmi5Params,
    return_to: RwSignal<Option<String>>,
    language: RwSignal<Option<String>>,
    ended: impl Fn() + Copy + 'static,
) {
    let Some(actor) = actor else {
        leptos::logging::warn!(
            "cmi5 launch: the actor parameter is not JSON; not sending statements"
        );
        return;
    };
    let endpoint = if endpoint.ends_with('/') {
        endpoint
    } else {
        format!("{endpoint}/")
    };
    let launch = Launch {
        actor,
        base: format!("{}/", activity_id.trim_end_matches('/')),
        cmi5: Some(Cmi5::new(registration, activity_id, browser::xapi::uuid())),
    };
    let fetch_url = fetch.clone();
    // Kept for the tab before the one-time fetch URL is used: a reload from here on is this
    // launch's, whose session the page going away ends.
    let keep = move |launch: &Launch| {
        if let Some(cmi5) = &launch.cmi5 {
            browser::xapi::keep_tab_launch(&TabLaunch {
                fetch: fetch.clone(),
                actor: launch.actor.clone(),
                registration: cmi5.registration.clone(),
                activity_id: cmi5.activity_id.clone(),
                session: cmi5.session.clone(),
                return_url: cmi5.return_url.clone(),
            });
        }
    };
    keep(&launch);
    leptos::task::spawn_local(async move {
        let Some(token) = browser::xapi::cmi5_token(&fetch_url).await else {
            leptos::logging::warn!(
                "cmi5 launch: no token from the fetch URL; not sending statements"
            );
            ended();
            return;
        };
        let mut launch = launch;
        // The LMS's launch data shapes every statement; without it Vigil still
        // reports, in normal mode and with a session id of its own.
        let read = browser::xapi::cmi5_launch_data(&endpoint, &token, &launch).await;
        let problems = match (read, launch.cmi5.as_mut()) {
            (Ok(text), Some(cmi5)) => cmi5.apply_launch_data(&text),
            (Err(problem), _) => vec![problem],
            (Ok(_), None) => Vec::new(),
        };
        for problem in problems {
            leptos::logging::warn!("cmi5 launch: {problem}");
        }
        keep(&launch);
        if let Some(url) = launch.cmi5.as_ref().and_then(|c| c.return_url.clone()) {
            return_to.set(Some(url));
        }
        browser::xapi::read_au_record(&endpoint, &token, &launch).await;
        // The learner's preferences on the LMS: the language, for a learner who
        // has not chosen one here.
        match browser::xapi::cmi5_learner_preferences(&endpoint, &token, &launch)
            .await
            .map(|text| xapi::language_preference(&text))
        {
            Ok(Some(preference)) => language.set(Some(preference)),
            Ok(None) => {}
            Err(problem) => leptos::logging::warn!("cmi5 launch: {problem}"),
        }
        browser::xapi::connect(&endpoint, token, launch.clone());
        if let Some(s) = xapi::cmi5(
            &browser::xapi::uuid(),
            &launch,
            Cmi5Event::Initialized,
            browser::now(),
        ) {
            browser::xapi::record(s);
        }
    });
    let started = browser::now();
    // The page going (closed, reloaded, or left by the link back) ends the session.
    let hide = window_event_listener(leptos::ev::pagehide, move |_| {
        if let Some(launch) = browser::xapi::launch() {
            let duration = crate::core::lms::duration_2004(browser::now().saturating_sub(started));
            if let Some(s) = xapi::cmi5(
                &browser::xapi::uuid(),
                &launch,
                Cmi5Event::Terminated { duration },
                browser::now(),
            ) {
                browser::xapi::leave(s);
            }
        }
    });
    // Back from the browser's page cache (the back button), the page's session has ended.
    let show = window_event_listener(leptos::ev::pageshow, move |event| {
        if event.persisted() && browser::xapi::ended() {
            ended();
        }
    });
    on_cleanup(move || {
        hide.remove();
        show.remove();
    });
    retry_statements();
}

/// Sends queued statements again every 15 seconds and whenever the browser comes back online;
/// set up only once there is an LRS to send to, so a learner without one pays nothing for it.
/// Both live as long as the page (this may run inside an effect, whose cleanup must not end
/// them).
fn retry_statements() {
    let _ = set_interval_with_handle(
        || leptos::task::spawn_local(browser::xapi::flush()),
        std::time::Duration::from_secs(15),
    );
    let _ = window_event_listener(leptos::ev::online, |_| {
        leptos::task::spawn_local(browser::xapi::flush())
    });
}

/// Turns the learner's events into statements, while statements are being sent.
#[derive(Clone, Copy)]
pub struct Xapi {
    profiles: ReadOnly<Profiles>,
}

impl Xapi {
    pub fn new(profiles: ReadOnly<Profiles>) -> Xapi {
        Xapi { profiles }
    }

    /// The launch a statement is made in. A cmi5 launch's actor is the LMS's learner. With
    /// the configuration's LRS it is the active learner of this device, who may have changed
    /// since the LRS was connected (a shared PC: a switch, or a deletion, here or in another
    /// tab), so it is read at each statement, never kept.
    fn launch(&self) -> Option<Launch> {
        let mut launch = browser::xapi::launch()?;
        if launch.cmi5.is_none() {
            let (origin, _) = browser::page_address();
            launch.actor = self.profiles.with_untracked(|p| {
                let active = p.active();
                xapi::local_actor(&active.name, &origin, &active.id)
            });
        }
        Some(launch)
    }
}

impl Integration for Xapi {
    fn on(&mut self, event: &Event<'_>) {
        // The launch only where there is a statement to make: it is cloned each time.
        let launch = || self.launch();
        match *event {
            Event::Answered {
                module,
                step,
                answer,
            } => {
                if let Some(launch) = launch() {
                    let id = browser::xapi::uuid();
                    browser::xapi::record(xapi::answered(&id, &launch, module, step, answer));
                }
            }
            Event::ModuleCompleted { module, score } => {
                if let Some(launch) = launch() {
                    let id = browser::xapi::uuid();
                    let now = browser::now();
                    if let Some(s) = xapi::module_completed(&id, &launch, module, score, now) {
                        browser::xapi::record(s);
                    }
                }
            }
            Event::TrackCompleted { score, .. } => {
                if let Some(launch) = launch() {
                    track_completed(&launch, score);
                }
            }
            Event::StepShown { .. } | Event::LanguageChanged(_) | Event::LearnerSwitched { .. } => {
            }
        }
    }
}

/// A cmi5 launch: the track is the assignable unit; completed once, passed once, failed until
/// passed, for this registration and AU, and only in normal mode (core::xapi::Cmi5::track_done
/// and the AU record the LMS keeps).
fn track_completed(launch: &Launch, score: Score) {
    let Some(cmi5) = &launch.cmi5 else {
        return;
    };
    let duration = browser::xapi::session_duration();
    let events = browser::xapi::with_au_record(|record| cmi5.track_done(score, &duration, record));
    for event in events {
        let id = browser::xapi::uuid();
        if let Some(statement) = xapi::cmi5(&id, launch, event, browser::now()) {
            browser::xapi::record(statement);
        }
    }
}
