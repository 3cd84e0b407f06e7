#!/usr/bin/env python3
"""Generates a school site for benchmarks: N pages, K classes, in bands.

Deterministic (seeded), so every run builds the same corpus. Pages are spread
like a real school: school-wide folders with an index page, band pages, class
pages, dated news and events, and a little team and training material. Bodies
are ~350 words of Dutch-like text with headings, lists, links, a table now and
then, and a callout.

The same pages can be written for other generators, to compare helder with
them (bench/compare.py). Only without classes, since bands and classes are
helder's own:
  --format helder  book.toml + content/ (the default)
  --format hugo    hugo.toml + content/ (_index.md for folder pages) + a
                   minimal layouts/ (title, menu of top-level sections,
                   breadcrumb, content; a render hook resolves the .md links)
  --format hugo-heavy  the same with today's heavier layouts: a render hook
                   that resolves every .md link with site.GetPage (as helder
                   resolves and checks every link), and RSS for every section
  --format zola    config.toml + content/ (_index.md for folder pages; links
                   as Zola's checked internal links `@/path.md`) + minimal
                   templates/ with the same parts as the Hugo layouts
  --format mdbook  book.toml + src/SUMMARY.md listing every page + src/*.md
                   (front matter dropped, the title as the page's `# heading`)
The Markdown bodies are the same in all of them (Zola's internal links are
written `@/path.md`, its own syntax for a checked link to a page).

usage: corpus.py OUT_DIR --pages 1000 --classes 24 [--format helder|hugo|hugo-heavy|zola|mdbook]
                 [--private default|none|classes]
"""
import argparse
import os
import random
import re
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
FORMATS = ("helder", "hugo", "hugo-heavy", "zola", "mdbook")


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


def generate(pages, n_classes, seed=7):
    """The site as data: (classes, pages). classes is a list of (id, band);
    pages a list of (rel, title, front, text) in writing order, rel relative
    to content/, front the YAML values as written. The random draws are in the
    same order as they always were, so a seed gives the same site as before."""
    rng = random.Random(seed)
    classes = []
    for i in range(n_classes):
        band = BANDS[i * len(BANDS) // max(n_classes, 1)]
        classes.append((f"groep-{i + 1}", band))

    out = [("index.md", "Welkom", {"title": "Welkom"}, paragraph(rng))]
    # Share of pages: school-wide 50%, band 20%, class 25%, team/training 5%.
    n = pages - 1
    plan = []
    for i in range(n):
        r = rng.random()
        if not n_classes or r < 0.5:
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
                t = f"Thema {folder}"
                out.append((f"{folder}/index.md", t, {"title": t}, paragraph(rng)))
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
        out.append((rel, title, front, body(rng, page_links)))
        if kind == "school":
            links.append((rel, title))
    return classes, out


def write_helder(out, classes, pages, private="default"):
    content = os.path.join(out, "content")
    os.makedirs(content)
    # Private sites (spec §6): team and training by default; "none" opens
    # everything; "classes" closes every class too. Each gets a code.
    closed = {"default": ["team", "training"], "none": [],
              "classes": ["team", "training"] + [cid for cid, _ in classes]}[private]
    with open(os.path.join(out, "codes.toml"), "w") as f:
        for i, site in enumerate(closed):
            f.write(f'{site} = "zon-maan-fiets-{i}-boek"\n')
    with open(os.path.join(out, "book.toml"), "w") as f:
        f.write('[book]\ntitle = "Benchmarkschool"\nlanguage = "nl"\n\n')
        f.write('[site]\nbase-url = "https://bench.example"\n\n')
        f.write('[school]\nemail = "info@bench.example"\ncolor = "#0b5394"\n\n')
        for b in BANDS if classes else []:
            f.write(f'[[band]]\nid = "{b}"\nname = "{b.capitalize()}"\n\n')
        for cid, band in classes:
            f.write(f'[[class]]\nid = "{cid}"\nname = "{cid.replace("-", " ").capitalize()}"\nbands = ["{band}"]\n\n')
        f.write("[privacy]\nprivate = [" + ", ".join(f'"{c}"' for c in closed) + "]\n")
    for rel, _, front, text in pages:
        write(os.path.join(content, rel), front, text)


# Hugo: the least a school site needs, close to what helder writes per page:
# title, a menu of at most 12 top-level sections with "Meer" for the rest
# (rendered once with partialCached, as a Hugo theme would), a breadcrumb,
# the content, a footer; folder pages list their pages, the home lists every
# section. Taxonomies are switched off (the pages have none, so Hugo would
# only write empty tag and category lists); Hugo's default RSS feeds (home
# and every section) and sitemap.xml stay on, as helder writes a feed and a
# sitemap too. buildFuture: the news is dated 2026.
HUGO_CONFIG = """\
baseURL = "https://bench.example/"
languageCode = "nl"
defaultContentLanguage = "nl"
title = "Benchmarkschool"
buildFuture = true
disableKinds = ["taxonomy", "term"]
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """\
<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
{{ with .Params.summary }}<meta name="description" content="{{ . }}">
{{ end }}<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header class="top">
<a class="brand" href="{{ "/" | relURL }}">{{ site.Title }}</a>
{{ partialCached "menu.html" . }}
</header>
{{ if not .IsHome }}<nav class="breadcrumb" aria-label="U bent hier"><ol>
{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}<li><span aria-current="page">{{ .Title }}</span></li>
</ol></nav>
{{ end }}<main id="inhoud">
{{ block "main" . }}{{ end }}
</main>
<footer class="bottom"><p><strong>{{ site.Title }}</strong><br>E-mail: <a href="mailto:info@bench.example">info@bench.example</a></p></footer>
</body>
</html>
""",
    # The same on every page (addresses from the root): rendered once.
    "partials/menu.html": """\
<nav class="menu" aria-label="Menu"><ul>
<li><a href="{{ "/" | relURL }}">Start</a></li>
{{ range first 12 site.Home.Sections.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}{{ if gt (len site.Home.Sections) 12 }}<li><a href="{{ "/" | relURL }}#alle-paginas">Meer</a></li>
{{ end }}</ul></nav>
""",
    "_default/single.html": """\
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ if not .Date.IsZero }}<p class="date"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2-1-2006" }}</time></p>
{{ end }}{{ .Content }}
</article>{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<section class="list"><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }} {{ . }}{{ end }}</li>
{{ end }}</ul></section>{{ end }}
""",
    "index.html": """\
{{ define "main" }}<h1>{{ site.Title }}</h1>
{{ .Content }}
<section class="list" id="alle-paginas"><h2>Pagina's</h2><ul>
{{ range .Sections.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul></section>{{ end }}
""",
    # Links are written as relative links to .md files (as helder wants);
    # resolve them to the page's address, and fail the build when one is
    # missing, as helder and mdBook do.
    "_default/_markup/render-link.html": """\
{{- $u := urls.Parse .Destination -}}
{{- $href := .Destination -}}
{{- if and (not $u.IsAbs) (strings.HasSuffix $u.Path ".md") -}}
{{- $target := path.Join .Page.File.Dir $u.Path -}}
{{- with site.GetPage $target -}}{{- $href = .RelPermalink -}}{{- else -}}{{- errorf "%s: broken link %s" $.Page.File.Path $.Destination -}}{{- end -}}
{{- with $u.Fragment -}}{{- $href = printf "%s#%s" $href . -}}{{- end -}}
{{- end -}}
<a href="{{ $href | safeURL }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text | safeHTML }}</a>
{{- /* no trailing newline */ -}}
""",
}

HUGO_CSS = "body{font-family:sans-serif;max-width:40em;margin:auto}nav ul{list-style:none;padding:0}\n"

# The minimal Hugo site: no link render hook (links are written as they
# are, not resolved or checked), one RSS feed (the home's) and the sitemap.
HUGO_MINIMAL_CONFIG = """\
[outputs]
section = ["HTML"]
"""

# Zola: the same parts as the Hugo layouts (menu of 12 sections, breadcrumb,
# content, footer; folder pages list their pages, the home every section).
# Zola always writes sitemap.xml and robots.txt; feeds and the search index
# are off (helder's search index is one of its extras).
ZOLA_CONFIG = """\
base_url = "https://bench.example"
title = "Benchmarkschool"
default_language = "nl"
compile_sass = false
build_search_index = false
generate_feeds = false
"""

ZOLA_TEMPLATES = {
    "base.html": """\
<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock title %}</title>
<link rel="stylesheet" href="{{ get_url(path='style.css') }}">
</head>
<body>
<header class="top">
<a class="brand" href="{{ config.base_url }}/">{{ config.title }}</a>
{% set root = get_section(path="_index.md", metadata_only=true) %}<nav class="menu" aria-label="Menu"><ul>
<li><a href="{{ config.base_url }}/">Start</a></li>
{% for s in root.subsections | slice(end=12) %}{% set sec = get_section(path=s, metadata_only=true) %}<li><a href="{{ sec.permalink }}">{{ sec.title }}</a></li>
{% endfor %}{% if root.subsections | length > 12 %}<li><a href="{{ config.base_url }}/#alle-paginas">Meer</a></li>
{% endif %}</ul></nav>
</header>
{% block crumbs %}{% endblock crumbs %}<main id="inhoud">
{% block main %}{% endblock main %}
</main>
<footer class="bottom"><p><strong>{{ config.title }}</strong><br>E-mail: <a href="mailto:info@bench.example">info@bench.example</a></p></footer>
</body>
</html>
""",
    "page.html": """\
{% extends "base.html" %}
{% block title %}{{ page.title }} · {{ config.title }}{% endblock title %}
{% block crumbs %}<nav class="breadcrumb" aria-label="U bent hier"><ol>
{% for a in page.ancestors %}{% set s = get_section(path=a, metadata_only=true) %}<li><a href="{{ s.permalink }}">{{ s.title }}</a></li>
{% endfor %}<li><span aria-current="page">{{ page.title }}</span></li>
</ol></nav>
{% endblock crumbs %}
{% block main %}<article>
<h1>{{ page.title }}</h1>
{% if page.date %}<p class="date"><time datetime="{{ page.date }}">{{ page.date | date(format="%-d-%-m-%Y") }}</time></p>
{% endif %}{{ page.content | safe }}
</article>{% endblock main %}
""",
    "section.html": """\
{% extends "base.html" %}
{% block title %}{{ section.title }} · {{ config.title }}{% endblock title %}
{% block main %}<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<section class="list"><ul>
{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a>{% if p.description %} {{ p.description }}{% endif %}</li>
{% endfor %}</ul></section>{% endblock main %}
""",
    "index.html": """\
{% extends "base.html" %}
{% block main %}<h1>{{ config.title }}</h1>
{{ section.content | safe }}
<section class="list" id="alle-paginas"><h2>Pagina's</h2><ul>
{% for s in section.subsections %}{% set sec = get_section(path=s, metadata_only=true) %}<li><a href="{{ sec.permalink }}">{{ sec.title }}</a></li>
{% endfor %}</ul></section>{% endblock main %}
""",
}

ZOLA_LINK = re.compile(r"\]\((?:\.\./)*([^)\s]+\.md)\)")


def write_theme(out, config_name, config, folder, templates):
    """The configuration, the templates and the style sheet of a Zola or Hugo site."""
    with open(os.path.join(out, config_name), "w") as f:
        f.write(config)
    for name, text in templates.items():
        path = os.path.join(out, folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    os.makedirs(os.path.join(out, "static"))
    with open(os.path.join(out, "static", "style.css"), "w") as f:
        f.write(HUGO_CSS)


def write_zola(out, pages):
    write_theme(out, "config.toml", ZOLA_CONFIG, "templates", ZOLA_TEMPLATES)
    content = os.path.join(out, "content")
    for rel, _, front, text in pages:
        section = os.path.basename(rel) == "index.md"
        if section:
            rel = os.path.join(os.path.dirname(rel), "_index.md")
            zfront = {"title": front["title"], "sort_by": "weight"}
        else:
            # Zola knows title, description, date, weight; the rest is extra.
            zfront = {"title": front["title"]}
            if "summary" in front:
                zfront["description"] = front["summary"]
            for key in ("date", "weight"):
                if key in front:
                    zfront[key] = front[key]
        # Links are to pages by their path under content/: Zola's `@/`.
        write(os.path.join(content, rel), zfront, ZOLA_LINK.sub(r"](@/\1)", text))
    # Zola needs a section page in every folder that holds pages.
    for d, _, names in os.walk(content):
        if d != content and "_index.md" not in names:
            name = os.path.basename(d)
            write(os.path.join(d, "_index.md"), {"title": f'"{name}"', "sort_by": "weight"}, "")


def write_hugo(out, pages, heavy=False):
    layouts = {k: v for k, v in HUGO_LAYOUTS.items() if heavy or "_markup" not in k}
    config = HUGO_CONFIG if heavy else HUGO_CONFIG + HUGO_MINIMAL_CONFIG
    write_theme(out, "hugo.toml", config, "layouts", layouts)
    content = os.path.join(out, "content")
    for rel, _, front, text in pages:
        # A folder's index.md is a section page (_index.md) in Hugo; a plain
        # index.md would make the folder a leaf bundle and hide its pages.
        if os.path.basename(rel) == "index.md":
            rel = os.path.join(os.path.dirname(rel), "_index.md")
        write(os.path.join(content, rel), front, text)


def write_mdbook(out, pages):
    with open(os.path.join(out, "book.toml"), "w") as f:
        f.write('[book]\ntitle = "Benchmarkschool"\nlanguage = "nl"\nsrc = "src"\n')
    src = os.path.join(out, "src")
    home = None
    folders = {}  # folder -> (index page, [pages])
    for rel, title, front, text in pages:
        path = os.path.join(src, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"# {title}\n\n{text}")
        folder, name = os.path.split(rel)
        if not folder:
            home = (rel, title)
        elif name == "index.md":
            folders.setdefault(folder, [None, []])[0] = (rel, title)
        else:
            folders.setdefault(folder, [None, []])[1].append((front.get("weight", 0), title, rel))
    # The order helder's menu uses: folders by title, pages by weight, title.
    lines = ["# Summary", "", f"[{home[1]}]({home[0]})", ""]
    for folder, (index, children) in sorted(folders.items(), key=lambda kv: kv[1][0][1]):
        lines.append(f"- [{index[1]}]({index[0]})")
        for _, title, rel in sorted(children):
            lines.append(f"    - [{title}]({rel})")
    with open(os.path.join(src, "SUMMARY.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--classes", type=int, default=24)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--format", choices=FORMATS, default="helder")
    ap.add_argument("--private", choices=("default", "none", "classes"), default="default",
                    help="helder: which sites are private (default: team and training)")
    args = ap.parse_args()
    if args.format != "helder" and args.classes:
        ap.error(f"--format {args.format} has no bands or classes: use --classes 0")
    classes, pages = generate(args.pages, args.classes, args.seed)
    out = args.out
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    if args.format == "helder":
        write_helder(out, classes, pages, args.private)
    elif args.format in ("hugo", "hugo-heavy"):
        write_hugo(out, pages, heavy=args.format == "hugo-heavy")
    elif args.format == "zola":
        write_zola(out, pages)
    else:
        write_mdbook(out, pages)
    print(f"wrote {args.pages} pages, {args.classes} classes to {out} ({args.format})")


if __name__ == "__main__":
    main()
