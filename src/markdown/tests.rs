use std::collections::BTreeMap;
use std::path::PathBuf;

use super::*;
use crate::content::{Asset, Content, Page};

struct TestShortcodes;

impl Shortcodes for TestShortcodes {
    fn exists(&self, name: &str) -> bool {
        name == "cap" || name == "blok"
    }
    fn names(&self) -> Vec<String> {
        vec!["blok".into(), "cap".into()]
    }
    fn render(
        &self,
        name: &str,
        args: &BTreeMap<String, ArgValue>,
        _page: &Page,
    ) -> Result<String, String> {
        match (name, args.get("color")) {
            ("cap", Some(ArgValue::Text(c))) => Ok(format!("<span class=\"cap\">{c}</span>")),
            ("cap", _) => Err("needs color=\"...\"".into()),
            _ => Ok("<div class=\"blok\"></div>".into()),
        }
    }
}

fn page(path: &str, body: &str) -> Page {
    Page::for_test(path, body)
}

fn site() -> Content {
    Content {
        pages: vec![
            page("index.md", ""),
            page("kanjer/index.md", ""),
            page("kanjer/rode-pet.md", ""),
            page("kanjer/witte-pet.md", ""),
        ],
        assets: vec![Asset {
            content_path: "kanjer/tijger.png".into(),
            source: PathBuf::from("x"),
            size: None,
        }],
        left_out: [(
            "kanjer/concept.md".to_string(),
            crate::content::LeftOut::Draft,
        )]
        .into(),
    }
}

fn render_body(path: &str, body: &str) -> Result<Rendered, Errors> {
    let content = site();
    let ctx = Context {
        content: &content,
        shortcodes: &TestShortcodes,
        glossary: None,
        safe_html: false,
    };
    render(&page(path, body), &ctx)
}

fn html(path: &str, body: &str) -> String {
    debug_html(&render_body(path, body).unwrap())
}

#[test]
fn gfm_features() {
    let out = html(
        "a.md",
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] klaar\n\n~~weg~~ en voetnoot[^1]\n\n[^1]: Noot.\n",
    );
    assert!(out.contains("<table>"), "{out}");
    assert!(out.contains("class=\"table-wrap\""));
    assert!(out.contains("type=\"checkbox\""));
    assert!(out.contains("<del>weg</del>"));
    assert!(out.contains("footnote"));
}

#[test]
fn alerts_become_callouts() {
    let out = html("a.md", "> [!WARNING]\n> Kijk in de map spam.\n");
    assert!(
        out.contains("<aside class=\"callout callout-warning\""),
        "{out}"
    );
    assert!(out.contains("Let op"));
    assert!(!out.contains("<blockquote"));
    let plain = html("a.md", "> Gewoon citaat\n");
    assert!(plain.contains("<blockquote>"));
}

#[test]
fn headings_get_unique_ids_and_h1_is_demoted() {
    let r = render_body("a.md", "# Een\n\n## Tip voor thuis\n\n## Tip voor thuis\n").unwrap();
    assert!(r.html.contains("<h2 id=\"een\">Een</h2>"), "{}", r.html);
    assert!(r.html.contains("<h3 id=\"tip-voor-thuis\">"));
    assert!(r.html.contains("<h3 id=\"tip-voor-thuis-2\">"));
    assert_eq!(r.headings.len(), 3);
    let r = render_body("a.md", "## Kop {#eigen}\n").unwrap();
    assert!(r.html.contains("<h2 id=\"eigen\">"), "{}", r.html);
}

#[test]
fn internal_links_resolve_to_pages_and_assets() {
    let out = html(
        "kanjer/witte-pet.md",
        "[rood](rode-pet.md#kop) [kanjer](./) [home](../index.md) ![Een tijger](tijger.png)\n",
    );
    assert!(out.contains("href=\"kanjer/rode-pet.md#kop\""), "{out}");
    assert!(out.contains("href=\"kanjer/index.md\""), "{out}");
    assert!(out.contains("href=\"index.md\""), "{out}");
    assert!(
        out.contains("src=\"kanjer/tijger.png\" alt=\"Een tijger\""),
        "{out}"
    );
    assert!(out.contains("loading=\"lazy\""));
}

#[test]
fn external_links_stay() {
    let out = html(
        "a.md",
        "[school](https://school.example/) [mail](mailto:a@b.example)\n",
    );
    assert!(out.contains("href=\"https://school.example/\""));
    assert!(out.contains("href=\"mailto:a@b.example\""));
}

#[test]
fn broken_links_are_errors_with_position() {
    let err = render_body("kanjer/witte-pet.md", "Tekst\n\nZie [dit](gele-pet.md).\n").unwrap_err();
    assert_eq!(err.len(), 1);
    let d = &err.0[0];
    assert_eq!(d.line, Some(6)); // body starts at line 4
    assert_eq!(d.column, Some(5));
    assert!(d.message.contains("kanjer/gele-pet.md"), "{}", d.message);
}

#[test]
fn link_to_a_draft_says_so() {
    let err = render_body("kanjer/witte-pet.md", "[x](concept.md)\n").unwrap_err();
    assert!(
        err.0[0].message.contains("een concept"),
        "{}",
        err.0[0].message
    );
}

#[test]
fn links_outside_content_and_external_images_are_errors() {
    assert!(render_body("a.md", "[x](../../etc/passwd)\n").is_err());
    let err = render_body("a.md", "![x](https://cdn.example/a.png)\n").unwrap_err();
    assert!(err.0[0].message.contains("van een andere website"));
}

#[test]
fn shortcodes_inline_and_block() {
    let out = html("a.md", "De {{ cap(color=\"wit\") }} pet.\n\n{{ blok() }}\n");
    assert!(
        out.contains("De <span class=\"cap\">wit</span> pet."),
        "{out}"
    );
    assert!(out.contains("<div class=\"blok\"></div>"));
    assert!(!out.contains("<p><div"), "{out}");
}

#[test]
fn shortcodes_in_code_are_left_alone() {
    let out = html(
        "a.md",
        "`{{ cap(color=\"wit\") }}`\n\n```\n{{ onbekend() }}\n```\n",
    );
    assert!(
        out.contains("<code>{{ cap(color=\"wit\") }}</code>"),
        "{out}"
    );
    assert!(out.contains("{{ onbekend() }}"));
}

#[test]
fn unknown_shortcode_is_an_error_with_line() {
    let err = render_body("a.md", "Hallo\n{{ kap(color=\"wit\") }}\n").unwrap_err();
    let d = &err.0[0];
    assert_eq!(d.line, Some(5));
    assert!(d.help.as_deref().unwrap().contains("cap"));
    let err = render_body("a.md", "{{ cap() }}\n").unwrap_err();
    assert!(err.0[0].message.contains("needs color"));
}

#[test]
fn link_position_after_a_shortcode_is_in_the_original_text() {
    let err = render_body("a.md", "{{ cap(color=\"wit\") }} [x](nee.md)\n").unwrap_err();
    assert_eq!(err.0[0].column, Some(24));
}

#[test]
fn code_is_highlighted() {
    let out = html("a.md", "```rust\nfn main() {}\n```\n");
    assert!(out.contains("hl-"), "{out}");
}

#[test]
fn placeholder_characters_in_text_are_neutralised() {
    let out = html("a.md", "a\u{E000}0\u{E001}b\n");
    assert!(!out.contains('\u{E000}'));
}

#[test]
fn footnote_ids_do_not_clash_with_headings() {
    let r = render_body(
        "a.md",
        "## Ouderraad\n\nDe raad[^ouderraad].\n\n[^ouderraad]: Uitleg.\n",
    )
    .unwrap();
    assert!(r.html.contains("id=\"ouderraad\""), "{}", r.html);
    assert!(r.html.contains("id=\"fn-ouderraad\""), "{}", r.html);
    assert!(r.html.contains("href=\"#fn-ouderraad\""), "{}", r.html);
    assert_eq!(r.html.matches("id=\"ouderraad\"").count(), 1);
}

#[test]
fn fragment_links_are_checked_against_the_target() {
    let content = site();
    let ctx = Context {
        content: &content,
        shortcodes: &TestShortcodes,
        glossary: None,
        safe_html: false,
    };
    let mut rendered: Vec<Rendered> = content
        .pages
        .iter()
        .map(|p| render(p, &ctx).unwrap())
        .collect();
    let witte = content.page_at("kanjer/witte-pet.md").unwrap();
    let rode = content.page_at("kanjer/rode-pet.md").unwrap();
    rendered[rode] = render(&page("kanjer/rode-pet.md", "## Tip voor thuis\n"), &ctx).unwrap();
    let body = "## Hier\n\n[a](rode-pet.md#tip-voor-thuis) [b](#hier)\n\n[c](rode-pet.md#tip) [d](#nergens)\n";
    rendered[witte] = render(&page("kanjer/witte-pet.md", body), &ctx).unwrap();
    let mut content = content;
    content.pages[witte].body = body.into();
    let errors = check_fragments(&content, &rendered);
    assert_eq!(errors.len(), 2, "{errors}");
    assert!(errors.0[0].message.contains("#tip"));
    assert_eq!(errors.0[0].line, Some(8));
    assert!(errors.0[1].message.contains("#nergens"));
}

#[test]
fn first_use_of_a_glossary_term_gets_its_explanation() {
    let content = site();
    let glossary = Glossary::new("nl", &[("Vossenhol".into(), "Het speellokaal".into())]);
    let ctx = Context {
        content: &content,
        shortcodes: &TestShortcodes,
        glossary: Some(&glossary),
        safe_html: false,
    };
    let body = "We spelen in het vossenhol. Het vossenhol is groot. [Vossenhol](index.md)\n";
    let r = render(&page("a.md", body), &ctx).unwrap();
    assert_eq!(r.html.matches("popovertarget=").count(), 1, "{}", r.html);
    assert!(
        r.html.contains("><dfn>vossenhol</dfn></button>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("Het speellokaal"));
    assert_eq!(r.terms.len(), 1);
}

fn render_safe(body: &str) -> Result<Rendered, Errors> {
    let content = site();
    let ctx = Context {
        content: &content,
        shortcodes: &TestShortcodes,
        glossary: None,
        safe_html: true,
    };
    render(&page("a.md", body), &ctx)
}

#[test]
fn safe_html_removes_scripts_and_handlers() {
    let body = "<div onclick=\"steel()\"><script>alert(1)</script><p>Tekst</p></div>\n\nEen <span onmouseover=\"x()\">woord</span> en <img src=x onerror=y>.\n";
    let html = debug_html(&render_safe(body).unwrap());
    assert!(!html.contains("<script"), "{html}");
    assert!(
        !html.contains("onclick") && !html.contains("onmouseover") && !html.contains("onerror"),
        "{html}"
    );
    assert!(html.contains("Tekst") && html.contains("woord"), "{html}");
    // Without safe-html, trusted authors keep their HTML.
    assert!(html_unsafe_keeps(body));
}

fn html_unsafe_keeps(body: &str) -> bool {
    html("a.md", body).contains("onclick")
}

#[test]
fn safe_html_refuses_script_links() {
    let err = render_safe("[klik](javascript:alert(1)) en [dit]( JavaScript:x)\n").unwrap_err();
    assert_eq!(err.len(), 2, "{err}");
    assert!(err.0[0].message.contains("start een script"));
    assert!(render_safe("[school](https://school.example/)\n").is_ok());
}

fn ctx_for(content: &Content) -> Context<'_> {
    Context {
        content,
        shortcodes: &TestShortcodes,
        glossary: None,
        safe_html: false,
    }
}

/// Found by fuzzing (fuzz/corpus/markdown/crash-many-fragment-links.md):
/// every `#fragment` link searched the page's whole HTML for its target.
#[test]
fn many_fragment_links_are_checked_at_once() {
    let content = site();
    let body = format!("## Hier\n\n{}[weg](#nergens)\n", "[a](#hier) ".repeat(5000));
    let witte = content.page_at("kanjer/witte-pet.md").unwrap();
    let mut rendered = vec![Rendered::default(); content.pages.len()];
    rendered[witte] = render(&page("kanjer/witte-pet.md", &body), &ctx_for(&content)).unwrap();
    let errors = check_fragments(&content, &rendered);
    assert_eq!(errors.len(), 1, "{errors}");
    assert!(errors.0[0].message.contains("#nergens"));
}

/// Found by fuzzing (fuzz/corpus/markdown/crash-deep-html.md): with
/// safe-html, 12,000 nested `<div>` kept the HTML sanitiser busy for seconds.
#[test]
fn deeply_nested_html_is_refused_with_safe_html() {
    let deep = format!("{}\n", "<div>".repeat(12_000));
    let err = render_safe(&deep).unwrap_err();
    assert!(
        err.0[0]
            .message
            .contains("meer dan 512 elementen in elkaar"),
        "{err}"
    );
    assert_eq!(err.0[0].line, Some(4));
    // Void, self-closed and closed elements do not add up.
    let flat = format!(
        "<div>{}</div>\n",
        "<br><img src=\"a.png\"/><span>x</span>".repeat(1000)
    );
    assert!(render_safe(&flat).is_ok());
    assert_eq!(html_depth("<div><p>a</p><br><img/><!-- x --></div>"), 2);
    // Trusted HTML is passed on as written.
    assert!(render_body("a.md", &deep).is_ok());
}

/// Found by fuzzing (fuzz/corpus/markdown/crash-many-slides.md): each slide
/// got a copy of the whole deck's body.
#[test]
fn a_deck_of_many_slides_renders() {
    let content = site();
    let mut deck = page("dia.md", &"# Dia\n\n---\n\n".repeat(3000));
    deck.meta.kind = PageKind::Slides;
    let r = render(&deck, &ctx_for(&content)).unwrap();
    assert_eq!(r.slides.len(), 3000);
    assert!(r.html.contains("id=\"dia-3000\""));
}

/// Found by the browser checks (axe `label`): a task list's checkbox had no
/// name. The item's text is its label, up to a nested list.
#[test]
fn task_list_items_label_their_checkbox() {
    let out = html("a.md", "- [ ] drinkbus\n- [x] turnzak\n  - met naam\n");
    assert!(
        out.contains(
            "<li><label class=\"task\"><input type=\"checkbox\" disabled> drinkbus</label></li>"
        ),
        "{out}"
    );
    assert!(
        out.contains("<label class=\"task\"><input type=\"checkbox\" disabled checked> turnzak</label>\n<ul>"),
        "{out}"
    );
    let loose = html("a.md", "- [ ] brooddoos\n\n- [ ] agenda\n");
    assert!(
        loose.contains(
            "<p><label class=\"task\"><input type=\"checkbox\" disabled> brooddoos</label></p>"
        ),
        "{loose}"
    );
}

/// Found by the browser checks (axe `duplicate-id-aria`): a heading "Lukt het
/// niet?" in a manual took the id of the theme's own help block.
#[test]
fn headings_do_not_take_the_themes_ids() {
    let out = html(
        "a.md",
        "## Lukt het niet?\n\n## Inhoud\n\n## Lijst 2\n\n## Dia\n",
    );
    assert!(out.contains("<h2 id=\"lukt-het-niet-2\">"), "{out}");
    assert!(out.contains("<h2 id=\"inhoud-2\">"), "{out}");
    assert!(out.contains("<h2 id=\"lijst-2-2\">"), "{out}");
    assert!(out.contains("<h2 id=\"dia\">"), "{out}");
}

#[test]
fn email_autolinks_become_mailto_links() {
    // CommonMark's `<...>` e-mail autolinks (spec examples 606, 607).
    let r = render_body(
        "a.md",
        "Mail <foo@bar.example.com> of <foo+special@Bar.baz-bar0.com>.",
    )
    .unwrap();
    assert!(
        r.html
            .contains("<a href=\"mailto:foo@bar.example.com\">foo@bar.example.com</a>"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("href=\"mailto:foo+special@Bar.baz-bar0.com\""),
        "{}",
        r.html
    );
}

#[test]
fn addresses_and_phone_numbers_in_text_are_tappable_links() {
    let r = render_body(
        "a.md",
        "Bel 0123 456789 of mail info@school.example. Zie www.school.example/agenda_2026 en https://ouders.example/?a=1&b=2.\n\n`www.code.example` blijft code, [een link](https://x.example) blijft zoals hij is.",
    )
    .unwrap();
    for expected in [
        "<a href=\"tel:0123456789\" dir=\"ltr\">0123 456789</a>",
        "<a href=\"mailto:info@school.example\" dir=\"ltr\">info@school.example</a>.",
        "<a href=\"http://www.school.example/agenda_2026\" dir=\"ltr\">www.school.example/agenda_2026</a>",
        "<a href=\"https://ouders.example/?a=1&amp;b=2\" dir=\"ltr\">https://ouders.example/?a=1&amp;b=2</a>.",
        "<code>www.code.example</code>",
        "<a href=\"https://x.example\">een link</a>",
    ] {
        assert!(r.html.contains(expected), "{expected}\n{}", r.html);
    }
}

#[test]
fn heading_levels_follow_the_title_without_gaps() {
    let levels = |body: &str| -> Vec<u8> {
        render_body("a.md", body)
            .unwrap()
            .headings
            .iter()
            .map(|h| h.level)
            .collect()
    };
    assert_eq!(
        levels("### Drie\n\n#### Vier\n"),
        vec![2, 3],
        "lifted to h2"
    );
    assert_eq!(
        levels("## Twee\n\n#### Vier\n\n## Twee\n"),
        vec![2, 3, 2],
        "no gap"
    );
    assert_eq!(levels("# Een\n\n### Drie\n"), vec![2, 3]);
    assert_eq!(levels("## A\n\n### B\n\n#### C\n"), vec![2, 3, 4], "kept");
    let html = render_body("a.md", "### Drie\n").unwrap().html;
    assert!(html.contains("<h2 id=\"drie\">Drie</h2>"), "{html}");
}

#[test]
fn raw_html_that_loads_from_another_host_is_an_error_with_its_line() {
    let body = "Tekst.\n\n<div>\n<img src=\"https://t.example/pixel.gif\" alt=\"\">\n</div>\n\nInline <img src=\"//t.example/p.gif\"> ook.\n";
    for errors in [
        render_body("a.md", body).unwrap_err(),
        render_safe(body).unwrap_err(),
    ] {
        let lines: Vec<_> = errors.0.iter().map(|d| d.line).collect();
        assert_eq!(lines.len(), 2, "{errors}");
        assert!(
            errors.0[0].message.contains("https://t.example/pixel.gif"),
            "{errors}"
        );
        assert!(
            errors
                .0
                .iter()
                .any(|d| d.message.contains("//t.example/p.gif")),
            "{errors}"
        );
    }
    // A link to another website is fine: it loads nothing by itself.
    assert!(render_body("a.md", "<a href=\"https://ok.example\">tekst</a>").is_ok());
}

#[test]
fn safe_html_keeps_an_inline_link_with_its_text() {
    let r = render_safe(
        "Lees <a href=\"https://ok.example\" onclick=\"x()\">de <em>brief</em></a> goed.",
    )
    .unwrap();
    assert!(
        r.html.contains("<a href=\"https://ok.example\" rel=\"noopener noreferrer\">de <em>brief</em></a> goed."),
        "{}",
        r.html
    );
    assert!(!r.html.contains("onclick"));
}

#[test]
fn an_evenings_key_points_are_found_where_they_were_written() {
    let content = site();
    let mut evening = page(
        "avond.md",
        "Vooraf.\n\n## In het kort\n\n- een\n- [twee](kanjer/rode-pet.md)\n\n## Verder\n\nTekst.\n",
    );
    evening.meta.kind = PageKind::Evening {
        time: None,
        location: None,
        slides: None,
    };
    let r = render(&evening, &ctx_for(&content)).unwrap();
    let section = r.key_points.clone().expect("key points");
    assert!(r.html[section.clone()].starts_with("<section class=\"key-points\""));
    assert!(r.html[section.clone()].ends_with("</section>"));
    let (body, key_points) = r.split_key_points_for(|_| "x".into());
    let key_points = key_points.unwrap();
    assert!(
        key_points.contains("<a href=\"x\">twee</a>"),
        "{key_points}"
    );
    assert!(
        body.starts_with("<p>Vooraf.</p>\n\n<h2 id=\"verder\">"),
        "{body}"
    );
    assert_eq!(
        r.document[1],
        document::TextBlock::Heading(vec![document::Span::Text("In het kort".into())])
    );
}

#[test]
fn a_slides_notes_and_outline_are_its_own() {
    let content = site();
    let mut deck = page(
        "dia.md",
        "## Een\n\n- punt\n\nNotes: Zeg [dit](kanjer/rode-pet.md).\n\nNa.\n\n---\n\n## Twee\n",
    );
    deck.meta.kind = PageKind::Slides;
    let r = render(&deck, &ctx_for(&content)).unwrap();
    let one = &r.slides[0];
    assert!(
        !one.rendered.html.contains("notes"),
        "{}",
        one.rendered.html
    );
    assert!(one.rendered.html.contains("<p>Na.</p>"));
    assert_eq!(
        one.notes_for(|_| "x".into()),
        "<p>Zeg <a href=\"x\">dit</a>.</p>\n"
    );
    assert_eq!(one.outline.title, "Een");
    assert_eq!(one.outline.notes, "Zeg dit.");
    assert!(
        r.html.contains("<div class=\"notes\">"),
        "the page keeps them"
    );
    assert!(r.slides[1].notes.is_empty());
}
