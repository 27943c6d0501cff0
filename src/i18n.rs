//! The interface text: one language's words, fetched when the language is chosen.
//!
//! The keys are compiled in (build.rs writes them from `locales/en.json`, so a misspelt key does
//! not compile) and so is the list of present languages, but no language's words are: the build
//! writes each locale, flattened, to `locales/<code>.json` beside the app, and a learner
//! downloads only their own. That keeps the wasm the same size whatever the number of
//! languages, and makes a language a matter of files. The `t!` and `t_string!` macros read like
//! the ones of leptos_i18n, which this replaced (see ARCHITECTURE.md for why).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::language::{Direction, Lang, Language, Languages};
use crate::core::reporting::Wording;

include!(concat!(env!("OUT_DIR"), "/interface_text.rs"));

/// A key of the interface text, such as `lead.all_modules`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key(pub &'static str);

/// One language's interface text, keyed by dotted key.
#[derive(Debug, Default)]
pub struct Texts {
    pub lang: Option<Lang>,
    words: BTreeMap<String, String>,
}

impl Wording for Texts {
    fn text(&self, key: &str) -> Option<&str> {
        self.words.get(key).map(String::as_str)
    }
}

/// The present languages, as the build found them.
pub fn present() -> &'static Languages {
    static PRESENT_LANGUAGES: std::sync::OnceLock<Languages> = std::sync::OnceLock::new();
    PRESENT_LANGUAGES.get_or_init(|| {
        Languages::new(
            PRESENT
                .iter()
                .filter_map(|(code, name, rtl, draft)| {
                    Some(Language {
                        lang: Lang::parse(code)?,
                        name: name.to_string(),
                        direction: if *rtl { Direction::Rtl } else { Direction::Ltr },
                        draft: *draft,
                        refused: Vec::new(),
                        typography: None,
                    })
                })
                .collect(),
        )
    })
}

/// The interface language and its words, as a context (`use_i18n`).
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
    texts: RwSignal<Arc<Texts>, LocalStorage>,
    /// Every locale fetched so far, so that switching back is instant.
    cache: StoredValue<HashMap<Lang, Arc<Texts>>, LocalStorage>,
    /// Shown when a locale cannot be fetched: the words of the previous language stay.
    pub failed: RwSignal<Option<String>>,
    /// Where the locales are, relative to the page (`locales`, or `../locales` for the lead
    /// page).
    base: &'static str,
}

impl I18n {
    pub fn get_locale(&self) -> Lang {
        self.lang.get()
    }

    pub fn get_locale_untracked(&self) -> Lang {
        self.lang.get_untracked()
    }

    /// Switches the interface to `lang`: at once for the content, which follows `get_locale`,
    /// and for the words as soon as its locale has arrived.
    pub fn set_locale(&self, lang: Lang) {
        if self.lang.get_untracked() != lang {
            self.lang.set(lang);
        }
        self.load(lang);
    }

    fn load(&self, lang: Lang) {
        if self.texts.with_untracked(|t| t.lang == Some(lang)) {
            return;
        }
        if let Some(texts) = self.cache.with_value(|c| c.get(&lang).cloned()) {
            self.show(texts);
            return;
        }
        let this = *self;
        leptos::task::spawn_local(async move {
            match fetch(this.base, lang).await {
                Ok(words) => {
                    let texts = Arc::new(Texts {
                        lang: Some(lang),
                        words,
                    });
                    this.cache
                        .update_value(|c| drop(c.insert(lang, texts.clone())));
                    // A later choice may have superseded this one while it loaded.
                    if this.lang.get_untracked() == lang {
                        this.show(texts);
                    }
                }
                Err(e) => {
                    leptos::logging::warn!("{e}");
                    this.failed.set(Some(e));
                }
            }
        });
    }

    fn show(&self, texts: Arc<Texts>) {
        if let Some(lang) = texts.lang {
            crate::browser::set_document_language(lang.code(), present().direction(lang).as_str());
        }
        self.failed.set(None);
        self.texts.set(texts);
    }

    /// Whether any language's words have arrived: until then the boot screen stays.
    pub fn ready(&self) -> bool {
        self.texts.with(|t| t.lang.is_some())
    }

    /// The words of the language shown (tracked).
    pub fn words(&self) -> Arc<Texts> {
        self.texts.get()
    }

    pub fn words_untracked(&self) -> Arc<Texts> {
        self.texts.get_untracked()
    }

    /// The text of `key` in the language shown, with `{{ name }}` replaced by each value.
    pub fn text(&self, key: Key, values: &[(&str, &dyn std::fmt::Display)]) -> String {
        self.texts.with(|t| {
            let Some(text) = t.words.get(key.0) else {
                return String::new();
            };
            let mut out = text.clone();
            for (name, value) in values {
                let value = value.to_string();
                out = out
                    .replace(&format!("{{{{ {name} }}}}"), &value)
                    .replace(&format!("{{{{{name}}}}}"), &value);
            }
            out
        })
    }

    /// The text of `key` in every locale this page has loaded (the names Vigil gave a first
    /// learner, to rename in the language now shown).
    pub fn every_loaded(&self, key: Key) -> Vec<String> {
        self.cache.with_value(|c| {
            c.values()
                .filter_map(|t| t.words.get(key.0).cloned())
                .collect()
        })
    }
}

/// Provides the interface language, starting in the browser's own when it is present, with
/// the locales read from `base`.
pub fn provide_i18n(base: &'static str) -> I18n {
    let languages = present();
    let offered = languages.offered_by_default();
    let first = crate::browser::navigator_languages()
        .iter()
        .find_map(|tag| Lang::find(tag, &offered))
        .unwrap_or(Lang::EN);
    let i18n = I18n {
        lang: RwSignal::new(first),
        texts: RwSignal::new_local(Arc::new(Texts::default())),
        cache: StoredValue::new_local(HashMap::new()),
        failed: RwSignal::new(None),
        base,
    };
    i18n.load(first);
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Relative to the page, like the lessons; revalidated, since its name stays from build to
/// build.
async fn fetch(base: &str, lang: Lang) -> Result<BTreeMap<String, String>, String> {
    crate::browser::content::fetch_json(&format!("{base}/{}.json", lang.code()), true).await
}

/// `t!(i18n, key)` or `t!(i18n, a.b, name = value)`: the text as a view that follows the
/// language.
#[macro_export]
macro_rules! t {
    ($i18n:expr, $($key:ident).+ $(, $name:ident = $value:expr)* $(,)?) => {{
        let i18n = $i18n;
        // The values as they are now, written once; the words follow the language.
        let values: ::std::vec::Vec<(&'static str, ::std::string::String)> =
            ::std::vec![$( (stringify!($name), ::std::string::ToString::to_string(&$value)) ),*];
        move || {
            let shown: ::std::vec::Vec<(&str, &dyn ::std::fmt::Display)> = values
                .iter()
                .map(|(name, value)| (*name, value as &dyn ::std::fmt::Display))
                .collect();
            i18n.text($crate::i18n::keys::$($key)::+, &shown)
        }
    }};
}

/// `t_string!(i18n, key, name = value)`: the text now, as a `String` (read in a reactive
/// scope, it follows the language).
#[macro_export]
macro_rules! t_string {
    ($i18n:expr, $($key:ident).+ $(, $name:ident = $value:expr)* $(,)?) => {{
        let i18n = $i18n;
        i18n.text(
            $crate::i18n::keys::$($key)::+,
            &[$( (stringify!($name), &$value as &dyn ::std::fmt::Display) ),*],
        )
    }};
}

pub use crate::{t, t_string};
