//! Who sees what (spec §5, issue 2 point 2) and the home of each site, on the
//! standard fixture: bands onderbouw and bovenbouw; classes groep-1
//! (onderbouw), groep-2 (both bands: a combination class) and groep-3
//! (bovenbouw).

use std::path::Path;

use crate::common::*;

const SUB_SITES: &[&str] = &[
    "onderbouw/",
    "bovenbouw/",
    "groep-1/",
    "groep-2/",
    "groep-3/",
    "team/",
    "training/",
    "assets/",
];

/// HTML files of the site rooted at `prefix` ("" = the school site, whose
/// files are those outside every band, class, team and training folder).
fn site_html(out: &Path, prefix: &str) -> Vec<String> {
    html_files(out)
        .into_iter()
        .filter(|f| {
            if prefix.is_empty() {
                !SUB_SITES.iter().any(|s| f.starts_with(s))
            } else {
                f.starts_with(prefix)
            }
        })
        .collect()
}

/// Asserts no HTML file of the site at `prefix` mentions `title`.
fn assert_site_never_mentions(out: &Path, prefix: &str, title: &str) {
    let files = site_html(out, prefix);
    assert!(!files.is_empty(), "site `{prefix}` has no HTML files");
    for f in files {
        let html = read(&out.join(&f));
        assert!(
            !html.contains(title),
            "{f} (site `{prefix}`) mentions `{title}`, a page that site must not show"
        );
    }
}

/// Asserts `title` appears in no HTML file outside `prefix`.
fn assert_only_in(out: &Path, prefix: &str, title: &str) {
    for f in html_files(out) {
        // The coordinator's readability report (team only) lists every page.
        if f.starts_with(prefix) || f == "team/leesbaarheid/index.html" {
            continue;
        }
        let html = read(&out.join(&f));
        assert!(
            !html.contains(title),
            "{f} mentions `{title}`, which belongs only under {prefix}"
        );
    }
}

#[test]
fn school_site_holds_only_school_wide_pages() {
    let s = school();
    let out = s.build_ok(&[]);
    assert_file(&out, "index.html");
    assert_file(&out, "kapstok/index.html");
    assert!(read(&out.join("kapstok/index.html")).contains(T_SCHOOL));
    // Band, class, team and training pages are not school-site pages.
    for absent in [
        "zandbak/index.html",
        "kamp/index.html",
        "uitje/index.html",
        "toets/index.html",
        "samen/index.html",
        "overleg/index.html",
        "a/index.html",
    ] {
        assert_no_file(&out, absent);
    }
    for title in [
        T_ONDERBOUW,
        T_BOVENBOUW,
        T_GROEP1,
        T_GROEP3,
        T_TWEE_GROEPEN,
        T_TEAM,
        T_TRAINING_1,
        T_DRAFT,
    ] {
        assert_site_never_mentions(&out, "", title);
    }
    // The school home leads to the band and class sites.
    let home = read(&out.join("index.html"));
    for id in ["onderbouw", "bovenbouw", "groep-1", "groep-2", "groep-3"] {
        assert!(
            home.contains(&format!("{id}/index.html")) || home.contains(&format!("{id}/\"")),
            "the school home does not link to the {id} site"
        );
    }
}

#[test]
fn band_site_holds_school_wide_and_its_band_pages() {
    let s = school();
    let out = s.build_ok(&[]);
    assert_file(&out, "onderbouw/index.html");
    assert_file(&out, "onderbouw/kapstok/index.html");
    assert_file(&out, "onderbouw/onderbouw/zandbak/index.html");
    assert_no_file(&out, "onderbouw/bovenbouw/kamp/index.html");
    assert_no_file(&out, "onderbouw/groep-1/uitje/index.html");
    assert_no_file(&out, "onderbouw/samen/index.html");
    for title in [
        T_BOVENBOUW,
        T_GROEP1,
        T_GROEP3,
        T_TWEE_GROEPEN,
        T_TEAM,
        T_TRAINING_1,
    ] {
        assert_site_never_mentions(&out, "onderbouw/", title);
    }

    assert_file(&out, "bovenbouw/index.html");
    assert_file(&out, "bovenbouw/kapstok/index.html");
    assert_file(&out, "bovenbouw/bovenbouw/kamp/index.html");
    assert_no_file(&out, "bovenbouw/onderbouw/zandbak/index.html");
    for title in [T_ONDERBOUW, T_GROEP1, T_GROEP3, T_TWEE_GROEPEN, T_TEAM] {
        assert_site_never_mentions(&out, "bovenbouw/", title);
    }
}

#[test]
fn class_site_holds_school_band_and_own_pages_and_nothing_of_another_class() {
    let s = school();
    let out = s.build_ok(&[]);
    // groep-1 (onderbouw)
    assert_file(&out, "groep-1/index.html");
    assert_file(&out, "groep-1/kapstok/index.html");
    assert_file(&out, "groep-1/onderbouw/zandbak/index.html");
    assert_file(&out, "groep-1/groep-1/uitje/index.html");
    assert!(read(&out.join("groep-1/groep-1/uitje/index.html")).contains(T_GROEP1));
    assert_no_file(&out, "groep-1/groep-3/toets/index.html");
    assert_no_file(&out, "groep-1/bovenbouw/kamp/index.html");
    for title in [T_GROEP3, T_BOVENBOUW, T_TEAM, T_TRAINING_1, T_DRAFT] {
        assert_site_never_mentions(&out, "groep-1/", title);
    }
    // groep-3 (bovenbouw)
    assert_file(&out, "groep-3/kapstok/index.html");
    assert_file(&out, "groep-3/bovenbouw/kamp/index.html");
    assert_file(&out, "groep-3/groep-3/toets/index.html");
    assert_no_file(&out, "groep-3/groep-1/uitje/index.html");
    assert_no_file(&out, "groep-3/onderbouw/zandbak/index.html");
    for title in [T_GROEP1, T_ONDERBOUW, GROEP1_HOME_TEXT, T_TEAM] {
        assert_site_never_mentions(&out, "groep-3/", title);
    }
}

#[test]
fn page_for_two_classes_is_in_both_class_sites_and_nowhere_else() {
    let s = school();
    let out = s.build_ok(&[]);
    assert_file(&out, "groep-1/samen/index.html");
    assert_file(&out, "groep-3/samen/index.html");
    assert_no_file(&out, "groep-2/samen/index.html");
    assert_no_file(&out, "samen/index.html");
    assert_no_file(&out, "onderbouw/samen/index.html");
    assert_no_file(&out, "bovenbouw/samen/index.html");
    for site in ["", "onderbouw/", "bovenbouw/", "groep-2/"] {
        assert_site_never_mentions(&out, site, T_TWEE_GROEPEN);
    }
}

#[test]
fn combination_class_gets_both_bands_pages() {
    let s = school();
    let out = s.build_ok(&[]);
    assert_file(&out, "groep-2/index.html");
    assert_file(&out, "groep-2/kapstok/index.html");
    assert_file(&out, "groep-2/onderbouw/zandbak/index.html");
    assert_file(&out, "groep-2/bovenbouw/kamp/index.html");
    assert_no_file(&out, "groep-2/groep-1/uitje/index.html");
    assert_no_file(&out, "groep-2/groep-3/toets/index.html");
    for title in [T_GROEP1, T_GROEP3, T_TWEE_GROEPEN, GROEP1_HOME_TEXT] {
        assert_site_never_mentions(&out, "groep-2/", title);
    }
    let home = read(&out.join("groep-2/index.html"));
    assert!(home.contains(T_ONDERBOUW) && home.contains(T_BOVENBOUW));
}

#[test]
fn team_pages_only_under_team_with_noindex() {
    let s = school();
    let out = s.build_ok(&[]);
    assert_file(&out, "team/index.html");
    assert_file(&out, "team/team/overleg/index.html");
    let html = read_opened(&out.join("team/team/overleg/index.html"));
    assert!(html.contains(T_TEAM));
    assert!(html.contains("noindex"), "team page lacks noindex");
    assert!(
        read(&out.join("team/index.html")).contains("noindex"),
        "team home lacks noindex"
    );
    assert_no_file(&out, "team/overleg/index.html");
    for f in list_files(&out) {
        assert!(
            !f.ends_with("overleg/index.html") || f.starts_with("team/"),
            "team page written outside team/: {f}"
        );
    }
    assert_only_in(&out, "team/", T_TEAM);
}

#[test]
fn training_pages_form_a_book_in_weight_order() {
    let s = school();
    let out = s.build_ok(&[]);
    // a.md weight 30, b.md weight 10, c.md weight 20.
    let first = "training/training/b/index.html";
    let second = "training/training/c/index.html";
    let third = "training/training/a/index.html";
    for f in [first, second, third, "training/index.html"] {
        assert_file(&out, f);
        assert!(read(&out.join(f)).contains("noindex"), "{f} lacks noindex");
    }
    assert_only_in(&out, "training/", T_TRAINING_1);
    assert_only_in(&out, "training/", T_TRAINING_2);
    assert_only_in(&out, "training/", T_TRAINING_3);

    let link = |file: &str, rel: &str| -> Option<String> {
        rel_link(&read_opened(&out.join(file)), rel).map(|href| {
            resolve_rel(file, &href)
                .unwrap_or_else(|| panic!("{file}: {rel} link {href} climbs out"))
        })
    };
    assert_eq!(
        link(second, "prev").as_deref(),
        Some(first),
        "prev of chapter 2"
    );
    assert_eq!(
        link(second, "next").as_deref(),
        Some(third),
        "next of chapter 2"
    );
    assert_eq!(
        link(first, "next").as_deref(),
        Some(second),
        "next of chapter 1"
    );
    assert_eq!(
        link(third, "prev").as_deref(),
        Some(second),
        "prev of chapter 3"
    );
    assert_eq!(link(third, "next"), None, "the last chapter has no next");
    // The first chapter goes back to the book's start (the training home), or nowhere.
    if let Some(p) = link(first, "prev") {
        assert_eq!(p, "training/index.html");
    }
}

#[test]
fn training_print_page_holds_every_chapter_in_order() {
    let s = school();
    let out = s.build_ok(&[]);
    assert_file(&out, "training/print/index.html");
    let html = read_opened(&out.join("training/print/index.html"));
    assert!(html.contains("noindex"), "print page lacks noindex");
    let pos = |needle: &str| {
        html.find(needle)
            .unwrap_or_else(|| panic!("print page lacks `{needle}`"))
    };
    // Chapter texts (bodies), not just titles, in weight order.
    let one = pos("Tekst van het eerste hoofdstuk.");
    let two = pos("Tekst van het tweede hoofdstuk.");
    let three = pos("Tekst van het derde hoofdstuk.");
    assert!(one < two && two < three, "chapters are not in weight order");
    for t in [T_TRAINING_1, T_TRAINING_2, T_TRAINING_3] {
        pos(t);
    }
}

#[test]
fn audience_ouders_leaves_out_team_and_training() {
    let s = school();
    let out = s.build_ok(&["--audience", "ouders"]);
    assert_file(&out, "index.html");
    assert_file(&out, "groep-1/index.html");
    assert!(
        !out.join("team").exists(),
        "team/ written with --audience ouders"
    );
    assert!(
        !out.join("training").exists(),
        "training/ written with --audience ouders"
    );
    for f in html_files(&out) {
        let html = read(&out.join(&f));
        assert!(
            !html.contains(T_TEAM) && !html.contains(T_TRAINING_1),
            "{f}"
        );
    }
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let s = school();
    let out = s.build_ok(&[]);
    assert_no_file(&out, "concept/index.html");
    for f in html_files(&out) {
        assert!(!read(&out.join(&f)).contains(T_DRAFT), "draft shown in {f}");
    }
    let out = s.build_ok(&["--drafts"]);
    assert_file(&out, "concept/index.html");
    assert!(read(&out.join("concept/index.html")).contains(T_DRAFT));
    assert_file(&out, "groep-1/concept/index.html");
}

#[test]
fn class_flag_builds_only_that_class_site() {
    let s = school();
    let out = s.build_ok(&["--class", "groep-1"]);
    assert_file(&out, "groep-1/index.html");
    assert_file(&out, "groep-1/kapstok/index.html");
    assert_file(&out, "groep-1/groep-1/uitje/index.html");
    assert_file(&out, "assets/helder.css");
    let top: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for entry in &top {
        let path = out.join(entry);
        if path.is_dir() {
            assert!(
                entry == "groep-1" || entry == "assets",
                "--class groep-1 wrote the folder {entry}/ (only groep-1/ and assets/ expected)"
            );
        } else {
            assert!(
                !entry.ends_with(".html"),
                "--class groep-1 wrote the school page {entry}"
            );
        }
    }
    assert_no_file(&out, "index.html");
    assert_no_file(&out, "kapstok/index.html");
    assert!(!out.join("onderbouw").exists());
    assert!(!out.join("groep-2").exists());
    assert!(!out.join("groep-3").exists());
    assert!(!out.join("team").exists());
    assert!(!out.join("training").exists());
}

#[test]
fn class_flag_can_be_repeated() {
    let s = school();
    let out = s.build_ok(&["--class", "groep-1", "--class", "groep-3"]);
    assert_file(&out, "groep-1/index.html");
    assert_file(&out, "groep-3/index.html");
    assert!(!out.join("groep-2").exists());
    assert_no_file(&out, "index.html");
}

#[test]
fn unknown_class_flag_exits_2_naming_it() {
    let s = school();
    let run = s.build(&["--class", "nope"]);
    run.expect_code(2).no_panic();
    assert!(
        run.stderr.contains("nope"),
        "stderr does not name `nope`:\n{}",
        run.stderr
    );
    assert!(
        !s.public().exists(),
        "nothing may be written for a usage error"
    );
}

#[test]
fn class_home_exists_and_its_menu_stays_inside_the_class_site() {
    let s = school();
    let out = s.build_ok(&[]);
    for (class, bands) in [
        ("groep-1", vec!["onderbouw"]),
        ("groep-2", vec!["onderbouw", "bovenbouw"]),
        ("groep-3", vec!["bovenbouw"]),
    ] {
        let home_file = format!("{class}/index.html");
        assert_file(&out, &home_file);
        let html = read(&out.join(&home_file));
        let menu = nav_section(&html, "menu")
            .or_else(|| nav_section(&html, "Menu"))
            .unwrap_or_else(|| panic!("{home_file} has no menu <nav>"));
        let links: Vec<String> = tags(menu)
            .into_iter()
            .filter(|t| t.name == "a")
            .filter_map(|t| t.attr("href").map(str::to_string))
            .collect();
        assert!(
            links.len() >= 3,
            "{home_file}: menu has too few links: {links:?}"
        );
        let mut allowed_up = vec!["index.html".to_string()];
        allowed_up.extend(bands.iter().map(|b| format!("{b}/index.html")));
        for href in links {
            assert!(
                is_relative_url(&href),
                "{home_file}: menu link `{href}` is not relative"
            );
            let target = resolve_rel(&home_file, &href).expect("climbs out of the output");
            assert!(
                target.starts_with(&format!("{class}/")) || allowed_up.contains(&target),
                "{home_file}: menu links to {target}, outside the class site"
            );
            assert!(
                out.join(&target).is_file(),
                "{home_file}: menu link {href} is broken"
            );
        }
    }
}

#[test]
fn every_link_of_a_class_site_stays_inside_it_or_goes_up_to_school_or_band_home() {
    let s = school();
    let out = s.build_ok(&[]);
    for (class, bands) in [
        ("groep-1", vec!["onderbouw"]),
        ("groep-2", vec!["onderbouw", "bovenbouw"]),
        ("groep-3", vec!["bovenbouw"]),
    ] {
        let mut allowed_up = vec!["index.html".to_string()];
        allowed_up.extend(bands.iter().map(|b| format!("{b}/index.html")));
        for f in site_html(&out, &format!("{class}/")) {
            let html = read(&out.join(&f));
            for t in tags(&html).into_iter().filter(|t| t.name == "a") {
                let Some(href) = t.attr("href") else { continue };
                if !is_relative_url(href) {
                    continue;
                }
                let target = resolve_rel(&f, href).expect("climbs out of the output");
                assert!(
                    target.starts_with(&format!("{class}/")) || allowed_up.contains(&target),
                    "{f}: link to {target} leaves the class site"
                );
            }
        }
    }
}

#[test]
fn class_index_page_becomes_the_class_home_text() {
    let s = school();
    let out = s.build_ok(&[]);
    let home = read(&out.join("groep-1/index.html"));
    assert!(
        home.contains(GROEP1_HOME_TEXT),
        "content/groep-1/index.md's text is not on groep-1/index.html"
    );
    // It is the home, not an extra page inside the class site.
    assert_no_file(&out, "groep-1/groep-1/index.html");
    // And it belongs to groep-1 only.
    for site in ["", "onderbouw/", "groep-2/", "groep-3/"] {
        assert_site_never_mentions(&out, site, GROEP1_HOME_TEXT);
    }
    // A class without an index page still gets a home.
    assert_file(&out, "groep-3/index.html");
}

#[test]
fn band_and_school_homes_exist() {
    let s = school();
    let out = s.build_ok(&[]);
    assert!(read(&out.join("index.html")).contains("Welkom op de site van De Eik."));
    assert_file(&out, "onderbouw/index.html");
    assert_file(&out, "bovenbouw/index.html");
    let band_home = read(&out.join("onderbouw/index.html"));
    assert!(
        band_home.contains(T_ONDERBOUW),
        "band home does not list its page"
    );
}

#[test]
fn menu_is_ordered_by_weight_then_title() {
    let s = site(&[
        ("book.toml", BOOK_TOML),
        ("content/aaa.md", "---\ntitle: Aaa zonder gewicht\n---\nx\n"),
        ("content/ccc.md", "---\ntitle: Ccc zonder gewicht\n---\nx\n"),
        (
            "content/bbb.md",
            "---\ntitle: Bbb gewicht twee\nweight: 2\n---\nx\n",
        ),
        (
            "content/zzz.md",
            "---\ntitle: Zzz gewicht een\nweight: 1\n---\nx\n",
        ),
    ]);
    let out = s.build_ok(&[]);
    for home in ["index.html", "groep-2/index.html"] {
        let html = read(&out.join(home));
        let menu = nav_section(&html, "menu").expect("menu");
        let pos = |t: &str| {
            menu.find(t)
                .unwrap_or_else(|| panic!("{home}: menu lacks {t}"))
        };
        let order = [
            pos("Zzz gewicht een"),
            pos("Bbb gewicht twee"),
            pos("Aaa zonder gewicht"),
            pos("Ccc zonder gewicht"),
        ];
        assert!(
            order.windows(2).all(|w| w[0] < w[1]),
            "{home}: menu not in weight-then-title order: {order:?}"
        );
    }
}

/// Issue 16: a class in two bands sits in neither inside the other, so the
/// breadcrumb is School › class › page, and the class home names its bands
/// as tags that link to the band sites.
#[test]
fn breadcrumb_shows_school_and_class_and_the_home_its_bands_as_tags() {
    let s = school();
    let out = s.build_ok(&[]);
    let file = "groep-2/onderbouw/zandbak/index.html";
    let html = read(&out.join(file));
    let crumbs = nav_section(&html, "breadcrumb").expect("no breadcrumb <nav>");
    let targets: Vec<String> = tags(crumbs)
        .into_iter()
        .filter(|t| t.name == "a")
        .filter_map(|t| t.attr("href").and_then(|h| resolve_rel(file, h)))
        .collect();
    assert_eq!(
        targets,
        ["index.html", "groep-2/index.html"],
        "breadcrumb of {file}"
    );
    let school_at = crumbs.find("Testschool De Eik").expect("school name");
    let class_at = crumbs.find("Groep 2").expect("class name");
    assert!(school_at < class_at, "breadcrumb order");

    let home_file = "groep-2/index.html";
    let home = read(&out.join(home_file));
    let start = home
        .find("<ul class=\"tags\"")
        .expect("band tags on the class home");
    let list = &home[start..start + home[start..].find("</ul>").unwrap()];
    let bands: Vec<String> = tags(list)
        .into_iter()
        .filter(|t| t.name == "a")
        .filter_map(|t| t.attr("href").and_then(|h| resolve_rel(home_file, h)))
        .collect();
    assert_eq!(bands, ["onderbouw/index.html", "bovenbouw/index.html"]);
}

#[test]
fn class_accent_color_falls_back_to_band_then_school() {
    let toml = BOOK_TOML.replacen(
        "bands = [\"onderbouw\", \"bovenbouw\"]",
        "bands = [\"onderbouw\", \"bovenbouw\"]\ncolor = \"#7a3e9d\"",
        1,
    );
    let s = site(&[
        ("book.toml", &toml),
        ("content/a.md", "---\ntitle: A\n---\nx\n"),
    ]);
    let out = s.build_ok(&[]);
    let has = |f: &str, c: &str| read(&out.join(f)).to_ascii_lowercase().contains(c);
    assert!(has("groep-2/index.html", "#7a3e9d"), "class's own color");
    assert!(
        has("groep-2/a/index.html", "#7a3e9d"),
        "class's own color on its pages"
    );
    assert!(
        has("groep-1/index.html", "#1b6e3a"),
        "band color for a class without one"
    );
    assert!(
        has("groep-3/index.html", "#0b5394"),
        "school color when band has none"
    );
    assert!(!has("groep-1/index.html", "#7a3e9d"));
}

#[test]
fn band_index_page_becomes_the_band_home_text() {
    let s = school();
    s.write(
        "content/onderbouw/index.md",
        "---\ntitle: Onderbouw\nbands: [onderbouw]\n---\nDit is de onderbouw-thuistekst-815.\n",
    );
    let out = s.build_ok(&[]);
    assert!(read(&out.join("onderbouw/index.html")).contains("onderbouw-thuistekst-815"));
    assert_no_file(&out, "onderbouw/onderbouw/index.html");
    // A class of that band shows it as one of its pages, not as its home.
    assert!(!read(&out.join("groep-1/index.html")).contains("onderbouw-thuistekst-815"));
    assert!(!read(&out.join("groep-3/index.html")).contains("onderbouw-thuistekst-815"));
}

#[test]
fn audience_team_builds_only_the_team_site() {
    let s = school();
    let out = s.build_ok(&["--audience", "team"]);
    assert_file(&out, "team/team/overleg/index.html");
    assert_no_file(&out, "index.html");
    assert!(!out.join("groep-1").exists());
    assert!(!out.join("training").exists());
}

#[test]
fn audience_training_builds_only_the_training_book() {
    let s = school();
    let out = s.build_ok(&["--audience", "training"]);
    assert_file(&out, "training/print/index.html");
    assert_file(&out, "training/training/b/index.html");
    assert_no_file(&out, "index.html");
    assert!(!out.join("team").exists());
    assert!(!out.join("groep-1").exists());
}

#[test]
fn links_between_pages_stay_inside_the_site_that_holds_both() {
    let s = school();
    s.write(
        "content/kapstok.md",
        &format!(
            "---\ntitle: {T_SCHOOL}\nweight: 1\n---\nZie [de zandbak](onderbouw/zandbak.md) en [het kamp](bovenbouw/kamp.md).\n"
        ),
    );
    let out = s.build_ok(&[]);
    let href_to = |file: &str, text: &str| -> String {
        let html = read(&out.join(file));
        let at = html
            .find(text)
            .unwrap_or_else(|| panic!("{file} lacks {text}"));
        let open = html[..at].rfind("<a ").unwrap();
        let tag = tags(&html[open..]).into_iter().next().unwrap();
        resolve_rel(file, tag.attr("href").unwrap()).unwrap()
    };
    // In groep-1 the zandbak page is part of the class site: stay there.
    assert_eq!(
        href_to("groep-1/kapstok/index.html", ">de zandbak<"),
        "groep-1/onderbouw/zandbak/index.html"
    );
    // In groep-2 (both bands) both pages are in the class site.
    assert_eq!(
        href_to("groep-2/kapstok/index.html", ">het kamp<"),
        "groep-2/bovenbouw/kamp/index.html"
    );
    // Where the page is not part of the site, the link goes to an existing file.
    let t = href_to("groep-1/kapstok/index.html", ">het kamp<");
    assert!(out.join(&t).is_file(), "link to {t} is broken");
    assert!(
        !t.starts_with("groep-3/"),
        "groep-1 links into another class site: {t}"
    );
}

#[test]
fn class_flag_output_has_no_broken_links() {
    // `--class` writes the class site "plus what it needs": a school-wide page
    // linking to a band page of another band, and an image beside a page,
    // must still work in the output that was written. A page in a site that
    // was not built is reached through `base-url` (links stay relative
    // without one, so such a link can only work online).
    let s = school();
    s.write(
        "book.toml",
        &format!("{BOOK_TOML}\n[site]\nbase-url = \"https://ouders.school.example\"\n"),
    );
    s.write(
        "content/kapstok.md",
        &format!(
            "---\ntitle: {T_SCHOOL}\nweight: 1\n---\nZie [de zandbak](onderbouw/zandbak.md).\n\n![De kapstok](kapstok.svg)\n"
        ),
    );
    s.write(
        "content/kapstok.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>\n",
    );
    let out = s.build_ok(&["--class", "groep-3"]);
    let mut broken = Vec::new();
    for f in html_files(&out) {
        let html = read(&out.join(&f));
        for t in tags(&html) {
            for attr in ["href", "src"] {
                let Some(url) = t.attr(attr) else { continue };
                if !is_relative_url(url) {
                    continue;
                }
                let target = resolve_rel(&f, url).unwrap_or_else(|| "<above root>".into());
                if !out.join(&target).is_file() {
                    broken.push(format!("{f}: {attr}=\"{url}\" → {target} was not written"));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "broken links in --class output:\n{}",
        broken.join("\n")
    );
    let kapstok = read(&out.join("groep-3/kapstok/index.html"));
    assert!(
        kapstok.contains("href=\"https://ouders.school.example/onderbouw/onderbouw/zandbak/\""),
        "{kapstok}"
    );
}

#[test]
fn safe_html_sanitises_raw_html_end_to_end() {
    let s = site(&[
        ("book.toml", "[book]\ntitle = \"De Eik\"\n[site]\nsafe-html = true\n"),
        ("content/index.md", "---\ntitle: Welkom\n---\nWelkom.\n"),
        (
            "content/a.md",
            "---\ntitle: A\n---\n<div onclick=\"steel()\"><script>alert(1)</script><p>Hallo</p></div>\n",
        ),
    ]);
    let out = s.build_ok(&[]);
    let html = read(&out.join("a/index.html"));
    assert!(html.contains("Hallo"));
    assert!(
        !html.contains("alert(1)") && !html.contains("onclick"),
        "{html}"
    );
    s.write(
        "content/b.md",
        "---\ntitle: B\n---\n[klik](javascript:alert(1))\n",
    );
    let run = helder_in(s.root(), &["build"]);
    run.expect_code(1).no_panic();
    assert!(run.stderr.contains("content/b.md:4:1"), "{}", run.stderr);
}
