//! Passive clauses: a form of "worden" or "zijn" with a past participle in
//! the same clause, in any order ("wordt ... verstuurd", "moet herhaald
//! worden", "te worden gecontroleerd", "is afgenomen").
//!
//! Written by hand: no Rust crate tags Dutch parts of speech. The participle
//! is recognised by Dutch word formation (ge-...-d/-t/-en/-aan, separable and
//! unstressed prefixes, the 't kofschip rule that separates "verteld"
//! (participle) from "vertelt" (present tense)), and verbs whose perfect
//! takes "zijn" ("is gekomen", "is gebeurd") and adjectival uses ("is
//! gewend aan", "gescheiden ouders") are left out.

/// Forms of "worden": with a participle always a passive.
const WORDEN: &[&str] = &["word", "wordt", "worden", "werd", "werden", "geworden"];

/// Forms of "zijn": with a participle a passive unless the verb takes "zijn"
/// in its perfect.
const ZIJN: &[&str] = &["is", "zijn", "was", "waren", "ben", "bent", "geweest"];

/// Forms of "hebben": a clause with one is a perfect ("heeft ... gedaan"), and
/// "zijn" in it is the possessive ("zijn moeder heeft gebeld").
const HEBBEN: &[&str] = &["heb", "hebt", "heeft", "hebben", "had", "hadden"];

/// Words that start a new clause (a match, not a list: asked of every word).
fn is_clause_start(w: &str) -> bool {
    matches!(
        w,
        "maar"
            | "want"
            | "omdat"
            | "doordat"
            | "zodat"
            | "terwijl"
            | "nadat"
            | "voordat"
            | "wanneer"
            | "zodra"
            | "hoewel"
            | "tenzij"
            | "totdat"
            | "sinds"
            | "dus"
            | "als"
            | "dat"
            | "die"
    )
}
/// Participle endings of verbs whose perfect takes "zijn" (motion and change
/// of state): "is gekomen", "is meegegaan", "is gebeurd", "is ontstaan".
const ZIJN_VERBS: &[&str] = &[
    "gegaan",
    "gekomen",
    "gebleven",
    "gebeurd",
    "ontstaan",
    "gebleken",
    "geworden",
    "vertrokken",
    "begonnen",
    "veranderd",
    "gegroeid",
    "gestegen",
    "gedaald",
    "overleden",
    "verhuisd",
    "gevallen",
    "geslaagd",
    "gelukt",
    "mislukt",
    "verdwenen",
    "geweest",
    "gezakt",
    "gestorven",
    "geboren",
    "opgegroeid",
    "verschenen",
    "ontsnapt",
    "gestart",
    "gestopt",
    "toegenomen",
    "geëindigd",
    "afgelopen",
    "gelopen",
    "gefietst",
    "gereisd",
    "gevlogen",
    "verlopen",
    "geland",
    "gerend",
    "gezwommen",
    "gestapt",
    "gegleden",
    "gekeerd",
    "geschrokken",
    "verbeterd",
    "verslechterd",
    "ingeslapen",
    "opgestaan",
    "genezen",
    "verdronken",
    "verongelukt",
    "bevallen",
    "gereden",
    "gevaren",
    "geklommen",
    "gesprongen",
    "vergaan",
    "ontgaan",
    "beland",
    "gewend",
    "verouderd",
    "afgestudeerd",
    "gepromoveerd",
    "verhongerd",
    "gekrompen",
    "gesmolten",
    "bevroren",
    "gestruikeld",
    "ontwaakt",
    "ontkomen",
    "geweken",
    "geëmigreerd",
    "geïmmigreerd",
    "gevlucht",
    "verarmd",
    "verwilderd",
    "opgedroogd",
    "verdroogd",
    "gekanteld",
    "gebotst",
    "verstreken",
    "vergeten",
    "opgehouden",
    "gestroomd",
    "gewandeld",
    "gekropen",
    "gedrongen",
    "vervallen",
    "geraakt",
    "gedoken",
];

/// Words that look like participles but never are one here: nouns,
/// adverbs, adjectives, infinitives and present tense forms.
const NOT_PARTICIPLES: &[&str] = &[
    "geld",
    "gezond",
    "gebied",
    "gedicht",
    "gebed",
    "geduld",
    "gevoel",
    "geven",
    "gelden",
    "gebeuren",
    "betekent",
    "verkeerd",
    "verleden",
    "tevreden",
    "bekend",
    "gezicht",
    "getal",
    "genoeg",
    "geleden",
    "gelegen",
    "verliefd",
    "benieuwd",
    "verkouden",
    "gewicht",
    "gerecht",
    "gevecht",
    "geluid",
    "bericht",
    "verband",
    "bestand",
    "verstand",
    "bezit",
    "beleid",
    "gesprek",
    "gebruik",
    "gebruiken",
    "geloven",
    "genieten",
    "gewennen",
    "gevolgen",
    "gebouwen",
    "gesprekken",
    "geheimen",
    "gemeenten",
    "gebieden",
    "getallen",
    "geluiden",
    "gebreken",
    "geschenken",
    "gezichten",
    "gevallen",
    "genen",
    "geboorten",
    "beneden",
    "geeft",
    "gelooft",
    "gaat",
    "ontdekken",
    "vervelend",
    "gedeeltelijk",
    "gewoon",
    "geheel",
    "gemiddeld",
    "gelijk",
    "verstandig",
    "verantwoordelijk",
    "vrijwillig",
    "geweldig",
    "gelukkig",
    "verschillend",
    "open",
    "gezin",
    "gezinnen",
    "beeld",
    "gebit",
    "geest",
    "gebod",
    "genot",
    "gewest",
    "gelaat",
    "gemoed",
    "gezant",
    "gereed",
    "gerust",
    "geschikt",
    "ontbijt",
    "bescheiden",
    "verlegen",
    "bedreven",
    "bewust",
    "gepast",
    "gedrag",
    "gevaar",
    "gezag",
    "gesticht",
    // Present tense of verbs that start with "ge": "het gebeurt", "hij geniet".
    "gebeurt",
    "geniet",
    "geldt",
    "gewent",
    "gedraagt",
    "gehoorzaamt",
    "geschiedt",
    "gebiedt",
    "geleidt",
    "gedeelte",
    "bestaat",
    "betaalt",
    "bevat",
    "beweegt",
    "verstaat",
    "ontstaat",
];

/// Participles that after "zijn" are adjectives ("de school is gesloten",
/// "hij is betrokken bij", "dat is verboden") but with "worden" are verbs
/// ("het hek wordt gesloten", "er werd besloten").
const ADJECTIVAL_WITH_ZIJN: &[&str] = &[
    "gewend",
    "verplicht",
    "getrouwd",
    "gescheiden",
    "betrokken",
    "bedoeld",
    "gericht",
    "bezorgd",
    "verbaasd",
    "verrast",
    "geïnteresseerd",
    "gemotiveerd",
    "gespannen",
    "vermoeid",
    "ontspannen",
    "geopend",
    "gesloten",
    "bevoegd",
    "gevestigd",
    "bedankt",
    "geacht",
    "verwacht",
    "geregeld",
    "verboden",
    "beperkt",
    "overtuigd",
    "voldaan",
    "verdiend",
    "geslaagd",
    "gedeeld",
    "gewenst",
    "verwend",
    "voorzien",
    "verrijkt",
    "uitgebreid",
    "gespecialiseerd",
    "verbonden",
    "geliefd",
    "opgelet",
    "gebaseerd",
    "aangesloten",
    "bestemd",
    "aangewezen",
    "gehuisvest",
    "geschrokken",
    "bereid",
    "bezet",
    "verdwaald",
    "gehaast",
    "gehecht",
    "verslaafd",
    "geïnspireerd",
    "bekwaam",
];

/// Separable prefixes before "ge" ("opgehaald", "waargenomen") or before an
/// unstressed prefix ("voorbereid", "doorverwezen").
const SEPARABLE: &[&str] = &[
    "samen",
    "terug",
    "tegen",
    "thuis",
    "langs",
    "voorbij",
    "binnen",
    "buiten",
    "boven",
    "onder",
    "achter",
    "mee",
    "aan",
    "af",
    "op",
    "uit",
    "in",
    "door",
    "over",
    "voor",
    "na",
    "toe",
    "weg",
    "bij",
    "vast",
    "rond",
    "neer",
    "waar",
    "vrij",
    "goed",
    "kwijt",
    "schoon",
    "stil",
    "open",
    "dicht",
    "vol",
    "los",
    "mis",
    "klaar",
    "teleur",
    "voort",
    "om",
    "heen",
    "tussen",
    "terecht",
    "plaats",
    "deel",
    "kennis",
    "stop",
    "bekend",
    "gelijk",
    "weer",
    "uiteen",
    "bijeen",
    "ineen",
    "aaneen",
    "teweeg",
    "gade",
    "voorop",
    "vooruit",
    "achteruit",
    "achterna",
    "tegemoet",
    "zoek",
    "gebruik",
    "recht",
    "bloot",
    "groot",
    "tewerk",
    "veilig",
    "zeker",
    "kapot",
    "leeg",
    "stuk",
    "omhoog",
    "omlaag",
    "verder",
];

/// Prefixes that make inseparable verbs with the stress on the stem: their
/// participles have no "ge" ("onderzocht", "overhandigd", "voltooid").
const INSEPARABLE: &[&str] = &["onder", "over", "door", "vol", "mis", "achter", "om"];

/// Unstressed prefixes: their verbs make participles without "ge"
/// ("verstuurd", "besproken", "ontvangen", "herhaald", "erkend").
const UNSTRESSED: &[&str] = &["ver", "be", "ont", "her", "er", "ge"];

/// Ends of strong participles after an unstressed prefix, where the same
/// word with "-en" could be an infinitive ("besproken", not "bespreken").
const STRONG_ENDS: &[&str] = &[
    "boden", "bonden", "broken", "dragen", "dreven", "geten", "grepen", "heven", "houden", "kozen",
    "komen", "kregen", "laden", "laten", "leden", "lezen", "lopen", "loren", "meten", "nomen",
    "raden", "roepen", "schenen", "scheiden", "schoten", "schreven", "slagen", "sloten", "sproken",
    "staan", "streden", "trokken", "vangen", "vonden", "wezen", "wogen", "worpen", "zonden",
    "wonnen", "zien", "dwenen", "bleven", "dwongen", "drongen", "gonnen", "schoven", "hangen",
    "zogen", "bogen", "daan", "gaan", "slagen", "gezen", "zeten", "wezen", "heten", "vroren",
    "vochten", "dragen", "gaven", "geven", "vallen", "zworen", "keken", "worven", "streken",
    "volen", "stolen", "zwegen", "vlogen", "stegen", "wreven", "drogen", "kropen", "dronken",
    "leken",
];

/// What the passive rule needs of one word, worked out once per distinct
/// word by the caller (words repeat; the tables are long).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordShape {
    /// [`is_participle`] without and with "zijn".
    pub participle: bool,
    pub participle_after_zijn: bool,
    /// A form of "worden", of "zijn", of "hebben".
    pub worden: bool,
    pub zijn: bool,
    pub hebben: bool,
    /// A word that may start a clause ("omdat", "die").
    pub clause_start: bool,
}

impl WordShape {
    /// A form of "worden" or "zijn".
    pub(crate) fn auxiliary(&self) -> bool {
        self.worden || self.zijn
    }

    /// The shape of a folded word.
    pub(crate) fn of(w: &str) -> WordShape {
        WordShape {
            participle: is_participle(w, false),
            participle_after_zijn: is_participle(w, true),
            worden: WORDEN.contains(&w),
            zijn: ZIJN.contains(&w),
            hebben: HEBBEN.contains(&w),
            clause_start: is_clause_start(w),
        }
    }
}

/// Is `w` (lower case) a past participle used as a verb? `with_zijn`: the
/// auxiliary is a form of "zijn", after which some participles are
/// adjectives ("is gesloten").
pub(crate) fn is_participle(w: &str, with_zijn: bool) -> bool {
    static NOT: std::sync::OnceLock<super::hash::FastSet<&'static str>> =
        std::sync::OnceLock::new();
    static ADJECTIVAL: std::sync::OnceLock<super::hash::FastSet<&'static str>> =
        std::sync::OnceLock::new();
    if w.len() < 5
        || with_zijn
            && ADJECTIVAL
                .get_or_init(|| super::hash::set_of(ADJECTIVAL_WITH_ZIJN))
                .contains(w)
    {
        return false;
    }
    // Worked out once per distinct word: clauses with an auxiliary test
    // every word, and the prefix tables are long.
    thread_local! {
        static SHAPE: super::hash::WordMemo<bool> = super::hash::WordMemo::new(20_000);
    }
    SHAPE.with(|memo| {
        memo.get_or(w, || {
            let not = NOT.get_or_init(|| super::hash::set_of(NOT_PARTICIPLES));
            let core = strip_separable(w);
            // "weerbericht" is "bericht" after a particle.
            !not.contains(w) && !not.contains(core) && is_participle_shaped(w, core)
        })
    })
}

/// Word formation alone: does `w` have the shape of a past participle?
/// `core`: `w` without a separable prefix (see [`strip_separable`]).
fn is_participle_shaped(w: &str, core: &str) -> bool {
    // "uitgerust" is "gerust", an adjective.
    if core != w && matches!(core, "gerust" | "gewend" | "bekend") {
        return false;
    }
    if let Some(stem) = core.strip_prefix("ge") {
        // ge-...-d/-t/-en/-aan: "gedaan", "gestuurd", "gebracht", "gegeven".
        if stem.chars().count() < 3 {
            return false;
        }
        let stem = stem.trim_start_matches(['ë', 'ï']);
        // After "ge" a stem that ends in t or d takes no ending ("gezet",
        // "ingekort", "geplant"): only "ge" + present form is ruled out,
        // and there is none, so any -t or -d is a participle here.
        return weak_ending(stem)
            || (stem.ends_with('t') || stem.ends_with('d'))
                && !stem.ends_with("end")
                && !stem.ends_with("heid")
            || (stem.ends_with("en")
                && !stem.ends_with("heden")
                && !stem.ends_with("nissen")
                && !stem.ends_with("ingen")
                && !stem.ends_with("chten"))
            || stem.ends_with("aan")
            || stem.ends_with("ien");
    }
    for prefix in UNSTRESSED {
        if let Some(stem) = core.strip_prefix(prefix) {
            // "beeld" (in "voorbeeld") is no "be-" participle.
            if stem.chars().count() < 4 {
                continue;
            }
            if weak_ending(stem) {
                return true;
            }
            if stem.ends_with("en") || stem.ends_with("aan") {
                return STRONG_ENDS.iter().any(|e| stem.ends_with(e));
            }
        }
    }
    for prefix in INSEPARABLE {
        if let Some(stem) = core.strip_prefix(prefix) {
            if stem.chars().count() >= 4
                && (weak_ending(stem) || STRONG_ENDS.iter().any(|e| stem.ends_with(e)))
            {
                return true;
            }
        }
    }
    false
}

/// A separable prefix when what follows is a participle stem ("op|gehaald",
/// "voor|bereid"), else the word itself.
fn strip_separable(w: &str) -> &str {
    for p in SEPARABLE {
        if let Some(rest) = w.strip_prefix(p) {
            if rest.starts_with("ge") || UNSTRESSED.iter().any(|u| rest.starts_with(u)) {
                return rest;
            }
        }
    }
    w
}

/// A weak participle ending: -d after a voiced sound ("gestuurd",
/// "verteld"), -t after a voiceless one ('t kofschip: "gemaakt", "ontdekt").
/// "vertelt" is present tense (the participle is "verteld").
fn weak_ending(stem: &str) -> bool {
    let mut rev = stem.chars().rev();
    let (Some(last), Some(before)) = (rev.next(), rev.next()) else {
        return false;
    };
    match last {
        // "-end" is a present participle ("verschillend") unless the stem
        // ends in n ("erkend", "verwend", and after a long vowel "ontleend",
        // "verdiend", "geopend").
        'd' if stem.ends_with("end") => {
            ["kend", "wend", "eend", "iend"]
                .iter()
                .any(|e| stem.ends_with(e))
                || stem == "opend"
        }
        // After f or s the stem may end in v or z ("geleefd", "verhuisd").
        'd' => !matches!(before, 't' | 'k' | 'p' | 'x'),
        't' => {
            matches!(before, 't' | 'k' | 'f' | 's' | 'p' | 'x' | 'h')
                || stem.ends_with("acht")
                || stem.ends_with("cht")
        }
        _ => false,
    }
}

/// The index of the auxiliary of the first passive clause in `words` (lower
/// case), or None. `clauses`: the sentence's [`clause_ranges`]; `shape(i)`:
/// the [`WordShape`] of word i.
pub(crate) fn find(
    words: &[&str],
    clauses: &[(usize, usize)],
    shape: impl Fn(usize) -> WordShape,
) -> Option<usize> {
    clauses
        .iter()
        // Most clauses have no auxiliary: nothing to look at.
        .filter(|&&(start, end)| (start..end).any(|i| shape(i).auxiliary()))
        .find_map(|&(start, end)| in_clause(words, start, end, &shape))
}

/// Clauses as word ranges: split at punctuation and at words that start a
/// clause ("maar", "omdat", "zodat", ...). `breaks[i]` is true when
/// punctuation stands before word i. A sentence with words has at least one.
pub(crate) fn clause_ranges<'a>(
    words: &'a [&str],
    breaks: &'a [bool],
    shape: impl Fn(usize) -> WordShape + 'a,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    let mut start = 0;
    (1..=words.len()).filter_map(move |i| {
        let ends =
            i == words.len() || breaks[i] || shape(i).clause_start && starts_clause(words, i);
        if ends && i > start {
            let range = (start, i);
            start = i;
            Some(range)
        } else {
            None
        }
    })
}

/// Does word `i` (not the first) start a clause? "die" and "dat" do as
/// pronoun or conjunction ("de brief die ...", "zegt dat ..."), not as a
/// determiner after a preposition or an auxiliary ("op die dag", "er werden
/// die dag ...", "is dat plan ...").
fn starts_clause(words: &[&str], i: usize) -> bool {
    let w = words[i];
    if !is_clause_start(w) {
        return false;
    }
    if matches!(w, "die" | "dat") {
        let before = words[i - 1];
        return !(is_preposition(before)
            || before == "er"
            || WORDEN.contains(&before)
            || ZIJN.contains(&before)
            || HEBBEN.contains(&before));
    }
    true
}

fn in_clause(
    words: &[&str],
    start: usize,
    end: usize,
    shape: &impl Fn(usize) -> WordShape,
) -> Option<usize> {
    let clause = &words[start..end];
    let participle_at = |i: usize, with_zijn: bool| {
        let shape = shape(i);
        if with_zijn {
            shape.participle_after_zijn
        } else {
            shape.participle
        }
    };
    let has_hebben = (start..end).any(|i| shape(i).hebben);
    let participle = |k: usize, with_zijn: bool| {
        let w = clause[k];
        participle_at(start + k, with_zijn)
            && !attributive(clause, k)
            // "te ontvangen", "te gebruiken": an infinitive.
            && !(k > 0 && clause[k - 1] == "te" && w.ends_with("en"))
    };
    for (k, w) in clause.iter().enumerate() {
        let here = shape(start + k);
        if here.worden {
            if (0..clause.len()).any(|p| p != k && participle(p, false)) {
                return Some(start + k);
            }
        } else if here.zijn && !has_hebben {
            // "met zijn fiets", "Zijn moeder": the possessive; "Zijn de
            // boeken besteld?" is the verb.
            let verb_next = clause.get(k + 1).is_some_and(|n| {
                matches!(
                    *n,
                    "de" | "het"
                        | "een"
                        | "er"
                        | "die"
                        | "deze"
                        | "dit"
                        | "alle"
                        | "uw"
                        | "jullie"
                        | "we"
                        | "wij"
                        | "ze"
                        | "zij"
                        | "u"
                )
            });
            if *w == "zijn" && !verb_next && (k == 0 || is_preposition(clause[k - 1])) {
                continue;
            }
            // A participle before "zijn" only when "zijn" ends the clause
            // ("die verstuurd zijn"); "gebruikt zijn kracht" is possessive.
            let last = k + 1 == clause.len();
            if (0..clause.len()).any(|p| {
                (p > k || (p < k && (last || *w != "zijn")))
                    && participle(p, true)
                    && !takes_zijn(clause[p])
            }) {
                return Some(start + k);
            }
        }
    }
    None
}

/// A participle before a noun: "de gescheiden ouders", "een goed
/// verzorgd plein", "van gescheiden ouders".
fn attributive(clause: &[&str], k: usize) -> bool {
    const BEFORE_NOUN: &[&str] = &[
        "de", "het", "een", "van", "voor", "met", "alle", "onze", "uw", "jouw", "deze", "dit",
        "geen", "elke", "ieder", "iedere", "hun", "haar", "mijn", "ons",
    ];
    // Adverbs that may stand between the determiner and the participle.
    const DEGREE: &[&str] = &[
        "goed",
        "zeer",
        "heel",
        "erg",
        "slecht",
        "net",
        "pas",
        "vers",
        "speciaal",
        "zorgvuldig",
        "nieuw",
        "vaak",
        "veel",
        "vooraf",
        "eerder",
        "hierboven",
        "boven",
    ];
    let Some(next) = clause.get(k + 1) else {
        return false;
    };
    // Before an auxiliary or a preposition the participle is part of the
    // verb ("die verstuurd wordt", "gericht op").
    if WORDEN.contains(next) || ZIJN.contains(next) || is_preposition(next) {
        return false;
    }
    let mut before = k;
    while before > 0 && DEGREE.contains(&clause[before - 1]) {
        before -= 1;
    }
    before > 0 && BEFORE_NOUN.contains(&clause[before - 1])
}

fn takes_zijn(participle: &str) -> bool {
    // By ending, so "meegegaan", "aangekomen" and "opgegroeid" count too.
    ZIJN_VERBS.iter().any(|v| participle.ends_with(v))
}

fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "met"
            | "van"
            | "aan"
            | "voor"
            | "op"
            | "in"
            | "bij"
            | "naar"
            | "om"
            | "door"
            | "over"
            | "uit"
            | "tot"
            | "onder"
            | "tegen"
            | "zonder"
            | "na"
            | "achter"
            | "tijdens"
            | "en"
            | "of"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participles() {
        for w in [
            "gedaan",
            "gestuurd",
            "verstuurd",
            "besproken",
            "herhaald",
            "afgenomen",
            "waargenomen",
            "geïnventariseerd",
            "voorbereid",
            "doorverwezen",
            "opgehaald",
            "gemaakt",
            "ontdekt",
            "erkend",
            "gegeven",
            "ingevuld",
            "aangemeld",
            "gebracht",
        ] {
            assert!(is_participle(w, false), "{w}");
        }
        for w in [
            "vertelt",
            "bespreken",
            "verschillend",
            "gebouwen",
            "gelegenheden",
            "betalen",
            "gezond",
            "beter",
            "verhalen",
            "belangrijk",
            "gebeurtenissen",
            "gedachten",
        ] {
            assert!(!is_participle(w, false), "{w}");
        }
    }
}
