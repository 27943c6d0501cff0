//! Learners on a shared device: who is learning now, and a panel to switch (one click), add,
//! rename and delete (after confirming) learners. No password, and the panel says plainly that
//! profiles on a shared device are not private.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::browser::{self, storage};
use crate::components::links::home_href;
use crate::core::profiles::{Profile, ProfileError};
use crate::i18n::*;
use crate::state::{switch_learner, LaunchedByLms, Learner, LearnerProfiles};

/// The learner's name in the header, and the button that opens the panel.
#[component]
pub fn LearnerMenu() -> impl IntoView {
    let i18n = use_i18n();
    let profiles = expect_context::<LearnerProfiles>();
    // Launched by an LMS, the LMS says who is learning: switching here would report someone
    // else's progress to it.
    let by_lms = expect_context::<LaunchedByLms>().0;
    let open = RwSignal::new(false);
    let name = move || profiles.0.with(|p| p.active().name.clone());
    // When the panel closes (Close, or a learner chosen or added), focus goes back to the button
    // that opened it, unless the page has already put it somewhere (the main content, on the
    // way home), so that a keyboard user carries on from where they were.
    let button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        if was_open == Some(true) && !is_open {
            request_animation_frame(move || {
                let lost = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element())
                    .is_none_or(|e| e.tag_name() == "BODY");
                if let (true, Some(button)) = (lost, button.get_untracked()) {
                    let _ = button.focus();
                }
            });
        }
        is_open
    });
    view! {
        <div class="learner">
            <span class="learner-name">{move || t_string!(i18n, learner_is, name = name()).to_string()}</span>
            {(!by_lms).then(|| view! {
                <button
                    node_ref=button
                    type="button"
                    class="secondary small"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="learners"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {t!(i18n, change_learner)}
                </button>
            })}
        </div>
        <Show when=move || open.get()>
            <LearnerPanel open=open />
        </Show>
    }
}

fn error_text(i18n: I18n, error: &ProfileError) -> String {
    match error {
        ProfileError::EmptyName => t_string!(i18n, name_empty).to_string(),
        ProfileError::DuplicateName => t_string!(i18n, name_taken).to_string(),
        ProfileError::NameTooLong => t_string!(i18n, name_too_long).to_string(),
        other => other.to_string(),
    }
}

/// What the panel is doing: which learner is being renamed or deleted, and the last refusal.
#[derive(Clone, Copy)]
struct Editing {
    profiles: LearnerProfiles,
    learner: Learner,
    error: RwSignal<Option<String>>,
    renaming: RwSignal<Option<String>>,
    deleting: RwSignal<Option<String>>,
}

#[component]
fn LearnerPanel(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let profiles = expect_context::<LearnerProfiles>();
    let navigate = use_navigate();
    let new_name = RwSignal::new(String::new());
    let editing = Editing {
        profiles,
        // Taken here, not in the click handler: handlers run outside the component's context.
        learner: expect_context::<Learner>(),
        error: RwSignal::new(None),
        renaming: RwSignal::new(None),
        deleting: RwSignal::new(None),
    };
    let error = editing.error;

    let go_home = move || navigate(&home_href(), Default::default());
    let choose = {
        let go_home = go_home.clone();
        move |id: String| {
            switch_learner(&id);
            open.set(false);
            go_home();
        }
    };

    let add = {
        let choose = choose.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let id = profiles.0.with_untracked(|p| p.new_id(browser::now()));
            let mut list = profiles.0.get_untracked();
            match list.add(id.clone(), &new_name.get_untracked()) {
                Ok(()) => {
                    // Add the profile, then switch to it (its record starts empty).
                    list.active = profiles.0.with_untracked(|p| p.active.clone());
                    profiles.0.set(list);
                    new_name.set(String::new());
                    error.set(None);
                    choose(id);
                }
                Err(e) => error.set(Some(error_text(i18n, &e))),
            }
        }
    };

    let row = move |profile: Profile| learner_row(profile, editing, choose.clone());

    view! {
        <section id="learners" class="learners-panel" aria-labelledby="learners-heading">
            <h2 id="learners-heading">{t!(i18n, learners_heading)}</h2>
            <p class="not-private">{t!(i18n, not_private)}</p>
            <ul class="learner-list">
                <For each=move || profiles.0.get().list key=|p| (p.id.clone(), p.name.clone()) children=row />
            </ul>
            <form class="inline-form" on:submit=add>
                <label>
                    <span>{t!(i18n, name_label)}</span>
                    <input type="text" maxlength="60" prop:value=move || new_name.get()
                        on:input=move |ev| new_name.set(event_target_value(&ev)) />
                </label>
                <button type="submit">{t!(i18n, add_learner)}</button>
            </form>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <button type="button" class="secondary" on:click=move |_| open.set(false)>{t!(i18n, close)}</button>
        </section>
    }
}

/// One learner: their name (a click makes them the learner), rename, and delete.
fn learner_row(
    profile: Profile,
    editing: Editing,
    choose: impl Fn(String) + Clone + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let Editing {
        profiles,
        renaming,
        deleting,
        ..
    } = editing;
    let id = profile.id.clone();
    let name = profile.name.clone();
    let is_active = {
        let id = id.clone();
        move || profiles.0.with(|p| p.active == id)
    };
    let only_one = move || profiles.0.with(|p| p.list.len() == 1);
    let id_c = id.clone();
    let name_for_delete = name.clone();
    view! {
        <li class="learner-row">
            <button
                type="button"
                class="learner-choice"
                aria-pressed={
                    let is_active = is_active.clone();
                    move || is_active().to_string()
                }
                on:click=move |_| choose(id_c.clone())
            >
                {name.clone()}
            </button>
            <Show when=is_active>
                <span class="current">"("{t!(i18n, current_learner)}")"</span>
            </Show>
            <button type="button" class="secondary small" on:click={
                let id = id.clone();
                move |_| { deleting.set(None); renaming.set(Some(id.clone())); }
            }>
                {t!(i18n, rename)}
            </button>
            <Show when=move || !only_one()>
                <button type="button" class="secondary small" on:click={
                    let id = id.clone();
                    move |_| { renaming.set(None); deleting.set(Some(id.clone())); }
                }>
                    {
                        let name = name_for_delete.clone();
                        move || t_string!(i18n, delete, name = name.clone()).to_string()
                    }
                </button>
            </Show>
            {rename_form(&profile, editing)}
            {confirm_delete(&profile, editing)}
        </li>
    }
}

/// The learner's new name, while they are being renamed.
fn rename_form(profile: &Profile, editing: Editing) -> impl IntoView {
    let i18n = use_i18n();
    let Editing {
        profiles,
        error,
        renaming,
        ..
    } = editing;
    let (id_r, id_s) = (profile.id.clone(), profile.id.clone());
    let name_for_rename = profile.name.clone();
    let rename_value = RwSignal::new(profile.name.clone());
    let is_renaming = move || renaming.get().as_deref() == Some(id_r.as_str());
    let save_rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut result = Ok(());
        profiles
            .0
            .update(|p| result = p.rename(&id_s, &rename_value.get_untracked()));
        match result {
            Ok(()) => {
                renaming.set(None);
                error.set(None);
            }
            Err(e) => error.set(Some(error_text(i18n, &e))),
        }
    };
    view! {
        <Show when=is_renaming.clone()>
            <form class="inline-form" on:submit=save_rename.clone()>
                <label>
                    <span class="visually-hidden">
                        {
                            let name = name_for_rename.clone();
                            move || t_string!(i18n, new_name, name = name.clone()).to_string()
                        }
                    </span>
                    <input type="text" maxlength="60" prop:value=move || rename_value.get()
                        on:input=move |ev| rename_value.set(event_target_value(&ev)) />
                </label>
                <button type="submit" class="small">{t!(i18n, save_name)}</button>
                <button type="button" class="secondary small" on:click=move |_| renaming.set(None)>{t!(i18n, cancel)}</button>
            </form>
        </Show>
    }
}

/// Deleting the learner, once confirmed: their record goes, and if they were learning, the
/// first remaining learner takes over.
fn confirm_delete(profile: &Profile, editing: Editing) -> impl IntoView {
    let i18n = use_i18n();
    let Editing {
        profiles,
        learner,
        deleting,
        ..
    } = editing;
    let (id_d, id_x) = (profile.id.clone(), profile.id.clone());
    let (name_for_confirm, name_for_dialog) = (profile.name.clone(), profile.name.clone());
    let is_deleting = move || deleting.get().as_deref() == Some(id_d.as_str());
    let confirm_delete = move |_| {
        let was_active = profiles.0.with_untracked(|p| p.active == id_x);
        let mut removed = Ok(());
        profiles.0.update(|p| removed = p.remove(&id_x));
        if removed.is_ok() {
            storage::forget(&id_x);
            deleting.set(None);
            if was_active {
                // The first remaining learner becomes active: load their progress.
                let next = profiles.0.with_untracked(|p| p.active.clone());
                learner.0.set(storage::load(&next, browser::now()).0);
            }
        }
    };
    view! {
        <Show when=is_deleting.clone()>
            <div class="confirm" role="alertdialog" aria-live="assertive" aria-label={
                let name = name_for_dialog.clone();
                move || t_string!(i18n, delete, name = name.clone()).to_string()
            }>
                <p>{
                    let name = name_for_confirm.clone();
                    move || t_string!(i18n, confirm_delete, name = name.clone()).to_string()
                }</p>
                <button type="button" class="danger small" on:click=confirm_delete.clone()>{t!(i18n, confirm_delete_button)}</button>
                <button type="button" class="secondary small" on:click=move |_| deleting.set(None)>{t!(i18n, cancel)}</button>
            </div>
        </Show>
    }
}
