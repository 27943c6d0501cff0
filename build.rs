//! Generates the interface translations module from `locales/*.json` (leptos_i18n), so that a
//! missing or misspelt key is a compile error. Only the browser app needs it.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    #[cfg(feature = "web")]
    interface_text();
}

#[cfg(feature = "web")]
fn interface_text() {
    use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};

    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("i18n");
    let config = Config::new("en")
        .and_then(|c| c.add_locales(["fr", "nl"]))
        .expect("the locale names are valid")
        // Lets `t_string!` interpolate, for text used in attributes such as aria-label.
        .parse_options(ParseOptions::default().interpolate_display(true));
    let translations = TranslationsInfos::parse(config).expect("locales/*.json parse");
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations
        .generate_i18n_module(out)
        .expect("the translations module is written");
}
