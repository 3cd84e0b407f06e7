use super::*;
use crate::config::FailOn;

fn config() -> PlainLanguage {
    PlainLanguage {
        level: crate::config::CefrLevel::B1,
        max_sentence_words: 20,
        fail_on: FailOn::Error,
        glossary: None,
    }
}

/// The analysis of `page`, with its text blocks taken from its body.
fn analyse(page: &Page, config: &PlainLanguage, glossary: &Glossary) -> Report {
    super::analyse(page, &text::blocks(&page.body), &[], config, glossary)
}

fn page(body: &str, audience: Audience, lang: &str) -> Page {
    let mut page = Page {
        lang: lang.into(),
        ..Page::for_test("a.md", body)
    };
    page.meta.audience = audience;
    page
}

fn report(body: &str) -> Report {
    analyse(
        &page(body, Audience::Ouders, "nl"),
        &config(),
        &Glossary::new("nl", &[]),
    )
}

fn rules(body: &str) -> Vec<(Rule, Level)> {
    report(body)
        .findings
        .iter()
        .map(|f| (f.rule, f.level))
        .collect()
}

fn has(body: &str, rule: Rule) -> bool {
    rules(body).iter().any(|(r, _)| *r == rule)
}

const LONG: &str = "De kinderen van groep vijf gaan op donderdag met de bus naar de bibliotheek in de stad en lenen daar samen met de juf een mooi boek.";

#[test]
fn flesch_douma_formula() {
    // 10 words, 2 sentences, 15 syllables: 206.835 − 0.93×5 − 77×1.5
    assert!((flesch_douma(10, 2, 15) - 86.685).abs() < 1e-9);
}

#[test]
fn level_cut_offs() {
    assert_eq!(estimate_level(85.0, 10.0).as_str(), "A2");
    assert_eq!(estimate_level(80.0, 10.0).as_str(), "A2");
    assert_eq!(estimate_level(79.9, 10.0).as_str(), "B1");
    assert_eq!(estimate_level(60.0, 10.0).as_str(), "B1");
    assert_eq!(estimate_level(59.9, 10.0).as_str(), "B2");
    assert_eq!(estimate_level(45.0, 10.0).as_str(), "B2");
    assert_eq!(estimate_level(44.0, 10.0).as_str(), "C1");
    assert_eq!(estimate_level(29.0, 10.0).as_str(), "C2");
    // Long sentences on average: one level up.
    assert_eq!(estimate_level(70.0, 21.0).as_str(), "B2");
    assert_eq!(estimate_level(10.0, 30.0).as_str(), "C2");
}

#[test]
fn long_sentence_warning_and_error() {
    assert_eq!(rules(LONG), [(Rule::LongSentence, Level::Warning)]);
    let very_long = format!(
        "{} En daarna gaan ze weer terug naar school om samen te lezen in de klas.",
        &LONG[..LONG.len() - 1]
    );
    assert!(
        rules(&very_long).contains(&(Rule::LongSentence, Level::Error)),
        "{:?}",
        rules(&very_long)
    );
    assert!(!has(
        "Op donderdag gaan we naar de bibliotheek.",
        Rule::LongSentence
    ));
}

#[test]
fn long_sentence_position_is_in_the_source() {
    let r = report(&format!("# Kop\n\nEerst kort.\n{LONG}\n"));
    let f = &r.findings[0];
    // body starts at line 4; the long sentence starts on body line 4, column 1
    assert_eq!((f.line, f.column), (7, 1));
}

#[test]
fn hard_words_with_alternative() {
    let r = report("Indien uw kind ziek is, belt u de school.");
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == Rule::HardWord)
        .expect("hard-word");
    assert!(f.message.contains("Indien"));
    assert!(f.suggestion.contains("als"));
    assert_eq!(f.level, Level::Warning);
    assert!(rules("Wij vragen dit teneinde de veiligheid te bewaken.")
        .contains(&(Rule::HardWord, Level::Error)));
    assert!(!has(
        "Als uw kind ziek is, belt u de school.",
        Rule::HardWord
    ));
}

#[test]
fn multi_word_hard_phrase() {
    assert!(has(
        "Dit geld is ten behoeve van het schoolreisje.",
        Rule::HardWord
    ));
}

#[test]
fn jargon_unexplained_and_explained() {
    assert!(has("De MR vergadert op dinsdag.", Rule::Jargon));
    assert!(!has(
        "De MR (ouders en leraren die meepraten) vergadert op dinsdag.",
        Rule::Jargon
    ));
    assert!(!has(
        "De medezeggenschapsraad (MR) vergadert op dinsdag.",
        Rule::Jargon
    ));
    assert!(!has(
        "De intern begeleider noemen we ook wel de IB'er. Zij helpt.",
        Rule::Jargon
    ));
    // Only the first use is reported.
    let r = report("De MR vergadert. De MR beslist.");
    assert_eq!(
        r.findings.iter().filter(|f| f.rule == Rule::Jargon).count(),
        1
    );
}

#[test]
fn passive_sentences() {
    assert!(has(
        "De brief wordt morgen door de juf verstuurd.",
        Rule::Passive
    ));
    assert!(has(
        "De kinderen worden om drie uur opgehaald.",
        Rule::Passive
    ));
    assert!(!has("Uw kind wordt soms boos.", Rule::Passive));
    assert!(!has("De juf stuurt de brief morgen.", Rule::Passive));
}

#[test]
fn long_paragraph_and_wall_of_text() {
    let sentence = "Wij lezen elke dag samen een boek in de klas. ";
    let paragraph = sentence.repeat(9); // 90 words
    assert!(has(&paragraph, Rule::LongParagraph));
    assert!(!has(&sentence.repeat(5), Rule::LongParagraph));
    let wall = vec![sentence.repeat(7); 4].join("\n\n"); // 4 × 70 words, no heading
    assert!(has(&wall, Rule::WallOfText));
    let broken_up = vec![sentence.repeat(7); 4].join("\n\n## Kop\n\n");
    assert!(!has(&broken_up, Rule::WallOfText));
}

#[test]
fn team_pages_are_held_to_laxer_limits() {
    let body = format!("{LONG} Indien nodig bellen wij. De IB'er helpt.");
    let parent = analyse(
        &page(&body, Audience::Ouders, "nl"),
        &config(),
        &Glossary::new("nl", &[]),
    );
    let team = analyse(
        &page(&body, Audience::Team, "nl"),
        &config(),
        &Glossary::new("nl", &[]),
    );
    assert!(parent.findings.iter().any(|f| f.rule == Rule::LongSentence));
    assert!(parent.findings.iter().any(|f| f.rule == Rule::Jargon));
    assert!(!team.findings.iter().any(|f| f.rule == Rule::LongSentence));
    assert!(!team.findings.iter().any(|f| f.rule == Rule::Jargon));
    let t = Thresholds::for_audience(&config(), Audience::Training);
    assert!(t.max_sentence_words > 20 && !t.hard_word_errors);
}

#[test]
fn other_languages_get_only_neutral_checks() {
    let body = format!("{LONG} Indien de MR wordt gevraagd.");
    let r = analyse(
        &page(&body, Audience::Ouders, "en"),
        &config(),
        &Glossary::new("nl", &[]),
    );
    let rules: Vec<Rule> = r.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, [Rule::LongSentence]);
    assert_eq!(r.level, "-");
}

#[test]
fn code_and_urls_are_not_read() {
    let r =
        report("Kijk op <https://indien.example/teneinde>.\n\n```\nindien teneinde middels\n```\n");
    assert!(r.findings.is_empty(), "{:?}", r.findings);
}

#[test]
fn too_hard_page() {
    let hard = "Teneinde de communicatiemogelijkheden tussen onderwijsinstelling en ouderpopulatie te optimaliseren, implementeren wij een geïntegreerd informatievoorzieningssysteem. ".repeat(5);
    assert!(has(&hard, Rule::TooHard));
    let easy = "Wij lezen elke dag samen een boek. De kinderen vinden dat fijn. ".repeat(6);
    assert!(!has(&easy, Rule::TooHard));
}

/// Labelled rows of a test set in data/eval/ (label, text).
fn eval_rows(data: &'static str) -> Vec<(&'static str, &'static str)> {
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_once('\t').expect("label<TAB>text"))
        .collect()
}

/// Recall and precision of `found` against the labels (`positive`: the
/// label that should be found); prints the misses for the record.
fn recall_precision(
    name: &str,
    rows: &[(&str, &str)],
    positive: &str,
    found: impl Fn(&str) -> bool,
) -> (f64, f64) {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let mut misses = Vec::new();
    for (label, text) in rows {
        let want = *label == positive;
        let got = found(text);
        match (want, got) {
            (true, true) => tp += 1,
            (false, true) => {
                fp += 1;
                misses.push(format!("false alarm: {text}"));
            }
            (true, false) => {
                fn_ += 1;
                misses.push(format!("missed: {text}"));
            }
            (false, false) => {}
        }
    }
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    eprintln!(
        "{name}: recall {:.1} %, precision {:.1} % ({} items)\n  {}",
        recall * 100.0,
        precision * 100.0,
        rows.len(),
        misses.join("\n  ")
    );
    (recall, precision)
}

#[test]
fn passive_recall_and_precision_on_the_test_set() {
    let rows = eval_rows(include_str!("data/eval/passive.tsv"));
    assert!(rows.len() >= 100);
    let (recall, precision) = recall_precision("passive", &rows, "1", |s| has(s, Rule::Passive));
    assert!(recall >= 0.80, "recall {recall}");
    assert!(precision >= 0.90, "precision {precision}");
}

#[test]
fn hard_word_recall_and_precision_on_the_test_set() {
    let rows = eval_rows(include_str!("data/eval/hard-word.tsv"));
    assert!(rows.len() >= 100);
    let (recall, precision) = recall_precision("hard-word", &rows, "1", |s| has(s, Rule::HardWord));
    assert!(recall >= 0.70, "recall {recall}");
    assert!(precision >= 0.90, "precision {precision}");
}

#[test]
fn rare_word_hits_and_false_alarms_on_the_test_set() {
    let rows = eval_rows(include_str!("data/eval/rare-word.tsv"));
    assert!(rows.len() >= 80);
    let rare =
        |w: &str| score::content_word_zipf(w, w, false).is_some_and(|z| z < frequency::RARE_BELOW);
    let flagged = |label: &str| {
        let of: Vec<_> = rows.iter().filter(|(l, _)| *l == label).collect();
        of.iter().filter(|(_, w)| rare(w)).count() as f64 / of.len() as f64
    };
    let (hits, false_alarms) = (flagged("rare"), flagged("common"));
    let _ = recall_precision("rare-word", &rows, "rare", rare);
    eprintln!(
        "rare-word: flags {:.1} % of rare words, {:.1} % of common words",
        hits * 100.0,
        false_alarms * 100.0
    );
    assert!(hits >= 0.60, "hits {hits}");
    assert!(false_alarms <= 0.10, "false alarms {false_alarms}");
}

#[test]
fn syllable_accuracy_on_the_test_set() {
    let rows = eval_rows(include_str!("data/eval/syllables.tsv"));
    let wrong: Vec<String> = rows
        .iter()
        .filter_map(|(w, n)| {
            let got = syllables::count(w);
            (got.to_string() != n.trim()).then(|| format!("{w}: {got}, not {n}"))
        })
        .collect();
    let accuracy = 1.0 - wrong.len() as f64 / rows.len() as f64;
    eprintln!(
        "syllables: {:.1} % of {} words\n  {}",
        accuracy * 100.0,
        rows.len(),
        wrong.join("\n  ")
    );
    assert!(rows.len() >= 120);
    assert!(accuracy >= 0.98, "{accuracy}");
}

#[test]
fn sentence_counts_on_the_test_set() {
    let rows = eval_rows(include_str!("data/eval/sentences.tsv"));
    let wrong: Vec<String> = rows
        .iter()
        .filter_map(|(n, text)| {
            let got = sentences::split(text).len();
            (got.to_string() != *n).then(|| format!("{got}, not {n}: {text}"))
        })
        .collect();
    let exact = 1.0 - wrong.len() as f64 / rows.len() as f64;
    eprintln!(
        "sentences: exact on {:.1} % of {} passages\n  {}",
        exact * 100.0,
        rows.len(),
        wrong.join("\n  ")
    );
    assert!(rows.len() >= 30);
    assert!(exact >= 0.90, "{exact}");
}

#[test]
fn findings_of_the_new_rules_have_position_message_and_suggestion() {
    let r = report("# Kop\n\nDe juf noemt het een loyaliteitsconflict.\n\nWij zorgen er samen voor dat het lukt.\n\nDit helpt bij het verwerven van inzicht.\n");
    for rule in [Rule::RareWord, Rule::ErConstruction, Rule::Nominalisation] {
        let f = r
            .findings
            .iter()
            .find(|f| f.rule == rule)
            .unwrap_or_else(|| panic!("{rule:?} in {:?}", r.findings));
        assert!(f.line >= 6 && f.column >= 1, "{f:?}");
        assert!(!f.message.is_empty() && !f.suggestion.is_empty());
        assert_eq!(f.level, Level::Warning);
    }
    let rare = r
        .findings
        .iter()
        .find(|f| f.rule == Rule::RareWord)
        .unwrap();
    assert_eq!((rare.line, rare.column), (6, 22));
    assert_eq!(rare.excerpt, "loyaliteitsconflict");
    // Team pages: no rare-word findings.
    let team = analyse(
        &page(
            "De juf noemt het een loyaliteitsconflict.",
            Audience::Team,
            "nl",
        ),
        &config(),
        &Glossary::new("nl", &[]),
    );
    assert!(!team.findings.iter().any(|f| f.rule == Rule::RareWord));
    assert!(r.word_score.is_some());
}

#[test]
fn split_verbs_are_found_as_one_hard_word() {
    let r = report("De avond vindt in de aula plaats.");
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == Rule::HardWord)
        .expect("hard-word");
    assert_eq!(f.excerpt, "vindt ... plaats");
    assert_eq!(f.column, 10);
}

/// The sets written in session plain2 (data/eval/tuning, heldout, heldout2;
/// see bench/plain-eval.py, which measures the same through `helder check`).
const PLAIN2_SETS: &[(&str, &str, &str, &str)] = &[
    (
        "tuning",
        include_str!("data/eval/tuning/passive.tsv"),
        include_str!("data/eval/tuning/hard-word.tsv"),
        include_str!("data/eval/tuning/rare-word.tsv"),
    ),
    (
        "held-out",
        include_str!("data/eval/heldout/passive.tsv"),
        include_str!("data/eval/heldout/hard-word.tsv"),
        include_str!("data/eval/heldout/rare-word.tsv"),
    ),
    (
        "held-out-2",
        include_str!("data/eval/heldout2/passive.tsv"),
        include_str!("data/eval/heldout2/hard-word.tsv"),
        include_str!("data/eval/heldout2/rare-word.tsv"),
    ),
];

#[test]
fn passive_and_hard_word_meet_the_targets_on_every_set() {
    for (name, passive, hard, _) in PLAIN2_SETS {
        let rows = eval_rows(passive);
        let (recall, precision) = recall_precision(&format!("{name} passive"), &rows, "1", |s| {
            has(s, Rule::Passive)
        });
        assert!(recall >= 0.80 && precision >= 0.90, "{name} passive");
        let rows = eval_rows(hard);
        let (recall, precision) = recall_precision(&format!("{name} hard-word"), &rows, "1", |s| {
            has(s, Rule::HardWord)
        });
        assert!(recall >= 0.70 && precision >= 0.90, "{name} hard-word");
    }
}

/// Is `word` reported (as rare or as a hard word) on a parent page in `lang`?
fn word_flagged(word: &str, lang: &str) -> bool {
    let r = analyse(
        &page(&format!("Het gaat over {word}."), Audience::Ouders, lang),
        &config(),
        &Glossary::new(lang, &[]),
    );
    r.findings.iter().any(|f| {
        matches!(f.rule, Rule::RareWord | Rule::HardWord) && f.excerpt.eq_ignore_ascii_case(word)
    })
}

#[test]
fn rare_word_rates_on_the_plain2_sets() {
    for (name, _, _, rare) in PLAIN2_SETS {
        let rows = eval_rows(rare);
        let share = |label: &str, lang: &str| {
            let words: Vec<_> = rows.iter().filter(|(l, _)| *l == label).collect();
            let flagged = words.iter().filter(|(_, w)| word_flagged(w, lang)).count();
            flagged as f64 / words.len() as f64
        };
        let (hits, common, flemish) = (
            share("rare", "nl"),
            share("common", "nl"),
            share("common-be", "nl-BE"),
        );
        eprintln!(
            "{name} rare-word: {:.1} % of rare words flagged, {:.1} % of common, {:.1} % of Flemish common (nl-BE)",
            hits * 100.0,
            common * 100.0,
            flemish * 100.0
        );
        // Everyday words and transparent compounds stay unflagged on every
        // set; the hit rate target is checked on the tuning set only (the
        // held-out sets are reported, not tuned to).
        assert!(common <= 0.10 && flemish <= 0.10, "{name}");
        if *name == "tuning" {
            assert!(hits >= 0.60, "{name} hits {hits}");
        }
    }
}

#[test]
fn flemish_everyday_words_are_common_on_nl_be_pages_only() {
    assert!(!word_flagged("turnzaal", "nl-BE"));
    assert!(!word_flagged("refterdienst", "nl-BE"));
    assert!(word_flagged("turnzaal", "nl"));
    assert!(word_flagged("loyaliteitsconflict", "nl-BE"));
}

#[test]
fn participles_that_are_adjectives_only_after_zijn() {
    assert!(has("Het hek wordt om half negen gesloten.", Rule::Passive));
    assert!(!has("De school is op maandag gesloten.", Rule::Passive));
    assert!(has("Tijdens de vergadering werd besloten.", Rule::Passive));
    assert!(has("Er werden die dag veel foto's gemaakt.", Rule::Passive));
    assert!(!has("Het is een goed verzorgd plein.", Rule::Passive));
    assert!(!has("Wij zijn blij u te ontvangen.", Rule::Passive));
    assert!(has(
        "De aanmelding moet vrijdag ontvangen zijn.",
        Rule::Passive
    ));
    assert!(has("Het kamp werd ingekort.", Rule::Passive));
    assert!(has("Zoals in tabel 3 wordt weergegeven.", Rule::Passive));
    assert!(!has("Zij is haar tas vergeten.", Rule::Passive));
    assert!(!has("Het kind geniet en wordt vrolijk.", Rule::Passive));
}

#[test]
fn a_verb_split_from_several_words() {
    let r = report("Het nieuwe beleid treedt per 1 januari in werking.");
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == Rule::HardWord)
        .expect("hard-word");
    assert_eq!(f.excerpt, "treedt ... in werking");
    assert!(f.suggestion.contains("ingaan"));
}
