//! `helder init` (a starter site that builds as is) and `helder new` (a page
//! with the front matter of its type filled in).

use std::path::{Component, Path, PathBuf};

use crate::config::CONFIG_FILE;
use crate::content::{PageKind, CONTENT_DIR};
use crate::error::{Diagnostic, Errors};
use crate::msg;

const STARTER_CONFIG: &str = r##"[book]
title = "Onze school"
language = "nl"
description = "Informatie voor ouders"
authors = ["De schoolleiding"]

[site]
# base-url = "https://ouders.onzeschool.example"
output-dir = "public"

[school]
email = "info@onzeschool.example"
phone = "0123 456789"
color = "#0b5394"
# A simple logo made by `helder init`: the school's initials on its color.
# Put your own logo in static/ and change this line.
logo = "static/logo.svg"
timezone = "Europe/Amsterdam"

[[band]]
id = "onderbouw"
name = "Onderbouw"

[[band]]
id = "bovenbouw"
name = "Bovenbouw"

[[class]]
id = "groep-1-2"
name = "Groep 1/2"
bands = ["onderbouw"]
teacher = "Juf Anna"

[[class]]
id = "groep-7-8"
name = "Groep 7/8"
bands = ["bovenbouw"]
teacher = "Meester Tim"

[plain-language]
level = "B1"
max-sentence-words = 20
fail-on = "error"
"##;

const STARTER_PAGES: &[(&str, &str)] = &[
    (
        "index.md",
        "---\ntitle: Welkom\n---\nOp deze site leest u alles over onze school.\n\nBovenaan deze pagina kiest u de groep van uw kind.\n",
    ),
    (
        "kanjer/witte-pet.md",
        "---\ntitle: De witte pet\ntype: cap\ncolor: wit\nweight: 1\nsummary: De witte pet is de tijger. Zo ben je jezelf.\n---\nDe witte pet hoort bij de tijger.\n\n## Tip voor thuis\n\nVraag uw kind: wanneer was jij vandaag een tijger?\n",
    ),
    (
        "groep-1-2/index.md",
        "---\ntitle: Groep 1/2\nclasses: [groep-1-2]\n---\nWelkom bij groep 1/2. Gym is op dinsdag.\n",
    ),
    (
        "team/index.md",
        "---\ntitle: Voor het team\naudience: team\n---\nHier staan de stukken voor het team.\n",
    ),
];

/// Writes a starter site into `dir`; refuses to overwrite an existing site.
pub fn init(dir: &Path) -> Result<(), Errors> {
    if dir.join(CONFIG_FILE).exists() || dir.join(CONTENT_DIR).exists() {
        return Err(
            Diagnostic::usage(msg!("nieuw.al-een-site", map = dir.display()))
                .help(msg!("nieuw.al-een-site-hulp"))
                .into(),
        );
    }
    let write = |rel: &str, text: &str| -> Result<(), Errors> {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Errors::from(Diagnostic::io(parent, &msg!("nieuw.io-map"), &e)))?;
        }
        std::fs::write(&path, text)
            .map_err(|e| Errors::from(Diagnostic::io(&path, &msg!("nieuw.io-bestand"), &e)))
    };
    write(CONFIG_FILE, STARTER_CONFIG)?;
    // The output and the resized-image cache are made by helder, not kept;
    // the codes of private sites are secret (spec §6).
    write(".gitignore", "public/\n.helder-cache/\ncodes.toml\n")?;
    for (path, text) in STARTER_PAGES {
        write(&format!("{CONTENT_DIR}/{path}"), text)?;
    }
    // Team material is private by default: the starter's team page needs a
    // code to build.
    let env = |var: &str| std::env::var(var).ok();
    crate::privacy::codes::add_missing(dir, &crate::config::DEFAULT_PRIVATE, &env)?;
    write("static/logo.svg", &initials_logo("Onze school", "#0b5394"))?;
    Ok(())
}

/// A logo until the school has its own: the telling initials of its name
/// ("Basisschool De Wilgenhoek" → "DW") drawn in white on its color.
pub(crate) fn initials_logo(name: &str, color: &str) -> String {
    crate::formats::initials::svg(name, color, 64, 12)
}

/// Writes a new page of `kind` at `path` (relative to content/).
pub fn new_page(root: &Path, kind: &str, path: &Path) -> Result<PathBuf, Errors> {
    if !PageKind::NAMES.contains(&kind) {
        let names = PageKind::NAMES.join(", ");
        let help = match PageKind::meant(kind) {
            Some(m) => msg!("pagina.type-bedoel", soort = m, soorten = names),
            None => msg!("pagina.type-kies", soorten = names),
        };
        return Err(
            Diagnostic::usage(msg!("pagina.type-onbekend", soort = kind))
                .help(help)
                .into(),
        );
    }
    if !root.join(CONFIG_FILE).exists() {
        return Err(Diagnostic::usage(msg!(
            "config.geen-bestand",
            bestand = CONFIG_FILE,
            map = root.display()
        ))
        .help(msg!("nieuw.geen-site-hulp"))
        .into());
    }
    let rel = path.strip_prefix(CONTENT_DIR).unwrap_or(path);
    if rel.as_os_str().is_empty() || rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(
            Diagnostic::usage(msg!("nieuw.pad-fout", pad = path.display()))
                .help(msg!("nieuw.pad-fout-hulp"))
                .into(),
        );
    }
    let mut rel = rel.to_path_buf();
    if rel.extension().is_none_or(|e| e != "md") {
        rel.set_extension("md");
    }
    let target = root.join(CONTENT_DIR).join(&rel);
    if target.exists() {
        return Err(
            Diagnostic::usage(msg!("nieuw.bestaat-al", pad = target.display()))
                .help(msg!("nieuw.bestaat-al-hulp"))
                .into(),
        );
    }
    let title = title_from(&rel);
    // The same "today" as check and build (SOURCE_DATE_EPOCH when set), so
    // a new post counts for the news rhythm of that day.
    let today = crate::output::syndication::build_date().format("%Y-%m-%d");
    let fields = match kind {
        "cap" => format!("color: {}\n", cap_color_from(&rel)),
        "evening" => format!("date: {today}\ntime: \"19:30\"\nlocation: Speelzaal\n"),
        "event" => format!("date: {today}\nstart: \"08:30\"\nend: \"12:00\"\nlocation: School\n"),
        "news" => format!("date: {today}\n"),
        _ => String::new(),
    };
    let class = (kind == "news").then(|| class_from(root, &rel)).flatten();
    let fields = match &class {
        Some(id) => format!("{fields}classes: [{id}]\n"),
        None => fields,
    };
    let fields = format!("{}{fields}", audience_from(&rel));
    let body = starter_body(kind, class.is_some());
    let text = format!("---\ntitle: {title}\ntype: {kind}\n{fields}summary: \n---\n{body}");
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| Errors::from(Diagnostic::io(parent, &msg!("nieuw.io-map"), &e)))?;
    }
    std::fs::write(&target, text)
        .map_err(|e| Errors::from(Diagnostic::io(&target, &msg!("nieuw.io-pagina"), &e)))?;
    Ok(target)
}

/// The text a new page of `kind` starts with; a class's news gets the
/// parts the team agreed on. Also the editor's start (`/_helder/nieuw`).
pub(crate) fn starter_body(kind: &str, for_a_class: bool) -> &'static str {
    match kind {
        "news" if for_a_class => CLASS_NEWS_BODY,
        "evening" => "## In het kort\n\n- Eerste punt\n- Tweede punt\n\n## Wat is er verteld?\n\nSchrijf hier de samenvatting.\n",
        "slides" => "## Welkom\n\n- Doel van vandaag\n\nNotes: Wat u zegt bij deze dia.\n\n---\n\n## Tweede dia\n\n- Punt\n",
        "manual" => "## Zo werkt het\n\n1. Eerste stap.\n2. Tweede stap.\n\n> [!TIP]\n> Lukt het niet? Vraag het de leerkracht.\n",
        "cap" => "## De sterke kant\n\n## De zwakke kant\n\n## Tip voor thuis\n\n## Praat erover\n",
        _ => "Schrijf hier de tekst.\n",
    }
}

/// The parts the team agreed on for a class's news (spec §7), each with a
/// line saying what goes there.
const CLASS_NEWS_BODY: &str =
    "## Wat deden we?\n\nVertel in een paar korte zinnen wat de groep deed.\n\n\
## Waarom?\n\nLeg uit waarom dit goed is voor de kinderen.\n\n\
## Tip voor thuis\n\nGeef één tip die ouders thuis kunnen doen.\n\n\
## Praat erover\n\nGeef een vraag die ouders aan hun kind kunnen stellen.\n";

/// `groep-5/uitje.md` → `groep-5` when book.toml has that class. A
/// book.toml with errors gives no class: `check` and `build` report those.
fn class_from(root: &Path, rel: &Path) -> Option<String> {
    let first = rel.components().next()?.as_os_str().to_str()?;
    // The file itself is not a folder name.
    if rel.components().count() < 2 {
        return None;
    }
    let config = crate::config::Config::load(root).ok()?;
    config.class(first).map(|c| c.id.clone())
}

/// Pages under `team/` or `training/` are for the team or the training;
/// everything else (slides too) is for parents unless the author says so.
fn audience_from(rel: &Path) -> &'static str {
    match rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy())
    {
        Some(first) if first == "team" => "audience: team\n",
        Some(first) if first == "training" => "audience: training\n",
        _ => "",
    }
}

/// The cap color a file name suggests (`gele-pet.md` → geel), else wit.
fn cap_color_from(rel: &Path) -> &'static str {
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    [
        ("gee", "geel"),
        ("gel", "geel"),
        ("yellow", "geel"),
        ("zwart", "zwart"),
        ("black", "zwart"),
        ("rod", "rood"),
        ("rood", "rood"),
        ("red", "rood"),
    ]
    .iter()
    .find(|(part, _)| stem.split(['-', '_', ' ']).any(|w| w.starts_with(part)))
    .map(|(_, color)| *color)
    .unwrap_or("wit")
}

/// `kanjer/witte-pet.md` → "Witte pet".
fn title_from(rel: &Path) -> String {
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Nieuwe pagina".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_logo_draws_the_initials_on_the_color() {
        let logo = initials_logo("Basisschool De Wilgenhoek", "#0b5394");
        assert!(
            logo.contains("aria-label=\"Basisschool De Wilgenhoek\"")
                && logo.contains("fill=\"#0b5394\"")
                && logo.matches("<path ").count() == 2,
            "{logo}"
        );
    }

    #[test]
    fn cap_color_follows_the_file_name() {
        assert_eq!(cap_color_from(Path::new("kanjer/gele-pet.md")), "geel");
        assert_eq!(
            cap_color_from(Path::new("kanjer/de-zwarte-pet.md")),
            "zwart"
        );
        assert_eq!(cap_color_from(Path::new("rode_pet.md")), "rood");
        assert_eq!(cap_color_from(Path::new("red-cap.md")), "rood");
        assert_eq!(cap_color_from(Path::new("kanjer/pet.md")), "wit");
    }
}
