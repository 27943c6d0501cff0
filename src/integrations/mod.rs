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

use crate::core::events::{Event, Integration};

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
