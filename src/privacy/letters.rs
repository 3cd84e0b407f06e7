//! `helder codes --letters DIR`: one printable A4 letter per private site,
//! for the parents of a class (or the team): the site's address, its code,
//! a QR code that opens it with the code, and whom to ask. In Dutch at B1,
//! helder's own words (a school prints it and hands it out).

use std::fmt::Write as _;
use std::path::Path;

use crate::config::Config;
use crate::error::{Diagnostic, Errors};
use crate::formats::qr;
use crate::markdown::highlight::escape;
use crate::msg;
use crate::site::layout;
use crate::site::SiteId;

/// One private site's letter.
pub(crate) struct Letter<'a> {
    pub site: &'a str,
    pub code: &'a str,
}

/// Writes `DIR/<site>.html` for each letter; returns the files written.
pub(crate) fn write(
    config: &Config,
    dir: &Path,
    letters: &[Letter<'_>],
) -> Result<Vec<String>, Errors> {
    let Some(base) = config.base_url.as_deref() else {
        return Err(Diagnostic::usage(msg!("privacy.brieven-geen-adres"))
            .in_file(crate::config::CONFIG_FILE)
            .help(msg!("privacy.brieven-geen-adres-hulp"))
            .into());
    };
    std::fs::create_dir_all(dir)
        .map_err(|e| Errors::from(Diagnostic::io(dir, &msg!("privacy.io-brieven"), &e)))?;
    let mut written = Vec::new();
    for letter in letters {
        let html = letter_html(config, base, letter)?;
        let name = format!("{}.html", letter.site);
        let path = dir.join(&name);
        std::fs::write(&path, html)
            .map_err(|e| Errors::from(Diagnostic::io(&path, &msg!("privacy.io-brieven"), &e)))?;
        written.push(path.display().to_string());
    }
    Ok(written)
}

/// The id as a site of the school: team, training, a band or a class.
fn site_id(config: &Config, id: &str) -> SiteId {
    match id {
        "team" => SiteId::Team,
        "training" => SiteId::Training,
        _ if config.band(id).is_some() => SiteId::Band(id.to_string()),
        _ => SiteId::Class(id.to_string()),
    }
}

fn letter_html(config: &Config, base: &str, letter: &Letter<'_>) -> Result<String, Errors> {
    let id = site_id(config, letter.site);
    let address = layout::web_address(base, &layout::site_root("", &id));
    let with_code = format!("{address}#code={}", url_code(letter.code));
    let (name, readers, greeting) = match &id {
        SiteId::Team => ("het team".to_string(), "het team", "Beste collega,"),
        SiteId::Training => (
            "de training".to_string(),
            "wie de training volgt",
            "Beste collega,",
        ),
        SiteId::Band(b) => (
            band_or_class_name(config, b),
            "de ouders van deze bouw",
            "Beste ouder,",
        ),
        SiteId::Class(c) => (
            band_or_class_name(config, c),
            "de ouders van deze groep",
            "Beste ouder,",
        ),
        SiteId::School => (config.title.clone(), "iedereen", "Beste ouder,"),
    };
    let qr = qr::svg(&with_code, &msg!("privacy.brief-qr-label")).map_err(|_| {
        Errors::from(Diagnostic::site(msg!(
            "privacy.brief-qr-fout",
            site = letter.site
        )))
    })?;
    let mut ask = String::from("Vragen? Stel ze aan ");
    if let SiteId::Class(c) = &id {
        if let Some(teacher) = config.class(c).and_then(|c| c.teacher.as_deref()) {
            let _ = write!(ask, "{} of aan ", escape(teacher));
        }
    }
    ask.push_str("de school");
    let contact: Vec<String> = [
        config.school.phone.as_deref(),
        config.school.email.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(escape)
    .collect();
    if contact.is_empty() {
        ask.push('.');
    } else {
        let _ = write!(ask, ": {}.", contact.join(", "));
    }
    Ok(format!(
        r#"<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Code voor {name} · {school}</title>
<style>
@page {{ size: A4; margin: 20mm; }}
body {{ font-family: system-ui, sans-serif; font-size: 13pt; line-height: 1.5; max-width: 40em; margin: 2em auto; color: #111; }}
h1 {{ font-size: 20pt; margin: 0 0 .5em; }}
.code {{ font: bold 22pt/1.3 ui-monospace, monospace; border: 2px solid #111; padding: .4em .6em; display: inline-block; margin: .3em 0 .8em; }}
.qr svg {{ width: 45mm; height: 45mm; }}
.small {{ font-size: 11pt; }}
</style>
</head>
<body>
<p>{school}</p>
<h1>De code voor {name}</h1>
<p>{greeting}</p>
<p>Op de website van {school} staan pagina's die alleen voor {readers} zijn, bijvoorbeeld foto's uit de klas. Die pagina's zitten op slot. U opent ze met deze code:</p>
<p class="code">{code}</p>
<h2>Zo opent u de pagina's</h2>
<ol>
<li>Ga naar <strong>{address_shown}</strong>.</li>
<li>Typ de code in het vak „Code” en kies „Openen”.</li>
</ol>
<p>Of scan deze QR-code met de camera van uw telefoon. Dan gaan de pagina's meteen open.</p>
<div class="qr">{qr}</div>
<p>Uw telefoon onthoudt de code. Op een telefoon van een ander kiest u „Vergrendel” als u klaar bent.</p>
<p class="small">Geef de code niet aan anderen. Wie de code heeft, kan de pagina's lezen.</p>
<p class="small">{ask}</p>
</body>
</html>
"#,
        name = escape(&name),
        school = escape(&config.title),
        code = escape(letter.code),
        address_shown = escape(&address),
    ))
}

fn band_or_class_name(config: &Config, id: &str) -> String {
    config
        .class(id)
        .map(|c| c.name.clone())
        .or_else(|| config.band(id).map(|b| b.name.clone()))
        .unwrap_or_else(|| id.to_string())
}

/// The code as written after `#code=` (slot.js decodes it): letters,
/// digits and dashes as they are, anything else percent-encoded.
fn url_code(code: &str) -> String {
    let mut out = String::new();
    for b in code.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}
