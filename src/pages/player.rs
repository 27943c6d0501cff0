//! The module player: one step at a time, at the URL's step.
//!
//! The URL names the step (`?module=m&step=s`) and the learner's progress decides what may be
//! shown there: the current step is interactive, a step visited earlier is shown read-only with
//! the answer given, and any other step redirects to the current one.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::browser;
use crate::components::links::{home_href, step_href};
use crate::components::step_view::{Mode, StepView};
use crate::content::{Content, Loaded, Problem};
use crate::core::course::Module;
use crate::core::engine::{self, Visit};
use crate::core::reporting;
use crate::i18n::*;
use crate::state::{AppConfig, Learner, Notice, Notices};

#[component]
pub fn Player(module_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let content = expect_context::<Content>();
    let config = expect_context::<AppConfig>().0;
    // The module's content file, from the index of the current language.
    let file = {
        let module_id = module_id.clone();
        Memo::new(move |_| {
            content.index.get().map(|index| {
                index.map_err(Problem::Failed).and_then(|index| {
                    index
                        .module(&module_id)
                        .map(|entry| entry.file.clone())
                        .ok_or(Problem::Unknown)
                })
            })
        })
    };
    // The module as shown: the last one that loaded, so that the step stays on screen while
    // another language's content arrives.
    let shown = Memo::new(move |previous: Option<&Option<Result<Loaded, Problem>>>| {
        let kept = previous.cloned().flatten();
        match file.get() {
            None => kept,
            Some(Err(missing)) => Some(Err(missing)),
            Some(Ok(file)) => match content.module(&file) {
                Loaded::Loading => kept,
                loaded => Some(Ok(loaded)),
            },
        }
    });
    move || match shown.get() {
        None | Some(Ok(Loaded::Loading)) => view! { <p>{t!(i18n, loading)}</p> }.into_any(),
        Some(Ok(Loaded::Ready(module))) => {
            // The numbers and sites a lesson names by placeholder, for the configured
            // country.
            let mut module = (*module).clone();
            let lang = i18n.get_locale_untracked();
            reporting::fill_module(
                &mut module,
                config.with(|c| c.country),
                lang,
                &*i18n.words_untracked(),
            );
            view! { <ModulePlayer module=Arc::new(module) /> }.into_any()
        }
        Some(Err(Problem::Unknown)) => view! {
            <section class="player">
                <p class="error" role="alert">{t!(i18n, unknown_module)}</p>
                <a href=home_href>{t!(i18n, back_home)}</a>
            </section>
        }
        .into_any(),
        Some(Err(Problem::Failed(error)) | Ok(Loaded::Failed(error))) => {
            leptos::logging::error!("{error}");
            view! { <p class="error" role="alert">{t!(i18n, load_error)}</p> }.into_any()
        }
    }
}

/// Which step to show, resolved from the URL and the progress.
#[derive(Clone, Debug, PartialEq)]
enum Target {
    Show(String, Mode),
    /// The URL names no step, or one not reached yet: go to the current step.
    Redirect(String),
}

#[component]
fn ModulePlayer(module: Arc<Module>) -> impl IntoView {
    let learner = expect_context::<Learner>();
    let notices = expect_context::<Notices>();
    let query = use_query_map();
    let id = module.id.clone();

    // Start the module on first visit, and check saved progress against the content as it is
    // now. Done once, when the player opens, not on every change.
    // engine::reconcile alone decides whether saved progress still fits; it runs on a copy so
    // that the signal (and storage) changes only when something does.
    let now = browser::now();
    let setup = learner.0.with_untracked(|p| match p.modules.get(&id) {
        None => Some((engine::start(&module, now, browser::random_seed()), false)),
        Some(saved) => {
            let mut fitted = saved.clone();
            engine::reconcile(&module, &mut fitted, now).map(|_| (fitted, true))
        }
    });
    if let Some((fitted, changed)) = setup {
        learner.0.update(|p| {
            p.modules.insert(id.clone(), fitted);
        });
        if changed {
            notices.push(Notice::ContentChanged);
        }
    }

    let target = {
        let id = id.clone();
        Memo::new(move |_| {
            let (module, step) = query.with(|q| (q.get("module"), q.get("step")));
            // Leaving the module (e.g. the link home) changes the query before this player is
            // gone: it must not redirect back.
            if module.as_deref() != Some(id.as_str()) {
                return None;
            }
            learner.0.with(|p| {
                let mp = p.modules.get(&id)?;
                let current = engine::current_id(mp)?.to_string();
                Some(match step {
                    None => Target::Redirect(current),
                    Some(step) => match engine::visit(mp, &step) {
                        Visit::Current => Target::Show(step, Mode::Current),
                        Visit::Earlier(index) => Target::Show(step, Mode::Earlier(index)),
                        Visit::NotVisited => Target::Redirect(current),
                    },
                })
            })
        })
    };

    let navigate = use_navigate();
    {
        let id = id.clone();
        Effect::new(move |_| {
            if let Some(Target::Redirect(step)) = target.get() {
                navigate(
                    &step_href(&id, &step),
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            }
        });
    }

    move || match target.get() {
        Some(Target::Show(step_id, mode)) => module.step(&step_id).cloned().map(|step| {
            view! { <StepView module=module.clone() step=step mode=mode /> }.into_any()
        }),
        _ => None,
    }
}
