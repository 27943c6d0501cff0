//! App-wide state, provided as small contexts (as in Leptos's counters example): the learner
//! profiles, the active learner's progress, the notices shown above the page, the configuration,
//! the course content of the current language (`content::Content`) and the integrations that
//! hear of the learner's events (`integrations::Integrations`).

use leptos::prelude::*;

use crate::browser::{self, storage};
use crate::content::Content;
use crate::core::config::Config;
use crate::core::config_file::Reading;
use crate::core::course::Lang;
use crate::core::events::Event;
use crate::core::profiles::Profiles;
use crate::core::progress::{self, Progress};
use crate::i18n::*;
use crate::integrations::storage::OtherTab;
use crate::integrations::{self, scorm, xapi, Integrations, ReadOnly};

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
    /// vigil.config.json has problems (the console lists them); defaults apply to them. The
    /// learner is told only that much: the details are the administrator's (`?check`).
    Config,
    /// The cmi5 LMS's session of this page has ended (a reload): nothing more reaches it.
    LmsSessionEnded,
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

/// The configuration as read: `None` while it loads; then the configuration, its problems and
/// why there was no file when there was none (`core::config_file`).
pub type ConfigFile = LocalResource<Reading>;

impl AppConfig {
    /// Reads the organisation's configuration at `url` (the learners' page's own, or the one
    /// the lead page finds a folder up): the file as read, and the configuration as a signal.
    pub fn read(url: &'static str) -> (ConfigFile, AppConfig) {
        let file = LocalResource::new(move || browser::config::read_config(url));
        let config = AppConfig(Signal::derive(move || {
            file.get().map(|reading| reading.config).unwrap_or_default()
        }));
        (file, config)
    }
}

/// Whether the configuration has been read (or found absent): until then `AppConfig` holds the
/// defaults, which must not be acted on where the organisation may say otherwise.
#[derive(Clone, Copy)]
pub struct ConfigRead(pub Signal<bool>);

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

/// The configuration's details go to the console, all in one warning (one place to read them,
/// or `?check`); a learner hears of it in one calm line, and only when a file was read with
/// problems. No file (a 404, a host's fallback page) is a normal deployment, noted for
/// whoever looks.
fn tell_config(notices: Notices, reading: &Reading) {
    let report = reading
        .report(&browser::config::absolute(CONFIG_FILE))
        .join("\n");
    match &reading.absent {
        None if reading.problems.is_empty() => {}
        Some(absent) if !absent.is_fault() => leptos::logging::log!("{report}"),
        _ => leptos::logging::warn!("{report}"),
    }
    if !reading.problems.is_empty() {
        notices.push(Notice::Config);
    }
}

/// Where the learners' page finds the organisation's configuration.
pub const CONFIG_FILE: &str = "vigil.config.json";

/// Loads the profiles and the active learner's progress, restores their language, and connects
/// the integrations (src/integrations/), which report what the learner does and hand back what
/// the outside world brings in: it is applied here.
pub fn provide_app_state() {
    let i18n = use_i18n();
    let notices = Notices(RwSignal::new(Vec::new()));
    let now = browser::now();
    // The interface's words may not have arrived yet: a first learner is then named once they
    // have (see `rename_default_learners`).
    let first_name = t_string!(i18n, default_learner);
    let mut list = storage::load_profiles(&first_name, now);
    // The names Vigil gives a first learner, in every language this page has shown.
    let defaults = move || {
        let mut all = i18n.every_loaded(crate::i18n::keys::default_learner);
        all.push(String::new());
        all
    };
    // Launched by an LMS, the LMS says who is learning: their own profile on this device
    // becomes active before any progress is loaded, so that on a shared device nobody's
    // progress is reported to the LMS as someone else's.
    let scorm = browser::lms::connect();
    let cmi5 = xapi::cmi5_start();
    let who = match (&scorm, &cmi5) {
        (Some(api), _) => scorm::learner(api),
        (None, Some(cmi5)) => xapi::learner(cmi5),
        (None, None) => None,
    };
    let in_lms = scorm.is_some() || cmi5.is_some();
    provide_context(LaunchedByLms(who.is_some()));
    provide_context(InLms(in_lms));
    if let Some(who) = who {
        list.for_lms_learner(&who, now, &first_name, |p| {
            defaults().contains(&p.name) && !storage::has_record(&p.id)
        });
    }
    let (progress, loaded) = storage::load(&list.active, now);
    tell(notices, &loaded);
    if let Some(lang) = progress.lang {
        // leptos_i18n sets its locale from the browser's languages in an effect of its own, after
        // mount; this effect is created later, so it runs after that one and has the last word.
        // It applies the learner's language at once; the full choice (with the configuration
        // and the LMS) follows once the configuration is read, and agrees with it.
        Effect::new(move |_| i18n.set_locale(lang));
    }
    let learner = Learner(RwSignal::new(progress));
    let profiles = LearnerProfiles(RwSignal::new(list));

    let in_memory = loaded == storage::Loaded::Unavailable;
    integrations::storage::connect(
        ReadOnly::of(learner.0),
        ReadOnly::of(profiles.0),
        move |saved| match saved {
            Ok(()) => notices
                .0
                .update(|all| all.retain(|n| *n != Notice::StorageFull)),
            Err(storage::SaveError::Full) => notices.push(Notice::StorageFull),
            Err(storage::SaveError::Unavailable) if !in_memory => notices.push(Notice::InMemory),
            Err(storage::SaveError::Unavailable) => {}
        },
    );
    integrations::storage::follow_other_tabs(ReadOnly::of(profiles.0), move |theirs| {
        take_other_tab(learner, profiles, theirs)
    });
    rename_default_learners(profiles, defaults);

    // The index of the learner's language and the configuration are fetched side by side:
    // neither waits for the other, and the first screen waits for neither.
    let content = Content::new(LocalResource::new(move || {
        let lang = i18n.get_locale();
        browser::content::fetch_index(lang)
    }));

    let (loaded_config, app_config) = AppConfig::read(CONFIG_FILE);
    Effect::new(move |_| {
        let Some(reading) = loaded_config.get() else {
            return;
        };
        tell_config(notices, &reading);
        if let Some(colour) = &reading.config.accent_colour {
            browser::set_accent(colour);
        }
    });
    let config_read = ConfigRead(Signal::derive(move || loaded_config.get().is_some()));
    provide_context(app_config);
    provide_context(config_read);

    let lms_language = RwSignal::new(None::<String>);
    choose_language(learner, app_config, config_read, lms_language);

    let embed = integrations::embed::connect(app_config.0, config_read.0, move |lang| {
        i18n.set_locale(lang);
        learner.0.update(|p| p.lang = Some(lang));
    });
    scorm::connect(
        scorm,
        ReadOnly::of(learner.0),
        move |saved| learner.0.set(saved),
        content,
        app_config.0,
        lms_language,
    );
    let return_to = ReturnToLms(RwSignal::new(None));
    xapi::connect(
        cmi5,
        app_config.0,
        ReadOnly::of(profiles.0),
        return_to.0,
        lms_language,
        move || notices.push(Notice::LmsSessionEnded),
    );
    provide_context(return_to);
    let integrations = Integrations {
        embed,
        xapi: xapi::Xapi::new(ReadOnly::of(profiles.0)),
        offline: (!in_lms).then(|| integrations::offline::connect(app_config.0)),
    };
    publish_language(integrations, config_read);
    provide_context(integrations);

    provide_context(notices);
    provide_context(learner);
    provide_context(profiles);
    provide_context(content);
}

/// The first learner is named before the language is settled (the configuration and the LMS
/// come later): a name Vigil gave follows the language; a name someone chose stays.
fn rename_default_learners(
    profiles: LearnerProfiles,
    defaults: impl Fn() -> Vec<String> + 'static,
) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let wanted = t_string!(i18n, default_learner);
        if wanted.is_empty() {
            return;
        }
        let defaults = defaults();
        let stale: Vec<String> = profiles.0.with_untracked(|p| {
            p.list
                .iter()
                .filter(|x| x.name != wanted && defaults.contains(&x.name))
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
}

/// The language, once the configuration is known (or known to be absent): the one the learner
/// chose here; else the one their LMS says they prefer (`lms_language`, once an integration
/// knows it); else the organisation's default; else the browser's. Never a language the
/// organisation does not offer.
fn choose_language(
    learner: Learner,
    app_config: AppConfig,
    read: ConfigRead,
    lms_language: RwSignal<Option<String>>,
) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        if !read.0.get() {
            return;
        }
        let offered = app_config.0.with(|c| c.offered(crate::i18n::present()));
        let from_lms = lms_language.with(|p| {
            p.as_deref()
                .and_then(|p| Lang::first_preferred(p, &offered))
        });
        let current = i18n.get_locale_untracked();
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
            i18n.set_locale(wanted);
        }
    });
}

/// The interface language, as an event: once the configuration is known (the language is then
/// settled, see `choose_language`), and on every change after.
fn publish_language(integrations: Integrations, read: ConfigRead) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        if read.0.get() {
            integrations.publish(&Event::LanguageChanged(i18n.get_locale()));
        }
    });
}

/// Another tab of this browser saved: merge its record module by module (the newer wins), and
/// take its profile list while keeping this tab's learner.
fn take_other_tab(learner: Learner, profiles: LearnerProfiles, theirs: OtherTab) {
    match theirs {
        OtherTab::Record(theirs) => learner.0.update(|mine| progress::merge(mine, theirs)),
        OtherTab::Profiles(mut theirs) => {
            let active = profiles.0.with_untracked(|p| p.active.clone());
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
        i18n.set_locale(lang);
    }
    learner.0.set(progress);
    expect_context::<Integrations>().publish(&Event::LearnerSwitched { id });
}
