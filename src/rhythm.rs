//! The posting rhythm (spec §7): with `[school] post-every = N`, each class
//! posts news at least every N days. For each class: the date of its newest
//! `news` page aimed at it (`classes:`), how many days ago that was, and
//! whether that is longer than agreed. Shown as a warning by `check` and
//! `build`, in `check --format json`, in the preview's overview and as a
//! table in the team's readability report.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::config::Config;
use crate::content::{Audience, Content, PageKind};
use crate::error::Diagnostic;
use crate::markdown::highlight::escape;
use crate::msg;

/// One class's rhythm, as `check --format json` writes it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ClassRhythm {
    /// The class id.
    pub class: String,
    #[serde(skip)]
    pub name: String,
    /// Its newest news page's date; None when it has none.
    #[serde(serialize_with = "iso_date")]
    pub last: Option<NaiveDate>,
    /// Days from `last` to today.
    pub days: Option<i64>,
    /// Silent longer than agreed (or never posted).
    pub late: bool,
}

/// `2026-11-27`, or null.
fn iso_date<S: serde::Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => s.serialize_str(&d.format("%Y-%m-%d").to_string()),
        None => s.serialize_none(),
    }
}

/// Every class's rhythm on `today`, in the order of book.toml; empty when
/// `post-every` is not set.
pub(crate) fn of_classes(config: &Config, content: &Content, today: NaiveDate) -> Vec<ClassRhythm> {
    let Some(every) = config.school.post_every else {
        return Vec::new();
    };
    config
        .classes
        .iter()
        .map(|class| {
            let last = content
                .pages
                .iter()
                .filter(|p| {
                    matches!(p.meta.kind, PageKind::News)
                        && p.meta.audience == Audience::Ouders
                        && p.meta.classes.contains(&class.id)
                })
                .filter_map(|p| p.meta.date)
                // A post dated ahead (planned) does not count until its day.
                .filter(|d| *d <= today)
                .max();
            let days = last.map(|d| (today - d).num_days());
            ClassRhythm {
                class: class.id.clone(),
                name: class.name.clone(),
                last,
                days,
                late: days.is_none_or(|d| d > i64::from(every)),
            }
        })
        .collect()
}

/// A `rhythm` warning for each class that is late.
pub(crate) fn warnings(config: &Config, rows: &[ClassRhythm]) -> Vec<Diagnostic> {
    let Some(every) = config.school.post_every else {
        return Vec::new();
    };
    rows.iter()
        .filter(|r| r.late)
        .map(|r| {
            let message = match (r.last, r.days) {
                (Some(last), Some(days)) => msg!(
                    "ritme.te-lang-stil",
                    klas = r.name,
                    dagen = days,
                    datum = last.format("%Y-%m-%d"),
                    afspraak = every
                ),
                _ => msg!("ritme.nog-niets", klas = r.name, afspraak = every),
            };
            Diagnostic::site(message)
                .help(msg!("ritme.hulp", id = r.class))
                .warning()
        })
        .collect()
}

/// The rhythm as an HTML table for the team (in helder's own Dutch words,
/// like the readability report around it); "" when it is off.
pub(crate) fn table_html(config: &Config, rows: &[ClassRhythm]) -> String {
    let Some(every) = config.school.post_every else {
        return String::new();
    };
    let late_count = rows.iter().filter(|r| r.late).count();
    let mut html = format!(
        "<h2 id=\"ritme\">{}</h2>\n<p>{}</p>\n\
         <div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"ritme\">\n<table>\n\
         <thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        escape(&msg!("ritme.kop")),
        escape(&msg!("ritme.uitleg", afspraak = every, laat = late_count)),
        escape(&msg!("ritme.kolom-klas")),
        escape(&msg!("ritme.kolom-laatste")),
        escape(&msg!("ritme.kolom-dagen")),
        escape(&msg!("ritme.kolom-afspraak")),
        escape(&msg!("ritme.kolom-laat")),
    );
    for r in rows {
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&r.name),
            r.last
                .map_or_else(|| msg!("ritme.geen"), |d| d.format("%Y-%m-%d").to_string()),
            r.days.map_or_else(|| "–".to_string(), |d| d.to_string()),
            escape(&msg!("ritme.elke", afspraak = every)),
            if r.late {
                format!("<strong>{}</strong>", escape(&msg!("ritme.ja")))
            } else {
                escape(&msg!("ritme.nee"))
            }
        );
    }
    html.push_str("</tbody>\n</table>\n</div>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Page;
    use std::path::Path;

    fn config(every: &str) -> Config {
        Config::parse(
            Path::new("/x"),
            &format!(
                "[book]\ntitle = \"X\"\n[school]\n{every}\n[[band]]\nid = \"b\"\nname = \"B\"\n\
                 [[class]]\nid = \"groep-3\"\nname = \"Groep 3\"\nbands = [\"b\"]\n\
                 [[class]]\nid = \"groep-4\"\nname = \"Groep 4\"\nbands = [\"b\"]\n\
                 [[class]]\nid = \"groep-5\"\nname = \"Groep 5\"\nbands = [\"b\"]\n"
            ),
        )
        .unwrap()
    }

    fn news(path: &str, classes: &[&str], date: &str) -> Page {
        let mut page = Page::for_test(path, "Tekst.");
        page.meta.kind = PageKind::News;
        page.meta.classes = classes.iter().map(|c| c.to_string()).collect();
        page.meta.date = Some(day(date));
        page
    }

    fn content(pages: Vec<Page>) -> Content {
        Content {
            pages,
            assets: Vec::new(),
            left_out: Default::default(),
        }
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn late_classes_are_found_and_named() {
        let config = config("post-every = 28");
        let content = content(vec![
            news("a.md", &["groep-3"], "2026-11-20"),
            news("b.md", &["groep-3"], "2026-10-01"),
            news("c.md", &["groep-4"], "2026-10-10"),
            // Planned for later: does not count yet.
            news("d.md", &["groep-4"], "2026-12-20"),
        ]);
        let rows = of_classes(&config, &content, day("2026-12-02"));
        let summary: Vec<_> = rows
            .iter()
            .map(|r| (r.class.as_str(), r.days, r.late))
            .collect();
        assert_eq!(
            summary,
            [
                ("groep-3", Some(12), false),
                ("groep-4", Some(53), true),
                ("groep-5", None, true)
            ]
        );
        let warnings = warnings(&config, &rows);
        assert_eq!(warnings.len(), 2);
        assert!(warnings[0].message.contains("Groep 4") && warnings[0].message.contains("53"));
        assert!(
            warnings[0].message.contains("28"),
            "{}",
            warnings[0].message
        );
        assert!(warnings[1].message.contains("Groep 5"));
        let json = serde_json::to_value(&rows[1]).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"class": "groep-4", "last": "2026-10-10", "days": 53, "late": true})
        );
        let table = table_html(&config, &rows);
        assert_eq!(table.matches("<tr>").count(), 4, "{table}");
    }

    #[test]
    fn without_an_agreement_nothing_is_checked() {
        let config = config("");
        let content = content(vec![]);
        assert!(of_classes(&config, &content, day("2026-12-02")).is_empty());
        assert!(table_html(&config, &[]).is_empty());
    }

    #[test]
    fn post_every_must_be_a_number_of_days() {
        for bad in [
            "post-every = 0",
            "post-every = \"28\"",
            "post-every = 2.5",
            "post-every = -3",
        ] {
            let text = format!("[book]\ntitle = \"X\"\n[school]\n{bad}\n");
            let err = Config::parse(Path::new("/x"), &text).unwrap_err();
            assert_eq!(err.0[0].line, Some(4), "{bad}: {err}");
            assert!(err.0[0].message.contains("post-every"), "{bad}: {err}");
            assert!(err.0[0].help.as_deref().unwrap().contains("28"));
        }
    }
}
