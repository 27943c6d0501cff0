//! Storage: the active learner's record and the profiles saved in localStorage after every change
//! (browser::storage), and what another tab of this browser saved, handed to `state` to merge.

use leptos::prelude::*;

use super::ReadOnly;

use crate::browser::storage;
use crate::core::profiles::{self, Profiles};
use crate::core::progress::{self, Progress};

/// Saves the record under the active profile whenever it changes, and the profiles, telling
/// `saved` how each save of the record went.
pub fn connect(
    progress: ReadOnly<Progress>,
    profiles: ReadOnly<Profiles>,
    saved: impl Fn(Result<(), storage::SaveError>) + 'static,
) {
    // Effects only synchronise with the outside world: here, localStorage. The profile id is
    // read untracked: switching sets the id first and the record second, and the save runs
    // once both are in place.
    Effect::new(move |_| {
        let id = profiles.with_untracked(|p| p.active.clone());
        saved(progress.with(|p| storage::save(&id, p)));
    });
    Effect::new(move |_| {
        let _ = profiles.with(storage::save_profiles);
    });
}

/// What another tab saved: the active learner's record, or the profile list.
pub enum OtherTab {
    Record(Progress),
    Profiles(Profiles),
}

/// Another tab of this browser saved: its record of the active learner, or its profile list,
/// goes to `apply` once read.
pub fn follow_other_tabs(profiles: ReadOnly<Profiles>, apply: impl Fn(OtherTab) + 'static) {
    let handle = window_event_listener(leptos::ev::storage, move |event| {
        let (Some(key), Some(value)) = (event.key(), event.new_value()) else {
            return;
        };
        let active = profiles.with_untracked(|p| p.active.clone());
        if key == storage::progress_key(&active) {
            if let Ok(theirs) = progress::decode(&value) {
                apply(OtherTab::Record(theirs));
            }
        } else if key == storage::PROFILES_KEY {
            if let Some(theirs) = profiles::decode(&value) {
                apply(OtherTab::Profiles(theirs));
            }
        }
    });
    on_cleanup(move || handle.remove());
}
