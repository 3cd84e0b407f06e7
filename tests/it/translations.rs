//! Translations (spec §3 `[languages]`, §4 `NAME.LANG.md`, §5 `/LANG/`):
//! every parent site again under /LANG/, translated where a translation
//! exists, else the default text with a notice; team pages only where
//! translated; lang, dir, the language switcher and hreflang.

use crate::common::*;

fn school_with_languages() -> Site {
    site(&[
        (
            "book.toml",
            "[book]\ntitle = \"De Eik\"\n[site]\nbase-url = \"https://eik.example\"\n[[band]]\nid = \"onderbouw\"\nname = \"Onderbouw\"\n[[class]]\nid = \"groep-1\"\nname = \"Groep 1\"\nbands = [\"onderbouw\"]\n[languages.en]\nname = \"English\"\n[languages.ar]\nname = \"العربية\"\ndirection = \"rtl\"\n",
        ),
        ("content/index.md", "---\ntitle: Welkom\n---\nWelkom.\n"),
        ("content/index.en.md", "---\ntitle: Welcome\n---\nWelcome.\n"),
        ("content/gym.md", "---\ntitle: Gymles\n---\nNeem gymkleren mee.\n"),
        ("content/gym.en.md", "---\ntitle: Gym class\n---\nBring gym clothes.\n"),
        ("content/vakantie.md", "---\ntitle: Vakanties\n---\nDe vakanties van dit jaar.\n"),
        ("content/groep-1/index.md", "---\ntitle: Groep 1\nclasses: [groep-1]\n---\nWelkom in groep 1.\n"),
        ("content/team/overleg.md", "---\ntitle: Overleg\naudience: team\n---\nVoor het team.\n"),
    ])
}

#[test]
fn translated_pages_are_shown_in_their_language() {
    let s = school_with_languages();
    let out = s.build_ok(&[]);
    let en = read(&out.join("en/gym/index.html"));
    assert!(en.contains("<html lang=\"en\" dir=\"ltr\">"), "{en}");
    assert!(en.contains("Gym class") && en.contains("Bring gym clothes."));
    assert!(!en.contains("class=\"notice\""));
    // The class site exists in English too, with the translated school page.
    assert!(read(&out.join("en/groep-1/gym/index.html")).contains("Bring gym clothes."));
    assert!(read(&out.join("en/index.html")).contains("Welcome."));
}

#[test]
fn untranslated_pages_show_the_dutch_text_with_a_notice() {
    let s = school_with_languages();
    let out = s.build_ok(&[]);
    let en = read(&out.join("en/vakantie/index.html"));
    assert!(
        en.contains("This page has not been translated yet."),
        "{en}"
    );
    assert!(
        en.contains("<div lang=\"nl\" dir=\"ltr\">"),
        "the Dutch text is marked as Dutch"
    );
    assert!(en.contains("De vakanties van dit jaar."));
}

#[test]
fn right_to_left_languages_get_dir_rtl() {
    let s = school_with_languages();
    let out = s.build_ok(&[]);
    let ar = read(&out.join("ar/gym/index.html"));
    assert!(ar.contains("<html lang=\"ar\" dir=\"rtl\">"), "{ar}");
    assert!(
        ar.contains("<div lang=\"nl\" dir=\"ltr\">"),
        "untranslated Dutch text stays left to right"
    );
}

#[test]
fn the_switcher_and_hreflang_point_to_the_same_page_in_each_language() {
    let s = school_with_languages();
    let out = s.build_ok(&[]);
    let nl = read(&out.join("gym/index.html"));
    assert!(
        nl.contains("href=\"../en/gym/index.html\" lang=\"en\""),
        "{nl}"
    );
    assert!(nl.contains("href=\"../ar/gym/index.html\" lang=\"ar\""));
    assert!(nl.contains("hreflang=\"en\" href=\"https://eik.example/en/gym/\""));
    let en = read(&out.join("en/groep-1/gym/index.html"));
    assert!(
        en.contains("href=\"../../../groep-1/gym/index.html\" lang=\"nl\""),
        "{en}"
    );
}

#[test]
fn team_pages_appear_under_a_language_only_when_translated() {
    let s = school_with_languages();
    let out = s.build_ok(&[]);
    assert_file(&out, "team/team/overleg/index.html");
    assert!(!out.join("en/team").exists());
    s.write(
        "content/team/overleg.en.md",
        "---\ntitle: Meeting\naudience: team\n---\nFor the team.\n",
    );
    let out = s.build_ok(&[]);
    assert!(read_opened(&out.join("en/team/team/overleg/index.html")).contains("For the team."));
}

#[test]
fn the_themes_own_words_follow_the_language_and_a_site_can_change_one() {
    let s = school_with_languages();
    let out = s.build_ok(&[]);
    assert!(read(&out.join("en/gym/index.html")).contains(">Skip to content<"));
    assert!(read(&out.join("gym/index.html")).contains(">Naar de inhoud<"));
    // A site changes one word; the others stay.
    s.write("themes/helder/i18n/nl.toml", "start = \"Beginpagina\"\n");
    let out = s.build_ok(&[]);
    let nl = read(&out.join("gym/index.html"));
    assert!(
        nl.contains(">Beginpagina</a>") && nl.contains(">Naar de inhoud<"),
        "{nl}"
    );
    // A broken word list is an error naming it.
    s.write("themes/helder/i18n/nl.toml", "start = \n");
    let run = helder_in(s.root(), &["build"]);
    run.expect_code(1).no_panic();
    assert!(
        run.stderr.contains("themes/helder/i18n/nl.toml"),
        "{}",
        run.stderr
    );
}

#[test]
fn dates_and_list_headings_follow_the_site_language() {
    let s = school_with_languages();
    s.write(
        "content/nieuws.md",
        "---\ntitle: Nieuws\ntype: news\ndate: 2026-10-08\n---\nEen bericht.\n",
    );
    let out = s.build_ok(&[]);
    assert!(read(&out.join("nieuws/index.html")).contains("8 oktober 2026"));
    let en = read(&out.join("en/nieuws/index.html"));
    assert!(en.contains("8 October 2026"), "{en}");
    let en_home = read(&out.join("en/groep-1/index.html"));
    assert!(
        en_home.contains(">News<") && en_home.contains(">From the school<"),
        "{en_home}"
    );
    assert!(read(&out.join("ar/groep-1/index.html")).contains(">من المدرسة<"));
}

#[test]
fn callout_titles_and_the_text_summary_are_in_the_page_language() {
    let s = site(&[
        (
            "book.toml",
            "[book]\ntitle = \"De Eik\"\n[languages.en]\nname = \"English\"\n",
        ),
        ("content/index.md", "---\ntitle: Welkom\n---\nWelkom.\n"),
        (
            "content/avond.md",
            "---\ntitle: Ouderavond\ntype: evening\ndate: 2026-10-08\ntime: \"19:30\"\nlocation: De aula\n---\n> [!TIP]\n> Lees elke dag samen.\n",
        ),
        (
            "content/avond.en.md",
            "---\ntitle: Parents' evening\ntype: evening\ndate: 2026-10-08\ntime: \"19:30\"\nlocation: The hall\n---\n> [!TIP]\n> Read together every day.\n\n> [!WARNING]\n> Bring your login code.\n",
        ),
    ]);
    let out = s.build_ok(&[]);
    let nl = read(&out.join("avond/index.html"));
    assert!(nl.contains("<p class=\"callout-title\">Tip</p>"), "{nl}");
    let en = read(&out.join("en/avond/index.html"));
    assert!(
        en.contains("<p class=\"callout-title\">Please note</p>"),
        "{en}"
    );
    assert!(!en.contains("Let op"));
    let text = read(&out.join("en/avond/samenvatting.txt"));
    assert!(text.contains("When: 8 October 2026, 19:30\n"), "{text}");
    assert!(
        text.contains("Where: The hall\n") && text.contains("| Please note:\n| Bring"),
        "{text}"
    );
    let dutch = read(&out.join("avond/samenvatting.txt"));
    assert!(
        dutch.contains("Wanneer: 8 oktober 2026, 19:30 uur\n"),
        "{dutch}"
    );
}

#[test]
fn a_flemish_site_uses_flemish_theme_words() {
    let s = site(&[
        (
            "book.toml",
            "[book]\ntitle = \"De Linde\"\nlanguage = \"nl-BE\"\n[[class]]\nid = \"lj1\"\nname = \"Eerste leerjaar\"\nteacher = \"Juf An\"\n",
        ),
        ("content/index.md", "---\ntitle: Welkom\n---\nWelkom.\n"),
        ("content/uitstap.md", "---\ntitle: Uitstap\ntype: event\ndate: 2026-10-08\n---\nWe gaan naar het bos.\n"),
    ]);
    let out = s.build_ok(&[]);
    let home = read(&out.join("index.html"));
    assert!(
        home.contains("Graden en klassen") || home.contains("kalender op uw gsm"),
        "{home}"
    );
    let class = read(&out.join("lj1/index.html"));
    assert!(class.contains("Klasleerkracht"), "{class}");
    assert!(!class.contains(">Leerkracht"), "{class}");
}

#[test]
fn cap_names_animals_and_the_cap_folder_follow_the_site_language() {
    let s = site(&[
        (
            "book.toml",
            "[book]\ntitle = \"De Eik\"\n[languages.en]\nname = \"English\"\n",
        ),
        ("content/index.md", "---\ntitle: Welkom\n---\nWelkom.\n"),
        (
            "content/kanjer/rode-pet.md",
            "---\ntitle: De rode pet\ntype: cap\ncolor: rood\n---\nDe aap maakt grapjes.\n",
        ),
    ]);
    let out = s.build_ok(&[]);
    let nl = read(&out.join("kanjer/rode-pet/index.html"));
    assert!(
        nl.contains("Het dier: <strong>de aap</strong>")
            && nl.contains("aria-label=\"Tekening van de rode pet\""),
        "{nl}"
    );
    let en = read(&out.join("en/kanjer/rode-pet/index.html"));
    assert!(
        en.contains("The red cap · The animal: <strong>the monkey</strong>")
            && en.contains("aria-label=\"Drawing of the red cap\""),
        "{en}"
    );
    let folder = read(&out.join("en/petten/folder/index.html"));
    assert!(
        folder.contains("<h1>The caps: a leaflet for home</h1>"),
        "{folder}"
    );
    assert!(
        folder.contains("The animal: <strong>the monkey</strong>") && !folder.contains("Het dier"),
        "{folder}"
    );
}

/// Issue 11 item 15: in a right-to-left site, the school's phone number and
/// e-mail address keep their own direction (`dir="ltr"`), and the Dutch
/// title of an untranslated page in the menu, the lists and the breadcrumb
/// is isolated with its language (`<bdi lang="nl">`), so neither
/// "780 456 0123" nor "?Bij wie kan ik terecht" can appear. The browser
/// suite measures where the letters land; this checks the markup.
#[test]
fn right_to_left_pages_isolate_numbers_addresses_and_dutch_titles() {
    let s = site(&[
        (
            "book.toml",
            "[book]\ntitle = \"De Eik\"\n[school]\nphone = \"0123 456 780\"\nemail = \"info@eik.example\"\n[languages.ar]\nname = \"العربية\"\ndirection = \"rtl\"\n",
        ),
        ("content/index.md", "---\ntitle: Welkom\n---\nWelkom.\n"),
        (
            "content/bij-wie.md",
            "---\ntitle: Bij wie kan ik terecht?\nsummary: Wie helpt u bij welke vraag?\n---\nTekst.\n",
        ),
    ]);
    let out = s.build_ok(&[]);
    let home = read(&out.join("ar/index.html"));
    assert!(home.contains("<html lang=\"ar\" dir=\"rtl\">"), "{home}");
    assert!(
        home.contains("<a href=\"tel:0123456780\" dir=\"ltr\">0123 456 780</a>"),
        "{home}"
    );
    assert!(
        home.contains("<a href=\"mailto:info@eik.example\" dir=\"ltr\">info@eik.example</a>"),
        "{home}"
    );
    let isolated = "<bdi lang=\"nl\">Bij wie kan ik terecht?</bdi>";
    let menu = nav_section(&home, "menu").expect("menu");
    assert!(menu.contains(isolated), "menu: {menu}");
    assert!(
        home.matches(isolated).count() >= 2,
        "menu and the home's list: {home}"
    );
    assert!(
        home.contains("lang=\"nl\" dir=\"auto\">Wie helpt u bij welke vraag?</span>"),
        "the summary too: {home}"
    );
    let page = read(&out.join("ar/bij-wie/index.html"));
    let crumbs = nav_section(&page, "breadcrumb").expect("breadcrumb");
    assert!(crumbs.contains(isolated), "breadcrumb: {crumbs}");
    // In the Dutch site nothing needs isolating.
    let nl = read(&out.join("index.html"));
    assert!(!nl.contains("<bdi"), "{nl}");
}
