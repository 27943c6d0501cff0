//! Facilitator mode: a module on a projector, one step at a time, in large type. On a question,
//! every answer is shown and its feedback stays hidden until the facilitator reveals it (one, or
//! all); a countdown times the group's discussion; the facilitator's notes (the discussion
//! question and the teaching point) sit in a panel hidden from the projected view until asked
//! for. Everything is driven by keys a presentation clicker sends, and the keys are on screen.
//!
//! Nothing is stored or sent: the session lives in this page, and no learner's progress exists
//! here. The URL follows the step (replaced, not pushed), so a reload or a bookmark comes back to
//! it.

use std::sync::Arc;
use std::time::Duration;

use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::browser;
use crate::components::prose::{self, paragraphs};
use crate::components::reporting::ReportingContacts;
use crate::core::course::{Module, Step, StepKind};
use crate::core::facilitation::{self, clock, Command, Countdown, Session};
use crate::core::scoring::Verdict;
use crate::i18n::*;
use crate::lead::content::with_module;
use crate::lead::links::{encode, page_href};

/// The verdict's words: a decision's choices are good, partly right or not the best; a quiz's
/// answers are right or wrong.
pub(crate) fn verdict_text(i18n: I18n, verdict: Verdict, decision: bool) -> String {
    match (verdict, decision) {
        (Verdict::Best, true) => t_string!(i18n, verdict_best).to_string(),
        (Verdict::Partial, _) => t_string!(i18n, verdict_partial).to_string(),
        (Verdict::Poor, true) => t_string!(i18n, verdict_poor).to_string(),
        (Verdict::Best, false) => t_string!(i18n, verdict_correct).to_string(),
        (Verdict::Poor, false) => t_string!(i18n, verdict_incorrect).to_string(),
    }
}

pub(crate) fn verdict_class(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Best => "best",
        Verdict::Partial => "partial",
        Verdict::Poor => "poor",
    }
}

/// A step's title as shown: its own, or for a quiz what kind of question it is.
pub(crate) fn step_title(i18n: I18n, step: &Step) -> String {
    match &step.kind {
        StepKind::Situation { title, .. }
        | StepKind::Decision { title, .. }
        | StepKind::KeyPoints { title, .. }
        | StepKind::Ending { title, .. } => title.clone(),
        StepKind::TrueFalse { .. } => t_string!(i18n, lead.true_or_false).to_string(),
        StepKind::MultipleChoice { .. } => t_string!(i18n, lead.one_answer).to_string(),
    }
}

/// An answer's words: its label, or "True" / "False".
pub(crate) fn answer_label(i18n: I18n, answer: &facilitation::Answer) -> String {
    match (answer.label, answer.true_false) {
        (Some(label), _) => label.to_string(),
        (None, Some(true)) => t_string!(i18n, true_label).to_string(),
        (None, _) => t_string!(i18n, false_label).to_string(),
    }
}

#[component]
pub fn SessionPage(module_id: String) -> impl IntoView {
    with_module(
        module_id,
        |module| view! { <Facilitate module=Arc::new(module) /> },
    )
}

/// Countdown lengths offered, in minutes.
const MINUTES: [u32; 5] = [1, 2, 3, 5, 10];

#[component]
fn Facilitate(module: Arc<Module>) -> impl IntoView {
    let i18n = use_i18n();
    let path: Arc<Vec<Step>> = Arc::new(
        facilitation::main_path(&module)
            .into_iter()
            .cloned()
            .collect(),
    );
    let mut start = Session::new(&module);
    // A bookmarked step (`&step=<id>`) opens there.
    let query = use_query_map();
    if let Some(step) = query.with_untracked(|q| q.get("step")) {
        if let Some(index) = path.iter().position(|s| s.id == step) {
            start.go_to(index);
        }
    }
    let session = RwSignal::new(start);
    let panel = RwSignal::new(false);
    let countdown = RwSignal::new(Countdown::new(120));
    let now = RwSignal::new(browser::now());
    tick(countdown, now);

    let run = move |command: Command| match command {
        Command::Next => session.update(|s| {
            s.forward();
        }),
        Command::Back => session.update(|s| {
            s.back();
        }),
        Command::Reveal(answer) => session.update(|s| {
            s.reveal(answer);
        }),
        Command::RevealAll => session.update(Session::reveal_all),
        Command::HideAll => session.update(Session::hide_all),
        Command::Countdown => {
            let t = browser::now();
            now.set(t);
            countdown.update(|c| c.toggle(t));
        }
        Command::Panel => panel.update(|open| *open = !*open),
    };
    listen_to_keys(run);
    follow_in_address(path.clone(), module.id.clone(), session);

    let heading = NodeRef::<html::H2>::new();
    focus_on_step(session, heading);

    let step_view = {
        let path = path.clone();
        let module = module.clone();
        move || {
            let at = session.with(Session::at);
            let step = path[at].clone();
            view! { <ProjectedStep module=module.clone() path=path.clone() step=step session=session heading=heading /> }
        }
    };

    let position = move || session.with(Session::position);
    let title = module.title.clone();

    view! {
        <section class="session" aria-labelledby="session-title">
            <div class="session-head">
                <h1 id="session-title" class="session-title">{title}</h1>
                <p class="step-of">{move || { let (n, m) = position(); t_string!(i18n, step_of, n = n, m = m).to_string() }}</p>
                <progress max=move || position().1 value=move || position().0 aria-label=move || t_string!(i18n, progress_label).to_string()></progress>
            </div>
            {step_view}
            {controls(session, panel, run)}
            {countdown_view(countdown, now, run)}
            {notes(path, session, panel)}
            {shortcuts()}
            <p class="session-end">
                <a href=page_href("")>{t!(i18n, lead.end_session)}</a>
            </p>
        </section>
    }
}

/// The clock ticks only while a countdown runs.
fn tick(countdown: RwSignal<Countdown>, now: RwSignal<u64>) {
    if let Ok(ticker) = set_interval_with_handle(
        move || {
            if countdown.with_untracked(Countdown::is_running) {
                now.set(browser::now());
            }
        },
        Duration::from_millis(250),
    ) {
        on_cleanup(move || ticker.clear());
    }
}

/// The keys a presentation clicker (or the facilitator) sends run their command.
fn listen_to_keys(run: impl Fn(Command) + 'static) {
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.alt_key() || ev.meta_key() || ev.default_prevented() {
            return;
        }
        // Keys typed into a control (the countdown's length) belong to it.
        let in_control = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
        if in_control {
            return;
        }
        if let Some(command) = facilitation::command(&ev.key()) {
            ev.prevent_default();
            run(command);
        }
    });
    on_cleanup(move || keys.remove());
}

/// The address follows the step, replaced rather than pushed: the browser's back button leaves
/// the session instead of stepping through it.
fn follow_in_address(path: Arc<Vec<Step>>, id: String, session: RwSignal<Session>) {
    Effect::new(move |_| {
        let at = session.with(Session::at);
        let href = page_href(&format!(
            "module={}&step={}",
            encode(&id),
            encode(&path[at].id)
        ));
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href));
        }
    });
}

/// Focus follows the step, so a screen reader reads the new one; not on the first.
fn focus_on_step(session: RwSignal<Session>, heading: NodeRef<html::H2>) {
    Effect::new(move |previous: Option<usize>| {
        let at = session.with(Session::at);
        if previous.is_some_and(|p| p != at) {
            request_animation_frame(move || {
                if let Some(heading) = heading.get_untracked() {
                    let _ = heading.focus();
                }
            });
        }
        at
    });
}

/// The buttons for what the keys do: back, next, reveal all, hide all, the notes.
fn controls(
    session: RwSignal<Session>,
    panel: RwSignal<bool>,
    run: impl Fn(Command) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let position = move || session.with(Session::position);
    view! {
        <div class="session-controls" role="group" aria-label=move || t_string!(i18n, lead.controls).to_string()>
            <button type="button" class="secondary" on:click=move |_| run(Command::Back) prop:disabled=move || position().0 == 1>
                {t!(i18n, lead.back)}
            </button>
            <button type="button" on:click=move |_| run(Command::Next) prop:disabled=move || { let (n, m) = position(); n == m && session.with(Session::all_revealed) }>
                {t!(i18n, lead.next)}
            </button>
            <button type="button" class="secondary" on:click=move |_| run(Command::RevealAll) prop:disabled=move || session.with(Session::all_revealed)>
                {t!(i18n, lead.reveal_all)}
            </button>
            <button type="button" class="secondary" on:click=move |_| run(Command::HideAll) prop:disabled=move || !session.with(Session::any_revealed)>
                {t!(i18n, lead.hide_all)}
            </button>
            <button
                type="button"
                class="secondary"
                aria-expanded=move || panel.get().to_string()
                aria-controls="facilitator-notes"
                on:click=move |_| run(Command::Panel)
            >
                {move || if panel.get() { t_string!(i18n, lead.hide_notes).to_string() } else { t_string!(i18n, lead.show_notes).to_string() }}
            </button>
        </div>
    }
}

/// The discussion's countdown: its length, start and stop, the time left, and when it is up.
fn countdown_view(
    countdown: RwSignal<Countdown>,
    now: RwSignal<u64>,
    run: impl Fn(Command) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let remaining = move || countdown.with(|c| c.remaining(now.get()));
    let over = move || countdown.with(|c| c.is_over(now.get()));
    view! {
        <div class="countdown" class:running=move || countdown.with(Countdown::is_running) class:over=over>
            <label>
                <span>{t!(i18n, lead.countdown_length)}</span>
                <select
                    prop:value=move || (countdown.with(|c| c.seconds) / 60).to_string()
                    on:change=move |ev| {
                        if let Ok(minutes) = event_target_value(&ev).parse::<u32>() {
                            countdown.set(Countdown::new(minutes * 60));
                        }
                    }
                >
                    {MINUTES.map(|m| view! { <option value=m.to_string()>{t!(i18n, lead.minutes_short, n = m)}</option> }).collect_view()}
                </select>
            </label>
            <button type="button" aria-pressed=move || countdown.with(Countdown::is_running).to_string() on:click=move |_| run(Command::Countdown)>
                {move || if countdown.with(Countdown::is_running) { t_string!(i18n, lead.stop_countdown).to_string() } else { t_string!(i18n, lead.start_countdown).to_string() }}
            </button>
            <span class="clock" role="timer" aria-label=move || t_string!(i18n, lead.countdown).to_string()>{move || clock(remaining())}</span>
            <span class="time-up" role="status">{move || over().then(|| t_string!(i18n, lead.time_up).to_string())}</span>
        </div>
    }
}

/// The facilitator's notes on the current step (a decision's discussion question and teaching
/// point), hidden from the projected view until asked for.
fn notes(path: Arc<Vec<Step>>, session: RwSignal<Session>, panel: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let notes = move || {
        let at = session.with(Session::at);
        match &path[at].kind {
            StepKind::Decision {
                facilitator: Some(texts),
                ..
            } => Some(texts.clone()),
            _ => None,
        }
    };
    view! {
        <aside id="facilitator-notes" class="facilitator-panel" hidden=move || !panel.get() aria-labelledby="notes-heading">
            <h2 id="notes-heading">{t!(i18n, lead.notes)}</h2>
            {move || match notes() {
                Some(texts) => view! {
                    <h3>{t!(i18n, lead.discussion)}</h3>
                    <div class="discussion">{paragraphs(&texts.discussion)}</div>
                    <h3>{t!(i18n, lead.teaching_point)}</h3>
                    <div class="teaching-point">{paragraphs(&texts.teaching_point)}</div>
                }
                .into_any(),
                None => view! { <p>{t!(i18n, lead.no_notes)}</p> }.into_any(),
            }}
        </aside>
    }
}

/// The keys, on screen.
fn shortcuts() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="shortcuts" aria-labelledby="shortcuts-heading">
            <h2 id="shortcuts-heading">{t!(i18n, lead.shortcuts)}</h2>
            <dl>
                <div><dt><kbd>"→"</kbd>" "<kbd>"Page Down"</kbd></dt><dd>{t!(i18n, lead.key_next)}</dd></div>
                <div><dt><kbd>"←"</kbd>" "<kbd>"Page Up"</kbd></dt><dd>{t!(i18n, lead.key_back)}</dd></div>
                <div><dt><kbd>"1"</kbd>"–"<kbd>"4"</kbd></dt><dd>{t!(i18n, lead.key_reveal)}</dd></div>
                <div><dt><kbd>"A"</kbd></dt><dd>{t!(i18n, lead.key_reveal_all)}</dd></div>
                <div><dt><kbd>"H"</kbd></dt><dd>{t!(i18n, lead.key_hide)}</dd></div>
                <div><dt><kbd>"T"</kbd></dt><dd>{t!(i18n, lead.key_countdown)}</dd></div>
                <div><dt><kbd>"F"</kbd></dt><dd>{t!(i18n, lead.key_notes)}</dd></div>
            </dl>
        </section>
    }
}

/// One step of the main path as the group sees it.
#[component]
fn ProjectedStep(
    module: Arc<Module>,
    path: Arc<Vec<Step>>,
    step: Step,
    session: RwSignal<Session>,
    heading: NodeRef<html::H2>,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = step_title(i18n, &step);
    let decision = matches!(step.kind, StepKind::Decision { .. });
    let body = match &step.kind {
        StepKind::Situation {
            body, content_note, ..
        } => prose::situation(i18n, body, content_note.as_deref()).into_any(),
        StepKind::KeyPoints { points, .. } => prose::key_points(points).into_any(),
        StepKind::Ending { body, .. } => view! {
            <div class="prose">{paragraphs(body)}</div>
            <ReportingContacts />
        }
        .into_any(),
        StepKind::Decision { .. }
        | StepKind::TrueFalse { .. }
        | StepKind::MultipleChoice { .. } => prose::question(&step).into_any(),
    };
    let answers = answers(&module, &path, &step, session, decision);
    let explanation = facilitation::explanation(&step).map(|text| {
        let text = text.to_string();
        view! {
            <div class="explanation" hidden=move || !session.with(Session::any_revealed)>
                {paragraphs(&text)}
            </div>
        }
    });
    view! {
        <article class="projected" data-step=step.id.clone()>
            <h2 node_ref=heading tabindex="-1">{title}</h2>
            {body}
            <ol class="answers">{answers}</ol>
            {explanation}
        </article>
    }
}

/// Every answer of a question with its verdict, feedback and detour (what would follow it),
/// each hidden until revealed.
fn answers(
    module: &Module,
    path: &[Step],
    step: &Step,
    session: RwSignal<Session>,
    decision: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let main: Vec<&Step> = path.iter().collect();
    facilitation::answers(step)
        .into_iter()
        .enumerate()
        .map(|(index, answer)| {
            let label = answer_label(i18n, &answer);
            let revealed = move || session.with(|s| s.is_revealed(index));
            let verdict = answer.verdict;
            let feedback = answer.feedback.map(str::to_string);
            let detour: Vec<Step> = answer
                .next
                .map(|next| facilitation::detour(module, &main, next))
                .unwrap_or_default()
                .into_iter()
                .cloned()
                .collect();
            let id = format!("answer-{index}");
            view! {
                <li class="answer" class:revealed=revealed>
                    <div class="answer-head">
                        <span class="answer-key" aria-hidden="true">{index + 1}</span>
                        <span class="answer-label">{label}</span>
                        <button
                            type="button"
                            class="secondary small"
                            aria-expanded=move || revealed().to_string()
                            aria-controls=id.clone()
                            on:click=move |_| session.update(|s| { s.reveal(index); })
                        >
                            {move || t_string!(i18n, lead.reveal, n = index + 1).to_string()}
                        </button>
                    </div>
                    <div id=id class=format!("answer-feedback {}", verdict_class(verdict)) hidden=move || !revealed()>
                        <p class="verdict">{verdict_text(i18n, verdict, decision)}</p>
                        {feedback.map(|text| paragraphs(&text))}
                        {(!detour.is_empty()).then(|| view! {
                            <div class="detour">
                                <p class="detour-label">{t!(i18n, lead.then)}</p>
                                {detour.iter().map(|s| view! {
                                    <p class="detour-title">{step_title(i18n, s)}</p>
                                    {paragraphs(&detour_text(s))}
                                }).collect_view()}
                            </div>
                        })}
                    </div>
                </li>
            }
        })
        .collect_view()
}

/// The words of a detour's step (a consequence is a situation; anything else shows its main
/// text).
pub(crate) fn detour_text(step: &Step) -> String {
    match &step.kind {
        StepKind::Situation { body, .. } | StepKind::Ending { body, .. } => body.clone(),
        StepKind::KeyPoints { points, .. } => points.join("\n\n"),
        StepKind::Decision { .. }
        | StepKind::TrueFalse { .. }
        | StepKind::MultipleChoice { .. } => step.question().unwrap_or_default().to_string(),
    }
}
