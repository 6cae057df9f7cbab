//! Generates the `i18n` module (leptos_i18n) from `locales/{id,en}.json`, after checking that both
//! locales hold the same keys with the same placeholders: a missing translation fails the build.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::collections::{BTreeMap, BTreeSet};
use std::error::Error;
use std::path::PathBuf;

const LOCALES: [&str; 2] = ["id", "en"];

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split("{{")
        .skip(1)
        .filter_map(|rest| rest.split_once("}}"))
        .map(|(name, _)| name.trim().to_string())
        .collect()
}

fn load(locale: &str) -> Result<BTreeMap<String, BTreeSet<String>>, Box<dyn Error>> {
    let path = format!("locales/{locale}.json");
    println!("cargo::rerun-if-changed={path}");
    let raw = std::fs::read_to_string(&path)?;
    let map: BTreeMap<String, String> =
        serde_json::from_str(&raw).map_err(|e| format!("{path}: every value must be a string ({e})"))?;
    Ok(map.into_iter().map(|(k, v)| (k, placeholders(&v))).collect())
}

/// Every key of one locale is in the other, with the same `{{ placeholders }}`.
fn check_parity() -> Result<(), Box<dyn Error>> {
    let (id, en) = (load(LOCALES[0])?, load(LOCALES[1])?);
    let mut faults = Vec::new();
    for (key, vars) in &id {
        match en.get(key) {
            None => faults.push(format!("en.json has no \"{key}\"")),
            Some(other) if other != vars => faults.push(format!(
                "\"{key}\": placeholders differ ({vars:?} in id, {other:?} in en)"
            )),
            Some(_) => {}
        }
    }
    faults.extend(
        en.keys()
            .filter(|k| !id.contains_key(*k))
            .map(|k| format!("id.json has no \"{k}\"")),
    );
    if faults.is_empty() {
        Ok(())
    } else {
        Err(format!("the locales differ:\n  {}", faults.join("\n  ")).into())
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    check_parity()?;
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?).join("i18n");
    let options = ParseOptions::default().interpolate_display(true);
    let cfg = Config::new(LOCALES[0])?.add_locale(LOCALES[1])?.parse_options(options);
    let infos = TranslationsInfos::parse(cfg)?;
    infos.emit_diagnostics();
    infos.rerun_if_locales_changed();
    infos.generate_i18n_module(out)?;
    Ok(())
}
