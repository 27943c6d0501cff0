//! One step of a module: its words, its question if any, the feedback once answered, and the
//! way on. What happens on an answer is the engine's business; this only renders and forwards.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::browser;
use crate::components::links::{home_href, step_href};
use crate::components::prose::{self, paragraphs};
use crate::components::reporting::ReportingContacts;
use crate::content::Content;
use crate::core::course::{Label, Module, Step, StepKind};
use crate::core::engine;
use crate::core::progress::{Answer, ModuleProgress};
use crate::core::scoring::{self, Verdict};
use crate::i18n::*;
use crate::state::{announce, AppConfig, Learner};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The step the learner is at: answerable.
    Current,
    /// A step visited earlier, at this index of the path: read-only.
    Earlier(usize),
}

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

    // "Step N of M": on an earlier step, N is its place in the path and M the current total.
    let position = {
        let module = module.clone();
        move || {
            progress.with(|mp| {
                mp.as_ref().map(|mp| {
                    let now = engine::position(&module, mp);
                    match mode {
                        Mode::Current => (now.number, now.total),
                        Mode::Earlier(index) => (index + 1, now.total),
                    }
                })
            })
        }
    };

    let heading = NodeRef::<html::H2>::new();
    let first_render = browser::is_first_step();
    let config = expect_context::<AppConfig>();
    let course = expect_context::<Content>();
    {
        // Announce the step to the host page once the allowed origins are known (the
        // configuration may still be loading when the first step appears).
        let (module_id, step_id) = (module_id.clone(), step_id.clone());
        let total =
            progress.with_untracked(|mp| mp.as_ref().map(|mp| engine::position(&module, mp)));
        Effect::new(move |sent: Option<bool>| {
            if sent == Some(true) {
                return true;
            }
            let ready = config.0.with(|c| !c.embed_origins.is_empty());
            if let (true, Some(position), Mode::Current) = (ready, total, mode) {
                announce(
                    config,
                    serde_json::json!({ "type": "vigil:step", "module": module_id, "step": step_id,
                        "number": position.number, "total": position.total }),
                );
                return true;
            }
            false
        });
    }
    Effect::new(move |_| {
        browser::mark_first_step();
        // Move focus to the new step's heading, so keyboard and screen-reader users start
        // reading at the top of it: on every new step, and on the first one when the learner
        // opened the module from home. Not when the page loads on a step, where focus starts at
        // the top.
        if !first_render || browser::has_navigated() {
            if let Some(heading) = heading.get() {
                let _ = heading.focus();
            }
        }
    });

    let navigate = use_navigate();
    let go_on = {
        let module = module.clone();
        let module_id = module_id.clone();
        move |_| {
            let now = browser::now();
            let mut next = None;
            learner.0.update(|p| {
                if let Some(mp) = p.modules.get_mut(&module_id) {
                    if let Ok(step) = engine::advance(&module, mp, now) {
                        next = Some(step.id.clone());
                    }
                }
            });
            if let Some(next) = next {
                announce_completion(config, course, learner, &module, &next);
                navigate(&step_href(&module_id, &next), Default::default());
            }
        }
    };
    let restart = {
        let module = module.clone();
        let module_id = module_id.clone();
        let navigate = use_navigate();
        move |_| {
            let now = browser::now();
            learner.0.update(|p| {
                if let Some(mp) = p.modules.get_mut(&module_id) {
                    engine::restart(&module, mp, now, browser::random_seed());
                }
            });
            navigate(&step_href(&module_id, &module.start), Default::default());
        }
    };

    let title_view = match &step.kind {
        StepKind::Situation { title, .. }
        | StepKind::Decision { title, .. }
        | StepKind::KeyPoints { title, .. }
        | StepKind::Ending { title, .. } => title.clone().into_any(),
        StepKind::TrueFalse { .. } => {
            view! { {t!(i18n, true_label)} " / " {t!(i18n, false_label)} }.into_any()
        }
        StepKind::MultipleChoice { .. } => view! { {t!(i18n, choose_one)} }.into_any(),
    };

    let body = match &step.kind {
        StepKind::Situation {
            body, content_note, ..
        } => prose::situation(i18n, body, content_note.as_deref()).into_any(),
        StepKind::KeyPoints { points, .. } => prose::key_points(points).into_any(),
        StepKind::Ending { body, .. } => {
            let key_points = module.summary_points().to_vec();
            let score = move || progress.with(|mp| mp.as_ref().map(scoring::score));
            view! {
                <p class="score" role="status">
                    {move || score().map(|s| t_string!(i18n, score, earned = s.earned, max = s.max, percent = s.percent()).to_string())}
                </p>
                <div class="prose">{paragraphs(body)}</div>
                <ReportingContacts />
                {(!key_points.is_empty()).then(|| view! {
                    <h3>{t!(i18n, key_points)}</h3>
                    <ul class="key-points">{key_points.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                })}
            }
            .into_any()
        }
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

    // On an earlier step the way on is a link along the path already taken.
    let earlier_nav = match mode {
        Mode::Earlier(index) => {
            let module_id = module_id.clone();
            let next = progress
                .with_untracked(|mp| mp.as_ref().and_then(|mp| mp.path.get(index + 1).cloned()));
            let current = progress.with_untracked(|mp| {
                mp.as_ref()
                    .and_then(|mp| engine::current_id(mp).map(str::to_string))
            });
            Some(view! {
                <p class="earlier-note">{t!(i18n, earlier_step)}</p>
                <div class="actions">
                    {next.map(|next| view! { <a class="button" href=step_href(&module_id, &next)>{t!(i18n, continue_label)}</a> })}
                    {current.map(|current| view! { <a class="button secondary" href=step_href(&module_id, &current)>{t!(i18n, go_to_current)}</a> })}
                </div>
            })
        }
        Mode::Current => None,
    };

    let sources = step.sources.clone();
    view! {
        <article class="step" data-step=step_id.clone()>
            // The module's title is the page's level-one heading once a module is open; the
            // step's title under it is where focus goes on each new step.
            <h1 class="module-title">{module.title.clone()}</h1>
            <div class="position">
                {move || position().map(|(n, m)| view! {
                    <p class="step-of">{t!(i18n, step_of, n = n, m = m)}</p>
                    <progress max=m value=n aria-label=move || t_string!(i18n, progress_label).to_string()></progress>
                })}
            </div>
            <h2 node_ref=heading tabindex="-1">{title_view}</h2>
            {body}
            {(!sources.is_empty()).then(|| view! {
                <details class="sources">
                    <summary>{t!(i18n, sources)}</summary>
                    <ul>{sources.iter().map(|s| view! { <li><a href=s.clone() target="_blank" rel="noopener noreferrer">{s.clone()}</a></li> }).collect_view()}</ul>
                </details>
            })}
            {earlier_nav}
            {(mode == Mode::Current).then(|| view! {
                <div class="actions">
                    {if is_ending {
                        view! {
                            <button type="button" on:click=restart.clone()>{t!(i18n, restart)}</button>
                            <a class="button secondary" href=home_href>{t!(i18n, back_home)}</a>
                        }.into_any()
                    } else {
                        let go_on = go_on.clone();
                        view! {
                            <Show when=can_go_on>
                                <button type="button" class="continue" on:click=go_on.clone()>{t!(i18n, continue_label)}</button>
                            </Show>
                        }.into_any()
                    }}
                </div>
            })}
        </article>
    }
}

/// The answers a question offers, as (id, label), in the order this attempt shows them
/// (`engine::choices_shown`).
fn options(step: &Step, progress: Option<&ModuleProgress>) -> Vec<(String, String)> {
    let i18n = use_i18n();
    let offered = match progress {
        Some(progress) => engine::choices_shown(step, progress),
        None => step.offered(),
    };
    offered
        .into_iter()
        .map(|o| {
            let label = match o.label {
                Label::Text(text) => text.to_string(),
                Label::True => t_string!(i18n, true_label).to_string(),
                Label::False => t_string!(i18n, false_label).to_string(),
            };
            (o.id.to_string(), label)
        })
        .collect()
}

#[component]
fn Question(
    module: Arc<Module>,
    step: Step,
    mode: Mode,
    answer: Memo<Option<Answer>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let learner = expect_context::<Learner>();
    let selected = RwSignal::new(answer.get_untracked().map(|a| a.choice));
    let feedback_box = NodeRef::<html::Div>::new();
    let step = Arc::new(step);

    let prompt = step.question().unwrap_or_default().to_string();
    let answered = move || answer.with(Option::is_some);
    let locked = move || mode != Mode::Current || answered();
    let name = format!("answer-{}", step.id);
    let module_id = module.id.clone();

    let confirm = {
        let step = step.clone();
        move |_| {
            let Some(choice) = selected.get_untracked() else {
                return;
            };
            let now = browser::now();
            learner.0.update(|p| {
                if let Some(mp) = p.modules.get_mut(&module.id) {
                    match engine::answer(&module, mp, &step.id, &choice, now) {
                        Ok(_) => {
                            if let (Some(launch), Some(answer)) =
                                (browser::xapi::launch(), mp.answers.get(&step.id))
                            {
                                let id = browser::xapi::uuid();
                                browser::xapi::record(crate::core::xapi::answered(
                                    &id, &launch, &module, &step, answer,
                                ));
                            }
                        }
                        Err(error) => leptos::logging::warn!("answer not recorded: {error}"),
                    }
                }
            });
            // Take the learner to the feedback, which a screen reader then reads.
            request_animation_frame(move || {
                if let Some(el) = feedback_box.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
    };

    let choices = learner
        .0
        .with_untracked(|p| options(&step, p.modules.get(&module_id)))
        .into_iter()
        .map(|(id, label)| {
            let value = id.clone();
            let is = move |id: &str| selected.with(|s| s.as_deref() == Some(id));
            let checked = {
                let id = id.clone();
                move || is(&id)
            };
            let chosen = {
                let id = id.clone();
                move || is(&id)
            };
            view! {
                <label class="choice" class:chosen=chosen>
                    <input
                        type="radio"
                        name=name.clone()
                        value=id.clone()
                        prop:checked=checked
                        prop:disabled=locked
                        on:change=move |_| selected.set(Some(value.clone()))
                    />
                    <span>{label}</span>
                </label>
            }
        })
        .collect_view();

    let feedback = {
        let step = step.clone();
        move || {
            answer.get().and_then(|answer| {
                let feedback = engine::feedback(&step, &answer)?;
                let is_decision = matches!(step.kind, StepKind::Decision { .. });
                let verdict = match (feedback.verdict, is_decision) {
                    (Verdict::Best, true) => t_string!(i18n, verdict_best).to_string(),
                    (Verdict::Partial, _) => t_string!(i18n, verdict_partial).to_string(),
                    (Verdict::Poor, true) => t_string!(i18n, verdict_poor).to_string(),
                    (Verdict::Best, false) => t_string!(i18n, verdict_correct).to_string(),
                    (Verdict::Poor, false) => t_string!(i18n, verdict_incorrect).to_string(),
                };
                let class = match feedback.verdict {
                    Verdict::Best => "feedback best",
                    Verdict::Partial => "feedback partial",
                    Verdict::Poor => "feedback poor",
                };
                let text = feedback.text.to_string();
                Some(view! {
                    <div class=class>
                        <h3>{verdict}</h3>
                        {paragraphs(&text)}
                        <p class="points">{t!(i18n, points, earned = feedback.points, max = feedback.max)}</p>
                    </div>
                })
            })
        }
    };

    view! {
        <fieldset class="question">
            <legend>{prompt}</legend>
            <div class="choices">{choices}</div>
        </fieldset>
        <Show when=move || mode == Mode::Current && !answered()>
            <div class="actions">
                <button type="button" on:click=confirm.clone() prop:disabled=move || selected.with(Option::is_none)>
                    {t!(i18n, confirm)}
                </button>
            </div>
        </Show>
        <div class="feedback-region" node_ref=feedback_box tabindex="-1" role="status" aria-live="polite">{feedback}</div>
    }
}

/// Tells the host page that a module was completed, and the learner's track too when this was
/// its last module.
fn announce_completion(
    config: AppConfig,
    course: Content,
    learner: Learner,
    module: &Module,
    reached: &str,
) {
    if !matches!(
        module.step(reached).map(|s| &s.kind),
        Some(StepKind::Ending { .. })
    ) {
        return;
    }
    let score = learner
        .0
        .with_untracked(|p| p.modules.get(&module.id).map(scoring::score));
    let launch = browser::xapi::launch();
    if let Some(score) = score {
        announce(
            config,
            serde_json::json!({ "type": "vigil:module-completed", "module": module.id,
                "earned": score.earned, "max": score.max, "percent": score.percent() }),
        );
        if let Some(launch) = &launch {
            let id = browser::xapi::uuid();
            browser::xapi::record(crate::core::xapi::module_completed(
                &id,
                launch,
                module,
                score,
                browser::now(),
            ));
        }
    }

    let course = untrack(|| course.offered(config));
    let role = learner.0.with_untracked(|p| p.role.clone());
    if let (Some(course), Some(role)) = (course, role) {
        let done = learner.0.with_untracked(|p| {
            crate::core::certificate::certificate(&course, p, &role, "", None).is_some()
        });
        if done {
            announce(
                config,
                serde_json::json!({ "type": "vigil:track-completed", "role": role }),
            );
        }
        // A cmi5 launch: the track is the assignable unit; completed, then passed or failed,
        // once per registration and only in normal mode (core::xapi::Cmi5::track_done).
        let cmi5_launch = launch.as_ref().and_then(|l| Some((l, l.cmi5.as_ref()?)));
        if let (true, Some((launch, cmi5))) = (done, cmi5_launch) {
            let (_, earned, max) = learner
                .0
                .with_untracked(|p| crate::core::lms::standing(&course, p, Some(&role)));
            let events = cmi5.track_done(
                scoring::Score { earned, max },
                &browser::xapi::session_duration(),
            );
            if !events.is_empty() && browser::xapi::first_completion(&cmi5.registration) {
                for event in events {
                    let id = browser::xapi::uuid();
                    if let Some(statement) =
                        crate::core::xapi::cmi5(&id, launch, event, browser::now())
                    {
                        browser::xapi::record(statement);
                    }
                }
            }
        }
    }
}
