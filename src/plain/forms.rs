//! Inflected forms of a Dutch word by the spelling rules, so a list entry
//! ("inventariseren", "optimaal") also finds "inventariseert",
//! "geïnventariseerd" and "optimale". Written by hand: no Rust crate
//! conjugates Dutch. The rules over-generate on purpose: a form that is no
//! real word never occurs in a text, so it costs nothing.

/// Separable prefixes of verbs ("plaats|vinden", "aan|vangen").
pub(crate) const SEPARABLE: &[&str] = &[
    "plaats", "bekend", "samen", "terug", "tegemoet", "deel", "zorg", "raad", "door", "over",
    "voor", "aan", "af", "op", "uit", "in", "mee", "toe", "na", "bij", "weg", "vast", "kenbaar",
];

const UNSTRESSED: &[&str] = &["be", "ge", "her", "ont", "ver", "er"];

/// Strong and irregular verbs: (infinitive, present forms, past forms,
/// participle without prefix).
type Strong = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
);

const STRONG: &[Strong] = &[
    (
        "vinden",
        &["vind", "vindt"],
        &["vond", "vonden"],
        "gevonden",
    ),
    (
        "vangen",
        &["vang", "vangt"],
        &["ving", "vingen"],
        "gevangen",
    ),
    ("nemen", &["neem", "neemt"], &["nam", "namen"], "genomen"),
    (
        "zenden",
        &["zend", "zendt"],
        &["zond", "zonden"],
        "gezonden",
    ),
    (
        "dragen",
        &["draag", "draagt"],
        &["droeg", "droegen"],
        "gedragen",
    ),
    ("staan", &["sta", "staat"], &["stond", "stonden"], "gestaan"),
    ("komen", &["kom", "komt"], &["kwam", "kwamen"], "gekomen"),
    ("bieden", &["bied", "biedt"], &["bood", "boden"], "geboden"),
    (
        "treden",
        &["treed", "treedt"],
        &["trad", "traden"],
        "getreden",
    ),
    ("wegen", &["weeg", "weegt"], &["woog", "wogen"], "gewogen"),
    (
        "zoeken",
        &["zoek", "zoekt"],
        &["zocht", "zochten"],
        "gezocht",
    ),
    (
        "schaffen",
        &["schaf", "schaft"],
        &["schafte", "schaften"],
        "geschaft",
    ),
    ("doen", &["doe", "doet"], &["deed", "deden"], "gedaan"),
    ("geven", &["geef", "geeft"], &["gaf", "gaven"], "gegeven"),
    (
        "vloeien",
        &["vloei", "vloeit"],
        &["vloeide", "vloeiden"],
        "gevloeid",
    ),
    (
        "houden",
        &["houd", "houdt"],
        &["hield", "hielden"],
        "gehouden",
    ),
    (
        "dienen",
        &["dien", "dient"],
        &["diende", "dienden"],
        "gediend",
    ),
    (
        "stellen",
        &["stel", "stelt"],
        &["stelde", "stelden"],
        "gesteld",
    ),
    (
        "maken",
        &["maak", "maakt"],
        &["maakte", "maakten"],
        "gemaakt",
    ),
    (
        "plegen",
        &["pleeg", "pleegt"],
        &["pleegde", "pleegden"],
        "gepleegd",
    ),
    (
        "wenden",
        &["wend", "wendt"],
        &["wendde", "wendden"],
        "gewend",
    ),
    ("zien", &["zie", "ziet"], &["zag", "zagen"], "gezien"),
    (
        "krijgen",
        &["krijg", "krijgt"],
        &["kreeg", "kregen"],
        "gekregen",
    ),
    (
        "werven",
        &["werf", "werft"],
        &["wierf", "wierven"],
        "geworven",
    ),
];

/// Every form of `word` (lower case) that a text may use, the word itself
/// included. Verbs (ending in -en) get their conjugation and participle;
/// other words their -e form (adjectives) and plurals (nouns).
pub(crate) fn of(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    if word.chars().count() < 4 || word.contains(' ') {
        return out;
    }
    // Short verbs ("maken", "doen") are known by the table of strong verbs.
    if word.ends_with("en") && (word.chars().count() >= 6 || strong(word).is_some()) {
        verb_forms(word, &mut out);
    } else {
        other_forms(word, &mut out);
    }
    out.sort();
    out.dedup();
    out
}

/// Split forms of a separable verb: (finite verb form, particle), as in
/// "vindt ... plaats"; empty for other words.
pub(crate) fn split_forms(word: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for p in SEPARABLE {
        if let Some(verb) = word.strip_prefix(p) {
            if verb.chars().count() >= 4 && verb.ends_with("en") {
                for form in finite(verb) {
                    out.push((form, p.to_string()));
                }
            }
        }
    }
    out
}

/// Present and past forms of a verb (no participle).
fn finite(verb: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((prefix, strong)) = strong(verb) {
        for f in strong.1.iter().chain(strong.2.iter()) {
            out.push(format!("{prefix}{f}"));
        }
        out.push(verb.to_string());
        return out;
    }
    for stem in stems(verb) {
        for end in ["", "t", "te", "ten", "de", "den"] {
            out.push(format!("{stem}{end}"));
        }
    }
    out.push(verb.to_string());
    out
}

fn strong(verb: &str) -> Option<(&str, &'static Strong)> {
    STRONG
        .iter()
        .find_map(|s| verb.strip_suffix(s.0).map(|prefix| (prefix, s)))
}

fn verb_forms(inf: &str, out: &mut Vec<String>) {
    // Separable: "plaatsvinden" → "plaatsvindt", "plaatsgevonden".
    for p in SEPARABLE {
        if let Some(verb) = inf.strip_prefix(p) {
            if verb.chars().count() >= 4 {
                for f in finite(verb) {
                    out.push(format!("{p}{f}"));
                }
                for part in participles(verb, false) {
                    out.push(format!("{p}{part}"));
                    out.push(format!("{p}{part}e"));
                }
            }
        }
    }
    out.extend(finite(inf));
    let unstressed = UNSTRESSED
        .iter()
        .any(|u| inf.starts_with(u) && inf.len() > u.len() + 3);
    for part in participles(inf, unstressed) {
        out.push(format!("{part}e"));
        out.push(part);
    }
    // "-eren" verbs with a stressed "-eer": the participle always has "ge"
    // ("geïnformeerd"), even when the word starts like a prefix ("geëvalueerd").
    if inf.ends_with("eren") {
        for part in participles(inf, false) {
            out.push(format!("{part}e"));
            out.push(part);
        }
    }
}

/// Past participles: "ge" + stem + d/t, or the strong form; without "ge"
/// after an unstressed prefix ("verstrekt", "ontvangen").
fn participles(verb: &str, unstressed: bool) -> Vec<String> {
    let ge = |rest: &str| -> String {
        if unstressed {
            return rest.to_string();
        }
        // "ge" before a vowel gets a diaeresis: "geïnformeerd", "geëvalueerd".
        let mut chars = rest.chars();
        match chars.next() {
            Some('e') => format!("geë{}", chars.as_str()),
            Some('i') => format!("geï{}", chars.as_str()),
            _ => format!("ge{rest}"),
        }
    };
    if let Some((prefix, s)) = strong(verb) {
        let participle = s.3.strip_prefix("ge").unwrap_or(s.3);
        return vec![
            ge(&format!("{prefix}{participle}")),
            format!("{prefix}{participle}"),
        ];
    }
    let mut out = Vec::new();
    for stem in stems(verb) {
        out.push(ge(&format!("{stem}d")));
        out.push(ge(&format!("{stem}t")));
    }
    out
}

/// The stem of a weak verb: the infinitive without -en, with the spelling
/// rules (double consonant single, open syllable's vowel doubled, v→f, z→s).
/// Both readings where the rules cannot tell ("retourneer", "bevorder").
fn stems(inf: &str) -> Vec<String> {
    let Some(base) = inf.strip_suffix("en") else {
        return Vec::new();
    };
    let mut stem: Vec<char> = base.chars().collect();
    let n = stem.len();
    if n < 2 {
        return vec![base.to_string()];
    }
    let mut out = Vec::new();
    let last = stem[n - 1];
    if !is_vowel(last) && stem[n - 2] == last {
        stem.pop();
        out.push(stem.iter().collect());
        return out;
    }
    match last {
        'v' => stem[n - 1] = 'f',
        'z' => stem[n - 1] = 's',
        _ => {}
    }
    let plain: String = stem.iter().collect();
    out.push(plain.clone());
    // Open syllable: "retourneren" → "retourneer", "initiëren" → "initieer".
    if n >= 3 && !is_vowel(stem[n - 1]) {
        let v = stem[n - 2];
        let before = stem[n - 3];
        // Not after a vowel that makes a digraph with it ("verzoek" stays).
        let digraph = matches!(
            (before, v),
            ('a', 'a')
                | ('e', 'e')
                | ('o', 'o')
                | ('u', 'u')
                | ('i', 'e')
                | ('o', 'e')
                | ('e', 'u')
                | ('a', 'u')
                | ('o', 'u')
        );
        if matches!(v, 'a' | 'e' | 'o' | 'u' | 'ë') && !digraph {
            let mut long = stem.clone();
            let plain_v = if v == 'ë' { 'e' } else { v };
            long[n - 2] = plain_v;
            long.insert(n - 2, plain_v);
            out.push(long.into_iter().collect());
        }
    }
    out
}

fn other_forms(word: &str, out: &mut Vec<String>) {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    let last = chars[n - 1];
    // Adjective -e and noun plural -en share the spelling rules.
    let mut bases = vec![word.to_string()];
    if n >= 3 && chars[n - 2] == chars[n - 3] && is_vowel(chars[n - 2]) && !is_vowel(last) {
        // "optimaal" → "optimal-e", "structureel" → "structurel-e"
        let mut short = chars.clone();
        short.remove(n - 2);
        bases = vec![short.into_iter().collect()];
    } else if n >= 2
        && !is_vowel(last)
        && is_vowel(chars[n - 2])
        && (n < 3 || !is_vowel(chars[n - 3]))
    {
        // "handvat" → "handvatt-en"; and "relevant-e" stays as it is
        bases.push(format!("{word}{last}"));
    }
    for base in bases {
        let base = match base.chars().last() {
            Some('f') if word.ends_with("ief") => format!("{}v", &base[..base.len() - 1]),
            Some('s') if word.ends_with("ies") => format!("{}z", &base[..base.len() - 1]),
            _ => base,
        };
        if !word.ends_with('e') {
            out.push(format!("{base}e"));
            out.push(format!("{base}en"));
        }
    }
    out.push(format!("{word}s"));
    out.push(format!("{word}n"));
    out.push(format!("{word}r")); // comparative of "-e" words? harmless
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'ë' | 'ï' | 'é')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(word: &str, form: &str) -> bool {
        of(word).iter().any(|f| f == form)
    }

    #[test]
    fn verbs() {
        assert!(has("inventariseren", "geïnventariseerd"));
        assert!(has("inventariseren", "inventariseert"));
        assert!(has("communiceren", "communiceert"));
        assert!(has("communiceren", "communiceerde"));
        assert!(has("verstrekken", "verstrekt"));
        assert!(has("verstrekken", "verstrekte"));
        assert!(has("ontvangen", "ontving"));
        assert!(has("plaatsvinden", "plaatsgevonden"));
        assert!(has("plaatsvinden", "plaatsvindt"));
        assert!(has("evalueren", "geëvalueerd"));
        assert!(has("optimaliseren", "geoptimaliseerd"));
        assert!(has("maken", "gemaakt"));
        assert!(split_forms("plaatsvinden").contains(&("vindt".into(), "plaats".into())));
        assert!(split_forms("aanvangen").contains(&("vangt".into(), "aan".into())));
    }

    #[test]
    fn adjectives_and_nouns() {
        assert!(has("optimaal", "optimale"));
        assert!(has("structureel", "structurele"));
        assert!(has("effectief", "effectieve"));
        assert!(has("relevant", "relevante"));
        assert!(has("prioriteit", "prioriteiten"));
        assert!(has("sanctie", "sancties"));
        assert!(has("handvat", "handvatten"));
    }
}
