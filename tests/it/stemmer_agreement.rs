//! The search page stems the visitor's query in the browser with
//! `themes/helder/static/assets/stam.js`; the build stemmed the index with
//! rust-stemmers. A query only finds a page when both give the same stem, so
//! this test runs both over a large Dutch word list and compares every stem.
//!
//! It needs Node.js (`node` on the PATH) and fails, rather than skips,
//! without it: a silently skipped agreement test is how the two drift apart.

use std::collections::BTreeSet;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;

use helder::{stems_dutch, stems_english};
use rust_stemmers::{Algorithm, Stemmer};

/// Endings added to every word of the corpus, to reach the suffix rules
/// that plain text rarely hits (and many that make no real word: the
/// stemmers must agree on those too, since visitors type anything).
const SUFFIXES: &[&str] = &[
    "en", "e", "s", "heden", "heid", "ing", "end", "baar", "lijk", "ig", "tje", "je",
];

/// Words picked by hand: common school words, and the corners of the Snowball
/// algorithm (accents, y and i between vowels, R1 counted in bytes, -heden,
/// gem-, -heid after c, -bar after a removed e, double vowels, non-letters).
const TRICKY: &str = "\
    gesprekken gesprek oudergesprekken oudergesprek kinderen kind kinderen's lopen lopend \
    lopende mogelijkheden mogelijkheid mogelijk vriendelijk vriendelijke vriendelijkheid \
    eenvoudig eenvoudige eenvoudiger ideeën idee ideeen coördinator coördinatie coordinator \
    kanjertraining kanjertrainingen zeeën zee baby's baby babys afgeleid afleiden gemeen gemene \
    gemeente gemeenten gemeentes eten èten crème crèmes café cafés naïef naïeve reünie reünies \
    efficiënt één hè façade ça ñandoe straße œuvre ærø yoghurt yoga y yy ya yes ij ijs ijsje \
    bij mooie mooier fraaie kraaien haai haaien ooievaar aiia aiiia ayyo ayi kayak royaal \
    loyaal papegaaien fooien brouwerij brouwerijen zwembad zwemmen bedden bakken zitten hebben \
    maan manen boom bomen vuur vuren huis huizen eetbaar eetbare leesbaar leesbare zichtbare \
    bereikbaarheid wonderbaarlijk heden verleden gelegenheden gelegenheid bescheidenheid \
    scheiden heid eigen veilig veiligheid zuinigheid zuinigheden lastige lastigheid weinig \
    koning koningin vergadering vergaderingen lezing rekening leerlingen leerling onderwijzend \
    juffen meesters meisje meisjes jongens schooltje kopje kopjes tweeën drieën ouders groepen \
    rapporten teruggaan ziende ziekenhuis aardig aardigheid nodig nodige beëindigen \
    geïnteresseerd zeeëngte 1-2a groep8 2024 e-mail ouder-kindgesprek a i ab s en ene se aa aan \
    baa😀 feest🎉 maan🎉 🎉en çèten àlen ààn êtes ôten 𝔞𝔟𝔢𝔫 zoë zoëen noël israël cocktailbar \
    snackbar koffiebar kinderbaren eetbaren basicheid academicheid publicheid chaoticheden \
    nietigheid hartelijkend heiligend koninginnen vijandigend zeeigend \
    tegenneiging tegenneigend
";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The lower-cased words of `text`, and the parts of "e-mail" and "baby's".
fn add_words(text: &str, words: &mut BTreeSet<String>) {
    let is_word_char = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’');
    for token in text.split(|c: char| !is_word_char(c)) {
        let token = token
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if token.is_empty() {
            continue;
        }
        for part in token.split(['-', '\'', '’']) {
            if !part.is_empty() {
                words.insert(part.to_string());
            }
        }
        words.insert(token);
    }
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("readable content folder"))
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect()
}

/// Every word of the demo content, the fixtures and the plain-language word
/// lists, the same words with each of [`SUFFIXES`], and [`TRICKY`].
fn dutch_words() -> Vec<String> {
    let root = root();
    let mut files = markdown_files(&root.join("content"));
    files.extend(markdown_files(&root.join("tests/fixtures")));
    let data = root.join("src/plain/data");
    for entry in std::fs::read_dir(&data).expect("src/plain/data") {
        let path = entry.expect("src/plain/data entry").path();
        if path.extension().is_some_and(|x| x == "tsv") {
            files.push(path);
        }
    }
    assert!(files.len() > 10, "too few source files found: {files:?}");

    let mut base = BTreeSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file:?}: {e}"));
        add_words(&text, &mut base);
    }
    let mut words = base.clone();
    for word in base.iter().filter(|w| w.chars().all(char::is_alphabetic)) {
        for suffix in SUFFIXES {
            words.insert(format!("{word}{suffix}"));
        }
    }
    words.extend(TRICKY.split_whitespace().map(str::to_string));
    words.into_iter().collect()
}

/// `helderStam(word, lang)` from stam.js for each pair, in one run of node.
fn js_stems(pairs: &[(&str, &str)]) -> Vec<String> {
    const RUNNER: &str = r#"
        const fs = require('fs'), vm = require('vm');
        const [script, input, output] = process.argv.slice(1);
        // As a classic script, the way the page loads it: helderStam becomes a global.
        vm.runInThisContext(fs.readFileSync(script, 'utf8'), { filename: script });
        const pairs = JSON.parse(fs.readFileSync(input, 'utf8'));
        fs.writeFileSync(output, JSON.stringify(pairs.map(([w, l]) => helderStam(w, l))));
    "#;
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("words.json");
    let output = dir.path().join("stems.json");
    std::fs::write(&input, serde_json::to_string(pairs).unwrap()).expect("write word list");
    let script = root().join("themes/helder/static/assets/stam.js");
    let result = Command::new("node")
        .arg("-e")
        .arg(RUNNER)
        .arg(&script)
        .arg(&input)
        .arg(&output)
        .output();
    let result = match result {
        Ok(result) => result,
        Err(e) if e.kind() == ErrorKind::NotFound => panic!(
            "this test needs Node.js to run assets/stam.js, but `node` is not on the PATH: \
             install Node.js (https://nodejs.org/, or e.g. `apt install nodejs`) and run it again"
        ),
        Err(e) => panic!("could not start node: {e}"),
    };
    assert!(
        result.status.success(),
        "node failed on stam.js ({}):\n{}",
        result.status,
        String::from_utf8_lossy(&result.stderr)
    );
    let stems: Vec<String> =
        serde_json::from_str(&std::fs::read_to_string(&output).expect("node wrote no stems"))
            .expect("stems as a JSON list of strings");
    assert_eq!(stems.len(), pairs.len(), "one stem per word");
    stems
}

#[test]
fn stam_js_agrees_with_rust_stemmers_on_dutch_words() {
    let words = dutch_words();
    assert!(
        words.len() > 10_000,
        "only {} distinct words to compare",
        words.len()
    );
    let stemmer = Stemmer::create(Algorithm::Dutch);
    let pairs: Vec<(&str, &str)> = words.iter().map(|w| (w.as_str(), "nl")).collect();
    let js = js_stems(&pairs);
    let differences: Vec<String> = words
        .iter()
        .zip(&js)
        .filter_map(|(word, js)| {
            let rust = stemmer.stem(word);
            (rust != js.as_str())
                .then(|| format!("{word:?}: rust-stemmers {rust:?}, stam.js {js:?}"))
        })
        .collect();
    println!("compared the stems of {} distinct words", words.len());
    assert!(
        differences.is_empty(),
        "stam.js and rust-stemmers disagree on {} of {} words; the first 20:\n{}",
        differences.len(),
        words.len(),
        differences
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn stam_js_examples_and_languages() {
    let stemmer = Stemmer::create(Algorithm::Dutch);
    let js = js_stems(&[
        ("gesprekken", "nl"),
        ("gesprek", "nl"),
        ("kinderen", "nl"),
        ("kind", "nl"),
    ]);
    // The point of stemming: a plural finds the singular.
    assert_eq!(js[0], js[1], "gesprekken and gesprek");
    assert_eq!(js[0], stemmer.stem("gesprek"));
    // Snowball only strips -en, so kinderen -> kinder, not kind: a known
    // limitation, shared with the index. The browser must not "fix" it.
    assert_eq!(stemmer.stem("kinderen"), "kinder");
    assert_eq!(stemmer.stem("kind"), "kind");
    assert_eq!(js[2], "kinder");
    assert_eq!(js[3], "kind");

    // Only the languages the build stems get stemmed, and every word is
    // lower-cased, as the build does.
    let langs = [
        "nl", "nl-BE", "nl-NL", "en", "en-GB", "de", "fy", "nld", "nl_NL", "NL", "",
    ];
    let word = "Gesprekken";
    let pairs: Vec<(&str, &str)> = langs.iter().map(|&lang| (word, lang)).collect();
    for (lang, js) in langs.iter().zip(js_stems(&pairs)) {
        let lower = word.to_lowercase();
        let expected = if stems_dutch(lang) {
            stemmer.stem(&lower).into_owned()
        } else if stems_english(lang) {
            Stemmer::create(Algorithm::English)
                .stem(&lower)
                .into_owned()
        } else {
            lower
        };
        assert_eq!(js, expected, "lang {lang:?}");
    }
}

/// English endings added to every word of the English corpus.
const ENGLISH_SUFFIXES: &[&str] = &[
    "s", "es", "ed", "ing", "ly", "er", "est", "ness", "ment", "ation", "ational", "ization",
    "ful", "fulness", "ity", "ive", "iveness", "able", "ably", "al", "ally", "ism", "ize", "ous",
    "ously", "ent", "ence", "ance", "ic", "ical", "li", "lessli", "ogi", "y", "ied", "ies",
];

/// The corners of Porter2: its exceptions, y as a consonant, apostrophes,
/// gener-/commun-/arsen-, short syllables, doubles, non-letters.
const ENGLISH_TRICKY: &str = "\
    skis skies dying lying tying idly gently ugly early only singly sky news howe atlas \
    cosmos bias andes inning innings outing outings canning cannings herring herrings earring \
    earrings proceed proceeding exceed exceeded succeed succeeded yes youth yay sayyid boy boys \
    toy toying yyy ayyy 'tis 'twas children's parents' o'clock don't ' '' 's 's' abc's \
    generate general generously generation communication community commune arsenal arsenic \
    hop hoped hoping hopping hope fil filing filling fill tap taped tapping luxuriate \
    agreed agree feed feeding bleed need needed ied ies ties cries dies ponies \
    caress caresses gas gaps kiwis us bus plus sss ss s a i by cry crying sky shy \
    tional rational relational conditional electricity electrical adjustable dependent \
    effective bowdlerize cryogenic logic logical apology archaeology analogi \
    allies ally rally controlling rolling hopeful hopefully fully cheerfully \
    café naïve résumé coördinate œuvre 😀s e-mail 1st 2nd 2026s wx ox box boxes \
    mixed mixing snowing snowed yelling played playing paying pays
";

/// Every word of the README, the Rust sources' comments and the English
/// pages and word lists, the same words with each of [`ENGLISH_SUFFIXES`],
/// and [`ENGLISH_TRICKY`].
fn english_words() -> Vec<String> {
    let root = root();
    let mut files = vec![
        root.join("README.md"),
        root.join("themes/helder/i18n/en.toml"),
    ];
    for dir in ["src", "tests/it", "content", "tests/fixtures"] {
        files.extend(
            walkdir::WalkDir::new(root.join(dir))
                .into_iter()
                .map(|e| e.expect("readable folder"))
                .filter(|e| {
                    let name = e.file_name().to_string_lossy();
                    e.file_type().is_file() && (name.ends_with(".rs") || name.ends_with(".en.md"))
                })
                .map(|e| e.into_path()),
        );
    }
    let mut base = BTreeSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file:?}: {e}"));
        add_words(&text, &mut base);
    }
    let mut words = base.clone();
    for word in base
        .iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_lowercase()))
    {
        for suffix in ENGLISH_SUFFIXES {
            words.insert(format!("{word}{suffix}"));
        }
    }
    words.extend(ENGLISH_TRICKY.split_whitespace().map(str::to_string));
    words.into_iter().collect()
}

#[test]
fn stam_js_agrees_with_rust_stemmers_on_english_words() {
    let words = english_words();
    assert!(
        words.len() > 10_000,
        "only {} distinct words to compare",
        words.len()
    );
    let stemmer = Stemmer::create(Algorithm::English);
    let pairs: Vec<(&str, &str)> = words.iter().map(|w| (w.as_str(), "en")).collect();
    let js = js_stems(&pairs);
    let differences: Vec<String> = words
        .iter()
        .zip(&js)
        .filter_map(|(word, js)| {
            let rust = stemmer.stem(word);
            (rust != js.as_str())
                .then(|| format!("{word:?}: rust-stemmers {rust:?}, stam.js {js:?}"))
        })
        .collect();
    println!(
        "compared the English stems of {} distinct words",
        words.len()
    );
    assert!(
        differences.is_empty(),
        "stam.js and rust-stemmers disagree on {} of {} English words; the first 20:\n{}",
        differences.len(),
        words.len(),
        differences
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
