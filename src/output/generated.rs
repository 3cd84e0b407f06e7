//! Bodies of the pages helder writes itself: the readability report for the
//! coordinator (`team/leesbaarheid/`) and each site's word list
//! (`<site>/woordenlijst/`).

use std::fmt::Write as _;

use crate::content::Content;
use crate::markdown::highlight::escape;
use crate::markdown::links::relative;
use crate::plain::lexicon::Glossary;
use crate::plain::summary::worst_first_order;
use crate::plain::{Level, Report};
use crate::theme::context::canonical_file;
use crate::views::Site;

/// Every page's score and findings, worst first, each linked to the page.
pub fn readability(
    content: &Content,
    reports: &[Report],
    sites: &[Site],
    from_dir: &str,
) -> String {
    let mut html = String::from(
        "<p>Hoe makkelijk is elke pagina te lezen? Hoe hoger de Flesch-Douma-score, hoe makkelijker. \
         Voor ouders is het doel niveau B1 of lager. De moeilijkste pagina's staan bovenaan.</p>\n\
         <div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Scores per pagina\">\n<table>\n\
         <thead><tr><th scope=\"col\">Pagina</th><th scope=\"col\">Score</th><th scope=\"col\">Niveau</th>\
         <th scope=\"col\">Woorden</th><th scope=\"col\">Fouten</th><th scope=\"col\">Waarschuwingen</th></tr></thead>\n<tbody>\n",
    );
    // Reports are indexed like the pages.
    let mut order: Vec<usize> = (0..reports.len()).collect();
    order.sort_by(|&a, &b| worst_first_order(&reports[a], &reports[b]));
    for &i in &order {
        let (r, page) = (&reports[i], &content.pages[i]);
        let link = sites
            .iter()
            .find(|s| s.contains(i))
            .map(|site| relative(from_dir, &canonical_file(site, i, page)));
        let name = match link {
            Some(url) => format!("<a href=\"{}\">{}</a>", escape(&url), escape(&page.title)),
            None => escape(&page.title),
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
    html
}

/// The terms used on a site's pages, with their explanation.
pub fn word_list(glossary: &Glossary, used: &[usize]) -> String {
    let mut html = String::from(
        "<p>Op school gebruiken we soms eigen woorden. Hier leest u wat ze betekenen.</p>\n<dl class=\"word-list\">\n",
    );
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
