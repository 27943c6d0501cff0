//! The integrations: what the world outside the page hears of the learner. Each is a module of
//! its own that knows nothing of the others and nothing of the components, and none writes the
//! learner's progress: what one brings in (an LMS's saved attempt, a host page's language, another
//! tab's record) it hands back to `state`, through the function `state` gave it when connecting.
//!
//! Two kinds of input reach them, one way. The learner's events (`core::events::Event`, made
//! from the engine's decisions) go to each integration in turn through `Integrations::publish`:
//! the embedding host, the LRS (xAPI, cmi5), the service worker. Storage and SCORM keep a copy of
//! the progress itself, so they follow the progress (read-only) instead: every change reaches
//! them, whatever made it (an answer, an import, another tab).

pub mod embed;
pub mod offline;
pub mod scorm;
pub mod storage;
pub mod xapi;

use leptos::prelude::*;

use crate::core::events::{Event, Integration};

/// The app's signal as an integration gets it: read, never written (no `set`, no `update`).
pub struct ReadOnly<T: 'static>(RwSignal<T>);

impl<T: 'static> Clone for ReadOnly<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for ReadOnly<T> {}

impl<T: Send + Sync + 'static> ReadOnly<T> {
    pub fn of(signal: RwSignal<T>) -> Self {
        ReadOnly(signal)
    }

    /// Reads the value, tracked (an effect reading it runs again when it changes).
    pub fn with<U>(self, f: impl FnOnce(&T) -> U) -> U {
        self.0.with(f)
    }

    pub fn with_untracked<U>(self, f: impl FnOnce(&T) -> U) -> U {
        self.0.with_untracked(f)
    }

    pub fn track(self) {
        self.0.track();
    }
}

/// The integrations told of the learner's events, in the order they are told. A context: the
/// components publish what the learner does, and `state` what the app changes.
#[derive(Clone, Copy)]
pub struct Integrations {
    pub embed: embed::Embed,
    pub xapi: xapi::Xapi,
    /// `None` in an LMS launch, where the LMS serves the course (see `offline`).
    pub offline: Option<offline::Offline>,
}

impl Integrations {
    /// Tells every integration of `event`, one after another.
    pub fn publish(self, event: &Event<'_>) {
        let Integrations {
            mut embed,
            mut xapi,
            offline,
        } = self;
        embed.on(event);
        xapi.on(event);
        if let Some(mut offline) = offline {
            offline.on(event);
        }
    }
}
