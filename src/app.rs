//! The app shell: interface language, router, notices, and which page the URL asks for.
//!
//! Pages are chosen by query (`?module=<id>&step=<id>`), not by path: a plain static server
//! with no rewrite rules can then serve the app from any sub-path, and a reload or a deep link
//! still lands on index.html.

use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_query_map;

use crate::components::notices::NoticeList;
use crate::components::top_bar::TopBar;
use crate::core::course::ROLES;
use crate::i18n::*;
use crate::pages::certificate::CertificatePage;
use crate::pages::home::Home;
use crate::pages::player::Player;
use crate::state::{provide_app_state, Learner};

pub fn mount() {
    // `?check` is the administrator's deployment check, mounted instead of the app: it must
    // work where the app would not (its words or lessons unreachable).
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    if crate::core::deployment::asks_for_check(&search) {
        crate::pages::check::mount();
        return;
    }
    leptos::mount::mount_to_body(App);
}

#[component]
pub fn App() -> impl IntoView {
    let i18n = provide_i18n("locales");
    view! {
        <Interface i18n>
            <Router>
                <Shell />
            </Router>
        </Interface>
    }
}

/// The page, once the interface's words have arrived: until then the boot screen stays (it is
/// removed then), so that no component is built with words missing, which a text read once (an
/// attribute, a message kept) would keep.
#[component]
pub fn Interface(i18n: I18n, children: ChildrenFn) -> impl IntoView {
    Effect::new(move |_| {
        if i18n.ready() {
            crate::browser::remove_boot_screen();
        } else if i18n.failed.get().is_some() {
            // No words to say it in: the boot screen's own languages say it.
            crate::browser::show_boot_failure();
        }
    });
    view! {
        <Show when=move || i18n.ready()>{children()}</Show>
    }
}

#[component]
fn Shell() -> impl IntoView {
    provide_app_state();
    let i18n = use_i18n();
    let query = use_query_map();
    // A memo, so that moving between steps of one module does not rebuild the player.
    let module = Memo::new(move |_| query.read().get("module"));
    let certificate = Memo::new(move |_| query.read().get("certificate"));
    // A launch link may name the learner's role (`?role=front-desk`, as the per-track LMS
    // packages do): it becomes the chosen role.
    let learner = expect_context::<Learner>();
    if let Some(role) = query.with_untracked(|q| q.get("role")) {
        if ROLES.contains(&role.as_str())
            && learner
                .0
                .with_untracked(|p| p.role.as_deref() != Some(role.as_str()))
        {
            learner.0.update(|p| p.role = Some(role));
        }
    }
    // After the first page, each page the learner opens takes focus to the main content (a
    // step then moves it on to its heading), so that a keyboard or screen-reader user does not
    // start again from the top of the document.
    Effect::new(move |previous: Option<(Option<String>, Option<String>)>| {
        let now = (module.get(), certificate.get());
        if previous.is_some_and(|p| p != now) && now.0.is_none() {
            request_animation_frame(|| {
                let main = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id("main"));
                if let Some(main) = main
                    .and_then(|m| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(m).ok())
                {
                    let _ = main.focus();
                }
            });
        }
        now
    });
    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <TopBar />
        <main id="main" tabindex="-1">
            <NoticeList />
            {move || {
                crate::browser::mark_page_shown();
                match (module.get(), certificate.get()) {
                    (Some(id), _) => view! { <Player module_id=id /> }.into_any(),
                    (None, Some(role)) => view! { <CertificatePage role=role /> }.into_any(),
                    (None, None) => view! { <Home /> }.into_any(),
                }
            }}
        </main>
    }
}
