//! SCORM 1.2 and 2004: when an LMS launched Vigil with a SCORM API (in a parent window or the
//! opener), it is told the learner's standing after every change, with a commit; a failed
//! commit is retried (the progress stays in local storage meanwhile), and the session ends when
//! the page goes. What to report is core::lms's business; browser::lms calls the API.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;

use super::ReadOnly;

use crate::browser::{self, lms::Lms};
use crate::content::Content;
use crate::core::compact::ModuleShape;
use crate::core::config::{Config, LmsMode};
use crate::core::lms;
use crate::core::profiles::LmsLearner;
use crate::core::progress::Progress;

/// The learner the LMS launched Vigil for: its learner id and name.
pub fn learner(api: &Lms) -> Option<LmsLearner> {
    let (id, name) = lms::learner_elements(api.standard);
    LmsLearner::scorm(&api.get(id), &api.get(name))
}

/// Reports `progress` to the LMS of `api`. A resumed attempt's suspend_data goes to `resume`
/// first, once, and the LMS's language preference to `language`.
pub fn connect(
    api: Option<Lms>,
    progress: ReadOnly<Progress>,
    resume: impl Fn(Progress) + 'static,
    content: Content,
    config: Signal<Config>,
    language: RwSignal<Option<String>>,
) {
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
            progress.track();
            if config.with(|c| c.lms) == LmsMode::Off {
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
                if let Some(saved) = lms::resume(&shapes, &api.get("cmi.suspend_data")) {
                    resume(saved);
                    return;
                }
            }
            let values = progress.with_untracked(|p| {
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
