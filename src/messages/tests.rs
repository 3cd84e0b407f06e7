use std::collections::BTreeSet;
use std::path::Path;

use super::*;

/// One `msg!(...)` in the source: where, which key, which argument names.
#[derive(Debug)]
struct Use {
    place: String,
    key: String,
    args: BTreeSet<String>,
}

/// Every `msg!` call in the crate's source (this file left out).
fn uses() -> Vec<Use> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("messages/tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let mut rest = text.as_str();
        while let Some(i) = rest.find("msg!(") {
            let call = &rest[i + "msg!(".len()..];
            let inner = &call[..matching_paren(call)];
            let parts = split_top_level(inner);
            let key = parts[0].trim();
            let line = text.len() - rest.len() + i;
            let place = format!(
                "{}:{}",
                path.strip_prefix(&src).unwrap().display(),
                text[..line].matches('\n').count() + 1
            );
            // The macro's own definition and examples in comments are not uses.
            let line_start = text[..line].rfind('\n').map_or(0, |n| n + 1);
            let in_comment = text[line_start..line].trim_start().starts_with("//");
            if key.starts_with('"') && !in_comment {
                found.push(Use {
                    place,
                    key: key.trim_matches('"').to_string(),
                    args: parts[1..]
                        .iter()
                        .filter(|p| !p.trim().is_empty())
                        .map(|p| p.split('=').next().unwrap().trim().to_string())
                        .collect(),
                });
            }
            // Go on inside the call: an argument may be a msg! too.
            rest = call;
        }
    }
    found
}

/// Index of the `)` closing a call whose text starts right after its `(`.
fn matching_paren(text: &str) -> usize {
    let mut depth = 0i32;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if in_string {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => in_string = false,
                _ => escaped = false,
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => return i,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
    }
    text.len()
}

/// Splits on commas outside brackets and strings.
fn split_top_level(text: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut depth = 0i32;
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => in_string = false,
                _ => escaped = false,
            }
        } else {
            match c {
                '"' => in_string = true,
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(String::new());
                    continue;
                }
                _ => {}
            }
        }
        parts.last_mut().unwrap().push(c);
    }
    parts
}

fn dutch() -> Catalogue {
    parse(include_str!("nl.toml")).expect("nl.toml is valid TOML with only texts")
}

#[test]
fn every_catalogue_parses_and_has_only_known_keys() {
    let nl = dutch();
    assert!(nl.len() > 100, "{} texts", nl.len());
    for (code, text) in CATALOGUES {
        let catalogue = parse(text).unwrap_or_else(|e| panic!("{code}.toml: {e}"));
        for (key, template) in &catalogue {
            let dutch = nl
                .get(key)
                .unwrap_or_else(|| panic!("{code}.toml has {key}, nl.toml does not"));
            let (mut a, mut b) = (placeholders(template), placeholders(dutch));
            a.sort();
            b.sort();
            assert_eq!(
                a, b,
                "{code}.toml {key}: other placeholders than in nl.toml"
            );
        }
    }
}

#[test]
fn every_used_key_exists_with_exactly_its_placeholders() {
    let nl = dutch();
    let uses = uses();
    assert!(uses.len() > 100, "found only {} uses of msg!", uses.len());
    let mut problems = Vec::new();
    for u in &uses {
        match nl.get(&u.key) {
            None => problems.push(format!("{}: {} is not in nl.toml", u.place, u.key)),
            Some(template) => {
                let wanted: BTreeSet<String> = placeholders(template).into_iter().collect();
                if wanted != u.args {
                    problems.push(format!(
                        "{}: {} needs {:?}, gets {:?}",
                        u.place, u.key, wanted, u.args
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_key_is_unused() {
    let used: BTreeSet<String> = uses().into_iter().map(|u| u.key).collect();
    let unused: Vec<String> = dutch().into_keys().filter(|k| !used.contains(k)).collect();
    assert!(unused.is_empty(), "not used anywhere: {unused:?}");
}

/// A text's braces are `{{`, `}}`, a `{name}` of letters and `_`, or a
/// count `{name|one|many}` with two nouns; a lone brace would silently
/// swallow text up to the next one.
#[test]
fn every_brace_is_a_placeholder_or_escaped() {
    for (key, template) in dutch() {
        let mut rest = template.as_str();
        while let Some(i) = rest.find(['{', '}']) {
            let tail = &rest[i..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                rest = &tail[2..];
                continue;
            }
            let inside = tail[1..].split('}').next().unwrap_or("");
            let parts: Vec<&str> = inside.split('|').collect();
            let name = parts[0];
            let ok = tail.starts_with('{')
                && tail[1..].contains('}')
                && !name.is_empty()
                && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                && (parts.len() == 1
                    || parts.len() == 3
                        && parts[1..].iter().all(|p| !p.is_empty() && !p.contains('{')));
            assert!(
                ok,
                "{key}: a lone brace in {template:?}; write {{{{ or }}}}"
            );
            rest = &tail[inside.len() + 2..];
        }
    }
}

#[test]
fn placeholders_are_filled_and_braces_escaped() {
    let name = "groep-5";
    assert_eq!(
        fill("klas {id} bestaat niet", &[("id", &name)]),
        "klas groep-5 bestaat niet"
    );
    assert_eq!(
        fill("{{ qr(url=\"{u}\") }}", &[("u", &"x")]),
        "{ qr(url=\"x\") }"
    );
    assert_eq!(fill("{onbekend}", &[]), "{onbekend}");
    assert_eq!(placeholders("a {b} {{c}} {d}"), vec!["b", "d"]);
}

#[test]
fn counts_get_the_noun_for_one_or_more() {
    let text = "{n|pagina|pagina's} in {s|site|sites}";
    assert_eq!(fill(text, &[("n", &1), ("s", &2)]), "1 pagina in 2 sites");
    assert_eq!(fill(text, &[("n", &0), ("s", &1)]), "0 pagina's in 1 site");
    assert_eq!(
        fill(text, &[("n", &11), ("s", &21)]),
        "11 pagina's in 21 sites"
    );
    assert_eq!(placeholders(text), vec!["n", "s"]);
}

#[test]
fn unknown_languages_and_keys_fall_back() {
    assert_eq!(set_language("nl-BE"), "nl");
    assert_eq!(set_language("en"), DEFAULT_LANGUAGE);
    assert_eq!(render("bestaat.niet", &[]), "bestaat.niet");
    assert_eq!(CATALOGUES[0].0, DEFAULT_LANGUAGE);
    set_language(DEFAULT_LANGUAGE);
}

/// A second catalogue plugs in beside nl.toml: its texts win for its
/// language, and a key it lacks comes from Dutch.
#[test]
fn a_second_language_falls_back_to_dutch_per_key() {
    let english =
        parse("[fout]\nsamenvatting = \"{aantal} errors found; nothing was written.\"\n").unwrap();
    let mut all = std::collections::BTreeMap::new();
    all.insert(DEFAULT_LANGUAGE, dutch());
    all.insert("en", english);
    let summary = template(&all, "en", "fout.samenvatting").unwrap();
    assert_eq!(
        fill(summary, &[("aantal", &3)]),
        "3 errors found; nothing was written."
    );
    assert_eq!(
        template(&all, "en", "fout.samenvatting-een").unwrap(),
        "1 fout gevonden; er is niets geschreven."
    );
    assert_eq!(template(&all, "fr", "fout.label-hulp").unwrap(), "hulp: ");
}
