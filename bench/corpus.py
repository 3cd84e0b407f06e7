#!/usr/bin/env python3
"""Generates a school site for benchmarks: N pages, K classes, in bands.

Deterministic (seeded), so every run builds the same corpus. Pages are spread
like a real school: school-wide folders with an index page, band pages, class
pages, dated news and events, and a little team and training material. Bodies
are ~350 words of Dutch-like text with headings, lists, links, a table now and
then, and a callout.

usage: corpus.py OUT_DIR --pages 1000 --classes 24
"""
import argparse
import os
import random
import shutil

WORDS = (
    "de het een en van in op voor met kind ouders school groep juf meester les "
    "week dag thuis samen lezen rekenen spelen praten vragen luisteren helpen "
    "tijger pet wit geel rood zwart kanjer afspraak plein klas gym fruit boek "
    "tas jas ochtend middag avond maandag dinsdag woensdag donderdag vrijdag "
    "goed fijn rustig eerlijk vriendelijk samenwerken vertrouwen ruzie sorry "
    "oplossen vertellen leerkracht directeur portaal bericht agenda uitje"
).split()

BANDS = ["onderbouw", "middenbouw", "bovenbouw"]


def sentence(rng, lo=5, hi=16):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng, n=None):
    return " ".join(sentence(rng) for _ in range(n or rng.randint(2, 4)))


def body(rng, links):
    parts = [paragraph(rng)]
    for h in range(rng.randint(2, 4)):
        parts.append(f"## {sentence(rng, 2, 5)[:-1]}")
        parts.append(paragraph(rng))
        if rng.random() < 0.6:
            parts.append("\n".join(f"- {sentence(rng, 3, 8)}" for _ in range(rng.randint(2, 5))))
        if links and rng.random() < 0.5:
            target, title = rng.choice(links)
            parts.append(f"Lees ook [{title}]({target}).")
        if rng.random() < 0.15:
            parts.append("| dag | tijd |\n|---|---|\n| maandag | 8.30 uur |\n| woensdag | 12.15 uur |")
        if rng.random() < 0.2:
            parts.append(f"> [!TIP]\n> {sentence(rng)}")
    return "\n\n".join(parts) + "\n"


def write(path, front, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    lines = ["---"] + [f"{k}: {v}" for k, v in front.items()] + ["---", text]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--classes", type=int, default=24)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    out = args.out
    if os.path.exists(out):
        shutil.rmtree(out)
    content = os.path.join(out, "content")
    os.makedirs(content)

    classes = []
    for i in range(args.classes):
        band = BANDS[i * len(BANDS) // max(args.classes, 1)]
        classes.append((f"groep-{i + 1}", band))
    with open(os.path.join(out, "book.toml"), "w") as f:
        f.write('[book]\ntitle = "Benchmarkschool"\nlanguage = "nl"\n\n')
        f.write('[site]\nbase-url = "https://bench.example"\n\n')
        f.write('[school]\nemail = "info@bench.example"\ncolor = "#0b5394"\n\n')
        for b in BANDS if args.classes else []:
            f.write(f'[[band]]\nid = "{b}"\nname = "{b.capitalize()}"\n\n')
        for cid, band in classes:
            f.write(f'[[class]]\nid = "{cid}"\nname = "{cid.replace("-", " ").capitalize()}"\nbands = ["{band}"]\n\n')

    write(os.path.join(content, "index.md"), {"title": "Welkom"}, paragraph(rng))
    # Share of pages: school-wide 50%, band 20%, class 25%, team/training 5%.
    n = args.pages - 1
    plan = []
    for i in range(n):
        r = rng.random()
        if not args.classes or r < 0.5:
            plan.append(("school", None))
        elif r < 0.7:
            plan.append(("band", rng.choice(BANDS)))
        elif r < 0.95:
            plan.append(("class", rng.choice(classes)[0]))
        else:
            plan.append(("team", None))

    folders = [f"thema-{i}" for i in range(max(1, n // 40))]
    made_index = set()
    links = []  # (path relative to content, title) of school-wide pages
    for i, (kind, owner) in enumerate(plan):
        title = f"{sentence(rng, 2, 4)[:-1]} {i}"
        front = {"title": f'"{title}"', "summary": f'"{sentence(rng, 5, 10)}"', "weight": rng.randint(1, 50)}
        if kind == "school":
            folder = rng.choice(folders)
            if folder not in made_index:
                made_index.add(folder)
                write(os.path.join(content, folder, "index.md"), {"title": f"Thema {folder}"}, paragraph(rng))
            rel = f"{folder}/pagina-{i}.md"
            if rng.random() < 0.15:
                front["type"] = "news"
                front["date"] = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        elif kind == "band":
            rel = f"{owner}/pagina-{i}.md"
            front["bands"] = f"[{owner}]"
        elif kind == "class":
            rel = f"{owner}/pagina-{i}.md"
            front["classes"] = f"[{owner}]"
            if rng.random() < 0.3:
                front["type"] = "news"
                front["date"] = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        else:
            rel = f"team/pagina-{i}.md"
            front["audience"] = "team"
        # Links only to earlier school-wide pages, relative to this page.
        depth = rel.count("/")
        page_links = [("../" * depth + p, t) for p, t in rng.sample(links, min(3, len(links)))]
        write(os.path.join(content, rel), front, body(rng, page_links))
        if kind == "school":
            links.append((rel, title))
    print(f"wrote {args.pages} pages, {args.classes} classes to {out}")


if __name__ == "__main__":
    main()
