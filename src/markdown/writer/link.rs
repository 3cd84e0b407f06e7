//! Links in a body: relative ones resolved to a page or file of the site
//! (a placeholder, filled in per site), `#fragment`s noted for checking.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag};

use super::super::links::{self, Written};
use super::super::{raw_html, title_attribute, FragmentLink, LinkTarget, LINK_CLOSE, LINK_OPEN};
use super::BodyWriter;
use crate::content::{Audience, Content, LeftOut, Page};
use crate::msg;

/// A link that can not be made: the message and its help.
pub(super) type LinkError = (String, String);

impl<'a> BodyWriter<'a> {
    pub(super) fn link_start(
        &mut self,
        tag: &'a Tag<'a>,
        dest_url: &CowStr<'a>,
        title: &CowStr<'a>,
        range: &Range<usize>,
    ) {
        self.in_link += 1;
        match links::classify(dest_url) {
            Written::AsIs if self.ctx.safe_html && raw_html::is_script_address(dest_url) => {
                self.error_at(
                    range.start,
                    msg!("markdown.link-script", link = dest_url),
                    msg!("markdown.link-script-hulp"),
                );
                self.out.push(Event::Start(tag.clone()));
            }
            Written::AsIs => {
                if let Some(fragment) = dest_url.strip_prefix('#').filter(|f| !f.is_empty()) {
                    self.fragment_link(None, fragment.to_string(), range);
                }
                self.out.push(Event::Start(tag.clone()))
            }
            Written::Relative(path, fragment) => {
                let target = resolve(self.ctx.content, self.page_dir, &path, fragment)
                    .and_then(|target| parents_may_open(self.ctx.content, self.page, target));
                match target {
                    Ok(target) => self.relative_link(target, title, range),
                    Err((message, help)) => {
                        self.error_at(range.start, message, help);
                        self.out.push(Event::Start(tag.clone()));
                    }
                }
            }
        }
    }

    fn relative_link(&mut self, target: LinkTarget, title: &str, range: &Range<usize>) {
        if let LinkTarget::Page {
            content_path,
            fragment: Some(fragment),
        } = &target
        {
            self.fragment_link(Some(content_path.clone()), fragment.clone(), range);
        }
        let title = title_attribute(title);
        self.html(format!(
            "<a href=\"{LINK_OPEN}{}{LINK_CLOSE}\"{title}>",
            self.links.len()
        ));
        self.links.push(target);
    }

    fn fragment_link(&mut self, target: Option<String>, fragment: String, range: &Range<usize>) {
        let (line, column) = self.position(range.start);
        self.fragment_links.push(FragmentLink {
            target,
            fragment,
            line,
            column,
        });
    }
}

/// A parent page may not link into the team or training site (spec §10):
/// parents can not open those pages, and the link would leak their address.
fn parents_may_open(
    content: &Content,
    page: &Page,
    target: LinkTarget,
) -> Result<LinkTarget, LinkError> {
    let LinkTarget::Page { content_path, .. } = &target else {
        return Ok(target);
    };
    let Some(linked) = content.page_at(content_path).map(|id| &content.pages[id]) else {
        return Ok(target);
    };
    if page.meta.audience != Audience::Ouders || linked.meta.audience == Audience::Ouders {
        return Ok(target);
    }
    Err((
        msg!(
            "markdown.link-niet-voor-ouders",
            pad = content_path,
            publiek = linked.meta.audience.name()
        ),
        msg!("markdown.link-niet-voor-ouders-hulp"),
    ))
}

/// The page or file a relative address from `page_dir` names.
pub(super) fn resolve(
    content: &Content,
    page_dir: &str,
    path: &str,
    fragment: Option<&str>,
) -> Result<LinkTarget, LinkError> {
    let Some(joined) = links::join(page_dir, path) else {
        return Err((
            msg!("markdown.link-buiten", link = path),
            msg!("markdown.link-buiten-hulp"),
        ));
    };
    let fragment = fragment.filter(|f| !f.is_empty()).map(str::to_string);
    if joined.ends_with(".md") {
        if content.page_at(&joined).is_some() {
            return Ok(LinkTarget::Page {
                content_path: joined,
                fragment,
            });
        }
    } else if content.asset_at(&joined).is_some() {
        return Ok(LinkTarget::Asset {
            content_path: joined,
        });
    } else {
        let index = if joined.is_empty() {
            "index.md".to_string()
        } else {
            format!("{joined}/index.md")
        };
        if content.page_at(&index).is_some() {
            return Ok(LinkTarget::Page {
                content_path: index,
                fragment,
            });
        }
    }
    left_out(content, joined, fragment)
}

/// A link to a page that is left out of the build: an error for a draft,
/// silence for a page whose own errors are reported.
fn left_out(
    content: &Content,
    joined: String,
    fragment: Option<String>,
) -> Result<LinkTarget, LinkError> {
    let candidates = [
        joined.clone(),
        format!("{joined}/index.md"),
        "index.md".to_string(),
    ];
    for candidate in candidates
        .iter()
        .take(if joined.is_empty() { 3 } else { 2 })
    {
        match content.left_out.get(candidate) {
            Some(LeftOut::Draft) => {
                return Err((
                    msg!("markdown.link-concept", pagina = candidate),
                    msg!("markdown.link-concept-hulp"),
                ))
            }
            // That page's own errors are reported; a broken link on top would be noise.
            Some(LeftOut::Broken) => {
                return Ok(LinkTarget::Page {
                    content_path: candidate.clone(),
                    fragment,
                })
            }
            None => {}
        }
    }
    Err((
        msg!("markdown.link-kapot", pad = joined),
        msg!("markdown.link-kapot-hulp"),
    ))
}
