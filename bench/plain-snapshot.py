#!/usr/bin/env python3
"""Everything the plain-language analyser reports, as one JSON file, so that a
speed-up can be checked to change no result.

    cargo build
    python3 bench/plain-snapshot.py --save /tmp/plain-before.json   # on main
    python3 bench/plain-snapshot.py --compare /tmp/plain-before.json

Runs the real `helder check --format json` on: the demo school (the
repository root), the Flemish fixture (tests/fixtures/vlaamse-school), the
plain-language fuzz seeds (as nl and as nl-BE pages), every item of every
evaluation set in src/plain/data/eval (as bench/plain-eval.py puts them on
pages; rare words on nl and on nl-BE pages) and a generated corpus of 300
pages (bench/corpus.py, seeded). Kept per page: every field of the report
(counts, scores, level, word score) and every finding (rule, level, line,
column, message, suggestion, excerpt). --compare prints the first
differences and exits 1 when there are any.
"""
import argparse
import importlib.util
import json
import re
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_eval():
    spec = importlib.util.spec_from_file_location("plain_eval", ROOT / "bench" / "plain-eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def site_pages(helder, root):
    run = subprocess.run(
        [helder, "check", "--root", str(root), "--format", "json"],
        capture_output=True,
        text=True,
    )
    if not run.stdout.strip():
        sys.exit(f"helder check gave no JSON for {root}:\n{run.stderr}")
    return {p["file"]: p for p in json.loads(run.stdout)["pages"]}


def eval_pages(helder, plain_eval):
    out = {}
    for name, folder in plain_eval.SETS:
        for path in sorted(folder.glob("*.tsv")):
            items = plain_eval.rows(path)
            key = f"{name}/{path.name}"
            if path.name == "rare-word.tsv":
                bodies = [f"Het gaat over {word}." for _, word in items]
                out[key + "@nl"] = plain_eval.check(helder, bodies, "nl")
                out[key + "@nl-BE"] = plain_eval.check(helder, bodies, "nl-BE")
            elif path.name == "syllables.tsv":
                out[key] = plain_eval.check(helder, [f"{w}." for w, _ in items])
            else:
                out[key] = plain_eval.check(helder, [text for _, text in items])
    return out


def body(text):
    """The Markdown after a seed's own front matter (the page gets its own),
    its links pointing outside and its images left out (the files they name
    are not there)."""
    text = text.lstrip("\ufeff")
    if text.startswith("---"):
        end = text.find("\n---", 3)
        text = text[end + 4 :] if end >= 0 else text
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images: no outside files
    return re.sub(r"\]\([^)]*\)", "](https://voorbeeld.example/)", text)


def fuzz_pages(helder, plain_eval):
    seeds = sorted((ROOT / "fuzz" / "corpus" / "plain_language").glob("*"))
    bodies = [body(s.read_text(encoding="utf-8", errors="replace")) for s in seeds]
    return {
        f"fuzz@{lang}": plain_eval.check(helder, bodies, lang) for lang in ("nl", "nl-BE")
    }


def corpus_pages(helder):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "corpus.py"), tmp, "--pages", "300",
             "--classes", "8", "--private", "none"],
            check=True,
            capture_output=True,
        )
        return site_pages(helder, tmp)


def snapshot(helder):
    plain_eval = load_eval()
    return {
        "demo": site_pages(helder, ROOT),
        "vlaamse-school": site_pages(helder, ROOT / "tests" / "fixtures" / "vlaamse-school"),
        "corpus": corpus_pages(helder),
        **fuzz_pages(helder, plain_eval),
        **eval_pages(helder, plain_eval),
    }


def differences(old, new, path=""):
    if isinstance(old, dict) and isinstance(new, dict):
        for k in sorted(set(old) | set(new)):
            if k not in old or k not in new:
                yield f"{path}/{k}: only {'before' if k in old else 'after'}"
            else:
                yield from differences(old[k], new[k], f"{path}/{k}")
    elif isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            yield f"{path}: {len(old)} items before, {len(new)} after"
        for i, (a, b) in enumerate(zip(old, new)):
            yield from differences(a, b, f"{path}[{i}]")
    elif old != new:
        yield f"{path}: {old!r} before, {new!r} after"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    parser.add_argument("--helder", default=str(target / "debug" / "helder"))
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path)
    group.add_argument("--compare", type=Path)
    args = parser.parse_args()
    now = snapshot(args.helder)
    pages = sum(len(v) for v in now.values())
    findings = sum(
        len(p["findings"]) for v in now.values() for p in (v.values() if isinstance(v, dict) else v)
    )
    if args.save:
        args.save.write_text(json.dumps(now, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        print(f"saved {pages} pages, {findings} findings to {args.save}")
        return
    before = json.loads(args.compare.read_text(encoding="utf-8"))
    diffs = list(differences(before, now))
    for d in diffs[:40]:
        print(d)
    if diffs:
        sys.exit(f"{len(diffs)} differences ({pages} pages, {findings} findings)")
    print(f"identical: {pages} pages, {findings} findings")


if __name__ == "__main__":
    main()
