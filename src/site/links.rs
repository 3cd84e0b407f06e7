//! The address of a page or file as seen from a page of one site: relative
//! when this build writes the target, else on the web with `base-url` (a
//! `--class` build links to the school site it does not write).

use crate::content::{Content, Page, PageId};
use crate::markdown::links::relative;
use crate::markdown::LinkTarget;

use super::layout;
use super::plan::{canonical_site, Site};

/// Where page `id` is found from `site`: in the site itself when it holds
/// the page, else in the page's own (canonical) site.
pub(crate) fn target_file(site: &Site, id: PageId, page: &Page) -> String {
    if site.contains(id) {
        site.page_file(id, page)
    } else {
        layout::canonical_file(&site.lang_prefix, &canonical_site(page), page)
    }
}

/// The one address search engines should know a page by: a page shared by
/// many sites is canonical in the site it belongs to most narrowly.
pub(crate) fn canonical_file(site: &Site, id: PageId, page: &Page) -> String {
    if site.home == Some(id) {
        site.home_file()
    } else {
        layout::canonical_file(&site.lang_prefix, &canonical_site(page), page)
    }
}

/// Resolves links of the pages of one site.
pub(crate) struct Linker<'a> {
    pub content: &'a Content,
    pub site: &'a Site,
    /// `base-url`, without trailing slash.
    pub base_url: Option<&'a str>,
    /// Roots of the sites this build writes.
    pub built_roots: &'a [String],
}

impl Linker<'_> {
    /// The URL of a link placeholder for a page written in folder `from_dir`.
    pub(crate) fn resolve(&self, from_dir: &str, target: &LinkTarget) -> String {
        match target {
            LinkTarget::Page {
                content_path,
                fragment,
            } => {
                let Some(id) = self.content.page_at(content_path) else {
                    return String::new();
                };
                let mut url = self.page(from_dir, id);
                if let Some(f) = fragment {
                    url.push('#');
                    url.push_str(f);
                }
                url
            }
            LinkTarget::Asset { content_path } => relative(from_dir, content_path),
        }
    }

    /// The URL of page `id` from folder `from_dir`.
    pub(crate) fn page(&self, from_dir: &str, id: PageId) -> String {
        let (content, site) = (self.content, self.site);
        let page = &content.pages[id];
        let file = target_file(site, id, page);
        let root = layout::site_root(&site.lang_prefix, &canonical_site(page));
        let written = site.contains(id) || self.built_roots.contains(&root);
        match (self.base_url, written) {
            (Some(base), false) => layout::web_address(base, &file),
            _ => relative(from_dir, &file),
        }
    }
}

/// A page that some public site shows may not link to a private page: the
/// link would put the private page's address, and its title in the link
/// text, in a public file (spec §6). Each such link is an error at the
/// line that names the private page.
/// The line of `page`'s file where its body first names `name`. A build
/// frees the Markdown once a page is rendered (`Content::take_bodies`), so
/// then the file is read again: only for this error, which stops the build.
fn line_naming(root: &std::path::Path, page: &crate::content::Page, name: &str) -> Option<usize> {
    let read;
    let (text, first_line) = if page.body.is_empty() {
        read = std::fs::read_to_string(root.join(&page.source)).ok()?;
        (read.as_str(), 1)
    } else {
        (page.body.as_str(), page.body_line)
    };
    text.lines()
        .enumerate()
        .skip(page.body_line.saturating_sub(first_line))
        .find(|(_, l)| l.contains(name))
        .map(|(i, _)| first_line + i)
}

pub(crate) fn check_private_links(
    root: &std::path::Path,
    content: &Content,
    rendered: &[crate::markdown::Rendered],
    private_pages: &[bool],
) -> crate::error::Errors {
    let mut errors = crate::error::Errors::new();
    for (id, page) in content.pages.iter().enumerate() {
        if private_pages.get(id).copied().unwrap_or(true) {
            continue;
        }
        let Some(r) = rendered.get(id) else { continue };
        let mut reported = Vec::new();
        for link in &r.links {
            let LinkTarget::Page { content_path, .. } = link else {
                continue;
            };
            let Some(target) = content.page_at(content_path) else {
                continue;
            };
            if !private_pages[target] || reported.contains(&target) {
                continue;
            }
            reported.push(target);
            let name = content_path.rsplit('/').next().unwrap_or(content_path);
            let line = line_naming(root, page, name);
            let mut d = crate::error::Diagnostic::site(crate::msg!(
                "sites.link-naar-besloten",
                pad = content_path
            ))
            .in_file(&page.source)
            .help(crate::msg!("sites.link-naar-besloten-hulp"));
            if let Some(line) = line {
                d = d.at_line(line);
            }
            errors.push(d);
        }
    }
    errors
}
