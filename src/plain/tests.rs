use super::*;
use crate::config::FailOn;

fn config() -> PlainLanguage {
    PlainLanguage {
        level: "B1".into(),
        max_sentence_words: 20,
        fail_on: FailOn::Error,
        glossary: None,
    }
}

fn page(body: &str, audience: Audience, lang: &str) -> Page {
    Page {
        audience,
        lang: lang.into(),
        ..Page::for_test("a.md", body)
    }
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
    assert_eq!(estimate_level(85.0, 10.0), "A2");
    assert_eq!(estimate_level(80.0, 10.0), "A2");
    assert_eq!(estimate_level(79.9, 10.0), "B1");
    assert_eq!(estimate_level(60.0, 10.0), "B1");
    assert_eq!(estimate_level(59.9, 10.0), "B2");
    assert_eq!(estimate_level(45.0, 10.0), "B2");
    assert_eq!(estimate_level(44.0, 10.0), "C1");
    assert_eq!(estimate_level(29.0, 10.0), "C2");
    // Long sentences on average: one level up.
    assert_eq!(estimate_level(70.0, 21.0), "B2");
    assert_eq!(estimate_level(10.0, 30.0), "C2");
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
