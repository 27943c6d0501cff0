//! The embedding host (an intranet, an LMS page with Vigil in an iframe): told that Vigil is
//! ready, its height, each step shown, each module and track completed; it may ask for a
//! language. Only configured origins are written to or listened to (see browser::embed).

use leptos::prelude::*;

use crate::browser;
use crate::core::config::Config;
use crate::core::course::Lang;
use crate::core::events::{Event, Integration};

/// Tells the host page of the learner's events.
#[derive(Clone, Copy)]
pub struct Embed {
    config: Signal<Config>,
}

/// Tells the host page we are ready once the configuration (and so the allowed origins) is
/// known, reports the page's height, and accepts messages from allowed origins: a language the
/// host asks for, when the organisation offers it, goes to `choose_language`.
pub fn connect(
    config: Signal<Config>,
    read: Signal<bool>,
    choose_language: impl Fn(Lang) + 'static,
) -> Embed {
    let embed = Embed { config };
    let origins = move || config.with_untracked(|c| c.embed_origins.clone());
    Effect::new(move |_| {
        if read.get() {
            embed.post(serde_json::json!({ "type": "vigil:ready" }));
        }
    });
    browser::embed::report_height(origins);
    browser::embed::listen(origins, move |message| {
        if message.get("type").and_then(|t| t.as_str()) == Some("vigil:set-language") {
            let offered = config.with_untracked(|c| c.offered(crate::i18n::present()));
            let lang = message
                .get("language")
                .and_then(|l| l.as_str())
                .and_then(|code| Lang::find(code, &offered));
            if let Some(lang) = lang {
                choose_language(lang);
            }
        }
    });
    embed
}

impl Embed {
    /// Sends an event to the host page when Vigil is embedded (see browser::embed).
    fn post(self, event: serde_json::Value) {
        let origins = self.config.with_untracked(|c| c.embed_origins.clone());
        browser::embed::post(&origins, &event);
    }
}

impl Integration for Embed {
    fn on(&mut self, event: &Event<'_>) {
        let embed = *self;
        match *event {
            Event::StepShown {
                module,
                step,
                number,
                total,
            } => {
                // Once the allowed origins are known (the configuration may still be loading
                // when the first step appears), and only while the step is on the page: the
                // effect belongs to the step's view.
                let (module, step) = (module.id.clone(), step.id.clone());
                let config = self.config;
                Effect::new(move |sent: Option<bool>| {
                    if sent == Some(true) {
                        return true;
                    }
                    if config.with(|c| !c.embed_origins.is_empty()) {
                        embed.post(serde_json::json!({ "type": "vigil:step", "module": module,
                            "step": step, "number": number, "total": total }));
                        return true;
                    }
                    false
                });
            }
            Event::ModuleCompleted { module, score } => embed.post(serde_json::json!({
                "type": "vigil:module-completed", "module": module.id,
                "earned": score.earned, "max": score.max, "percent": score.percent() })),
            Event::TrackCompleted { role, .. } => embed.post(serde_json::json!({
                "type": "vigil:track-completed", "role": role })),
            Event::Answered { .. } | Event::LanguageChanged(_) | Event::LearnerSwitched { .. } => {}
        }
    }
}
