//! The Dutch texts of the errors of the format writers in `crate::formats`.
//!
//! The formats know nothing of the message catalogue; their errors carry the
//! values a message needs, and here each becomes its text from `nl.toml`.
//! The callers put that text into a `Diagnostic` with the file it is about.

use crate::formats::{atom, ical, images, pptx};
use crate::msg;

/// Why an image cannot be measured or resized.
pub(super) fn image(error: &images::Error) -> String {
    use images::Error as E;
    match error {
        E::NoPixels { width, height } => {
            msg!("afbeelding.geen-pixels", breedte = width, hoogte = height)
        }
        E::TooLarge { width, height } => {
            let pixels = u64::from(*width) * u64::from(*height);
            msg!(
                "afbeelding.te-groot",
                breedte = width,
                hoogte = height,
                megapixels = format!("{:.1}", pixels as f64 / 1e6).replace('.', ","),
                max = images::MAX_PIXELS / 1_000_000
            )
        }
        E::Unknown => msg!("afbeelding.onleesbaar"),
        E::Kind { kind } => msg!("afbeelding.soort", soort = kind),
        E::Unreadable { detail } => msg!("afbeelding.onleesbaar-door", fout = detail),
        E::Encode(detail) => msg!("afbeelding.opslaan-fout", fout = detail),
        E::SvgNotUtf8 => msg!("afbeelding.svg-geen-utf8"),
        E::NotSvg => msg!("afbeelding.geen-svg"),
        E::SvgWithoutSize => msg!("afbeelding.svg-geen-maat"),
        E::SvgSizeOutOfRange { length } => msg!("afbeelding.svg-maat-fout", maat = length),
    }
}

/// Why `slides.pptx` cannot be written.
pub(super) fn pptx(error: &pptx::Error) -> String {
    use pptx::Error as E;
    let image = |slide: &usize, number: &usize, alt: &str| {
        msg!("dia.afbeelding", nummer = number, dia = slide, alt = alt)
    };
    match error {
        E::Color { color } => msg!("dia.kleur-fout", kleur = color),
        E::Logo { alt } => msg!("dia.logo-fout", alt = alt),
        E::ImageWithoutSize {
            slide,
            number,
            alt,
            width,
            height,
        } => msg!(
            "dia.afbeelding-geen-maat",
            afbeelding = image(slide, number, alt),
            breedte = width,
            hoogte = height
        ),
        E::ImageFormat {
            slide,
            number,
            alt,
            format,
        } => msg!(
            "dia.afbeelding-soort",
            afbeelding = image(slide, number, alt),
            soort = format.name()
        ),
        E::Zip(reason) => msg!("dia.zip-fout", fout = reason),
    }
}

/// Why `agenda.ics` cannot be written.
pub(super) fn ical(error: &ical::Error) -> String {
    use ical::Error as E;
    let year = |year: &i32| msg!("agenda.jaar-buiten-bereik", jaar = year);
    match error {
        E::EmptyUid { title } => msg!("agenda.uid-leeg", titel = format!("{title:?}")),
        E::DuplicateUid { uid } => msg!("agenda.uid-dubbel", uid = format!("{uid:?}")),
        E::EndWithoutStart { uid } => {
            msg!("agenda.einde-zonder-begin", uid = format!("{uid:?}"))
        }
        E::EndBeforeStart { uid, end, start } => msg!(
            "agenda.einde-voor-begin",
            uid = format!("{uid:?}"),
            einde = end,
            begin = start
        ),
        E::DateOutOfRange { uid } => {
            msg!("agenda.datum-buiten-bereik", uid = format!("{uid:?}"))
        }
        E::EventYear { uid, year: y } => {
            msg!(
                "agenda.activiteit",
                uid = format!("{uid:?}"),
                fout = year(y)
            )
        }
        E::StampYear { year: y } => msg!("agenda.tijdstempel", fout = year(y)),
        E::YearOutOfRange { year: y } => year(y),
        E::UrlNotAbsolute { uid, url } => msg!(
            "agenda.url-niet-volledig",
            uid = format!("{uid:?}"),
            url = format!("{url:?}")
        ),
        E::UrlWithSpaces { uid, url } => msg!(
            "agenda.url-spaties",
            uid = format!("{uid:?}"),
            url = format!("{url:?}")
        ),
        E::NoSuchYear { year } => msg!("agenda.jaar-fout", jaar = year),
        E::NoSuchTime { seconds } => msg!("agenda.tijd-fout", tijd = seconds),
    }
}

/// Why `feed.xml` cannot be written.
pub(super) fn atom(error: &atom::Error) -> String {
    use atom::Error as E;
    match error {
        E::FeedId(problem) => msg!("feed.id", fout = atom_problem(problem)),
        E::SelfUrl(problem) => msg!("feed.eigen-adres", fout = atom_problem(problem)),
        E::SiteUrl(problem) => msg!("feed.site-adres", fout = atom_problem(problem)),
        E::NoAuthor => msg!("feed.auteur"),
        E::Language { lang } => msg!("feed.taal", taal = format!("{lang:?}")),
        E::DuplicateId { id } => msg!("feed.id-dubbel", id = format!("{id:?}")),
        E::Entry { id, problem } => msg!(
            "feed.bericht",
            id = format!("{id:?}"),
            fout = atom_problem(problem)
        ),
        E::Updated(problem) => atom_problem(problem),
    }
}

fn atom_problem(problem: &atom::Problem) -> String {
    use atom::Problem as P;
    match problem {
        P::DateOutOfRange { date } => msg!("feed.datum-buiten-bereik", datum = date),
        P::NoHour { date, zone } => {
            msg!("feed.datum-geen-uur", datum = date, tijdzone = zone.name())
        }
        P::IdNotAbsolute { id } => msg!("feed.id-niet-volledig", id = format!("{id:?}")),
        P::EmptyAddress => msg!("feed.adres-leeg"),
        P::AddressWithSpaces { address } => {
            msg!("feed.adres-spaties", adres = format!("{address:?}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_the_catalogues() {
        let huge = images::Error::TooLarge {
            width: 8000,
            height: 5001,
        };
        assert_eq!(
            image(&huge),
            "de afbeelding is te groot: 8000×5001 is 40,0 megapixels, en er mogen er hoogstens 40"
        );
        let picture = pptx::Error::ImageFormat {
            slide: 3,
            number: 1,
            alt: "Petten".into(),
            format: pptx::ImageFormat::Jpeg,
        };
        assert_eq!(
            pptx(&picture),
            "afbeelding 1 op dia 3 (\"Petten\") is geen JPEG-bestand"
        );
        let late = ical::Error::EventYear {
            uid: "y".into(),
            year: 10000,
        };
        assert_eq!(
            ical(&late),
            "activiteit \"y\": het jaar 10000 past niet in een agenda (0000–9999)"
        );
        let entry = atom::Error::Entry {
            id: "nieuws/x".into(),
            problem: atom::Problem::IdNotAbsolute {
                id: "nieuws/x".into(),
            },
        };
        assert_eq!(
            atom(&entry),
            "bericht \"nieuws/x\" in de feed: de id \"nieuws/x\" is geen volledig adres (een https:-adres, of een tag:- of urn:-naam)"
        );
    }
}
