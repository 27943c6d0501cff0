//! One step of a module: its words, its question if any (question.rs), the feedback once
//! answered (feedback.rs), the ending's score and key points (ending.rs), and the way on. What
//! happens on an answer is the engine's business; this only renders and forwards, and tells the
//! integrations what the engine decided (`core::events`).

mod ending;
mod feedback;
mod mode;
mod question;

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::browser;
use crate::components::links::{home_href, step_href};
use crate::components::prose;
use crate::content::Content;
use crate::core::course::{Module, Step, StepKind};
use crate::core::engine;
use crate::core::events;
use crate::core::progress::ModuleProgress;
use crate::i18n::*;
use crate::integrations::Integrations;
use crate::state::{AppConfig, Learner};
pub use mode::Mode;
use question::Question;

#[component]
pub fn StepView(module: Arc<Module>, step: Step, mode: Mode) -> impl IntoView {
    let i18n = use_i18n();
    let learner = expect_context::<Learner>();
    let module_id = module.id.clone();
    let step_id = step.id.clone();

    let progress = {
        let module_id = module_id.clone();
        Memo::new(move |_| learner.0.with(|p| p.modules.get(&module_id).cloned()))
    };
    let answer = {
        let step_id = step_id.clone();
        Memo::new(move |_| {
            progress.with(|mp| mp.as_ref().and_then(|mp| mp.answers.get(&step_id).cloned()))
        })
    };

    let heading = NodeRef::<html::H2>::new();
    if mode == Mode::Current {
        let integrations = expect_context::<Integrations>();
        progress.with_untracked(|mp| {
            if let Some(mp) = mp {
                integrations.publish(&events::step_shown(&module, &step, mp));
            }
        });
    }
    focus_heading(heading);

    let body = match &step.kind {
        StepKind::Situation {
            body, content_note, ..
        } => prose::situation(i18n, body, content_note.as_deref()).into_any(),
        StepKind::KeyPoints { points, .. } => prose::key_points(points).into_any(),
        StepKind::Ending { body, .. } => ending::ending(&module, body, progress).into_any(),
        StepKind::Decision { .. }
        | StepKind::TrueFalse { .. }
        | StepKind::MultipleChoice { .. } => view! {
            <Question module=module.clone() step=step.clone() mode=mode answer=answer />
        }
        .into_any(),
    };

    let is_question = step.is_question();
    let is_ending = matches!(step.kind, StepKind::Ending { .. });
    let can_go_on = move || !is_question || answer.with(Option::is_some);

    let sources = step.sources.clone();
    view! {
        <article class="step" data-step=step_id.clone()>
            // The module's title is the page's level-one heading once a module is open; the
            // step's title under it is where focus goes on each new step.
            <h1 class="module-title">{module.title.clone()}</h1>
            {position(module.clone(), progress, mode)}
            <h2 node_ref=heading tabindex="-1">{title(&step)}</h2>
            {body}
            {(!sources.is_empty()).then(|| view! {
                <details class="sources">
                    <summary>{t!(i18n, sources)}</summary>
                    <ul>{sources.iter().map(|s| view! { <li><a href=s.clone() target="_blank" rel="noopener noreferrer">{s.clone()}</a></li> }).collect_view()}</ul>
                </details>
            })}
            {match mode {
                Mode::Earlier(index) => Some(earlier_nav(&module_id, index, progress)),
                Mode::Current => None,
            }}
            {(mode == Mode::Current).then(|| actions(module.clone(), is_ending, can_go_on))}
        </article>
    }
}

/// "Step N of M": on an earlier step, N is its place in the path and M the current total.
fn position(
    module: Arc<Module>,
    progress: Memo<Option<ModuleProgress>>,
    mode: Mode,
) -> impl IntoView {
    let i18n = use_i18n();
    let position = move || {
        progress.with(|mp| {
            mp.as_ref().map(|mp| {
                let now = engine::position(&module, mp);
                match mode {
                    Mode::Current => (now.number, now.total),
                    Mode::Earlier(index) => (index + 1, now.total),
                }
            })
        })
    };
    view! {
        <div class="position">
            {move || position().map(|(n, m)| view! {
                <p class="step-of">{t!(i18n, step_of, n = n, m = m)}</p>
                <progress max=m value=n aria-label=move || t_string!(i18n, progress_label).to_string()></progress>
            })}
        </div>
    }
}

/// Moves focus to the new step's heading, so keyboard and screen-reader users start reading at
/// the top of it: on every new step, and on the first one when the learner opened the module
/// from home. Not when the page loads on a step, where focus starts at the top.
fn focus_heading(heading: NodeRef<html::H2>) {
    let first_render = browser::is_first_step();
    Effect::new(move |_| {
        browser::mark_first_step();
        if !first_render || browser::has_navigated() {
            if let Some(heading) = heading.get() {
                let _ = heading.focus();
            }
        }
    });
}

/// The step's heading: its title, or what a quiz question asks of the learner.
fn title(step: &Step) -> AnyView {
    let i18n = use_i18n();
    match &step.kind {
        StepKind::Situation { title, .. }
        | StepKind::Decision { title, .. }
        | StepKind::KeyPoints { title, .. }
        | StepKind::Ending { title, .. } => title.clone().into_any(),
        StepKind::TrueFalse { .. } => {
            view! { {t!(i18n, true_label)} " / " {t!(i18n, false_label)} }.into_any()
        }
        StepKind::MultipleChoice { .. } => view! { {t!(i18n, choose_one)} }.into_any(),
    }
}

/// On an earlier step the way on is a link along the path already taken.
fn earlier_nav(
    module_id: &str,
    index: usize,
    progress: Memo<Option<ModuleProgress>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let next =
        progress.with_untracked(|mp| mp.as_ref().and_then(|mp| mp.path.get(index + 1).cloned()));
    let current = progress.with_untracked(|mp| {
        mp.as_ref()
            .and_then(|mp| engine::current_id(mp).map(str::to_string))
    });
    view! {
        <p class="earlier-note">{t!(i18n, earlier_step)}</p>
        <div class="actions">
            {next.map(|next| view! { <a class="button" href=step_href(module_id, &next)>{t!(i18n, continue_label)}</a> })}
            {current.map(|current| view! { <a class="button secondary" href=step_href(module_id, &current)>{t!(i18n, go_to_current)}</a> })}
        </div>
    }
}

/// The way on from the current step: continue (once a question is answered), or on an ending,
/// try again or go home.
fn actions(
    module: Arc<Module>,
    is_ending: bool,
    can_go_on: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="actions">
            {if is_ending {
                view! {
                    <button type="button" on:click=restart(module)>{t!(i18n, restart)}</button>
                    <a class="button secondary" href=home_href>{t!(i18n, back_home)}</a>
                }.into_any()
            } else {
                let go_on = go_on(module);
                view! {
                    <Show when=can_go_on>
                        <button type="button" class="continue" on:click=go_on.clone()>{t!(i18n, continue_label)}</button>
                    </Show>
                }.into_any()
            }}
        </div>
    }
}

/// Continue: the engine advances, the integrations hear what that completed, and the learner
/// goes to the step it leads to.
fn go_on(module: Arc<Module>) -> impl Fn(leptos::ev::MouseEvent) + Clone + 'static {
    let learner = expect_context::<Learner>();
    let config = expect_context::<AppConfig>();
    let course = expect_context::<Content>();
    let integrations = expect_context::<Integrations>();
    let navigate = use_navigate();
    move |_| {
        let now = browser::now();
        let mut next = None;
        learner.0.update(|p| {
            if let Some(mp) = p.modules.get_mut(&module.id) {
                if let Ok(step) = engine::advance(&module, mp, now) {
                    next = Some(step.id.clone());
                }
            }
        });
        if let Some(next) = next {
            let course = untrack(|| course.offered(config.0));
            learner.0.with_untracked(|p| {
                for event in events::reached(&module, &next, course.as_ref(), p) {
                    integrations.publish(&event);
                }
            });
            navigate(&step_href(&module.id, &next), Default::default());
        }
    }
}

/// Try again: a new attempt of the module, from its start.
fn restart(module: Arc<Module>) -> impl Fn(leptos::ev::MouseEvent) + 'static {
    let learner = expect_context::<Learner>();
    let navigate = use_navigate();
    move |_| {
        let now = browser::now();
        learner.0.update(|p| {
            if let Some(mp) = p.modules.get_mut(&module.id) {
                engine::restart(&module, mp, now, browser::random_seed());
            }
        });
        navigate(&step_href(&module.id, &module.start), Default::default());
    }
}
