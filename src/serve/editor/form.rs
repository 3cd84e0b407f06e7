//! The edit form as HTML: its fields filled from the page's front matter
//! (or empty for a new page), the bands and classes of book.toml as check
//! boxes, and the words its script needs. Every word is from the message
//! catalogue (section `bewerken`).

use std::fmt::Write as _;

use serde_json::json;

use crate::config::Config;
use crate::content::frontmatter::{self, OneOrMany, RawFrontMatter};
use crate::markdown::highlight::escape;
use crate::msg;

use super::super::http::Response;
use super::super::State;
use super::guard::{self, Wanted};

/// The page types with their Dutch names, in the order of the menu.
fn kinds() -> [(&'static str, String); 7] {
    [
        ("page", msg!("bewerken.type-page")),
        ("news", msg!("bewerken.type-news")),
        ("evening", msg!("bewerken.type-evening")),
        ("event", msg!("bewerken.type-event")),
        ("cap", msg!("bewerken.type-cap")),
        ("manual", msg!("bewerken.type-manual")),
        ("slides", msg!("bewerken.type-slides")),
    ]
}

/// What the form starts with.
struct Start {
    /// The path under `content/`; "" for a new page.
    path: String,
    hash: String,
    front: RawFrontMatter,
    body: String,
}

/// `/_helder/bewerk/<path>`: the form for an existing page.
pub(super) fn edit(state: &State, rel: &str) -> Response {
    let rel = percent_encoding::percent_decode_str(rel)
        .decode_utf8_lossy()
        .into_owned();
    let Some(file) = guard::content_file(&state.root, &rel, Wanted::Page) else {
        return super::super::html(
            400,
            super::super::pages::message(
                &msg!("bewerken.uit-titel"),
                &escape(&msg!("bewerken.pad-fout", pad = rel)),
            ),
        );
    };
    let Ok(bytes) = std::fs::read(file) else {
        let text = msg!("bewerken.niet-gevonden", pad = escape(&rel));
        return super::super::html(
            404,
            super::super::pages::message(&msg!("bewerken.uit-titel"), &text),
        );
    };
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let (front, body) = match frontmatter::split(text) {
        Ok(split) => (
            frontmatter::parse(&split).unwrap_or_default(),
            split.body.to_string(),
        ),
        Err(_) => (RawFrontMatter::default(), text.to_string()),
    };
    let start = Start {
        path: rel,
        hash: super::change::hash(&bytes),
        front,
        body,
    };
    page(state, &start)
}

/// `/_helder/nieuw`: the form for a new page.
pub(super) fn new(state: &State) -> Response {
    let start = Start {
        path: String::new(),
        hash: String::new(),
        front: RawFrontMatter {
            kind: Some("news".into()),
            ..RawFrontMatter::default()
        },
        body: crate::scaffold::starter_body("news", false).into(),
    };
    page(state, &start)
}

fn page(state: &State, start: &Start) -> Response {
    let config = match Config::load(&state.root) {
        Ok(config) => config,
        Err(errors) => {
            return super::super::html(500, super::super::pages::errors(&errors));
        }
    };
    let title = if start.path.is_empty() {
        msg!("bewerken.nieuw-titel")
    } else {
        msg!(
            "bewerken.titel",
            titel = escape(start.front.title.as_deref().unwrap_or(&start.path))
        )
    };
    let mut html = format!(
        "<!doctype html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"helder-token\" content=\"{token}\">\n<title>{title}</title>\n\
         <link rel=\"stylesheet\" href=\"/_helder/editor.css\">\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#tekst\">{skip}</a>\n<header><h1>{title}</h1>\
         <nav aria-label=\"{nav}\"><a href=\"/\">{site}</a> <a href=\"/_helder/\">{overview}</a> <a href=\"/_helder/nieuw\">{new}</a></nav></header>\n",
        token = escape(&state.editor.token),
        skip = msg!("bewerken.naar-tekst"),
        nav = msg!("bewerken.menu"),
        site = msg!("bewerken.naar-site"),
        overview = msg!("bewerken.naar-overzicht"),
        new = msg!("bewerken.nieuwe-pagina"),
    );
    let _ = write!(
        html,
        "<main>\n<form id=\"bewerk\" data-pad=\"{}\" data-hash=\"{}\" novalidate>\n<div class=\"velden\">\n",
        escape(&start.path),
        escape(&start.hash)
    );
    html.push_str(&fields(&config, start));
    html.push_str(&text_area(&start.body));
    let _ = write!(
        html,
        "<p class=\"knoppen\"><button type=\"submit\" id=\"opslaan\">{}</button></p>\n\
         <div id=\"melding\" role=\"status\" aria-live=\"polite\"></div>\n\
         <section id=\"conflict\" hidden aria-labelledby=\"conflict-kop\"><h2 id=\"conflict-kop\" tabindex=\"-1\">{}</h2><p>{}</p>\
         <div class=\"twee\"><div><h3>{}</h3><pre id=\"conflict-mijn\" tabindex=\"0\"></pre></div><div><h3>{}</h3><pre id=\"conflict-schijf\" tabindex=\"0\"></pre></div></div></section>\n\
         </div>\n",
        msg!("bewerken.opslaan"),
        msg!("bewerken.conflict-kop"),
        msg!("bewerken.conflict-uitleg"),
        msg!("bewerken.conflict-mijn"),
        msg!("bewerken.conflict-schijf"),
    );
    let _ = write!(
        html,
        "<section class=\"voorbeeld\" aria-labelledby=\"voorbeeld-kop\"><h2 id=\"voorbeeld-kop\">{}</h2>\
         <p id=\"voorbeeld-stand\" role=\"status\" aria-live=\"polite\"></p>\
         <h3>{}</h3><ul id=\"bevindingen\"></ul>\
         <iframe id=\"voorbeeld\" title=\"{}\" sandbox=\"allow-same-origin\"></iframe></section>\n</form>\n</main>\n",
        msg!("bewerken.voorbeeld-kop"),
        msg!("bewerken.bevindingen-kop"),
        msg!("bewerken.voorbeeld-naam"),
    );
    let words = json!({
        "bezig": msg!("bewerken.bezig"),
        "klaar": msg!("bewerken.voorbeeld-klaar"),
        "geenBevindingen": msg!("bewerken.geen-bevindingen"),
        "regel": msg!("bewerken.regel"),
        "fout": msg!("voorbeeld.niveau-fout"),
        "waarschuwing": msg!("voorbeeld.niveau-waarschuwing"),
        "opslaanBezig": msg!("bewerken.opslaan-bezig"),
        "alt": msg!("bewerken.alt-vraag"),
        "afbeeldingBezig": msg!("bewerken.afbeelding-bezig"),
        "netwerk": msg!("bewerken.netwerk-fout"),
        "kop": msg!("bewerken.voorbeeld-kop-tekst"),
        "vet": msg!("bewerken.voorbeeld-vet"),
        "punt": msg!("bewerken.voorbeeld-punt"),
        "linkTekst": msg!("bewerken.voorbeeld-link"),
        "linkVraag": msg!("bewerken.link-vraag"),
        "kader": msg!("bewerken.voorbeeld-kader"),
        "starters": starters(),
    });
    let _ = write!(
        html,
        "<script type=\"application/json\" id=\"woorden\">{}</script>\n<script src=\"/_helder/editor.js\"></script>\n</body>\n</html>\n",
        words.to_string().replace("</", "<\\/")
    );
    let mut response = super::super::ok("text/html; charset=utf-8", html.into_bytes());
    // Another site may not show the form in a frame and trick a click on
    // "Opslaan" (clickjacking): the form's requests would be its own.
    response.headers.extend([
        ("X-Frame-Options".into(), "DENY".into()),
        (
            "Content-Security-Policy".into(),
            "frame-ancestors 'none'".into(),
        ),
    ]);
    response
}

/// The text each type starts with in a new page (a class's news separately).
fn starters() -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for (kind, _) in kinds() {
        map.insert(
            kind.into(),
            crate::scaffold::starter_body(kind, false).into(),
        );
    }
    map.insert(
        "news-klas".into(),
        crate::scaffold::starter_body("news", true).into(),
    );
    serde_json::Value::Object(map)
}

/// The fields above the text: title, type, audience, bands, classes, the
/// date fields, the cap's color, the summary, draft, and for a new page its
/// file name.
fn fields(config: &Config, start: &Start) -> String {
    let fm = &start.front;
    let kind = fm.kind.as_deref().unwrap_or("page");
    let list = |v: &Option<OneOrMany>| match v {
        Some(OneOrMany::One(s)) => vec![s.clone()],
        Some(OneOrMany::Many(v)) => v.clone(),
        None => Vec::new(),
    };
    let mut html = input(
        "title",
        &msg!("bewerken.veld-titel"),
        "text",
        fm.title.as_deref().unwrap_or(""),
        "",
    );
    let options: Vec<(String, String)> = kinds()
        .into_iter()
        .map(|(k, n)| (k.to_string(), n))
        .collect();
    html.push_str(&select("type", &msg!("bewerken.veld-type"), &options, kind));
    let audiences = vec![
        ("ouders".to_string(), msg!("bewerken.voor-ouders")),
        ("team".to_string(), msg!("bewerken.voor-team")),
        ("training".to_string(), msg!("bewerken.voor-training")),
    ];
    html.push_str(&select(
        "audience",
        &msg!("bewerken.veld-voor-wie"),
        &audiences,
        fm.audience.as_deref().unwrap_or("ouders"),
    ));
    let bands: Vec<(String, String)> = config
        .bands
        .iter()
        .map(|b| (b.id.clone(), b.name.clone()))
        .collect();
    html.push_str(&boxes(
        "bands",
        &msg!("bewerken.veld-bouwen"),
        &bands,
        &list(&fm.bands),
    ));
    let classes: Vec<(String, String)> = config
        .classes
        .iter()
        .map(|c| (c.id.clone(), c.name.clone()))
        .collect();
    html.push_str(&boxes(
        "classes",
        &msg!("bewerken.veld-groepen"),
        &classes,
        &list(&fm.classes),
    ));
    html.push_str(&when_and_where(fm));
    let _ = writeln!(
        html,
        "<p class=\"veld\"><label for=\"summary\">{}</label><span class=\"hulp\" id=\"summary-hulp\">{}</span>\
         <textarea id=\"summary\" name=\"summary\" rows=\"2\" aria-describedby=\"summary-hulp\">{}</textarea></p>",
        msg!("bewerken.veld-samenvatting"),
        msg!("bewerken.hulp-samenvatting"),
        escape(fm.summary.as_deref().unwrap_or(""))
    );
    let _ = writeln!(
        html,
        "<p class=\"veld vink\"><input type=\"checkbox\" id=\"draft\" name=\"draft\"{}><label for=\"draft\">{}</label></p>",
        if fm.draft == Some(true) { " checked" } else { "" },
        msg!("bewerken.veld-concept")
    );
    if start.path.is_empty() {
        let _ = writeln!(
            html,
            "<p class=\"veld\"><label for=\"pad\">{}</label><span class=\"hulp\" id=\"pad-hulp\">{}</span>\
             <input type=\"text\" id=\"pad\" name=\"pad\" aria-describedby=\"pad-hulp\" spellcheck=\"false\" autocomplete=\"off\"></p>",
            msg!("bewerken.veld-bestand"),
            msg!("bewerken.hulp-bestand"),
        );
    }
    html
}

/// The fields of a day and place, each shown for the types that need it
/// (data-voor), and a cap's color.
fn when_and_where(fm: &RawFrontMatter) -> String {
    let scalar = |v: &Option<frontmatter::Scalar>| v.as_ref().map(|s| s.text()).unwrap_or_default();
    let mut html = input(
        "date",
        &msg!("bewerken.veld-datum"),
        "date",
        &scalar(&fm.date),
        "datum",
    );
    html.push_str(&input(
        "time",
        &msg!("bewerken.veld-tijd"),
        "time",
        &scalar(&fm.time),
        "avond",
    ));
    html.push_str(&input(
        "start",
        &msg!("bewerken.veld-begin"),
        "time",
        &scalar(&fm.start),
        "activiteit",
    ));
    html.push_str(&input(
        "end",
        &msg!("bewerken.veld-eind"),
        "time",
        &scalar(&fm.end),
        "activiteit",
    ));
    html.push_str(&input(
        "location",
        &msg!("bewerken.veld-plaats"),
        "text",
        fm.location.as_deref().unwrap_or(""),
        "plaats",
    ));
    let colors: Vec<(String, String)> = ["wit", "geel", "zwart", "rood"]
        .iter()
        .map(|c| (c.to_string(), c.to_string()))
        .collect();
    let mut color = select(
        "color",
        &msg!("bewerken.veld-kleur"),
        &colors,
        fm.color.as_deref().unwrap_or("wit"),
    );
    color = color.replacen(
        "<p class=\"veld\"",
        "<p class=\"veld\" data-voor=\"pet\"",
        1,
    );
    html.push_str(&color);
    html
}

/// A labelled input; `shown_for` names the types that need it (data-voor),
/// "" for every type.
fn input(name: &str, label: &str, kind: &str, value: &str, shown_for: &str) -> String {
    let voor = if shown_for.is_empty() {
        String::new()
    } else {
        format!(" data-voor=\"{shown_for}\"")
    };
    let required = if name == "title" {
        " required aria-required=\"true\""
    } else {
        ""
    };
    format!(
        "<p class=\"veld\"{voor}><label for=\"{name}\">{label}</label>\
         <input type=\"{kind}\" id=\"{name}\" name=\"{name}\" value=\"{}\"{required}></p>\n",
        escape(value)
    )
}

fn select(name: &str, label: &str, options: &[(String, String)], chosen: &str) -> String {
    let mut html = format!("<p class=\"veld\"><label for=\"{name}\">{label}</label><select id=\"{name}\" name=\"{name}\">");
    for (value, text) in options {
        let _ = write!(
            html,
            "<option value=\"{}\"{}>{}</option>",
            escape(value),
            if value == chosen { " selected" } else { "" },
            escape(text)
        );
    }
    html.push_str("</select></p>\n");
    html
}

/// Check boxes in a fieldset; nothing to choose from: no fieldset.
fn boxes(name: &str, legend: &str, options: &[(String, String)], chosen: &[String]) -> String {
    if options.is_empty() {
        return String::new();
    }
    let mut html = format!("<fieldset class=\"vakjes\" id=\"{name}\"><legend>{legend}</legend>");
    for (i, (value, text)) in options.iter().enumerate() {
        let _ = write!(
            html,
            "<span><input type=\"checkbox\" id=\"{name}-{i}\" name=\"{name}\" value=\"{}\"{}><label for=\"{name}-{i}\">{}</label></span>",
            escape(value),
            if chosen.contains(value) { " checked" } else { "" },
            escape(text)
        );
    }
    html.push_str("</fieldset>\n");
    html
}

/// The text with its toolbar.
fn text_area(body: &str) -> String {
    let mut html = format!(
        "<div class=\"veld\"><label for=\"tekst\">{}</label><span class=\"hulp\" id=\"tekst-hulp\">{}</span>\
         <div class=\"balk\" role=\"toolbar\" aria-label=\"{}\" aria-controls=\"tekst\">",
        msg!("bewerken.veld-tekst"),
        msg!("bewerken.hulp-tekst"),
        msg!("bewerken.balk"),
    );
    for (action, label) in [
        ("kop", msg!("bewerken.knop-kop")),
        ("vet", msg!("bewerken.knop-vet")),
        ("lijst", msg!("bewerken.knop-lijst")),
        ("link", msg!("bewerken.knop-link")),
        ("afbeelding", msg!("bewerken.knop-afbeelding")),
        ("kader", msg!("bewerken.knop-kader")),
    ] {
        let _ = write!(
            html,
            "<button type=\"button\" data-doe=\"{action}\">{label}</button>"
        );
    }
    let _ = writeln!(
        html,
        "</div><input type=\"file\" id=\"bestand\" accept=\"image/png,image/jpeg,image/gif,image/webp\" hidden>\
         <textarea id=\"tekst\" name=\"tekst\" rows=\"18\" spellcheck=\"true\" aria-describedby=\"tekst-hulp\">{}</textarea></div>",
        escape(body)
    );
    html
}
