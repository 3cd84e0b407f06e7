//! Bodies of the pages helder writes itself: the readability report for the
//! coordinator, each site's word list, the training book on one page and the
//! cap folder for the fridge.

use std::fmt::Write as _;

use crate::content::{Content, PageId, PageKind};
use crate::markdown::highlight::escape;
use crate::markdown::links::relative;
use crate::markdown::Rendered;
use crate::plain::lexicon::Glossary;
use crate::plain::summary::worst_first_order;
use crate::plain::{Level, Report};
use crate::site::layout;
use crate::site::links::canonical_file;
use crate::site::Site;
use crate::theme::context::Builder;

/// Every page's score and findings, worst first, each linked to the page,
/// added to `html`.
pub(crate) fn readability_into(
    html: &mut String,
    content: &Content,
    reports: &[Report],
    sites: &[Site],
    from_dir: &str,
    hidden: &dyn Fn(usize) -> bool,
) {
    html.push_str(
        "<p>Hoe makkelijk is elke pagina te lezen? Hoe hoger de Flesch-Douma-score, hoe makkelijker. \
         Voor ouders is het doel niveau B1 of lager. De moeilijkste pagina's staan bovenaan.</p>\n\
         <div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Scores per pagina\">\n<table>\n\
         <thead><tr><th scope=\"col\">Pagina</th><th scope=\"col\">Score</th><th scope=\"col\">Niveau</th>\
         <th scope=\"col\">Woorden</th><th scope=\"col\">Fouten</th><th scope=\"col\">Waarschuwingen</th></tr></thead>\n<tbody>\n",
    );
    // Reports are indexed like the pages.
    let mut order: Vec<usize> = (0..reports.len()).filter(|&i| !hidden(i)).collect();
    order.sort_by(|&a, &b| worst_first_order(&reports[a], &reports[b]));
    for &i in &order {
        let (r, page) = (&reports[i], &content.pages[i]);
        let link = sites
            .iter()
            .find(|s| s.contains(i))
            .map(|site| relative(from_dir, &canonical_file(site, i, page)));
        let name = match link {
            Some(url) => format!(
                "<a href=\"{}\">{}</a>",
                escape(&url),
                escape(&page.meta.title)
            ),
            None => escape(&page.meta.title),
        };
        let _ = writeln!(
            html,
            "<tr><td>{name}<br><small>{}</small></td><td>{:.0}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&r.file),
            r.flesch_douma,
            escape(&r.level),
            r.words,
            r.errors(),
            r.warnings()
        );
    }
    html.push_str("</tbody>\n</table>\n</div>\n");
    for r in order
        .iter()
        .map(|&i| &reports[i])
        .filter(|r| !r.findings.is_empty())
    {
        let _ = writeln!(
            html,
            "<h2>{}</h2>\n<ul class=\"findings\">",
            escape(&r.file)
        );
        for f in &r.findings {
            let level = match f.level {
                Level::Error => "fout",
                Level::Warning => "waarschuwing",
            };
            let _ = writeln!(
                html,
                "<li><strong>Regel {}</strong> ({}, {}): {}. <em>{}</em></li>",
                f.line,
                f.rule.id(),
                level,
                escape(&f.message),
                escape(&f.suggestion)
            );
        }
        html.push_str("</ul>\n");
    }
}

/// The terms used on a site's pages, with their explanation.
pub(crate) fn word_list(glossary: &Glossary, used: &[usize], intro: &str) -> String {
    let mut html = format!("<p>{}</p>\n<dl class=\"word-list\">\n", escape(intro));
    for &t in used {
        let term = &glossary.terms[t];
        let _ = writeln!(
            html,
            "<dt>{}</dt>\n<dd>{}</dd>",
            escape(&term.term),
            escape(&term.explanation)
        );
    }
    html.push_str("</dl>\n");
    html
}

/// The training book on one page: the home's text, then every chapter.
pub(crate) fn print_book(builder: &Builder<'_>, file: &str, rendered: &[Rendered]) -> String {
    let site = builder.site;
    let dir = layout::folder_of(file);
    let mut html = String::new();
    for id in site.all_pages() {
        let page = &builder.content.pages[id];
        let body = rendered[site.shown(id)].html_for(|t| builder.resolve_link(dir, t));
        let chapter = escape(&page.slug.replace('/', "-"));
        let _ = write!(
            html,
            "<section class=\"chapter\" id=\"{chapter}\">\n<h2>{}</h2>\n{}</section>\n",
            escape(&page.meta.title),
            one_of_many(&body, &chapter)
        );
    }
    html
}

/// All cap pages of the site on one page, one cap per printed A4 side.
pub(crate) fn cap_folder(
    builder: &Builder<'_>,
    file: &str,
    caps: &[PageId],
    rendered: &[Rendered],
) -> String {
    let dir = layout::folder_of(file);
    let footer = sheet_footer(builder);
    let mut html = String::new();
    for &id in caps {
        let page = &builder.content.pages[id];
        let PageKind::Cap { color } = page.meta.kind else {
            continue;
        };
        let (label, animal) = (
            builder.locale.cap_name(color),
            builder.locale.cap_animal(color),
        );
        let color = color.name();
        let shown_id = builder.site.shown(id);
        let shown = &builder.content.pages[shown_id];
        let body = rendered[shown_id].html_for(|t| builder.resolve_link(dir, t));
        // An untranslated cap in a language site: its text keeps its own
        // language and direction (Dutch, left to right, in /ar/).
        let text_lang = if shown.lang != builder.site.lang {
            format!(" lang=\"{}\" dir=\"ltr\"", escape(&shown.lang))
        } else {
            String::new()
        };
        let drawing = crate::theme::caps::drawing(color, None).unwrap_or_default();
        let _ = write!(
            html,
            "<section class=\"cap-sheet cap-{color}\">\n<div class=\"sheet-head\">{drawing}<div><h2{text_lang}>{}</h2><p class=\"sheet-cap\">{}{}: <strong>{}</strong></p></div></div>\n<div class=\"sheet-body\"{text_lang}>\n{}</div>\n{footer}</section>\n",
            escape(&shown.meta.title),
            if shown.meta.title == label {
                String::new()
            } else {
                format!("{} · ", escape(label))
            },
            escape(builder.word("animal")),
            escape(animal),
            one_of_many(&body, color)
        );
    }
    html
}

/// Who to ask, at the foot of each cap sheet: it hangs on a fridge, away
/// from the site.
fn sheet_footer(builder: &Builder<'_>) -> String {
    let school = &builder.config.school;
    let mut footer = format!(
        "<p class=\"sheet-foot\"><strong>{}</strong>",
        escape(&builder.config.title)
    );
    if let Some(phone) = &school.phone {
        let _ = write!(
            footer,
            " · {}: <a href=\"tel:{}\" dir=\"ltr\">{}</a>",
            escape(builder.word("phone")),
            escape(&phone.replace(' ', "")),
            escape(phone)
        );
    }
    if let Some(email) = &school.email {
        let _ = write!(
            footer,
            " · {}: <a href=\"mailto:{}\" dir=\"ltr\">{}</a>",
            escape(builder.word("email")),
            escape(email),
            escape(email)
        );
    }
    footer.push_str("</p>\n");
    footer
}

/// A chapter's body on the page that holds every chapter: ids made unique
/// per chapter, headings one level down, below the chapter's own `<h2>`.
fn one_of_many(body: &str, chapter: &str) -> String {
    let mut html = crate::markdown::prefix_ids(body, chapter);
    for level in (2..=5).rev() {
        html = html
            .replace(&format!("<h{level}"), &format!("<h{}", level + 1))
            .replace(&format!("</h{level}>"), &format!("</h{}>", level + 1));
    }
    html
}
