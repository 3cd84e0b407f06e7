//! Images and videos in a body: files under content/ only, with their size
//! and smaller copies for an image, and a video that loads only on request.

use std::fmt::Write as _;
use std::ops::Range;

use pulldown_cmark::CowStr;

use super::super::highlight::escape;
use super::super::links::{self, Written};
use super::super::{title_attribute, LinkTarget, LINK_CLOSE, LINK_OPEN};
use super::link::{resolve, LinkError};
use super::{find_end, plain_text, BodyWriter};
use crate::content::Content;
use crate::msg;

/// The video files a page may show (spec §7).
pub(crate) const VIDEO_EXTENSIONS: [&str; 2] = ["mp4", "webm"];

pub(crate) fn is_video(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, ext)| VIDEO_EXTENSIONS.iter().any(|v| ext.eq_ignore_ascii_case(v)))
}

impl<'a> BodyWriter<'a> {
    /// `![alt](src)`, taken in whole with its alt text; returns the index
    /// after it.
    pub(super) fn image(
        &mut self,
        i: usize,
        dest_url: &CowStr<'a>,
        title: &CowStr<'a>,
        range: &Range<usize>,
    ) -> usize {
        let end = find_end(self.events, i);
        let alt = plain_text(self.events[i + 1..end].iter().map(|(e, _)| e));
        if alt.trim().is_empty() {
            let position = self.position(range.start);
            self.unlabelled_media.push(position);
        }
        let content = self.ctx.content;
        if let Some(video) = video_element(content, self.page_dir, dest_url, &alt, &mut self.links)
        {
            self.html(video);
            return end + 1;
        }
        match image_source(content, self.page_dir, dest_url, &mut self.links) {
            Ok(src) => {
                let title = title_attribute(title);
                self.html(format!(
                    "<img src=\"{src}\" alt=\"{}\"{title} loading=\"lazy\" decoding=\"async\">",
                    escape(&alt)
                ));
            }
            Err((message, help)) => self.error_at(range.start, message, help),
        }
        end + 1
    }
}

/// What goes between `src="` and the closing quote of an image: the file
/// (a placeholder), and for a file of known size its width, height and
/// smaller copies.
fn image_source(
    content: &Content,
    page_dir: &str,
    dest_url: &str,
    links: &mut Vec<LinkTarget>,
) -> Result<String, LinkError> {
    match links::classify(dest_url) {
        Written::AsIs if links::has_scheme(dest_url) || dest_url.starts_with("//") => Err((
            msg!("markdown.afbeelding-extern", adres = dest_url),
            msg!("markdown.afbeelding-extern-hulp"),
        )),
        Written::AsIs => Ok(escape(dest_url)),
        Written::Relative(path, _) => match resolve(content, page_dir, &path, None)? {
            LinkTarget::Asset { content_path } => {
                Ok(asset_attributes(content, content_path, links))
            }
            LinkTarget::Page { .. } => Err((
                msg!("markdown.afbeelding-pagina", adres = dest_url),
                msg!("markdown.afbeelding-pagina-hulp"),
            )),
        },
    }
}

fn asset_attributes(
    content: &Content,
    content_path: String,
    links: &mut Vec<LinkTarget>,
) -> String {
    let placeholder = |links: &mut Vec<LinkTarget>, path: String| {
        links.push(LinkTarget::Asset { content_path: path });
        format!("{LINK_OPEN}{}{LINK_CLOSE}", links.len() - 1)
    };
    let mut attributes = placeholder(links, content_path.clone());
    // Width and height keep the page from jumping while it loads; smaller
    // copies save data on a phone.
    let Some((w, h)) = content.asset_at(&content_path).and_then(|a| a.size) else {
        return attributes;
    };
    let _ = write!(attributes, "\" width=\"{w}\" height=\"{h}");
    let copies = crate::formats::images::copies(&content_path, w);
    if !copies.is_empty() {
        let mut srcset = Vec::new();
        for (copy, width) in copies {
            srcset.push(format!("{} {width}w", placeholder(links, copy)));
        }
        srcset.push(format!("{} {w}w", placeholder(links, content_path)));
        let _ = write!(
            attributes,
            "\" srcset=\"{}\" sizes=\"(min-width: 44rem) 40rem, 100vw",
            srcset.join(", ")
        );
    }
    attributes
}

/// `![Titel](film.mp4)`: a video that loads nothing until the reader taps
/// play (a phone's data bundle), with `film.jpg` beside it as its still,
/// and a link to the file for browsers that can not play it.
fn video_element(
    content: &Content,
    page_dir: &str,
    dest_url: &str,
    title: &str,
    links: &mut Vec<LinkTarget>,
) -> Option<String> {
    let Written::Relative(path, _) = links::classify(dest_url) else {
        return None;
    };
    if !is_video(&path) {
        return None;
    }
    let Ok(LinkTarget::Asset { content_path }) = resolve(content, page_dir, &path, None) else {
        return None;
    };
    let mut placeholder = |path: String| {
        links.push(LinkTarget::Asset { content_path: path });
        format!("{LINK_OPEN}{}{LINK_CLOSE}", links.len() - 1)
    };
    let stem = content_path
        .rsplit_once('.')
        .map_or(content_path.as_str(), |(s, _)| s);
    let poster = ["jpg", "jpeg", "png"]
        .iter()
        .map(|ext| format!("{stem}.{ext}"))
        .find(|p| content.asset_at(p).is_some())
        .map(|p| format!(" poster=\"{}\"", placeholder(p)))
        .unwrap_or_default();
    let src = placeholder(content_path.clone());
    if title.trim().is_empty() {
        return Some(format!(
            "<figure class=\"video\"><video controls preload=\"none\" src=\"{src}\"{poster}><a href=\"{src}\">Video</a></video></figure>"
        ));
    }
    let title = escape(title);
    Some(format!(
        "<figure class=\"video\"><video controls preload=\"none\" src=\"{src}\"{poster} aria-label=\"{title}\"><a href=\"{src}\">{title}</a></video><figcaption>{title}</figcaption></figure>"
    ))
}
