//! App-wide state, provided as small contexts (as in Leptos's counters example): the learner
//! profiles, the active learner's progress, the notices shown above the page, and the course
//! content of the current language (`content::Content`).

use leptos::prelude::*;
use leptos_i18n::Locale as _;

use crate::browser::{self, storage};
use crate::content::Content;
use crate::core::config::{self, Config};
use crate::core::course::Lang;
use crate::core::profiles::Profiles;
use crate::core::progress::{self, Progress};
use crate::i18n::*;

/// Something the learner must be told about their saved progress.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Notice {
    /// The stored record was unreadable and kept under this key.
    Recovered(String),
    /// Storage cannot be used: progress lives only as long as the page.
    InMemory,
    /// A save failed for lack of space.
    StorageFull,
    /// A module's content changed under saved progress; it starts again.
    ContentChanged,
    /// vigil.config.json has these problems (each names its field); defaults apply to them.
    Config(Vec<String>),
}

#[derive(Clone, Copy)]
pub struct Notices(pub RwSignal<Vec<Notice>>);

impl Notices {
    pub fn push(self, notice: Notice) {
        self.0.update(|all| {
            if !all.contains(&notice) {
                all.push(notice);
            }
        });
    }
}

/// The active learner's progress. Every change goes through `update`, and an effect saves it
/// under the active profile.
#[derive(Clone, Copy)]
pub struct Learner(pub RwSignal<Progress>);

/// The learners of this device.
#[derive(Clone, Copy)]
pub struct LearnerProfiles(pub RwSignal<Profiles>);

/// The organisation's configuration; the defaults until vigil.config.json has loaded, and when
/// there is none.
#[derive(Clone, Copy)]
pub struct AppConfig(pub Signal<Config>);

/// The configuration as read: `None` while it loads; then the configuration and its problems,
/// or `None` inside when there is no file.
pub type ConfigFile = LocalResource<Option<(Config, Vec<String>)>>;

impl AppConfig {
    /// Reads the organisation's configuration at `url` (the learners' page's own, or the one
    /// the lead page finds a folder up): the file as read, and the configuration as a signal.
    pub fn read(url: &'static str) -> (ConfigFile, AppConfig) {
        let file = LocalResource::new(move || async move {
            browser::config::fetch_config(url)
                .await
                .map(|text| config::parse(&text))
        });
        let config = AppConfig(Signal::derive(move || {
            file.get()
                .flatten()
                .map(|(config, _)| config)
                .unwrap_or_default()
        }));
        (file, config)
    }
}

/// Whether the configuration has been read (or found absent): until then `AppConfig` holds the
/// defaults, which must not be acted on where the organisation may say otherwise.
#[derive(Clone, Copy)]
pub struct ConfigRead(pub Signal<bool>);

/// Whether an LMS launched Vigil (a SCORM API found, or cmi5 launch parameters), named learner
/// or not.
#[derive(Clone, Copy)]
pub struct LmsLaunch(pub bool);

/// Whether an LMS launched Vigil and named the learner (who then cannot be switched).
#[derive(Clone, Copy)]
pub struct LaunchedByLms(pub bool);

/// Whether Vigil runs in an LMS's session (a SCORM API was found, or a cmi5 launch), named
/// learner or not: leaving the page would end that session.
#[derive(Clone, Copy)]
pub struct InLms(pub bool);

/// Where a cmi5 LMS asked for the learner to be sent back (its `returnURL`), once known.
#[derive(Clone, Copy)]
pub struct ReturnToLms(pub RwSignal<Option<String>>);

pub fn lang_of(locale: Locale) -> Lang {
    Lang::from_code(locale.as_str()).unwrap_or(Lang::En)
}

pub fn locale_of(lang: Lang) -> Locale {
    match lang {
        Lang::En => Locale::en,
        Lang::Fr => Locale::fr,
        Lang::Nl => Locale::nl,
    }
}

fn tell(notices: Notices, loaded: &storage::Loaded) {
    match loaded {
        storage::Loaded::Recovered { backup_key, reason } => {
            leptos::logging::warn!("saved progress unreadable ({reason}); kept under {backup_key}");
            notices.push(Notice::Recovered(backup_key.clone()));
        }
        storage::Loaded::Unavailable => notices.push(Notice::InMemory),
        storage::Loaded::Fresh | storage::Loaded::Restored => {}
    }
}

/// Loads the profiles and the active learner's progress, restores their language, and keeps
/// storage and other tabs in step.
pub fn provide_app_state() {
    let i18n = use_i18n();
    let notices = Notices(RwSignal::new(Vec::new()));
    let now = browser::now();
    let first_name = t_string!(i18n, default_learner).to_string();
    let mut list = storage::load_profiles(&first_name, now);
    // The names Vigil gives a first learner, in every language.
    let defaults = [
        td_string!(Locale::en, default_learner),
        td_string!(Locale::fr, default_learner),
        td_string!(Locale::nl, default_learner),
    ];
    // Launched by an LMS, the LMS says who is learning: their own profile on this device
    // becomes active before any progress is loaded, so that on a shared device nobody's
    // progress is reported to the LMS as someone else's.
    let scorm = browser::lms::connect();
    let cmi5 = cmi5_params();
    let who = lms_learner(scorm.as_ref(), cmi5.as_ref());
    provide_context(LmsLaunch(scorm.is_some() || cmi5.is_some()));
    provide_context(LaunchedByLms(who.is_some()));
    provide_context(InLms(scorm.is_some() || cmi5.is_some()));
    if let Some(who) = who {
        list.for_lms_learner(&who, now, &first_name, |p| {
            defaults.contains(&p.name.as_str()) && !storage::has_record(&p.id)
        });
    }
    let (progress, loaded) = storage::load(&list.active, now);
    tell(notices, &loaded);
    if let Some(lang) = progress.lang {
        // leptos_i18n sets its locale from the browser's languages in an effect of its own, after
        // mount; this effect is created later, so it runs after that one and has the last word.
        // It applies the learner's language at once; the full choice (with the configuration
        // and the LMS) follows once the configuration is read, and agrees with it.
        Effect::new(move |_| i18n.set_locale(locale_of(lang)));
    }
    let learner = Learner(RwSignal::new(progress));
    let profiles = LearnerProfiles(RwSignal::new(list));

    // Effects only synchronise with the outside world: here, localStorage. The profile id is
    // read untracked: switching sets the id first and the record second, and the save runs
    // once both are in place.
    let in_memory = loaded == storage::Loaded::Unavailable;
    Effect::new(move |_| {
        let id = profiles.0.with_untracked(|p| p.active.clone());
        let result = learner.0.with(|p| storage::save(&id, p));
        match result {
            Ok(()) => notices
                .0
                .update(|all| all.retain(|n| *n != Notice::StorageFull)),
            Err(storage::SaveError::Full) => notices.push(Notice::StorageFull),
            Err(storage::SaveError::Unavailable) if !in_memory => notices.push(Notice::InMemory),
            Err(storage::SaveError::Unavailable) => {}
        }
    });
    Effect::new(move |_| {
        let _ = profiles.0.with(storage::save_profiles);
    });
    follow_other_tabs(learner, profiles);
    // The first learner is named before the language is settled (the configuration and the
    // LMS come later): a name Vigil gave follows the language; a name someone chose stays.
    Effect::new(move |_| {
        let wanted = t_string!(i18n, default_learner).to_string();
        let stale: Vec<String> = profiles.0.with_untracked(|p| {
            p.list
                .iter()
                .filter(|x| x.name != wanted && defaults.contains(&x.name.as_str()))
                .map(|x| x.id.clone())
                .collect()
        });
        if !stale.is_empty() {
            profiles.0.update(|p| {
                for id in &stale {
                    let _ = p.rename(id, &wanted);
                }
            });
        }
    });

    // The index of the learner's language and the configuration are fetched side by side:
    // neither waits for the other, and the first screen waits for neither.
    let content = Content::new(LocalResource::new(move || {
        let lang = lang_of(i18n.get_locale());
        browser::content::fetch_index(lang)
    }));

    let (loaded_config, app_config) = AppConfig::read("vigil.config.json");
    Effect::new(move |_| {
        let Some(Some((config, problems))) = loaded_config.get() else {
            return;
        };
        if !problems.is_empty() {
            for problem in &problems {
                leptos::logging::warn!("vigil.config.json: {problem}");
            }
            notices.push(Notice::Config(problems));
        }
        if let Some(colour) = &config.accent_colour {
            browser::set_accent(colour);
        }
    });
    provide_context(app_config);
    provide_context(ConfigRead(Signal::derive(move || {
        loaded_config.get().is_some()
    })));

    // The language, once the configuration is known (or known to be absent): the one the
    // learner chose here; else the one their LMS says they prefer; else the organisation's
    // default; else the browser's. Never a language the organisation does not offer.
    let lms_language = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if loaded_config.get().is_none() {
            return;
        }
        let offered = app_config.0.with(|c| c.languages.clone());
        let from_lms = lms_language.with(|p| {
            p.as_deref()
                .and_then(|p| Lang::first_preferred(p, &offered))
        });
        let current = lang_of(i18n.get_locale_untracked());
        let chosen = learner.0.with_untracked(|p| p.lang);
        let wanted = chosen
            .filter(|lang| offered.contains(lang))
            .or(from_lms)
            .or(app_config.0.with(|c| c.default_language))
            .unwrap_or(current);
        let wanted = if offered.contains(&wanted) {
            wanted
        } else {
            offered[0]
        };
        if wanted != current {
            i18n.set_locale(locale_of(wanted));
        }
    });

    // Embedding: tell the host page we are ready once the configuration (and so the allowed
    // origins) is known, report the page's height, and accept messages from allowed origins.
    let origins = move || app_config.0.with_untracked(|c| c.embed_origins.clone());
    Effect::new(move |_| {
        if loaded_config.get().is_some() {
            announce(app_config, serde_json::json!({ "type": "vigil:ready" }));
        }
    });
    browser::embed::report_height(origins);
    browser::embed::listen(origins, move |message| {
        if message.get("type").and_then(|t| t.as_str()) == Some("vigil:set-language") {
            let offered = app_config.0.with_untracked(|c| c.languages.clone());
            let lang = message
                .get("language")
                .and_then(|l| l.as_str())
                .and_then(Lang::from_code);
            if let Some(lang) = lang.filter(|l| offered.contains(l)) {
                i18n.set_locale(locale_of(lang));
                learner.0.update(|p| p.lang = Some(lang));
            }
        }
    });

    connect_lms(scorm, learner, content, app_config, lms_language);
    let return_to = ReturnToLms(RwSignal::new(None));
    connect_xapi(cmi5, app_config, profiles, return_to, lms_language);
    provide_context(return_to);

    provide_context(notices);
    provide_context(learner);
    provide_context(profiles);
    provide_context(content);
}

/// Another tab of this browser saved: merge its record module by module (the newer wins), and
/// take its profile list while keeping this tab's learner.
fn follow_other_tabs(learner: Learner, profiles: LearnerProfiles) {
    let handle = window_event_listener(leptos::ev::storage, move |event| {
        let (Some(key), Some(value)) = (event.key(), event.new_value()) else {
            return;
        };
        let active = profiles.0.with_untracked(|p| p.active.clone());
        if key == storage::progress_key(&active) {
            if let Ok(theirs) = progress::decode(&value) {
                learner.0.update(|mine| progress::merge(mine, theirs));
            }
        } else if key == storage::PROFILES_KEY {
            if let Some(mut theirs) = crate::core::profiles::decode(&value) {
                if theirs.list.iter().any(|p| p.id == active) {
                    theirs.active = active;
                    profiles.0.set(theirs);
                } else {
                    // This tab's learner was deleted in another tab.
                    let id = theirs.active.clone();
                    profiles.0.set(theirs);
                    learner.0.set(storage::load(&id, browser::now()).0);
                }
            }
        }
    });
    on_cleanup(move || handle.remove());
}

/// A cmi5 launch, as its URL describes it. Read once, for the learner and for xAPI.
struct Cmi5Params {
    endpoint: String,
    fetch: String,
    /// `None` when the actor parameter is not JSON (the launch then sends nothing).
    actor: Option<serde_json::Value>,
    registration: String,
    activity_id: String,
}

/// The cmi5 launch parameters (`endpoint`, `fetch`, `actor`, `registration`, `activityId`), when
/// the URL has them all.
fn cmi5_params() -> Option<Cmi5Params> {
    let query = leptos_router::hooks::use_query_map();
    query.with_untracked(|q| {
        Some(Cmi5Params {
            endpoint: q.get("endpoint")?,
            fetch: q.get("fetch")?,
            actor: serde_json::from_str(&q.get("actor")?).ok(),
            registration: q.get("registration")?,
            activity_id: q.get("activityId")?,
        })
    })
}

/// The learner an LMS launched Vigil for: SCORM's learner id and name, or a cmi5 launch's actor.
fn lms_learner(
    scorm: Option<&browser::lms::Lms>,
    cmi5: Option<&Cmi5Params>,
) -> Option<crate::core::profiles::LmsLearner> {
    if let Some(api) = scorm {
        let (id, name) = crate::core::lms::learner_elements(api.standard);
        return crate::core::profiles::LmsLearner::scorm(&api.get(id), &api.get(name));
    }
    crate::core::xapi::lms_learner(cmi5?.actor.as_ref()?)
}

/// When launched by an LMS (a SCORM API in a parent window or the opener): resume from its
/// suspend_data on a resumed attempt, report after every change with a commit, retry a failed
/// commit (the progress stays in local storage meanwhile), and terminate when the page goes.
fn connect_lms(
    api: Option<browser::lms::Lms>,
    learner: Learner,
    content: Content,
    config: AppConfig,
    language: RwSignal<Option<String>>,
) {
    use std::cell::Cell;
    use std::rc::Rc;

    use crate::core::compact::ModuleShape;
    use crate::core::config::LmsMode;
    use crate::core::lms;

    let Some(api) = api else {
        return;
    };
    // The LMS may set its own pass mark, which can differ from the package's; it decides.
    let pass_mark =
        lms::PassMark::from_lms(api.standard, &api.get(lms::PassMark::element(api.standard)))
            .unwrap_or_default();
    // The learner's language preference on the LMS, for a learner who has not chosen one here.
    let preference = api.get(lms::language_element(api.standard));
    if !preference.is_empty() {
        language.set(Some(preference));
    }
    let api = Rc::new(api);
    let started = browser::now();
    let resumed = Rc::new(Cell::new(false));
    let pending = Rc::new(Cell::new(false));
    {
        let (api, resumed, pending) = (api.clone(), resumed.clone(), pending.clone());
        Effect::new(move |_| {
            learner.0.track();
            if config.0.with(|c| c.lms) == LmsMode::Off {
                return;
            }
            // suspend_data is written against every module's shape, so an LMS launch loads
            // every module of the course before it reports (they come from the package).
            let Some(index) = content.offered(config) else {
                return;
            };
            let files: Vec<String> = index.modules.iter().map(|m| m.file.clone()).collect();
            let Some(modules) = content.all(&files) else {
                return;
            };
            let shapes: Vec<ModuleShape> = modules.iter().map(|m| ModuleShape::of(m)).collect();
            if !resumed.replace(true) && api.resuming() {
                if let Some(progress) = lms::resume(&shapes, &api.get("cmi.suspend_data")) {
                    learner.0.set(progress);
                    return;
                }
            }
            let values = learner.0.with_untracked(|p| {
                lms::values(
                    api.standard,
                    &index,
                    &shapes,
                    p,
                    p.role.as_deref(),
                    pass_mark,
                    browser::now().saturating_sub(started),
                )
            });
            for (element, value) in &values {
                if !api.set(element, value) {
                    leptos::logging::warn!("the LMS refused {element}");
                }
            }
            let committed = api.commit();
            if !committed {
                leptos::logging::warn!(
                    "the LMS commit failed; progress is kept on this device and sent again"
                );
            }
            pending.set(!committed);
        });
    }
    {
        let (api, pending) = (api.clone(), pending.clone());
        let _ = set_interval_with_handle(
            move || {
                if pending.get() {
                    pending.set(!api.commit());
                }
            },
            std::time::Duration::from_secs(10),
        );
    }
    let handle = window_event_listener(leptos::ev::pagehide, move |_| {
        let _ = api.commit();
        api.terminate();
    });
    on_cleanup(move || handle.remove());
}

/// xAPI: a cmi5 launch (its parameters in the URL) sends to the LMS's LRS with the token from
/// its fetch URL; otherwise an LRS in vigil.config.json receives the statements. Queued
/// statements are retried every 15 seconds and whenever the browser comes back online.
fn connect_xapi(
    cmi5: Option<Cmi5Params>,
    config: AppConfig,
    profiles: LearnerProfiles,
    return_to: ReturnToLms,
    language: RwSignal<Option<String>>,
) {
    use crate::core::xapi::{self, Cmi5, Cmi5Event, Launch};

    if let Some(Cmi5Params {
        endpoint,
        fetch,
        actor,
        registration,
        activity_id,
    }) = cmi5
    {
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
        leptos::task::spawn_local(async move {
            match browser::xapi::cmi5_token(&fetch).await {
                Some(token) => {
                    // The LMS's launch data shapes every statement; without it Vigil still
                    // reports, in normal mode and with a session id of its own.
                    let mut launch = launch;
                    let read = browser::xapi::cmi5_launch_data(&endpoint, &token, &launch).await;
                    let problems = match (read, launch.cmi5.as_mut()) {
                        (Ok(text), Some(cmi5)) => cmi5.apply_launch_data(&text),
                        (Err(problem), _) => vec![problem],
                        (Ok(_), None) => Vec::new(),
                    };
                    for problem in problems {
                        leptos::logging::warn!("cmi5 launch: {problem}");
                    }
                    if let Some(url) = launch.cmi5.as_ref().and_then(|c| c.return_url.clone()) {
                        return_to.0.set(Some(url));
                    }
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
                }
                None => leptos::logging::warn!(
                    "cmi5 launch: no token from the fetch URL; not sending statements"
                ),
            }
        });
        let started = browser::now();
        let handle = window_event_listener(leptos::ev::pagehide, move |_| {
            if let Some(launch) = browser::xapi::launch() {
                let duration =
                    crate::core::lms::duration_2004(browser::now().saturating_sub(started));
                if let Some(s) = xapi::cmi5(
                    &browser::xapi::uuid(),
                    &launch,
                    Cmi5Event::Terminated { duration },
                    browser::now(),
                ) {
                    browser::xapi::record(s);
                    browser::xapi::send_before_leaving();
                }
            }
        });
        on_cleanup(move || handle.remove());
        retry_statements();
    } else {
        Effect::new(move |connected: Option<bool>| {
            if connected == Some(true) {
                return true;
            }
            let Some(lrs) = config.0.with(|c| c.xapi.clone()) else {
                return false;
            };
            let (name, id) = profiles
                .0
                .with_untracked(|p| (p.active().name.clone(), p.active().id.clone()));
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

/// Sends an event to the host page when Vigil is embedded (see browser::embed).
pub fn announce(config: AppConfig, event: serde_json::Value) {
    let origins = config.0.with_untracked(|c| c.embed_origins.clone());
    browser::embed::post(&origins, &event);
}

/// Makes another learner active and loads their progress.
pub fn switch_learner(id: &str) {
    let i18n = use_i18n();
    let learner = expect_context::<Learner>();
    let profiles = expect_context::<LearnerProfiles>();
    let notices = expect_context::<Notices>();
    if profiles.0.with_untracked(|p| p.active == id) {
        return;
    }
    profiles.0.update(|p| {
        let _ = p.switch(id);
    });
    let (progress, loaded) = storage::load(id, browser::now());
    tell(notices, &loaded);
    if let Some(lang) = progress.lang {
        i18n.set_locale(locale_of(lang));
    }
    learner.0.set(progress);
}
