//! The lead page's content: the facilitator's index of the current language
//! (`lessons/lead/index.<lang>.json`, beside the learners' files one folder up) and each module
//! with its facilitator texts (`lessons/lead/<module>.<lang>.<hash>.json`), with the country
//! facts filled in for the configured country.

use leptos::prelude::*;

use crate::browser::content::fetch_json;
use crate::content::Problem;
use crate::core::course::{CourseIndex, Lang, LeadModule, Module};
use crate::core::reporting;
use crate::i18n::*;
use crate::lead::links::page_href;
use crate::state::AppConfig;

#[derive(Clone, Copy)]
pub struct LeadContent {
    pub index: LocalResource<Result<CourseIndex, String>>,
}

pub fn provide() {
    let i18n = use_i18n();
    let index = LocalResource::new(move || {
        let lang = i18n.get_locale();
        // The index keeps its name from build to build: revalidated, like the learners'.
        async move {
            fetch_json::<CourseIndex>(&format!("../lessons/lead/index.{}.json", lang.code()), true)
                .await
        }
    });
    provide_context(LeadContent { index });
}

impl LeadContent {
    /// The modules the organisation offers, in course order, once the index has loaded.
    pub fn offered(self, config: AppConfig) -> Option<Result<CourseIndex, String>> {
        let loaded = self.index.get()?;
        Some(loaded.map(|mut index| {
            config.0.with(|c| index.keep_offered(c.modules.as_deref()));
            index
        }))
    }
}

/// A module with its facilitator texts, in the current language, for the configured country;
/// reloads when the language or the configuration changes.
pub fn module_resource(id: String) -> LocalResource<Option<Result<Module, Problem>>> {
    let i18n = use_i18n();
    let content = expect_context::<LeadContent>();
    let config = expect_context::<AppConfig>();
    LocalResource::new(move || {
        let id = id.clone();
        let lang: Lang = i18n.get_locale();
        let country = config.0.with(|c| c.country);
        let entry = content.offered(config).map(|index| {
            index
                .map_err(Problem::Failed)
                .and_then(|index| index.module(&id).cloned().ok_or(Problem::Unknown))
        });
        let words = i18n.words_untracked();
        async move {
            let entry = match entry? {
                Ok(entry) => entry,
                Err(problem) => return Some(Err(problem)),
            };
            let read = fetch_json::<LeadModule>(&format!("../lessons/lead/{}", entry.file), false)
                .await
                .map_err(Problem::Failed)
                .map(|lead| {
                    let mut module = lead.into_module();
                    reporting::fill_module(&mut module, country, lang, &*words);
                    module
                });
            Some(read)
        }
    })
}

/// A lead page's module, drawn by `show` once it is loaded. While it loads, when no module has
/// that id (a stale bookmark) and when it cannot be read, every lead page says the same.
pub fn with_module<V: IntoView + 'static>(
    id: String,
    show: impl Fn(Module) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let module = module_resource(id);
    move || match module.get().flatten() {
        None => view! { <p>{t!(i18n, loading)}</p> }.into_any(),
        Some(Ok(module)) => show(module).into_any(),
        Some(Err(Problem::Unknown)) => view! {
            <p class="error" role="alert">{t!(i18n, unknown_module)}</p>
            <a href=page_href("")>{t!(i18n, lead.all_modules)}</a>
        }
        .into_any(),
        Some(Err(Problem::Failed(error))) => {
            leptos::logging::error!("{error}");
            view! { <p class="error" role="alert">{t!(i18n, load_error)}</p> }.into_any()
        }
    }
}
