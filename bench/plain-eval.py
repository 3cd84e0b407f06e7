#!/usr/bin/env python3
"""Recall and precision of the plain-language rules on labelled test sets.

    cargo build --release
    python3 bench/plain-eval.py [--helder target/release/helder] [--misses]

Runs the real `helder check --format json` on throw-away sites with one page
per test item, so it measures what users get. The sets live in
src/plain/data/eval/: `tuning/` (rules were tuned on it), `heldout/` (written
before tuning and only evaluated), `heldout2/` (written after the baseline
run had shown held-out's misses, in the style of policy texts and theses;
its misses are never printed by default), `heldout3/` (written at the end of
the session, after all tuning), `heldout4/` (rare words, written before the
Latinate-word change of session 8), `heldout5/` (rare words, written in
session 11 before any run) and the top folder (the earlier set of
session 4, kept as a regression set). Each set is tab-separated with '#'
comments:

- passive.tsv, hard-word.tsv, nominalisation.tsv, er-construction.tsv:
  label (1/0) and a sentence; a sentence counts
  as found when the rule reports anything on its page;
- rare-word.tsv: label (rare/common/common-be) and a word, put in the
  sentence "Het gaat over WORD."; common-be words are checked on an nl-BE
  site;
- syllables.tsv: word and its syllable count; sentences.tsv: count and
  passage.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "src" / "plain" / "data" / "eval"
SETS = [
    ("earlier", EVAL),
    ("tuning", EVAL / "tuning"),
    ("held-out", EVAL / "heldout"),
    ("held-out-2", EVAL / "heldout2"),
    ("held-out-3", EVAL / "heldout3"),
    ("held-out-4", EVAL / "heldout4"),
    ("held-out-5", EVAL / "heldout5"),
]
# Sets whose misses are never printed (unless --misses-held-out), so that
# nobody tunes on them by accident.
HELD_OUT = {"held-out", "held-out-2", "held-out-3", "held-out-4", "held-out-5"}


def rows(path):
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        label, text = line.split("\t", 1)
        out.append((label.strip(), text.strip()))
    return out


def check(helder, bodies, lang="nl"):
    """The JSON report of each body (one page each), in order."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        (site / "content").mkdir()
        (site / "book.toml").write_text(
            # No private sites: they would need codes (helder codes).
            f'[book]\ntitle = "Test"\nlanguage = "{lang}"\n\n[privacy]\nprivate = []\n',
            encoding="utf-8",
        )
        for i, body in enumerate(bodies):
            page = f"---\ntitle: Test\n---\n{body}\n"
            (site / "content" / f"p{i:05}.md").write_text(page, encoding="utf-8")
        run = subprocess.run(
            [helder, "check", "--root", str(site), "--format", "json"],
            capture_output=True,
            text=True,
        )
        if not run.stdout.strip():
            sys.exit(f"helder check gave no JSON:\n{run.stderr}")
        pages = json.loads(run.stdout)["pages"]
    by_file = {p["file"]: p for p in pages}
    return [by_file[f"content/p{i:05}.md"] for i in range(len(bodies))]


def rules_of(page):
    return {f["rule"] for f in page["findings"]}


def recall_precision(name, labelled, found, show):
    tp = sum(1 for want, got, _ in labelled if want and got)
    fp = sum(1 for want, got, _ in labelled if not want and got)
    fn = sum(1 for want, got, _ in labelled if want and not got)
    recall = tp / max(tp + fn, 1)
    precision = tp / max(tp + fp, 1)
    print(
        f"  {name:<10} recall {recall * 100:5.1f} %  precision {precision * 100:5.1f} %"
        f"  ({tp + fn} positive, {len(labelled) - tp - fn} negative)"
    )
    if show:
        for want, got, text in labelled:
            if want != got:
                print(f"      {'missed' if want else 'false alarm'}: {text}")


def sentence_rule(helder, path, rule, show):
    items = rows(path)
    pages = check(helder, [text for _, text in items])
    labelled = [(label == "1", rule in rules_of(p), text) for (label, text), p in zip(items, pages)]
    recall_precision(rule, labelled, None, show)


def rare_words(helder, path, show):
    items = rows(path)
    flagged = {}
    for lang, labels in (("nl", ("rare", "common")), ("nl-BE", ("common-be",))):
        chosen = [(label, word) for label, word in items if label in labels]
        pages = check(helder, [f"Het gaat over {word}." for _, word in chosen], lang)
        for (label, word), page in zip(chosen, pages):
            # A word on the hard-word list is reported as that (with its
            # plain alternative), never twice: both count as flagged.
            hit = any(
                f["rule"] in ("rare-word", "hard-word") and f["excerpt"].lower() == word.lower()
                for f in page["findings"]
            )
            flagged.setdefault(label, []).append((word, hit))
    for label, words in flagged.items():
        share = sum(hit for _, hit in words) / len(words)
        print(f"  rare-word  flags {share * 100:5.1f} % of {len(words)} {label} words (as rare or hard)")
        if show:
            wrong = [w for w, hit in words if hit != (label == "rare")]
            if wrong:
                print(f"      {'missed' if label == 'rare' else 'flagged'}: {', '.join(wrong)}")


def syllables(helder, path, show):
    items = rows(path)
    pages = check(helder, [f"{word}." for word, _ in items])
    wrong = [
        f"{word}: {p['syllables']}, not {n}"
        for (word, n), p in zip(items, pages)
        if str(p["syllables"]) != n
    ]
    print(f"  syllables  {(1 - len(wrong) / len(items)) * 100:5.1f} % of {len(items)} words right")
    if show:
        for w in wrong:
            print(f"      {w}")


def sentences(helder, path, show):
    items = rows(path)
    pages = check(helder, [text for _, text in items])
    wrong = [
        f"{p['sentences']}, not {n}: {text}"
        for (n, text), p in zip(items, pages)
        if str(p["sentences"]) != n
    ]
    print(f"  sentences  exact on {(1 - len(wrong) / len(items)) * 100:5.1f} % of {len(items)} passages")
    if show:
        for w in wrong:
            print(f"      {w}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    parser.add_argument("--helder", default=str(target / "release" / "helder"))
    parser.add_argument("--misses", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--misses-held-out", action="store_true")
    parser.add_argument("--sets", default=",".join(name for name, _ in SETS))
    args = parser.parse_args()
    wanted = args.sets.split(",")
    for name, folder in SETS:
        if name not in wanted:
            continue
        print(f"{name} ({folder.relative_to(ROOT)})")
        show = args.misses and (name not in HELD_OUT or args.misses_held_out)
        for rule in ("passive", "hard-word", "nominalisation", "er-construction"):
            if (folder / f"{rule}.tsv").exists():
                sentence_rule(args.helder, folder / f"{rule}.tsv", rule, show)
        for file, measure in (
            ("rare-word.tsv", rare_words),
            ("syllables.tsv", syllables),
            ("sentences.tsv", sentences),
        ):
            if (folder / file).exists():
                measure(args.helder, folder / file, show)


if __name__ == "__main__":
    main()
