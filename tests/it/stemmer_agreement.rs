//! The search page stems the visitor's query in the browser with
//! `themes/helder/static/assets/stam.js` (and `stam-tr.js`, `stam-ar.js` on
//! Turkish and Arabic pages); the build stemmed the index with
//! rust-stemmers. A query only finds a page when both give the same stem, so
//! these tests run both over a large word list per language (Dutch,
//! English, Turkish, Arabic) and compare every stem.
//!
//! It needs Node.js (`node` on the PATH) and fails, rather than skips,
//! without it: a silently skipped agreement test is how the two drift apart.

use std::collections::BTreeSet;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;

use helder::{stem_algorithm, stems_dutch, stems_english};
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

/// The stemmer scripts, in the order a Turkish or Arabic search page loads
/// them (a page loads only its own language's extra script; loading both
/// here also shows they do not get in each other's way).
const SCRIPTS: [&str; 3] = ["stam-tr.js", "stam-ar.js", "stam.js"];

/// `helderStam(word, lang)` from stam.js for each pair, in one run of node.
fn js_stems(pairs: &[(&str, &str)]) -> Vec<String> {
    js_stems_with(pairs, &SCRIPTS)
}

/// The same, with only `scripts` loaded.
fn js_stems_with(pairs: &[(&str, &str)], scripts: &[&str]) -> Vec<String> {
    const RUNNER: &str = r#"
        const fs = require('fs'), vm = require('vm');
        const [input, output, ...scripts] = process.argv.slice(1);
        // As classic scripts, the way the page loads them: helderStam becomes a global.
        for (const script of scripts) {
            vm.runInThisContext(fs.readFileSync(script, 'utf8'), { filename: script });
        }
        const pairs = JSON.parse(fs.readFileSync(input, 'utf8'));
        fs.writeFileSync(output, JSON.stringify(pairs.map(([w, l]) => helderStam(w, l))));
    "#;
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("words.json");
    let output = dir.path().join("stems.json");
    std::fs::write(&input, serde_json::to_string(pairs).unwrap()).expect("write word list");
    let assets = root().join("themes/helder/static/assets");
    let result = Command::new("node")
        .arg("-e")
        .arg(RUNNER)
        .arg(&input)
        .arg(&output)
        .args(scripts.iter().map(|s| assets.join(s)))
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

/// Stems every word of `words` as `lang` with rust-stemmers and with the
/// scripts, prints the agreement (the figure the notes quote) and fails on
/// any difference. Also fails when the stemmer changes too few words: a
/// script that returned its input would otherwise agree on every word that
/// Snowball leaves alone.
fn assert_agreement(lang: &str, words: &[String], least_changed: usize) {
    assert!(
        words.len() > 10_000,
        "only {} distinct {lang} words to compare",
        words.len()
    );
    let stemmer = Stemmer::create(stem_algorithm(lang).expect("a stemmed language"));
    let pairs: Vec<(&str, &str)> = words.iter().map(|w| (w.as_str(), lang)).collect();
    let js = js_stems(&pairs);
    let mut changed = 0;
    let differences: Vec<String> = words
        .iter()
        .zip(&js)
        .filter_map(|(word, js)| {
            let rust = stemmer.stem(word);
            if rust != word.as_str() {
                changed += 1;
            }
            (rust != js.as_str())
                .then(|| format!("{word:?}: rust-stemmers {rust:?}, browser {js:?}"))
        })
        .collect();
    let agree = words.len() - differences.len();
    println!(
        "stemming agreement {lang}: {agree} of {} distinct words ({:.2} %), {changed} changed by the stemmer",
        words.len(),
        100.0 * agree as f64 / words.len() as f64
    );
    assert!(
        differences.is_empty(),
        "the browser's stemmer and rust-stemmers disagree on {} of {} {lang} words; the first 20:\n{}",
        differences.len(),
        words.len(),
        differences
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        changed >= least_changed,
        "only {changed} {lang} words changed by stemming"
    );
}

#[test]
fn stam_js_agrees_with_rust_stemmers_on_dutch_words() {
    assert_agreement("nl", &dutch_words(), 5_000);
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
    assert_agreement("en", &english_words(), 5_000);
}

/// Turkish endings, alone and chained the way the algorithm's suffix
/// machines read them (case, possessive, plural, -ki, copula, person).
const TURKISH_SUFFIXES: &[&str] = &[
    "ler",
    "lar",
    "de",
    "da",
    "den",
    "dan",
    "te",
    "ta",
    "ten",
    "tan",
    "i",
    "ı",
    "u",
    "ü",
    "e",
    "a",
    "ye",
    "ya",
    "in",
    "ın",
    "un",
    "ün",
    "nin",
    "nın",
    "im",
    "ım",
    "imiz",
    "ımız",
    "iniz",
    "ınız",
    "si",
    "sı",
    "leri",
    "ları",
    "ki",
    "deki",
    "daki",
    "nda",
    "nde",
    "ndan",
    "nden",
    "ndeki",
    "le",
    "la",
    "yle",
    "yla",
    "ce",
    "ca",
    "nce",
    "nca",
    "dir",
    "dır",
    "tir",
    "tır",
    "dur",
    "dür",
    "miş",
    "mış",
    "muş",
    "müş",
    "dı",
    "di",
    "du",
    "dü",
    "dık",
    "dik",
    "tik",
    "duk",
    "sa",
    "se",
    "sak",
    "sem",
    "ken",
    "yken",
    "sın",
    "sin",
    "sınız",
    "siniz",
    "casına",
    "cesine",
    "yım",
    "yim",
    "yız",
    "yiz",
    "um",
    "üm",
    "uz",
    "üz",
    "nız",
    "niz",
    "mız",
    "miz",
    "m",
    "n",
    "lerde",
    "larda",
    "lerin",
    "ların",
    "lerimiz",
    "larımız",
    "lerinden",
    "larından",
    "ninki",
    "nınki",
    "dekiler",
    "dakiler",
    "dakilerin",
    "mişsiniz",
    "mışsınız",
    "dırlar",
    "dirler",
    "lardır",
    "lerdir",
    "mıştır",
    "miştir",
    "ımdan",
    "imden",
    "sinde",
    "sında",
    "sine",
    "sına",
    "sini",
    "sını",
    "leriyle",
    "larıyla",
    "ıdır",
    "idir",
    "lerindekiler",
    "larındakinden",
    "muşsunuz",
];

/// The corners: words of one syllable (left alone), "ad" and "soyad", stems
/// ending in b, c, d, g or ğ, a final d or g after each vowel, dotted and
/// dotless i, and non-letters.
const TURKISH_TRICKY: &str = "\
    ad soyad adlar soyadlar adım soyadım ev evde el kitab kitabı ağaç ağacı renk rengi kedim \
    kedig yurdum köpeği gözlüğü çocuğu tad kod kodu müdürü müdürümüz öğüdü bölüğü \
    ıııı iiii ııdı iidi ağ ağı gg dg ğğ ab ac ad ağ aç evlerimizdekilerin çocuklarımızınkiler \
    güzelmişsiniz gelecekmiş okuldaymışız türkçe ankara'da e-posta 2026 3'te x y z a e ı i";

/// Every word of the Turkish theme words and the Turkish text in
/// `stemmer_words/tr.txt`, with each of [`TURKISH_SUFFIXES`], and
/// [`TURKISH_TRICKY`].
fn turkish_words() -> Vec<String> {
    let root = root();
    let mut base = BTreeSet::new();
    for file in [
        root.join("themes/helder/i18n/tr.toml"),
        root.join("tests/it/stemmer_words/tr.txt"),
    ] {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file:?}: {e}"));
        add_words(&text, &mut base);
    }
    let mut words = base.clone();
    for word in base.iter().filter(|w| w.chars().all(char::is_alphabetic)) {
        for suffix in TURKISH_SUFFIXES {
            words.insert(format!("{word}{suffix}"));
        }
    }
    words.extend(TURKISH_TRICKY.split_whitespace().map(str::to_string));
    words.into_iter().collect()
}

#[test]
fn stam_tr_js_agrees_with_rust_stemmers_on_turkish_words() {
    assert_agreement("tr", &turkish_words(), 10_000);
}

/// Arabic prefixes (conjunctions, prepositions, the article, verb
/// prefixes, the doubled ones the algorithm repairs) and suffixes (plural,
/// feminine, pronouns, verb endings).
const ARABIC_PREFIXES: &[&str] = &[
    "", "و", "ف", "ب", "ك", "ل", "ال", "بال", "كال", "لل", "وال", "فال", "س", "سي", "ست", "سن",
    "سأ", "يست", "نست", "تست", "أأ", "أا", "أإ", "أآ", "أؤ", "با", "بب", "كك", "فا", "وا",
];
const ARABIC_SUFFIXES: &[&str] = &[
    "", "ة", "ات", "ون", "ين", "ان", "ها", "هم", "هن", "كم", "كن", "نا", "ي", "ك", "ه", "تم", "وا",
    "تما", "تمو", "ني", "هما", "كما", "كمو", "ت", "ا", "ن", "و", "ى", "تن", "تا", "يه", "اتها",
    "ونه", "ية", "يات",
];

/// Vowel marks, tatweel, punctuation, Arabic-Indic digits, presentation
/// forms and lam-alef ligatures (the normalisation), hamza on every seat
/// (last and inside), alef maqsura, and very short words.
const ARABIC_TRICKY: &str = "\
    مَدْرَسَةٌ الْمُعَلِّمُونَ ﻻ ﻷن ﻹ ﻵ ﺍﻟﻤﺪﺭﺳﺔ ﻣﺪﺭﺳﺔ ﺑﻴﺖ ﺀ ﺃﺏ كتـــاب ٢٠٢٦ ١٢٣٤٥٦٧٨٩٠ ٪٫٬ \
    مدرسة، لماذا؟ أين؛ قال: نعم! a/b \"نص\" ٥٪ سؤال مسائل أسئلة قرأ يقرأ شيء بريء آخر إلى على \
    مستشفى ى ي ا ال لل بال كال و ف ب بب كك فا وا يستخدم نستطيع تستمع سيكتب ستكتب سنكتب سأكتب";

/// Every word of the demo's Arabic pages (content/**/*.ar.md, also in the
/// fixtures) and the Arabic theme words, each with every prefix and suffix
/// above, and [`ARABIC_TRICKY`].
fn arabic_words() -> Vec<String> {
    let root = root();
    let mut files = vec![root.join("themes/helder/i18n/ar.toml")];
    for dir in ["content", "tests/fixtures"] {
        files.extend(
            markdown_files(&root.join(dir))
                .into_iter()
                .filter(|f| f.to_string_lossy().ends_with(".ar.md")),
        );
    }
    assert!(files.len() >= 3, "the demo's Arabic pages: {files:?}");
    let mut base = BTreeSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file:?}: {e}"));
        for token in text.split(|c: char| !('\u{0600}'..='\u{06FF}').contains(&c)) {
            if !token.is_empty() {
                base.insert(token.to_string());
            }
        }
    }
    let mut words = BTreeSet::new();
    for word in &base {
        for prefix in ARABIC_PREFIXES {
            for suffix in ARABIC_SUFFIXES {
                words.insert(format!("{prefix}{word}{suffix}"));
            }
        }
    }
    words.extend(ARABIC_TRICKY.split_whitespace().map(str::to_string));
    words.into_iter().collect()
}

#[test]
fn stam_ar_js_agrees_with_rust_stemmers_on_arabic_words() {
    assert_agreement("ar", &arabic_words(), 100_000);
}

/// A page of another language does not load stam-tr.js or stam-ar.js: the
/// words of those languages then stay as typed (lower case), and Dutch and
/// English still stem.
#[test]
fn without_its_script_a_language_is_not_stemmed() {
    let js = js_stems_with(
        &[
            ("Evlerimizde", "tr"),
            ("المدرسة", "ar"),
            ("gesprekken", "nl"),
            ("Evlerimizde", "tr-TR"),
        ],
        &["stam.js"],
    );
    assert_eq!(js, ["evlerimizde", "المدرسة", "gesprek", "evlerimizde"]);
    let js = js_stems(&[("Evlerimizde", "tr-TR"), ("المدرسة", "ar-MA"), ("x", "tra")]);
    assert_eq!(js, ["ev", "مدرس", "x"]);
}

/// End to end: a school with Turkish and Arabic pages indexes their words
/// stemmed, and each search page loads only its own language's stemmer
/// (the Dutch one loads neither), which stems the query to the same term.
#[test]
fn turkish_and_arabic_pages_are_indexed_stemmed_and_their_search_pages_load_their_stemmer() {
    use crate::common::*;
    let s = site(&[
        (
            "book.toml",
            "[book]\ntitle = \"De Eik\"\n[languages.tr]\nname = \"Türkçe\"\n\
             [languages.ar]\nname = \"العربية\"\ndirection = \"rtl\"\n",
        ),
        (
            "content/index.md",
            "---\ntitle: Welkom\n---\nWelkom op school.\n",
        ),
        (
            "content/gesprekken.md",
            "---\ntitle: Oudergesprekken\n---\nDe gesprekken duren tien minuten.\n",
        ),
        (
            "content/gesprekken.tr.md",
            "---\ntitle: Veli görüşmeleri\n---\nGörüşmeler öğretmenlerimizle yapılır.\n",
        ),
        (
            "content/gesprekken.ar.md",
            "---\ntitle: لقاءات أولياء الأمور\n---\nتكون اللقاءات مع المعلمين في المدرسة.\n",
        ),
    ]);
    let out = s.build_ok(&[]);
    let terms = |root: &str| read(&out.join(format!("{root}search-index.json")));
    let turkish = Stemmer::create(rust_stemmers::Algorithm::Turkish);
    let arabic = Stemmer::create(rust_stemmers::Algorithm::Arabic);
    let tr_index = terms("tr/");
    let ar_index = terms("ar/");
    for word in ["öğretmenlerimizle", "görüşmeler"] {
        let stem = turkish.stem(word).into_owned();
        assert_ne!(stem, word);
        assert!(tr_index.contains(&stem), "{stem} in {tr_index}");
    }
    let stem = arabic.stem("المدرسة").into_owned();
    assert!(ar_index.contains(&stem), "{stem} in {ar_index}");
    // The query, stemmed in the browser, is the same term.
    let js = js_stems(&[("Öğretmenlerimizle", "tr"), ("المدرسة", "ar")]);
    assert_eq!(js[0], turkish.stem("öğretmenlerimizle"));
    assert_eq!(js[1], stem);

    let page = |root: &str| read(&out.join(format!("{root}zoeken/index.html")));
    let (nl, tr, ar) = (page(""), page("tr/"), page("ar/"));
    assert!(
        tr.contains("assets/stam-tr.js") && !tr.contains("stam-ar.js"),
        "{tr}"
    );
    assert!(
        ar.contains("assets/stam-ar.js") && !ar.contains("stam-tr.js"),
        "{ar}"
    );
    assert!(!nl.contains("stam-tr.js") && !nl.contains("stam-ar.js"));
    for page in [&nl, &tr, &ar] {
        assert!(page.contains("assets/stam.js"));
    }
    assert_file(&out, "assets/stam-tr.js");
    assert_file(&out, "assets/stam-ar.js");
    // Other pages load no stemmer at all.
    let home = read(&out.join("tr/index.html"));
    assert!(!home.contains("stam"), "{home}");
}
