//! The digest's `text/html` part, written for mail programs rather than
//! browsers: tables for layout, every style inline (many programs drop
//! `<style>`), at most 600 px wide and narrower on a phone, text and
//! background colors always set together so a dark mode that swaps colors
//! keeps the contrast, and no image the text depends on.

use std::fmt::Write as _;

use super::Digest;
use crate::config::contrast_with_white;
use crate::markdown::highlight::escape;

const FONT: &str = "font-family:Arial,Helvetica,sans-serif;";
const TEXT: &str = "color:#1f2328;background-color:#ffffff;";
const MUTED: &str = "color:#4f5861;";
const LINK: &str = "color:#0b5394;text-decoration:underline;";
const PAGE_BACKGROUND: &str = "#eef1f5";
/// Long words and addresses wrap instead of widening a phone's screen.
const WRAP: &str = "overflow-wrap:anywhere;word-break:break-word;";

pub(super) fn write(digest: &Digest<'_>) -> String {
    let dir = digest.locale.dir;
    let align = if dir == "rtl" { "right" } else { "left" };
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <meta name=\"supported-color-schemes\" content=\"light dark\">\n\
         <title>{title}</title>\n</head>\n\
         <body style=\"margin:0;padding:0;background-color:{PAGE_BACKGROUND};color:#1f2328;\">\n\
         <table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" \
         style=\"width:100%;background-color:{PAGE_BACKGROUND};\">\n<tr><td align=\"center\" style=\"padding:16px 8px;\">\n\
         <table role=\"presentation\" dir=\"{dir}\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" \
         style=\"width:100%;max-width:600px;border-collapse:collapse;text-align:{align};{TEXT}\">\n",
        lang = escape(&digest.site.lang),
        title = escape(&digest.subject()),
    );
    header(&mut html, digest);
    let _ = writeln!(
        html,
        "<tr><td style=\"padding:20px 24px 8px;{FONT}font-size:16px;line-height:24px;{TEXT}{WRAP}\">{}</td></tr>",
        escape(&digest.word("digest_intro"))
    );
    if digest.private {
        let _ = writeln!(
            html,
            "<tr><td style=\"padding:8px 24px;{TEXT}\"><p style=\"margin:0;padding:12px 16px;{FONT}\
             font-size:16px;line-height:24px;color:#1f2328;background-color:#fff4d6;\
             border-left:4px solid #8a5a00;border-right:4px solid #8a5a00;{WRAP}\">{}</p></td></tr>",
            escape(&digest.word("digest_private"))
        );
    }
    for item in &digest.items {
        // Dutch text in an Arabic e-mail still reads left to right.
        let text_lang = match &item.lang {
            Some(lang) => format!(" lang=\"{}\" dir=\"ltr\"", escape(lang)),
            None => String::new(),
        };
        let _ = writeln!(
            html,
            "<tr><td style=\"padding:16px 24px;border-top:1px solid #d0d7de;{FONT}{TEXT}{WRAP}\">\n\
             <p style=\"margin:0 0 4px;font-size:14px;line-height:20px;{MUTED}\">{date} · {kind}</p>\n\
             <h2{text_lang} style=\"margin:0 0 8px;font-size:20px;line-height:26px;font-weight:bold;\">\
             <a href=\"{url}\" style=\"{LINK}\">{title}</a></h2>",
            date = escape(&digest.locale.date(item.date)),
            kind = escape(digest.locale.word(item.kind)),
            url = escape(&item.url),
            title = escape(&item.title),
        );
        if !item.summary.is_empty() {
            let _ = writeln!(
                html,
                "<p{text_lang} style=\"margin:0;font-size:16px;line-height:24px;color:#1f2328;\">{}</p>",
                escape(&item.summary)
            );
        }
        html.push_str("</td></tr>\n");
    }
    footer(&mut html, digest);
    html.push_str("</table>\n</td></tr></table>\n</body>\n</html>\n");
    html
}

/// The site's color with the school, the site and the period in white; the
/// school's logo only when it is a picture every mail program shows (not
/// SVG), with the school's name as its text for readers without images.
fn header(html: &mut String, digest: &Digest<'_>) {
    let color = if contrast_with_white(&digest.site.color) >= 4.5 {
        digest.site.color.as_str()
    } else {
        "#1f2328"
    };
    let on_color = format!("color:#ffffff;background-color:{color};");
    let _ = writeln!(
        html,
        "<tr><td style=\"padding:20px 24px;{FONT}{on_color}{WRAP}\">"
    );
    if let Some(logo) = mail_logo(digest) {
        let _ = writeln!(
            html,
            "<img src=\"{}\" alt=\"{}\" width=\"48\" height=\"48\" style=\"display:block;width:48px;\
             height:48px;margin:0 0 8px;border:0;{on_color}font-size:14px;\">",
            escape(&logo),
            escape(&digest.config.title)
        );
    }
    let _ = writeln!(
        html,
        "<p style=\"margin:0;font-size:14px;line-height:20px;{on_color}\">{}</p>\n\
         <h1 style=\"margin:4px 0 0;font-size:24px;line-height:30px;font-weight:bold;{on_color}\">{}</h1>\n\
         <p style=\"margin:4px 0 0;font-size:16px;line-height:22px;{on_color}\">{}</p>\n</td></tr>",
        escape(&digest.config.title),
        escape(&digest.word("digest_heading")),
        escape(&digest.period)
    );
}

/// Who sends this, the site's address and where to reply.
fn footer(html: &mut String, digest: &Digest<'_>) {
    let box_style = "color:#1f2328;background-color:#f6f8fa;";
    let _ = write!(
        html,
        "<tr><td style=\"padding:16px 24px;border-top:1px solid #d0d7de;{FONT}font-size:14px;\
         line-height:20px;{box_style}{WRAP}\">\n<p style=\"margin:0 0 8px;{box_style}\">{} \
         <a href=\"{home}\" style=\"{LINK}\">{home_text}</a></p>\n",
        escape(&digest.word("digest_footer")),
        home = escape(&digest.home),
        home_text = escape(digest.home.split("://").nth(1).unwrap_or(&digest.home)),
    );
    if let Some(reply) = digest.reply_address() {
        let _ = writeln!(
            html,
            "<p style=\"margin:0;{box_style}\">{} <a href=\"mailto:{address}\" style=\"{LINK}\">{address}</a></p>",
            escape(&digest.word("digest_reply")),
            address = escape(reply)
        );
    }
    html.push_str("</td></tr>\n");
}

/// The logo's absolute address when it is a PNG, JPEG or GIF.
fn mail_logo(digest: &Digest<'_>) -> Option<String> {
    let logo = digest.config.school.logo.as_deref()?;
    let lower = logo.to_ascii_lowercase();
    let shown = [".png", ".jpg", ".jpeg", ".gif"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    let base = digest.config.base_url.as_deref()?;
    shown.then(|| format!("{base}/{}", logo.strip_prefix("static/").unwrap_or(logo)))
}
