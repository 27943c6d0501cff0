//! App-wide state, provided as small contexts (as in Leptos's counters example): the learner's
//! progress, the notices shown above the page, and the course in the current language.

use leptos::prelude::*;

use crate::browser::{self, storage};
use crate::core::course::{Course, Lang};
use crate::core::progress::Progress;
use leptos_i18n::Locale as _;

use crate::i18n::{use_i18n, Locale};

/// Something the learner must be told about their saved progress.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// The stored record was unreadable and kept under this key.
    Recovered(String),
    /// Storage cannot be used: progress lives only as long as the page.
    InMemory,
    /// A save failed for lack of space.
    StorageFull,
    /// A module's content changed under saved progress; it starts again.
    ContentChanged,
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

/// The learner's progress. Every change goes through `update`, and an effect saves it.
#[derive(Clone, Copy)]
pub struct Learner(pub RwSignal<Progress>);

/// The course in the current language, loaded on demand.
#[derive(Clone, Copy)]
pub struct CourseData(pub LocalResource<Result<Course, String>>);

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

/// Loads saved progress, restores the learner's language, and keeps storage in step.
pub fn provide_app_state() {
    let notices = Notices(RwSignal::new(Vec::new()));
    let (progress, loaded) = storage::load(browser::now());
    match &loaded {
        storage::Loaded::Recovered { backup_key, reason } => {
            leptos::logging::warn!("saved progress unreadable ({reason}); kept under {backup_key}");
            notices.push(Notice::Recovered(backup_key.clone()));
        }
        storage::Loaded::Unavailable => notices.push(Notice::InMemory),
        storage::Loaded::Fresh | storage::Loaded::Restored => {}
    }
    let i18n = use_i18n();
    if let Some(lang) = progress.lang {
        // leptos_i18n sets its locale from the browser's languages in an effect of its own, after
        // mount; this effect is created later, so it runs after that one and has the last word.
        Effect::new(move |_| i18n.set_locale(locale_of(lang)));
    }
    let learner = Learner(RwSignal::new(progress));

    // Effects only synchronise with the outside world: here, localStorage.
    let in_memory = loaded == storage::Loaded::Unavailable;
    Effect::new(move |_| {
        let result = learner.0.with(storage::save);
        match result {
            Ok(()) => notices
                .0
                .update(|all| all.retain(|n| *n != Notice::StorageFull)),
            Err(storage::SaveError::Full) => notices.push(Notice::StorageFull),
            Err(storage::SaveError::Unavailable) if !in_memory => notices.push(Notice::InMemory),
            Err(storage::SaveError::Unavailable) => {}
        }
    });

    let course = LocalResource::new(move || {
        let lang = lang_of(i18n.get_locale());
        browser::content::fetch_course(lang)
    });

    provide_context(notices);
    provide_context(learner);
    provide_context(CourseData(course));
}
