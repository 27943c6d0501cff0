//! The service worker: kept with the lessons of the learner's language, or forgotten when the
//! organisation turns offline use off, once the configuration is known. Never in an LMS launch:
//! the LMS serves the course, and a worker would outlive the launch on its site.

use leptos::prelude::*;

use crate::browser;
use crate::core::config::Config;
use crate::core::events::{Event, Integration};

/// Keeps the worker with the lessons of each language the events say (once the configuration
/// is known: `state` publishes the language from then on), or forgets it.
#[derive(Clone, Copy)]
pub struct Offline {
    config: Signal<Config>,
}

pub fn connect(config: Signal<Config>) -> Offline {
    Offline { config }
}

impl Integration for Offline {
    fn on(&mut self, event: &Event<'_>) {
        if let Event::LanguageChanged(lang) = *event {
            if self.config.with_untracked(|c| c.offline) {
                browser::offline::keep(lang);
            } else {
                browser::offline::forget();
            }
        }
    }
}
