//! The theme: Tera templates, static files and shortcodes.
//!
//! The built-in theme `helder` is compiled into the binary. A site overrides
//! any single file of it by putting a file at the same relative path in
//! `themes/<theme>/` (spec §1).

pub(crate) mod caps;
pub(crate) mod context;
mod guard;
pub(crate) mod reply;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use tera::Tera;

use crate::config::Config;
use crate::content::Page;
use crate::error::{Diagnostic, Errors};
use crate::formats::qr;
use crate::markdown::{ArgValue, Shortcodes};
use crate::msg;

static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/helder");

/// A file the theme or the site's static/ folder puts in the output as is.
#[derive(Debug, Clone)]
pub enum StaticSource {
    Embedded(&'static [u8]),
    File(PathBuf),
}

pub struct Theme {
    tera: Tera,
    /// Output path (relative to the output root) → where its bytes come from.
    pub static_files: BTreeMap<String, StaticSource>,
    shortcodes: BTreeSet<String>,
    /// Template name → the file it came from, for error messages.
    origins: BTreeMap<String, String>,
    /// For shortcodes that need absolute addresses (qr).
    base_url: Option<String>,
    /// The theme's own words per language (i18n/LANG.toml), each already
    /// filled in from its fallbacks (nl-BE -> nl).
    strings: HashMap<String, BTreeMap<String, String>>,
    /// Changes when a template, a word or a static file changes (the
    /// service worker's build version, `output::app`).
    pub fingerprint: u64,
    /// Changes when what the rendered page bodies read of the theme
    /// changes (`body_fingerprint`): while it stays the same, the preview
    /// keeps the bodies it rendered.
    pub body_fingerprint: u64,
}

impl Theme {
    pub fn load(config: &Config) -> Result<Theme, Errors> {
        let mut files = ThemeFiles::default();
        files.read_built_in();
        files.read_site_theme(config);
        files.read_site_static(config);
        let ThemeFiles {
            templates,
            static_files,
            words,
            mut errors,
        } = files;
        let shortcodes = templates
            .keys()
            .filter_map(|n| {
                n.strip_prefix("shortcodes/")?
                    .strip_suffix(".html")
                    .map(str::to_string)
            })
            .collect();
        // Templates are checked one by one first so a syntax error names its file.
        for (name, (text, shown)) in &templates {
            if let Err(e) = tera::Template::new(name, None, text) {
                errors.push(
                    Diagnostic::site(msg!("thema.template-fout", fout = error_chain(&e)))
                        .in_file(shown)
                        .help(msg!("thema.template-fout-hulp")),
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let fingerprint = fingerprint(&templates, &words, &static_files);
        let strings = fill_words(config, &words);
        let body_fingerprint = body_fingerprint(&templates, &strings, config.base_url.as_deref());
        let (tera, origins) = compile(config, templates)?;
        Ok(Theme {
            tera,
            static_files,
            shortcodes,
            origins,
            base_url: config.base_url.clone(),
            strings,
            fingerprint,
            body_fingerprint,
        })
    }

    /// Renders a template with a serializable context.
    pub fn render(
        &self,
        template: &str,
        context: &impl serde::Serialize,
    ) -> Result<String, String> {
        let context = tera::Context::from_serialize(context).map_err(|e| error_chain(&e))?;
        let html = guard::within_budget(guard::Limits::default(), || {
            self.tera.render(template, &context)
        })
        .map_err(|e| error_chain(&e))?;
        if html.len() > guard::MAX_OUTPUT {
            return Err(msg!(
                "thema.te-groot",
                mb = guard::MAX_OUTPUT / (1024 * 1024)
            ));
        }
        Ok(html)
    }

    /// The theme's words for `lang` (the default language's for an unknown one).
    pub fn strings(&self, lang: &str) -> &BTreeMap<String, String> {
        static EMPTY: BTreeMap<String, String> = BTreeMap::new();
        self.strings
            .get(lang)
            .or_else(|| self.strings.get("nl"))
            .unwrap_or(&EMPTY)
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.origins.contains_key(name)
    }

    /// The file a template came from: the site's override or the built-in theme.
    pub fn origin<'a>(&'a self, name: &'a str) -> &'a str {
        self.origins.get(name).map(String::as_str).unwrap_or(name)
    }
}

/// A hash of the theme's files: template texts and words as read, static
/// files by their name, size and time of change.
fn fingerprint(
    templates: &BTreeMap<String, (String, String)>,
    words: &BTreeMap<String, BTreeMap<String, String>>,
    static_files: &BTreeMap<String, StaticSource>,
) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    for (name, (text, _)) in templates {
        (name, text).hash(&mut h);
    }
    words.hash(&mut h);
    for (path, source) in static_files {
        path.hash(&mut h);
        if let StaticSource::File(file) = source {
            if let Ok(meta) = std::fs::metadata(file) {
                (meta.len(), meta.modified().ok()).hash(&mut h);
            }
        }
    }
    h.finish()
}

/// A hash of what Markdown rendering reads of the theme (`Shortcodes`):
/// the shortcode templates, the words (callout titles) and the base address
/// (the qr shortcode). A shortcode that includes, imports or extends another
/// template reads that one too, so then every template counts.
fn body_fingerprint(
    templates: &BTreeMap<String, (String, String)>,
    strings: &HashMap<String, BTreeMap<String, String>>,
    base_url: Option<&str>,
) -> u64 {
    use std::hash::{Hash, Hasher};
    let is_shortcode = |name: &str| name.starts_with("shortcodes/");
    let reaches_others = templates.iter().any(|(name, (text, _))| {
        is_shortcode(name)
            && ["include", "import", "extends"]
                .iter()
                .any(|word| text.contains(word))
    });
    let mut h = std::hash::DefaultHasher::new();
    for (name, (text, _)) in templates {
        if reaches_others || is_shortcode(name) {
            (name, text).hash(&mut h);
        }
    }
    let strings: BTreeMap<&String, &BTreeMap<String, String>> = strings.iter().collect();
    strings.hash(&mut h);
    base_url.hash(&mut h);
    h.finish()
}

/// The files a theme is made of, read from the built-in theme, the site's
/// theme folder (which wins) and the site's `static/`.
#[derive(Default)]
struct ThemeFiles {
    /// name → (source text, file for error messages)
    templates: BTreeMap<String, (String, String)>,
    static_files: BTreeMap<String, StaticSource>,
    /// language → (key → text), built-in first, the site's files on top.
    words: BTreeMap<String, BTreeMap<String, String>>,
    errors: Errors,
}

impl ThemeFiles {
    fn read_built_in(&mut self) {
        for file in all_files(&BUILT_IN) {
            let path = file.path().to_string_lossy().replace('\\', "/");
            if let Some(name) = template_name(&path) {
                let text = String::from_utf8_lossy(file.contents()).into_owned();
                self.templates
                    .insert(name, (text, msg!("thema.ingebouwd", pad = path)));
            } else if let Some(lang) = i18n_language(&path) {
                let text = String::from_utf8_lossy(file.contents());
                match parse_words(&text) {
                    Ok(map) => self.words.entry(lang).or_default().extend(map),
                    Err(e) => self.errors.push(Diagnostic::site(format!(
                        "{}: {e}",
                        msg!("thema.ingebouwd", pad = path)
                    ))),
                }
            } else if let Some(out) = path.strip_prefix("static/") {
                self.static_files
                    .insert(out.to_string(), StaticSource::Embedded(file.contents()));
            }
        }
    }

    /// `themes/NAME/` of the site: templates, word lists and static files
    /// that replace or add to the built-in ones.
    fn read_site_theme(&mut self, config: &Config) {
        let theme_dir = config.root.join("themes").join(&config.theme);
        if !theme_dir.is_dir() {
            return;
        }
        for entry in walkdir::WalkDir::new(&theme_dir).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    self.errors.push(
                        Diagnostic::usage(msg!("thema.lezen-fout", fout = e)).in_file(&theme_dir),
                    );
                    continue;
                }
            };
            if entry.file_type().is_file() {
                let rel = relative_slash(entry.path(), &theme_dir);
                self.read_site_theme_file(config, entry.path(), rel);
            }
        }
    }

    fn read_site_theme_file(&mut self, config: &Config, path: &Path, rel: String) {
        let shown = format!("themes/{}/{rel}", config.theme);
        if let Some(lang) = i18n_language(&rel) {
            match std::fs::read_to_string(path)
                .map_err(|e| crate::error::io_reason(&e))
                .and_then(|t| parse_words(&t))
            {
                Ok(map) => self.words.entry(lang).or_default().extend(map),
                Err(e) => self.errors.push(
                    Diagnostic::site(msg!("thema.woorden-fout", fout = e))
                        .in_file(&shown)
                        .help(msg!("thema.woorden-fout-hulp")),
                ),
            }
        } else if let Some(name) = template_name(&rel) {
            match std::fs::read_to_string(path) {
                Ok(text) => {
                    self.templates.insert(name, (text, shown));
                }
                Err(e) => self.errors.push(Diagnostic::io(
                    Path::new(&shown),
                    &msg!("thema.io-template-lezen"),
                    &e,
                )),
            }
        } else if let Some(out) = rel.strip_prefix("static/") {
            self.static_files
                .insert(out.to_string(), StaticSource::File(path.to_path_buf()));
        }
    }

    /// The site's own static/ goes to the output root, like Zola and Hugo.
    fn read_site_static(&mut self, config: &Config) {
        let site_static = config.root.join("static");
        if !site_static.is_dir() {
            return;
        }
        for entry in walkdir::WalkDir::new(&site_static)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if entry.file_type().is_file()
                && !crate::content::is_ignored(&entry.file_name().to_string_lossy())
            {
                self.static_files.insert(
                    relative_slash(entry.path(), &site_static),
                    StaticSource::File(entry.path().to_path_buf()),
                );
            }
        }
    }
}

/// The templates as one Tera instance, with helder's escaping, functions and
/// guards; an endless include or macro cycle is an error naming the template.
fn compile(
    config: &Config,
    templates: BTreeMap<String, (String, String)>,
) -> Result<(Tera, BTreeMap<String, String>), Errors> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's default also escapes '/', which bloats every URL for nothing.
    tera.set_escape_fn(escape_html);
    tera.register_function("cap_drawing", caps::tera_function);
    if let Err(e) =
        tera.add_raw_templates(templates.iter().map(|(n, (t, _))| (n.as_str(), t.as_str())))
    {
        let theme_dir = config.root.join("themes").join(&config.theme);
        return Err(Diagnostic::site(msg!("thema.fout", fout = error_chain(&e)))
            .in_file(theme_dir.strip_prefix(&config.root).unwrap_or(&theme_dir))
            .help(msg!("thema.fout-hulp"))
            .into());
    }
    let origins: BTreeMap<String, String> = templates
        .into_iter()
        .map(|(name, (_, shown))| (name, shown))
        .collect();
    let mut errors = Errors::new();
    for (name, message) in guard::endless_cycles(&tera) {
        let shown = origins.get(&name).cloned().unwrap_or(name);
        errors.push(
            Diagnostic::site(msg!("thema.template-fout", fout = message))
                .in_file(shown)
                .help(msg!("thema.eindeloos-hulp")),
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    guard::instrument(&mut tera);
    Ok((tera, origins))
}

/// Shortcodes written in Rust; a site's own template of the same name wins.
const BUILT_IN_SHORTCODES: &[&str] = &["qr"];

impl Shortcodes for Theme {
    fn word(&self, lang: &str, key: &str) -> Option<&str> {
        self.strings(lang).get(key).map(String::as_str)
    }

    fn exists(&self, name: &str) -> bool {
        self.shortcodes.contains(name) || BUILT_IN_SHORTCODES.contains(&name)
    }

    fn names(&self) -> Vec<String> {
        let mut names: BTreeSet<String> = self.shortcodes.clone();
        names.extend(BUILT_IN_SHORTCODES.iter().map(|s| s.to_string()));
        names.into_iter().collect()
    }

    fn render(
        &self,
        name: &str,
        args: &BTreeMap<String, ArgValue>,
        page: &Page,
    ) -> Result<String, String> {
        #[derive(serde::Serialize)]
        struct ShortcodeContext<'a> {
            #[serde(flatten)]
            args: &'a BTreeMap<String, ArgValue>,
            page: context::ShortcodePage<'a>,
        }
        if !self.shortcodes.contains(name) && name == "qr" {
            return self.qr(args);
        }
        let ctx = ShortcodeContext {
            args,
            page: context::ShortcodePage::of(page),
        };
        Theme::render(self, &format!("shortcodes/{name}.html"), &ctx)
            .map(|s| s.trim().to_string())
            .map_err(|e| thrown(&e).unwrap_or(e))
    }
}

/// The message a template gave to `throw(message="...")`, without Tera's
/// English wrapping ("Failed to render ...: Function call 'throw' failed:"):
/// a shortcode throws to tell the author what to write.
fn thrown(error: &str) -> Option<String> {
    let (_, message) = error.split_once("Function call 'throw' failed: ")?;
    Some(message.to_string())
}

impl Theme {
    /// `{{ qr(url="...", label="...") }}`: an inline SVG QR code. A URL
    /// without a scheme is taken below `[site] base-url`, since a QR code on
    /// paper must hold a full address.
    fn qr(&self, args: &BTreeMap<String, ArgValue>) -> Result<String, String> {
        let Some(ArgValue::Text(url)) = args.get("url") else {
            return Err(msg!("thema.qr-url-nodig"));
        };
        if crate::markdown::raw_html::is_script_address(url) {
            return Err(msg!("thema.qr-script", adres = url));
        }
        let url = if crate::markdown::links::has_scheme(url) {
            url.clone()
        } else {
            match &self.base_url {
                Some(base) => format!("{base}/{}", url.trim_start_matches('/')),
                None => return Err(msg!("thema.qr-url-onvolledig", adres = url)),
            }
        };
        let label = match args.get("label") {
            Some(ArgValue::Text(label)) => label.clone(),
            _ => format!("QR-code naar {url}"),
        };
        qr::svg(&url, &label).map_err(|error| match error {
            qr::Error::Empty => msg!("qr.leeg"),
            qr::Error::TooLong { bytes } => msg!("qr.te-lang", bytes = bytes),
            qr::Error::Other(error) => msg!("qr.kan-niet", fout = error),
        })
    }
}

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Tera hides the useful part of an error in its sources.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

/// `i18n/en.toml` -> `en`.
fn i18n_language(path: &str) -> Option<String> {
    path.strip_prefix("i18n/")?
        .strip_suffix(".toml")
        .filter(|l| !l.contains('/'))
        .map(str::to_string)
}

fn parse_words(text: &str) -> Result<BTreeMap<String, String>, String> {
    toml::from_str(text).map_err(|e| e.message().to_string())
}

/// For each language the site uses: Dutch, then the base language (nl for
/// nl-BE), then the language itself, each on top of the one before, so a
/// missing word is never empty.
fn fill_words(
    config: &Config,
    words: &BTreeMap<String, BTreeMap<String, String>>,
) -> HashMap<String, BTreeMap<String, String>> {
    let languages = std::iter::once(config.language.as_str()).chain(config.language_codes());
    languages
        .map(|lang| {
            let mut filled = words.get("nl").cloned().unwrap_or_default();
            let base = lang.split('-').next().unwrap_or(lang);
            for layer in [base, lang] {
                if let Some(map) = words.get(layer) {
                    filled.extend(map.clone());
                }
            }
            (lang.to_string(), filled)
        })
        .collect()
}

fn template_name(path: &str) -> Option<String> {
    if let Some(name) = path.strip_prefix("templates/") {
        return Some(name.to_string());
    }
    path.strip_prefix("shortcodes/").map(|_| path.to_string())
}

fn all_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut files: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(all_files(sub));
    }
    files
}

fn relative_slash(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
/// The built-in theme's files, for `helder init` and tests.
pub(crate) fn built_in_file(path: &str) -> Option<&'static [u8]> {
    BUILT_IN.get_file(path).map(|f| f.contents())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every built-in word list has exactly the words of nl.toml, so no
    /// language silently falls back to Dutch for a new word.
    #[test]
    fn word_lists_have_the_same_keys() {
        let nl = parse_words(std::str::from_utf8(built_in_file("i18n/nl.toml").unwrap()).unwrap())
            .unwrap();
        for lang in ["en", "ar", "tr", "pl", "uk"] {
            let text =
                std::str::from_utf8(built_in_file(&format!("i18n/{lang}.toml")).unwrap()).unwrap();
            let words = parse_words(text).unwrap();
            let missing: Vec<_> = nl.keys().filter(|k| !words.contains_key(*k)).collect();
            let extra: Vec<_> = words.keys().filter(|k| !nl.contains_key(*k)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang}: missing {missing:?}, extra {extra:?}"
            );
        }
    }

    /// A list begun for another language (fr, de) holds no word nl.toml
    /// does not have; what it lacks falls back to Dutch.
    #[test]
    fn partial_word_lists_hold_only_known_words() {
        let nl = parse_words(std::str::from_utf8(built_in_file("i18n/nl.toml").unwrap()).unwrap())
            .unwrap();
        for lang in ["fr", "de"] {
            let text =
                std::str::from_utf8(built_in_file(&format!("i18n/{lang}.toml")).unwrap()).unwrap();
            for key in parse_words(text).unwrap().keys() {
                assert!(nl.contains_key(key), "{lang} has unknown word {key}");
            }
        }
    }

    /// A regional list (nl-BE) holds only the words that differ, and no word
    /// the base list does not have.
    #[test]
    fn flemish_words_differ_from_dutch_and_fall_back_to_it() {
        let nl = parse_words(std::str::from_utf8(built_in_file("i18n/nl.toml").unwrap()).unwrap())
            .unwrap();
        let be =
            parse_words(std::str::from_utf8(built_in_file("i18n/nl-BE.toml").unwrap()).unwrap())
                .unwrap();
        for (key, word) in &be {
            assert!(nl.contains_key(key), "nl-BE has unknown word {key}");
            assert_ne!(nl.get(key), Some(word), "nl-BE repeats the Dutch {key}");
        }
        let config = crate::config::Config::parse(
            Path::new("/nonexistent/helder-test-site"),
            "[book]\ntitle = \"School\"\nlanguage = \"nl-BE\"\n",
        )
        .unwrap();
        let theme = Theme::load(&config).unwrap();
        let words = theme.strings("nl-BE");
        assert_eq!(words["agenda_link"], "Zet de kalender op uw gsm");
        assert_eq!(words["skip"], nl["skip"], "the rest falls back to Dutch");
    }
}
