//! "Your progress": export to a file, and import from one (merge or replace, asked first).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::{self, files};
use crate::core::progress;
use crate::core::transfer::{self, ImportError, Imported};
use crate::i18n::*;
use crate::state::{Learner, LearnerProfiles};

/// Downloads the active learner's progress as `vigil-progress-<name>.json`.
pub fn export_progress(learner: Learner, profiles: LearnerProfiles) {
    let name = profiles.0.with_untracked(|p| p.active().name.clone());
    let text = learner
        .0
        .with_untracked(|p| transfer::export(&name, p, browser::now()));
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if let Err(error) = files::download(&format!("vigil-progress-{slug}.json"), &text) {
        leptos::logging::error!("export failed: {error}");
    }
}

#[component]
pub fn YourProgress() -> impl IntoView {
    let i18n = use_i18n();
    let learner = expect_context::<Learner>();
    let profiles = expect_context::<LearnerProfiles>();
    let pending = RwSignal::new(None::<Imported>);
    // The outcome of the last import: (is an error, text).
    let outcome = RwSignal::new(None::<(bool, String)>);

    let on_file = read_file(pending, outcome);
    let apply = move |replace: bool| {
        if let Some(imported) = pending.get_untracked() {
            learner.0.update(|mine| {
                if replace {
                    *mine = imported.progress;
                } else {
                    progress::merge(mine, imported.progress);
                }
            });
            pending.set(None);
            outcome.set(Some((false, t_string!(i18n, import_done).to_string())));
        }
    };
    let question = move || {
        pending.with(|p| {
            p.as_ref().map(|imported| {
                let current = profiles.0.with(|p| p.active().name.clone());
                t_string!(
                    i18n,
                    import_question,
                    name = imported.learner.clone(),
                    current = current
                )
                .to_string()
            })
        })
    };

    view! {
        <section class="your-progress" aria-labelledby="your-progress">
            <h2 id="your-progress">{t!(i18n, your_progress)}</h2>
            <p class="privacy">{t!(i18n, saved_locally)}</p>
            <div class="actions">
                <button type="button" class="secondary" on:click=move |_| export_progress(learner, profiles)>
                    {t!(i18n, export)}
                </button>
                <label class="button secondary file-button">
                    {t!(i18n, import_label)}
                    <input type="file" accept=".json,application/json" on:change=on_file />
                </label>
            </div>
            {move || question().map(|text| view! {
                <div class="confirm" role="alertdialog" aria-label=move || t_string!(i18n, import_label).to_string()>
                    <p>{text}</p>
                    <button type="button" class="small" on:click=move |_| apply(false)>{t!(i18n, merge)}</button>
                    " "
                    <button type="button" class="danger small" on:click=move |_| apply(true)>{t!(i18n, replace)}</button>
                    " "
                    <button type="button" class="secondary small" on:click=move |_| pending.set(None)>{t!(i18n, cancel)}</button>
                </div>
            })}
            {move || outcome.get().map(|(is_error, text)| {
                if is_error {
                    view! { <p class="error" role="alert">{text}</p> }.into_any()
                } else {
                    view! { <p class="success" role="status">{text}</p> }.into_any()
                }
            })}
        </section>
    }
}

/// Reads the file the learner chose: a complete export waits in `pending` for the learner to
/// say how to take it; anything else is refused, in `outcome`, with why.
fn read_file(
    pending: RwSignal<Option<Imported>>,
    outcome: RwSignal<Option<(bool, String)>>,
) -> impl Fn(leptos::ev::Event) + 'static {
    let i18n = use_i18n();
    let refuse = move |text: String| {
        pending.set(None);
        outcome.set(Some((true, text)));
    };
    move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|list| list.get(0)) else {
            return;
        };
        // Let the same file be chosen again after a refusal.
        input.set_value("");
        spawn_local(async move {
            match files::read(file, transfer::MAX_BYTES).await {
                Err(Some(_)) => refuse(t_string!(i18n, import_too_large).to_string()),
                Err(None) => refuse(t_string!(i18n, import_unreadable).to_string()),
                Ok(bytes) => match transfer::import(&bytes) {
                    Ok(imported) => {
                        outcome.set(None);
                        pending.set(Some(imported));
                    }
                    Err(error) => {
                        leptos::logging::warn!("import refused: {error}");
                        refuse(match error {
                            ImportError::TooLarge(_) => {
                                t_string!(i18n, import_too_large).to_string()
                            }
                            ImportError::NotAnExport => {
                                t_string!(i18n, import_not_export).to_string()
                            }
                            ImportError::UnsupportedVersion(_) | ImportError::BadProgress(_) => {
                                t_string!(i18n, import_version).to_string()
                            }
                            ImportError::Suspicious(_) => {
                                t_string!(i18n, import_suspicious).to_string()
                            }
                        })
                    }
                },
            }
        });
    }
}
