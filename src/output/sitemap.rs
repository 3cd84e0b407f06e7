//! `sitemap.xml`: every parent page once, at its canonical address, and every
//! site's home. Team and training material stays out (it is noindex), and
//! so do private sites (spec §6).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::Input;
use crate::site::canonical_root;
use crate::site::layout;
use crate::site::links::canonical_file;

/// Does this build write a sitemap? Only with `base-url`: a sitemap needs
/// absolute addresses.
pub(crate) fn wanted(input: &Input<'_>) -> bool {
    input.config.base_url.is_some()
}

/// The sitemap; None without `base-url` (see [`wanted`]).
pub(crate) fn render(input: &Input<'_>) -> Option<String> {
    let base = input.config.base_url.as_deref()?;
    let built: BTreeSet<&str> = input.sites.iter().map(|s| s.root.as_str()).collect();
    let mut paths = BTreeSet::new();
    for site in input
        .sites
        .iter()
        .filter(|s| !s.kind().noindex() && !s.private)
    {
        paths.insert(site.root.clone());
        for &id in &site.pages {
            let page = &input.content.pages[id];
            // Only what this build writes: a --class build leaves out the
            // sites where shared pages are canonical.
            if built.contains(canonical_root(page).as_str()) {
                let file = canonical_file(site, id, page);
                paths.insert(layout::address(&file).to_string());
            }
        }
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        let _ = writeln!(
            xml,
            "  <url><loc>{}/{}</loc></url>",
            escape_xml(base),
            escape_xml(&path)
        );
    }
    xml.push_str("</urlset>\n");
    Some(xml)
}

fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
