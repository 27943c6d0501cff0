//! The service worker: kept with the lessons of the learner's language, or forgotten when the
//! organisation turns offline use off, once the configuration is known. Never in an LMS launch:
//! the LMS serves the course, and a worker would outlive the launch on its site.

use leptos::prelude::*;

use crate::browser;
use crate::core::config::Config;
use crate::core::course::Lang;
use crate::core::events::{Event, Integration};

/// Follows the learner's language for the service worker.
#[derive(Clone, Copy)]
pub struct Offline {
    lang: RwSignal<Option<Lang>>,
}

/// Keeps the worker in step with the configuration (`read`: whether it is known) and the
/// language the events say.
pub fn connect(config: Signal<Config>, read: Signal<bool>) -> Offline {
    let lang = RwSignal::new(None);
    Effect::new(move |_| {
        if !read.get() {
            return;
        }
        if config.with(|c| c.offline) {
            if let Some(lang) = lang.get() {
                browser::offline::keep(lang);
            }
        } else {
            browser::offline::forget();
        }
    });
    Offline { lang }
}

impl Integration for Offline {
    fn on(&mut self, event: &Event<'_>) {
        if let Event::LanguageChanged(lang) = *event {
            self.lang.set(Some(lang));
        }
    }
}
