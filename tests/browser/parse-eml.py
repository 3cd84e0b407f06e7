#!/usr/bin/env python3
"""Reads e-mail files the way a mail program would, with Python's own
`email` package (the modern policy, which records every defect it meets),
and prints what it found as JSON, one object per file:

    python3 parse-eml.py [--html-dir DIR] FILE.eml...

Each object has the file name, the raw and the decoded Subject, the headers
helder promises (MIME-Version, X-Unsent, Content-Type, From, Date,
Message-ID), every part's content type and charset, the defects the parser
found (in the message and in each part), the text and the HTML body
decoded. With --html-dir the HTML part is also written to DIR/NAME.html for
a browser to open. Used by tests/it/digest.rs and tests/browser/main.rs.
"""

import email
import email.policy
import json
import os
import sys


def parse(path, html_dir):
    with open(path, "rb") as f:
        raw = f.read()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    raw_headers = email.message_from_bytes(raw, policy=email.policy.compat32)
    defects = [type(d).__name__ for d in message.defects]
    parts = []
    for part in message.walk():
        defects.extend(type(d).__name__ for d in part.defects)
        parts.append(
            {"type": part.get_content_type(), "charset": part.get_content_charset()}
        )
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    result = {
        "file": os.path.basename(path),
        "subject": str(message["Subject"]),
        "raw_subject": raw_headers["Subject"],
        "mime_version": message["MIME-Version"],
        "x_unsent": message["X-Unsent"],
        "content_type": message.get_content_type(),
        "from": str(message["From"]) if message["From"] else None,
        "date": str(message["Date"]) if message["Date"] else None,
        "message_id": message["Message-ID"],
        "parts": parts,
        "defects": defects,
        "text": text.get_content() if text is not None else None,
        "html": html.get_content() if html is not None else None,
        "ascii_only": all(b < 128 for b in raw),
    }
    if html_dir and html is not None:
        name = os.path.splitext(os.path.basename(path))[0] + ".html"
        with open(os.path.join(html_dir, name), "w", encoding="utf-8") as f:
            f.write(result["html"])
    return result


def main(argv):
    html_dir = None
    files = []
    args = iter(argv)
    for arg in args:
        if arg == "--html-dir":
            html_dir = next(args)
        else:
            files.append(arg)
    print(json.dumps([parse(f, html_dir) for f in files], ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
