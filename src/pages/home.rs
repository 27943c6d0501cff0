//! Home: the learner picks a role and sees the modules recommended for it, with each one's
//! status.

use leptos::prelude::*;

use crate::components::completion_code::CompletionCodeView;
use crate::components::links::{certificate_href, module_href};
use crate::components::reporting::ReportingContacts;
use crate::components::role_name::role_name;
use crate::components::transfer::YourProgress;
use crate::content::{Content, Loaded};
use crate::core::course::{CourseIndex, ModuleEntry, ROLES};
use crate::core::engine::{self, Status};
use crate::i18n::*;
use crate::state::{AppConfig, InLms, Learner};

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let learner = expect_context::<Learner>();
    let content = expect_context::<Content>();
    let role = move || learner.0.with(|p| p.role.clone());

    let config = expect_context::<AppConfig>().0;
    // Read the resource directly rather than through <Transition>: the list re-renders when the
    // role or the language changes, and a resource keeps its last value while it reloads.
    let lists = move || match content.index.get().map(|loaded| loaded.map(|_| ())) {
        None => view! { <p>{t!(i18n, loading)}</p> }.into_any(),
        Some(Ok(())) => {
            let Some(index) = content.offered(config) else {
                return ().into_any();
            };
            // The learner's own track opens at once: its modules are fetched while the
            // browser is idle.
            if let Some(role) = role() {
                content.prefetch_when_idle(
                    index
                        .modules_for_role(&role)
                        .map(|m| m.file.clone())
                        .collect(),
                );
            }
            module_lists(i18n, learner, content, &index, role()).into_any()
        }
        Some(Err(error)) => {
            leptos::logging::error!("{error}");
            view! { <p class="error" role="alert">{t!(i18n, load_error)}</p> }.into_any()
        }
    };

    // What follows the module lists waits for them: drawn first, it would be pushed down the
    // page when they arrive, under the learner's eyes (Lighthouse counted a layout shift of
    // 0.12 for "Who to tell" alone). Once the index has come, or failed, it stays.
    let lists_drawn = Memo::new(move |_| content.index.get().is_some());
    view! {
        <section class="home">
            <h1>{t!(i18n, choose_role)}</h1>
            <p class="lead">{t!(i18n, role_intro)}</p>
            <fieldset class="roles">
                <legend class="visually-hidden">{t!(i18n, choose_role)}</legend>
                {roles(learner)}
            </fieldset>
            {lists}
            {move || lists_drawn.get().then(below_lists)}
        </section>
    }
}

/// The roles the organisation offers, in the product's order, as a choice of one.
fn roles(learner: Learner) -> impl IntoView {
    let config = expect_context::<AppConfig>().0;
    let role = move || learner.0.with(|p| p.role.clone());
    move || {
        ROLES
        .into_iter()
        .filter(|id| config.with(|c| c.roles.iter().any(|r| r == id)))
        .map(|id| {
            let checked = move || role().as_deref() == Some(id);
            let choose = move |_| learner.0.update(|p| p.role = Some(id.to_string()));
            view! {
                <label class="role" class:selected=checked>
                    <input type="radio" name="role" value=id prop:checked=checked on:change=choose />
                    <span>{role_name(id)}</span>
                </label>
            }
        })
        .collect_view()
    }
}

/// Who to tell, the learner's progress and the way to the lead page, under the module lists.
fn below_lists() -> impl IntoView {
    let i18n = use_i18n();
    let in_lms = expect_context::<InLms>().0;
    view! {
        <ReportingContacts />
        <YourProgress />
        // The lead page is another entry page with its own wasm: a plain link, which the router
        // must leave to the browser. Not in an LMS launch, where leaving the page would end the
        // learner's session with the LMS.
        <section class="lead-session" aria-labelledby="lead-heading" hidden=in_lms>
            <h2 id="lead-heading">{t!(i18n, lead_heading)}</h2>
            <p><a class="button secondary" href="lead/" rel="external">{t!(i18n, lead_link)}</a></p>
        </section>
    }
}

fn module_lists(
    i18n: I18n,
    learner: Learner,
    content: Content,
    index: &CourseIndex,
    role: Option<String>,
) -> impl IntoView {
    let (recommended, others): (Vec<ModuleEntry>, Vec<ModuleEntry>) = match &role {
        Some(role) => index
            .modules
            .iter()
            .cloned()
            .partition(|m| m.roles.iter().any(|r| r == role)),
        None => (Vec::new(), index.modules.clone()),
    };
    let show_recommended = role.is_some();
    // The certificate link appears once every module recommended for the role is completed.
    let certificate_link = role.clone().filter(|role| {
        learner
            .0
            .with(|p| crate::core::certificate::certificate(index, p, role, "", None).is_some())
    });
    let none_for_role = show_recommended && recommended.is_empty();
    view! {
        {show_recommended
            .then(|| {
                view! {
                    <h2>{t!(i18n, recommended)}</h2>
                    {none_for_role.then(|| view! { <p>{t!(i18n, no_recommended)}</p> })}
                    <ul class="modules">{recommended.into_iter().map(|m| view! { <ModuleCard module=m i18n=i18n learner=learner content=content /> }).collect_view()}</ul>
                    {certificate_link.map(|role| view! {
                        <p><a class="button" href=certificate_href(&role)>{t!(i18n, your_certificate)}</a></p>
                        <CompletionCodeView index=index.clone() />
                    })}
                }
            })}
        {(!others.is_empty())
            .then(|| {
                view! {
                    // Every list has a level-two heading, so that the module cards' level-three
                    // titles never follow the page's level-one heading directly.
                    {if show_recommended {
                        view! { <h2>{t!(i18n, other_modules)}</h2> }.into_any()
                    } else {
                        view! { <h2>{t!(i18n, home)}</h2> }.into_any()
                    }}
                    <ul class="modules">{others.into_iter().map(|m| view! { <ModuleCard module=m i18n=i18n learner=learner content=content /> }).collect_view()}</ul>
                }
            })}
    }
}

#[component]
fn ModuleCard(
    module: ModuleEntry,
    i18n: I18n,
    learner: Learner,
    content: Content,
) -> impl IntoView {
    let href = module_href(&module.id);
    let minutes = module.minutes;
    let title = module.title.clone();
    let status = {
        let (id, version, file) = (module.id.clone(), module.version, module.file.clone());
        Memo::new(move |_| {
            learner.0.with(|p| {
                let progress = p.modules.get(&id);
                // Where a learner is in a started module takes its steps: they are fetched at
                // once for a module in progress, which the learner is likely to resume.
                let status = engine::status_at(version, progress, None);
                if status != Status::InProgress(None) {
                    return status;
                }
                match content.module(&file) {
                    Loaded::Ready(module) => engine::status_at(version, progress, Some(&module)),
                    _ => status,
                }
            })
        })
    };
    let status_text = move || match status.get() {
        Status::NotStarted => t_string!(i18n, status_not_started).to_string(),
        Status::InProgress(Some(pos)) => {
            t_string!(i18n, status_in_progress, n = pos.number, m = pos.total).to_string()
        }
        Status::InProgress(None) => t_string!(i18n, status_started).to_string(),
        Status::Completed(score) => {
            t_string!(i18n, status_completed, percent = score.percent()).to_string()
        }
    };
    let action = move || match status.get() {
        Status::NotStarted => t_string!(i18n, start).to_string(),
        Status::InProgress(_) => t_string!(i18n, resume).to_string(),
        Status::Completed(_) => t_string!(i18n, open_again).to_string(),
    };
    let label = {
        let title = title.clone();
        move || format!("{}: {}", action(), title)
    };
    view! {
        <li class="module-card">
            <h3>{title}</h3>
            <p>{module.summary}</p>
            <p class="meta">
                <span>{t!(i18n, minutes, n = minutes)}</span>
                " · "
                <span class="status">{status_text}</span>
            </p>
            <a class="button" href=href aria-label=label>{action}</a>
        </li>
    }
}
