//! The digest's `text/plain` part: lines of at most 72 columns (an address
//! longer than that stays whole, on a line of its own, so it still works).

use super::Digest;

const WIDTH: usize = 72;

fn wrap(text: &str) -> String {
    let options = textwrap::Options::new(WIDTH).break_words(false);
    textwrap::fill(text, options)
}

pub(super) fn write(digest: &Digest<'_>) -> String {
    let mut out = String::new();
    let heading = digest.word("digest_heading");
    out.push_str(&wrap(&heading));
    out.push('\n');
    out.push_str(&wrap(&digest.period));
    out.push('\n');
    out.push_str(&"=".repeat(heading.chars().count().clamp(1, WIDTH)));
    out.push_str("\n\n");
    out.push_str(&wrap(&digest.word("digest_intro")));
    out.push_str("\n\n");
    if digest.private {
        out.push_str(&wrap(&digest.word("digest_private")));
        out.push_str("\n\n");
    }
    for item in &digest.items {
        out.push_str(&wrap(&item.title));
        out.push('\n');
        let when = format!(
            "{} · {}",
            digest.locale.date(item.date),
            digest.locale.word(item.kind)
        );
        out.push_str(&wrap(&when));
        out.push('\n');
        if !item.summary.is_empty() {
            out.push_str(&wrap(&item.summary));
            out.push('\n');
        }
        out.push_str(&item.url);
        out.push_str("\n\n");
    }
    out.push_str(&"-".repeat(WIDTH));
    out.push('\n');
    out.push_str(&wrap(&digest.word("digest_footer")));
    out.push('\n');
    out.push_str(&digest.home);
    out.push('\n');
    if let Some(reply) = digest.reply_address() {
        out.push_str(&wrap(&format!("{} {reply}", digest.word("digest_reply"))));
        out.push('\n');
    }
    out
}
