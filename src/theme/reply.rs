//! The "Vraag of reactie?" link at the end of every parent page (spec §7):
//! a `mailto:` to the class's `email` on a class site, else the school's,
//! with a subject naming the page and the site, so the teacher knows what a
//! reply is about.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;

use crate::config::Config;
use crate::locale::Locale;
use crate::site::{Site, SiteId, SiteKind};

/// RFC 3986's unreserved characters stay as they are; everything else in a
/// `mailto:` subject is percent-encoded as UTF-8 (RFC 6068).
const SUBJECT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// An address keeps its `@`; anything that would end it (`?`, `#`, `%`...) is encoded.
const ADDRESS: &AsciiSet = &SUBJECT.remove(b'@').remove(b'+');

/// What the template shows: "Mail naar" `address` (marked left to right).
#[derive(Debug, Serialize)]
pub(crate) struct Reply {
    pub href: String,
    pub before: String,
    pub address: String,
    pub after: String,
}

/// The reply link of a page titled `page_title` on `site`; None on team and
/// training sites, and when neither the class nor the school has an address.
pub(crate) fn reply(
    config: &Config,
    site: &Site,
    locale: &Locale<'_>,
    page_title: &str,
) -> Option<Reply> {
    if !matches!(
        site.kind(),
        SiteKind::School | SiteKind::Band | SiteKind::Class
    ) {
        return None;
    }
    let address = config.reply_email(&site.id)?;
    let site_name = match site.id {
        SiteId::School => config.title.as_str(),
        _ => site.name.as_str(),
    };
    // A site's home is titled with the site's name: say it once.
    let key = if page_title == site_name || page_title == site.name {
        "reply_subject_home"
    } else {
        "reply_subject"
    };
    let subject = locale
        .word(key)
        .replace("{page}", page_title)
        .replace("{site}", site_name);
    let href = format!(
        "mailto:{}?subject={}",
        utf8_percent_encode(address, ADDRESS),
        utf8_percent_encode(&subject, SUBJECT)
    );
    let link = locale.word("reply_link");
    let (before, after) = link.split_once("{address}").unwrap_or((link, ""));
    Some(Reply {
        href,
        before: before.to_string(),
        address: address.to_string(),
        after: after.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;
    use crate::site::Selection;
    use crate::theme::Theme;
    use std::path::Path;

    #[test]
    fn the_subject_names_page_and_site_and_is_encoded() {
        let config = Config::parse(
            Path::new("/x"),
            "[book]\ntitle = \"De Linde\"\n[school]\nemail = \"info@linde.example\"\n\
             [[band]]\nid = \"b\"\nname = \"B\"\n\
             [[class]]\nid = \"groep-5\"\nname = \"Groep 5 & 6\"\nbands = [\"b\"]\nemail = \"juf+5@linde.example\"\n\
             [[class]]\nid = \"groep-7\"\nname = \"Groep 7\"\nbands = [\"b\"]\n",
        )
        .unwrap();
        let theme = Theme::load(&config).unwrap();
        let content = Content {
            pages: Vec::new(),
            assets: Vec::new(),
            left_out: Default::default(),
        };
        let sites = crate::site::plan::plan(&config, &content, &Selection::default()).unwrap();
        let site = |id: &str| sites.iter().find(|s| s.id.as_str() == id).unwrap();
        let nl = Locale::new(&config, &theme, "nl");
        let r = reply(&config, site("groep-5"), &nl, "Vraag? 100% zeker: ja/nee").unwrap();
        assert_eq!(
            r.href,
            "mailto:juf+5@linde.example?subject=Vraag%20over%20Vraag%3F%20100%25%20zeker%3A%20ja%2Fnee%20%28Groep%205%20%26%206%29"
        );
        assert_eq!(
            (r.before.as_str(), r.address.as_str()),
            ("Mail naar ", "juf+5@linde.example")
        );
        // A class without its own address: the school's.
        let r = reply(&config, site("groep-7"), &nl, "Uitje").unwrap();
        assert!(
            r.href.starts_with("mailto:info@linde.example?subject="),
            "{}",
            r.href
        );
        let r = reply(&config, site(""), &nl, "Één dag vrij").unwrap();
        assert!(
            r.href
                .ends_with("%C3%89%C3%A9n%20dag%20vrij%20%28De%20Linde%29"),
            "{}",
            r.href
        );
        let r = reply(&config, site("groep-7"), &nl, "Groep 7").unwrap();
        assert!(
            r.href.ends_with("?subject=Vraag%20over%20Groep%207"),
            "{}",
            r.href
        );
        assert!(reply(&config, site("team"), &nl, "Team").is_none());
    }
}
