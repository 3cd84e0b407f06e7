//! What only the preview shows: the reload script, each page's
//! plain-language overlay, the overview at `/_helder/`, and the error and
//! "not found" pages. None of it is ever written to the output.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::error::Errors;
use crate::markdown::highlight::escape;
use crate::msg;
use crate::plain::{Level, Report};
use crate::Loaded;

/// Reloads the tab after each rebuild; EventSource reconnects by itself when
/// the server restarts.
pub(super) const RELOAD_JS: &str = r#"(function () {
  var events = new EventSource("/_helder/events");
  events.onmessage = function (e) { if (e.data === "reload") location.reload(); };
})();
"#;

const RELOAD_TAG: &str = "<script src=\"/_helder/reload.js\"></script>\n";

/// `html` with the overlay and the reload script before `</body>`.
pub(super) fn inject(html: &str, overlay: &str) -> String {
    let addition = format!("{overlay}{RELOAD_TAG}");
    match html.rfind("</body>") {
        Some(i) => format!("{}{addition}{}", &html[..i], &html[i..]),
        None => format!("{html}{addition}"),
    }
}

pub(super) fn with_reload(html: &str) -> String {
    inject(html, "")
}

/// Output path → overlay, for every page of every site.
pub(super) fn overlays(loaded: &Loaded) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for site in &loaded.sites {
        for &id in site.home.iter().chain(&site.pages) {
            if let Some(report) = loaded.extras.as_ref().and_then(|e| e.reports.get(id)) {
                map.insert(
                    site.page_file(id, &loaded.content.pages[id]),
                    overlay(report),
                );
            }
        }
    }
    map
}

/// Output path → overlay, for the files of one page.
pub(super) fn overlays_of(loaded: &Loaded, id: usize) -> Vec<(String, String)> {
    let Some(report) = loaded.extras.as_ref().and_then(|e| e.reports.get(id)) else {
        return Vec::new();
    };
    let html = overlay(report);
    loaded
        .sites
        .iter()
        .filter(|site| site.contains(id))
        .map(|site| (site.page_file(id, &loaded.content.pages[id]), html.clone()))
        .collect()
}

/// Output path → the page's path under `content/`, for every page of every
/// site (its "Bewerk" link).
pub(super) fn sources(loaded: &Loaded) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for site in &loaded.sites {
        for &id in site.home.iter().chain(&site.pages) {
            let page = &loaded.content.pages[id];
            map.insert(site.page_file(id, page), page.content_path.clone());
        }
    }
    map
}

/// Output path → path under `content/`, for the files of one page.
pub(super) fn sources_of(loaded: &Loaded, id: usize) -> Vec<(String, String)> {
    let page = &loaded.content.pages[id];
    loaded
        .sites
        .iter()
        .filter(|site| site.contains(id))
        .map(|site| (site.page_file(id, page), page.content_path.clone()))
        .collect()
}

/// A small panel in the corner: the page's score and, opened, its findings
/// with their line in the Markdown file.
fn overlay(report: &Report) -> String {
    let (errors, warnings) = (report.errors(), report.warnings());
    let colour = if errors > 0 {
        "#a3123a"
    } else if warnings > 0 {
        "#8a4b08"
    } else {
        "#1b6e3a"
    };
    let mut html = format!(
        "<aside aria-label=\"{}\" style=\"position:fixed;right:0.5rem;bottom:0.5rem;max-width:min(28rem,95vw);max-height:60vh;overflow:auto;z-index:99;background:#fff;color:#1a1a1a;border:3px solid {colour};border-radius:0.5rem;padding:0.4rem 0.8rem;font:15px/1.4 system-ui,sans-serif;box-shadow:0 0.3rem 1rem rgba(0,0,0,.25)\">\
         <details><summary style=\"cursor:pointer\">{}</summary>\
         <p style=\"margin:0.3rem 0\">{}</p><ul style=\"padding-left:1.1rem;margin:0.3rem 0\">",
        msg!("voorbeeld.paneel-naam"),
        msg!(
            "voorbeeld.paneel-kop",
            score = format!("{:.0}", report.flesch_douma),
            niveau = escape(&report.level),
            fouten = errors,
            waarschuwingen = warnings
        ),
        msg!(
            "voorbeeld.paneel-cijfers",
            bestand = escape(&report.file),
            woorden = report.words,
            per_zin = format!("{:.1}", report.mean_sentence_words).replace('.', ",")
        ),
    );
    for f in &report.findings {
        let level = if f.level == Level::Error {
            msg!("voorbeeld.niveau-fout")
        } else {
            msg!("voorbeeld.niveau-waarschuwing")
        };
        let _ = write!(
            html,
            "{}",
            msg!(
                "voorbeeld.bevinding",
                regel = f.line,
                regel_id = f.rule.id(),
                niveau = level,
                bericht = escape(&f.message),
                voorstel = escape(&f.suggestion)
            )
        );
    }
    html.push_str("</ul></details></aside>\n");
    let marks: Vec<serde_json::Value> = report
        .findings
        .iter()
        .filter(|f| !f.excerpt.is_empty())
        .map(|f| serde_json::json!({ "text": f.excerpt, "note": format!("{}: {}", f.rule.id(), f.message) }))
        .collect();
    if !marks.is_empty() {
        // JSON inside <script>: "</" must not close the element.
        let data = serde_json::Value::Array(marks)
            .to_string()
            .replace("</", "<\\/");
        let _ = writeln!(html, "<script>{}({data});</script>", HIGHLIGHT_JS.trim());
    }
    html
}

/// Marks the first place in the page's main text where each finding's text
/// starts (its first words, across line breaks), titled with the finding.
const HIGHLIGHT_JS: &str = r##"
(function (marks) {
  var main = document.querySelector("main") || document.body;
  function esc(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  marks.forEach(function (m) {
    var words = m.text.split(" ").slice(0, 4).filter(Boolean);
    if (!words.length) return;
    var re = new RegExp(words.map(esc).join("\\s+"));
    var walk = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (var node = walk.nextNode(); node; node = walk.nextNode()) {
      if (node.parentNode.closest("mark, aside, script")) continue;
      var hit = re.exec(node.nodeValue);
      if (!hit) continue;
      var start = node.splitText(hit.index);
      start.splitText(hit[0].length);
      var mark = document.createElement("mark");
      mark.title = m.note;
      mark.style.background = "#ffe08a";
      start.parentNode.replaceChild(mark, start);
      mark.appendChild(start);
      return;
    }
  });
})"##;

/// `/_helder/`: every page with its score, findings and draft state.
pub(super) fn dashboard(loaded: &Loaded) -> String {
    // A page's first address in the build (the school site before classes).
    let mut link: HashMap<usize, String> = HashMap::new();
    for site in &loaded.sites {
        for &id in site.home.iter().chain(&site.pages) {
            link.entry(id)
                .or_insert_with(|| site.page_file(id, &loaded.content.pages[id]));
        }
    }
    let languages: Vec<&str> = loaded.config.language_codes().collect();
    let stale = crate::translate::stale::stale_translations(&loaded.config, &loaded.content);
    let mut rows = String::new();
    for (id, page) in loaded.content.pages.iter().enumerate() {
        let Some(r) = loaded.extras.as_ref().and_then(|e| e.reports.get(id)) else {
            continue;
        };
        let missing = if page.lang == loaded.config.language {
            let mut missing =
                missing_translations(loaded, &page.content_path, &languages).join(", ");
            let stale = stale_languages(loaded, &stale, id);
            if !stale.is_empty() {
                if !missing.is_empty() {
                    missing.push_str(" · ");
                }
                missing.push_str(&msg!("voorbeeld.verouderd-kolom", talen = stale.join(", ")));
            }
            missing
        } else {
            msg!("voorbeeld.is-vertaling", taal = page.lang)
        };
        let title = match link.get(&id) {
            Some(file) => format!(
                "<a href=\"/{}\">{}</a>",
                escape(crate::site::layout::address(file)),
                escape(&page.meta.title)
            ),
            None => msg!("voorbeeld.in-geen-site", titel = escape(&page.meta.title)),
        };
        let _ = writeln!(
            rows,
            "<tr><td>{title}<br><small>{}</small></td><td>{:?}</td><td>{:.0}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&r.file),
            page.meta.audience,
            r.flesch_douma,
            escape(&r.level),
            r.errors(),
            r.warnings(),
            if page.meta.draft {
                msg!("voorbeeld.concept")
            } else {
                String::new()
            },
            escape(&missing)
        );
    }
    // Each site with its language: the same site in two languages would
    // otherwise be listed twice under one name.
    let language_name = |code: &str| -> String {
        if code == loaded.config.language {
            "Nederlands".to_string()
        } else {
            loaded
                .config
                .languages
                .iter()
                .find(|l| l.code == code)
                .map_or_else(|| code.to_string(), |l| l.name.clone())
        }
    };
    let sites: String = loaded
        .sites
        .iter()
        .map(|s| {
            // Shown open here; encrypted in a build (spec §6).
            let protected = if s.private {
                format!(" <span class=\"tag\">{}</span>", msg!("voorbeeld.beschermd"))
            } else {
                String::new()
            };
            format!(
                "<li><a href=\"/{}\">{}</a> <span class=\"tag\" lang=\"{}\">{}</span>{protected} <small>/{}</small></li>",
                escape(&s.root),
                escape(&s.name),
                escape(&s.lang),
                escape(&language_name(&s.lang)),
                escape(&s.root)
            )
        })
        .collect();
    // The posting rhythm (spec §7) above the pages, when the school agreed one.
    let today = crate::output::syndication::build_date();
    let rhythm = crate::rhythm::of_classes(&loaded.config, &loaded.content, today);
    let overview = msg!("voorbeeld.overzicht", sites = sites, rijen = rows);
    shell(
        &msg!("voorbeeld.overzicht-titel"),
        &(crate::rhythm::table_html(&loaded.config, &rhythm)
            + &overview
            + &stale_section(loaded, &stale, &link)),
    )
}

/// The languages in which the translation of page `id` is stale.
fn stale_languages(loaded: &Loaded, stale: &[(usize, usize)], id: usize) -> Vec<String> {
    stale
        .iter()
        .filter(|(_, original)| *original == id)
        .map(|(translation, _)| loaded.content.pages[*translation].lang.clone())
        .collect()
}

/// "Verouderde vertalingen": per language, the translations whose Dutch
/// page changed since (empty when there are none).
fn stale_section(
    loaded: &Loaded,
    stale: &[(usize, usize)],
    link: &HashMap<usize, String>,
) -> String {
    let mut items = String::new();
    for language in &loaded.config.languages {
        let pages: Vec<String> = stale
            .iter()
            .filter(|(t, _)| loaded.content.pages[*t].lang == language.code)
            .map(|&(t, original)| {
                let page = &loaded.content.pages[t];
                let title = escape(&page.meta.title);
                let file = escape(&page.source.display().to_string());
                match link.get(&original) {
                    Some(address) => format!(
                        "<a href=\"/{}{}\">{title}</a> <small>{file}</small>",
                        escape(&crate::site::layout::language_prefix(&language.code)),
                        escape(crate::site::layout::address(address))
                    ),
                    None => format!("{title} <small>{file}</small>"),
                }
            })
            .collect();
        if !pages.is_empty() {
            let _ = write!(
                items,
                "{}",
                msg!(
                    "voorbeeld.verouderd-taal",
                    taal = escape(&language.name),
                    code = escape(&language.code),
                    paginas = pages.join(", ")
                )
            );
        }
    }
    if items.is_empty() {
        String::new()
    } else {
        msg!("voorbeeld.verouderd", lijst = items)
    }
}

/// The extra languages that have no `NAME.LANG.md` beside this page.
fn missing_translations<'a>(
    loaded: &Loaded,
    content_path: &str,
    languages: &[&'a str],
) -> Vec<&'a str> {
    let stem = content_path.strip_suffix(".md").unwrap_or(content_path);
    languages
        .iter()
        .copied()
        .filter(|lang| {
            loaded
                .content
                .page_at(&format!("{stem}.{lang}.md"))
                .is_none()
        })
        .collect()
}

/// Shown instead of every page while the site has errors.
pub(super) fn errors(errors: &Errors) -> String {
    let mut items = String::new();
    for d in &errors.0 {
        let place = match (&d.file, d.line) {
            (Some(f), Some(l)) => format!(
                "{}:{l}{}",
                f.display(),
                d.column.map(|c| format!(":{c}")).unwrap_or_default()
            ),
            (Some(f), None) => f.display().to_string(),
            _ => String::new(),
        };
        let _ = write!(
            items,
            "<li class=\"problem\"><p class=\"place\"><code>{}</code></p><p>{}</p>{}</li>",
            escape(&place),
            escape(&d.message),
            d.help
                .as_ref()
                .map(|h| format!("<p class=\"help\">{}</p>", escape(h)))
                .unwrap_or_default()
        );
    }
    shell(
        &msg!("voorbeeld.fout-titel"),
        &msg!("voorbeeld.fout", fouten = items),
    )
}

pub(super) fn not_found(path: &str) -> String {
    message(
        &msg!("voorbeeld.niet-gevonden-titel"),
        &msg!("voorbeeld.niet-gevonden", pad = escape(path)),
    )
}

pub(super) fn message(title: &str, text: &str) -> String {
    shell(title, &format!("<p>{text}</p>"))
}

/// The preview's own pages in the theme's look: the header band, system
/// fonts, the same colors (and dark mode), tables that scroll on their own.
const SHELL_CSS: &str = ":root{--accent:#0b5394;--text:#1a1a1a;--muted:#4a4a4a;--bg:#fff;--soft:#f3f5f8;--line:#c9ced6;--link:#0a4a8a;--bad:#a3123a;color-scheme:light dark}\
@media (prefers-color-scheme:dark){:root{--text:#e9ecef;--muted:#b9c0c8;--bg:#121518;--soft:#1d2226;--line:#48515a;--link:#9dcbff;--bad:#f28aa5}}\
*{box-sizing:border-box}body{margin:0;font:1.0625rem/1.55 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",Arial,sans-serif;color:var(--text);background:var(--bg);overflow-wrap:anywhere}\
a{color:var(--link)}.top{background:var(--accent);color:#fff}.top p{max-width:72rem;margin:0 auto;padding:.7rem 1rem;font-weight:700}.top span{font-weight:400;opacity:.9}\
main{max-width:72rem;margin:0 auto;padding:.5rem 1rem 2rem}h1{font-size:1.75rem;line-height:1.25;border-bottom:4px solid var(--accent);padding-bottom:.4rem}h2{font-size:1.3rem;margin-top:2rem}\
.table-wrap{overflow-x:auto}table{border-collapse:collapse;min-width:100%;font-size:.95rem}td,th{border:1px solid var(--line);padding:.35rem .55rem;text-align:start;vertical-align:top}th{background:var(--soft);overflow-wrap:normal}\
.sites{columns:18rem;padding:0;list-style:none}.sites li{break-inside:avoid;margin:0 0 .35rem}.tag{display:inline-block;border:1px solid var(--accent);border-radius:1rem;padding:0 .5rem;font-size:.85rem}small{color:var(--muted)}\
.problems{padding:0;list-style:none}.problem{border:2px solid var(--line);border-inline-start:8px solid var(--bad);border-radius:.4rem;padding:.25rem 1rem;margin:0 0 1rem;background:var(--soft)}\
.problem p{margin:.4rem 0}.place code{font-size:1rem;font-weight:700}.help{color:var(--muted)}.help::before{content:\"\\2192  \"}";

fn shell(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t}</title><style>{SHELL_CSS}</style></head>\
         <body><header class=\"top\"><p>helder <span>· voorbeeld</span></p></header><main><h1>{t}</h1>{body}</main></body></html>\n",
        t = escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_end_of_body() {
        let html = inject("<html><body><p>x</p></body></html>", "<aside>o</aside>");
        assert!(html.ends_with(
            "<aside>o</aside><script src=\"/_helder/reload.js\"></script>\n</body></html>"
        ));
    }
}
