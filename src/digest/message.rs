//! One digest as an RFC 5322 message (mail-builder does the MIME work:
//! headers, RFC 2047 words, transfer encodings): a draft (`X-Unsent: 1`)
//! with a plain-text and an HTML part.

use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::date::Date;
use mail_builder::headers::raw::Raw;
use mail_builder::mime::MimePart;
use mail_builder::MessageBuilder;

use super::{html, site_name, text, Digest, Period};

pub(super) fn write(digest: &Digest<'_>, base_url: &str, period: &Period) -> Vec<u8> {
    let host = base_url
        .split("://")
        .nth(1)
        .and_then(|h| h.split('/').next())
        .unwrap_or("helder.invalid");
    let site = site_name(&digest.site.id);
    let lang = &digest.site.lang;
    // Stable, so writing the digest twice gives the same file (and the
    // boundary can not occur in quoted-printable or base64 text).
    let id = format!(
        "digest.{site}.{lang}.{}.{}@{host}",
        period.since.format("%Y%m%d"),
        period.until.format("%Y%m%d")
    );
    let boundary = format!("=_helder-{site}-{lang}");
    let body = MimePart::new(
        ContentType::new("multipart/alternative").attribute("boundary", boundary),
        vec![
            MimePart::new("text/plain", text::write(digest)),
            MimePart::new("text/html", html::write(digest)),
        ],
    );
    let mut message = MessageBuilder::new()
        .message_id(id)
        .date(Date::new(timestamp()))
        .subject(digest.subject())
        .header("Content-Language", Raw::new(lang.clone()))
        .header("X-Unsent", Raw::new("1"));
    // The sender: whoever answers questions about this site. Without an
    // address the mail program fills in its own user when the draft opens.
    if let Some(from) = digest.reply_address() {
        let name = match digest.site.id {
            crate::site::SiteId::School => digest.config.title.clone(),
            _ => format!("{} · {}", digest.site.name, digest.config.title),
        };
        message = message.from((name, from.to_string()));
    }
    message.body(body).write_to_vec().unwrap_or_default()
}

/// When the draft was made: `SOURCE_DATE_EPOCH` when set (reproducible
/// output), else now.
fn timestamp() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| chrono::Utc::now().timestamp())
}
