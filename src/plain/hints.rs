//! Hints for two constructions that make Dutch abstract: nominalisations
//! ("het verwerven van inzicht", "de verwerking van de gegevens") and split
//! er-constructions ("wij zorgen er samen voor dat"). Each comes with a plain
//! rewrite. Written by hand over the folded words of a sentence.

/// Nouns in -ing that name a thing or group rather than an action: "de
/// vergadering van dinsdag" is no nominalisation to rewrite.
const THING_NOUNS: &[&str] = &[
    "vergadering",
    "opleiding",
    "woning",
    "regering",
    "richting",
    "mening",
    "tekening",
    "oefening",
    "kleding",
    "afdeling",
    "verzekering",
    "uitnodiging",
    "rekening",
    "vereniging",
    "ervaring",
    "omgeving",
    "tentoonstelling",
    "voorstelling",
    "verjaardag",
    "stichting",
    "leiding",
    "directie",
    "bedoeling",
    "lening",
    "verkiezing",
    "wandeling",
    "verpleging",
    "verhuizing",
    "bijeenkomst",
    "aanbieding",
    "opening",
    "sluiting",
    "uitzending",
    "beweging",
    "verandering",
    "oplossing",
    "ontwikkeling",
    "bestelling",
    "verlichting",
    "zending",
    "indeling",
    "inrichting",
    "instelling",
    "regeling",
    "verwarming",
    "volgorde",
    // people in -ling
    "samenvatting",
    "aflevering",
    "verzameling",
    "training",
    "bespreking",
    "leerling",
    "tweeling",
    "nieuweling",
    "zuigeling",
    "vreemdeling",
    "stageling",
];

/// Nouns in -en with "het" that are no infinitive used as a noun.
const EN_NOUNS: &[&str] = &[
    "examen",
    "teken",
    "wapen",
    "laken",
    "kussen",
    "leven",
    "wezen",
    "verleden",
    "gebeuren",
    "lichaam",
    "orgaan",
    "volgen",
    "ontbijten",
    "eten",
    "vermogen",
    "gezin",
    "seizoen",
    "gebergte",
    "gordijn",
    "verzoeken",
];

/// What the hints look for first in a sentence, worked out once per
/// distinct word by the caller: most sentences have no "er", or no
/// article and "van", and need no closer look.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct HintWord {
    pub er: bool,
    pub article: bool,
    pub van: bool,
}

impl HintWord {
    /// Of a folded word.
    pub(crate) fn of(w: &str) -> HintWord {
        HintWord {
            er: w == "er",
            article: w == "de" || w == "het",
            van: w == "van",
        }
    }
}

/// A nominalisation: (first word, last word, suggestion).
pub(crate) fn nominalisations(lower: &[&str]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 2 < lower.len() {
        let article = lower[i];
        if article != "de" && article != "het" {
            i += 1;
            continue;
        }
        // "het verwerven van", "het snel verwerven van" (one word between).
        let found = (i + 1..=(i + 2).min(lower.len() - 2)).find_map(|k| {
            let noun = lower[k];
            if lower[k + 1] != "van" || noun.chars().count() < 6 {
                return None;
            }
            if article == "de" && noun.ends_with("ing") && !is_thing_noun(noun) {
                let verb = format!("{}en", &noun[..noun.len() - 3]);
                return Some((k, verb));
            }
            if article == "het" && noun.ends_with("en") && !EN_NOUNS.contains(&noun) {
                return Some((k, noun.to_string()));
            }
            None
        });
        match found {
            Some((k, verb)) => {
                out.push((
                    i,
                    k + 1,
                    format!(
                        "schrijf met een werkwoord: zeg wie er iets doet, bijvoorbeeld \"wij {verb} ...\" in plaats van \"{} {} van ...\"",
                        lower[i], lower[k]
                    ),
                ));
                i = k + 2;
            }
            None => i += 1,
        }
    }
    out
}

/// A thing noun, alone or as the head of a compound ("schoolvergadering");
/// "begeleiding" is no compound of "leiding" but a verb's noun.
fn is_thing_noun(noun: &str) -> bool {
    THING_NOUNS.iter().any(|t| {
        noun.strip_suffix(t).is_some_and(|before| {
            before.is_empty()
                || !["be", "ge", "ver", "ont", "her"]
                    .iter()
                    .any(|p| before.ends_with(p))
        })
    })
}

/// Auxiliaries and modal verbs: with one in the clause a last word in -en
/// is an infinitive ("kan er niets aan doen").
const AUXILIARIES: &[&str] = &[
    "kan", "kun", "kunt", "kunnen", "moet", "moeten", "wil", "wilt", "willen", "zal", "zult",
    "zullen", "mag", "mogen", "gaat", "gaan", "ga", "hoeft", "hoeven", "zou", "zouden", "durft",
    "laat", "laten", "blijft", "blijven", "kon", "konden", "moest", "moesten", "wilde", "wilden",
];

const PREPOSITIONS: &[&str] = &[
    "aan", "voor", "op", "over", "mee", "van", "in", "uit", "bij", "door", "naar", "om", "toe",
    "tegen", "achter", "onder", "naast", "af",
];

/// A split er-construction: ("er" index, preposition index, suggestion).
/// The preposition is stranded: it ends the clause or comes before "dat",
/// "om", "te", "of" ("wij zorgen er samen voor dat ...").
pub(crate) fn er_constructions(lower: &[&str], breaks: &[bool]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for (i, w) in lower.iter().enumerate() {
        if *w != "er" {
            continue;
        }
        let clause_end = (i + 1..lower.len())
            .find(|&k| breaks[k])
            .unwrap_or(lower.len());
        let modal = lower[..clause_end].iter().any(|w| AUXILIARIES.contains(w));
        for j in i + 1..clause_end {
            if !PREPOSITIONS.contains(&lower[j]) {
                continue;
            }
            let before_clause = j + 1 == clause_end
                || matches!(
                    lower[j + 1],
                    "dat" | "om" | "te" | "of" | "zodat" | "wanneer" | "als"
                );
            // Only the verb after it: "er niets aan doen", "er lang over
            // nagedacht" (not "op school", "uit groepen").
            let before_verb = j + 2 == clause_end && {
                let verb = lower[j + 1];
                super::passive::is_participle(verb, false) || modal && verb.ends_with("en")
            };
            // "er op" next to each other: "er op vrijdag" is no
            // er-construction, "rekenen er op dat" is.
            // "er op" next to each other: "rekenen er op dat" is an
            // er-construction; "loopt er mee?" is "meelopen", "er op
            // vrijdag" a preposition of its own.
            let stranded = if j == i + 1 {
                before_clause && j + 1 < clause_end
            } else {
                before_clause || before_verb
            };
            if stranded {
                let p = lower[j];
                out.push((
                    i,
                    j,
                    format!(
                        "noem waar het om gaat (\"{p} de gymtas\") of zet het bij elkaar (\"er{p}\")"
                    ),
                ));
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .collect()
    }

    fn nom(s: &str) -> bool {
        let w = words(s);
        let l: Vec<&str> = w.iter().map(String::as_str).collect();
        !nominalisations(&l).is_empty()
    }

    fn er(s: &str) -> bool {
        let w = words(s);
        let l: Vec<&str> = w.iter().map(String::as_str).collect();
        !er_constructions(&l, &vec![false; l.len()]).is_empty()
    }

    #[test]
    fn nominalisations_found() {
        assert!(nom("Dit helpt bij het verwerven van inzicht"));
        assert!(nom("Wij zorgen voor de verwerking van de gegevens"));
        assert!(nom("Na de beoordeling van de toets krijgt u bericht"));
        assert!(!nom("De vergadering van dinsdag gaat niet door"));
        assert!(!nom("Het leven van een kleuter is druk"));
        assert!(!nom("De leerling van groep 5 is ziek"));
        assert!(nom("Wij zorgen voor de begeleiding van de kinderen"));
        assert!(!nom("De schoolvergadering van dinsdag"));
    }

    #[test]
    fn er_constructions_found() {
        assert!(er("Wij zorgen er samen voor dat het lukt"));
        assert!(er("Denk er morgen aan"));
        assert!(!er("Er zijn drie groepen op school"));
        assert!(!er("Er is op dinsdag gym"));
        assert!(er("Uw kind kan er niets aan doen"));
        assert!(er("De juf heeft er lang over nagedacht"));
        assert!(er("Wij rekenen er op dat u komt"));
        assert!(!er("Er komen kinderen uit groepen"));
        assert!(!er("Wij gaan er op vrijdag naartoe"));
        assert!(!er("Wie loopt er mee"));
    }
}
