//! The course content the app has: the index of the current language (every module's card and
//! the name of its content file), and each module's steps, fetched when the module opens.
//!
//! The index is small and is what the home page, the certificate and the LMS's score need, so
//! it is the only lesson download before the first screen. A module's steps come when it opens,
//! or earlier when the browser is idle, for the modules of the learner's own track; once
//! fetched they stay for the page's life, so going back and forth costs nothing.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::browser;
use crate::core::config::Config;
use crate::core::course::{CourseIndex, Module};

/// A module's content: on its way, there, or not to be had.
#[derive(Clone, Debug)]
pub enum Loaded {
    Loading,
    Ready(Arc<Module>),
    Failed(String),
}

/// Content is fetched once and never changes, so two `Ready` are the same when they share
/// their `Arc`: comparing pointers spares the wasm a deep comparison of the whole course model.
impl PartialEq for Loaded {
    fn eq(&self, other: &Loaded) -> bool {
        match (self, other) {
            (Loaded::Loading, Loaded::Loading) => true,
            (Loaded::Ready(a), Loaded::Ready(b)) => Arc::ptr_eq(a, b),
            (Loaded::Failed(a), Loaded::Failed(b)) => a == b,
            _ => false,
        }
    }
}

/// Why a module cannot be shown, to a learner or on the lead page.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// No module of this id is offered (an old link or bookmark, or one the organisation
    /// removed).
    Unknown,
    /// Its index or content could not be fetched or read.
    Failed(String),
}

/// The index of the current language, and the module files fetched so far (by file name, which
/// names the language too).
#[derive(Clone, Copy)]
pub struct Content {
    pub index: LocalResource<Result<CourseIndex, String>>,
    files: RwSignal<BTreeMap<String, Loaded>>,
}

impl Content {
    pub fn new(index: LocalResource<Result<CourseIndex, String>>) -> Content {
        Content {
            index,
            files: RwSignal::new(BTreeMap::new()),
        }
    }

    /// The modules the organisation offers (`modules` in vigil.config.json; all when it names
    /// none), once the index is loaded: what the home page lists and what a track, its
    /// certificate and its LMS score are made of. `None` while it loads or when it failed (the
    /// failure is shown by the page that needs it).
    pub fn offered(self, config: Signal<Config>) -> Option<CourseIndex> {
        let mut index = self.index.get().and_then(Result::ok)?;
        config.with(|c| index.keep_offered(c.modules.as_deref()));
        Some(index)
    }

    /// The content of `file`, fetching it if nobody has yet. Reactive: a reader re-runs when it
    /// arrives.
    pub fn module(self, file: &str) -> Loaded {
        if let Some(loaded) = self.files.with(|f| f.get(file).cloned()) {
            return loaded;
        }
        self.fetch(file);
        Loaded::Loading
    }

    /// Starts fetching `file` unless it is fetched or on its way.
    pub fn fetch(self, file: &str) {
        let new = self.files.try_update_untracked(|files| {
            if files.contains_key(file) {
                false
            } else {
                files.insert(file.to_string(), Loaded::Loading);
                true
            }
        });
        if new != Some(true) {
            return;
        }
        let file = file.to_string();
        leptos::task::spawn_local(async move {
            let loaded = match browser::content::fetch_module(&file).await {
                Ok(module) => Loaded::Ready(Arc::new(module)),
                Err(error) => {
                    leptos::logging::error!("{error}");
                    Loaded::Failed(error)
                }
            };
            self.files.update(|files| {
                files.insert(file, loaded);
            });
        });
    }

    /// Fetches `files` when the browser has nothing better to do, one after another, so that a
    /// learner's next module opens at once without slowing the screen they are on.
    pub fn prefetch_when_idle(self, files: Vec<String>) {
        let missing: Vec<String> = files
            .into_iter()
            .filter(|f| self.files.with_untracked(|all| !all.contains_key(f)))
            .collect();
        if missing.is_empty() {
            return;
        }
        browser::when_idle(move || {
            for file in &missing {
                self.fetch(file);
            }
        });
    }

    /// Every module of `files` that is ready, or `None` while any is still missing (fetching
    /// those). For the LMS, whose saved progress is written against every module's shape.
    pub fn all(self, files: &[String]) -> Option<Vec<Arc<Module>>> {
        let mut ready = Vec::new();
        for file in files {
            match self.module(file) {
                Loaded::Ready(module) => ready.push(module),
                Loaded::Loading => return None,
                // A module that cannot be had is left out rather than holding up the rest;
                // the compact code keeps its progress by id.
                Loaded::Failed(_) => {}
            }
        }
        Some(ready)
    }
}
