#!/usr/bin/env python3
"""helder next to Zola, Hugo and mdBook: the same generated school site, built by each.

How to run (from anywhere; python3 with the standard library only):

    python3 bench/compare.py                      # comparison at 1k, 10k, 50k pages
    python3 bench/compare.py --sizes 1000,10000 --runs 3
    python3 bench/compare.py --tools helder,hugo --out-base /dev/shm/helder-bench
    python3 bench/compare.py --fanout             # helder: 1,000 pages, 0/8/16/24 classes
    python3 bench/compare.py --growth             # helder: 1k..50k pages, and 0..24 classes
    python3 bench/compare.py --all                # all three tables (the full run)

What it does: installs what is missing (Hugo from Debian's packages with
apt-get; mdBook MDBOOK_VERSION from crates.io with `cargo install --root
target/bench/tools`, so not on PATH; Zola is not in any registry and is
taken from ../shared/anchors/zola, or $ZOLA, when present), builds helder
in release, writes each
corpus once (bench/corpus.py, same seed, same Markdown pages for every tool;
no bands or classes in the comparison, so every tool builds the same pages),
then builds each one --runs times (default 5), interleaved (run 1 of every
tool, then run 2 of every tool, ...) so a slow moment of the machine hits
every tool alike. Before every run the previous output is removed (not
timed). Each build is one child process, timed from
start to exit, its peak memory from os.wait4 (ru_maxrss). A run that takes
longer than --timeout (600 s) is killed and reported as not finished; that
tool is then not run at larger sizes.

Columns:
  pages        pages in the corpus, as asked (the corpus also has one folder
               page per 40 pages, so 1,000 pages are 1,024 Markdown files)
  tool         helder = `helder build` (everything); helder-no-extras =
               `helder build --no-extras`; zola = `zola --root C build
               -o OUT --force` (minimal templates); hugo = `hugo -s C -d OUT`
               (minimal layouts); hugo-heavy = the same with the link render
               hook and section feeds (the site of earlier comparisons);
               mdbook = `mdbook build C -d OUT`
  median s     median wall time of the runs; min-max s: fastest and slowest
  CPU s        median user + system time (all threads; above the wall time
               when a tool uses more than one core)
  sys s        median system (kernel) time of those: mkdir, open, write...
  peak MiB     median of the runs' peak resident memory (ru_maxrss; ~15 MiB
               of it is the forked Python before exec, whatever the tool)
  HTML files   .html files written (all files written in brackets); every
               Markdown page must have its own HTML page
  all pages    yes when every Markdown page has its HTML page with its title
  out MiB      size of the output; KiB/page: HTML bytes per HTML file, which
               stays flat when the output grows linearly with the pages
The growth table adds ms per page and a least-squares line; the fan-out table
the time relative to the school without classes.

"Extras" are what helder does beyond writing the pages: the plain-language
analysis of every page (readability scores and findings), the search index
and the readability report (team/leesbaarheid/). `--no-extras` skips them.
Per page every tool writes the title, a menu of at most 12 top-level
sections, a breadcrumb, the content and a footer (helder with its own theme,
which also has the language row, search link, glossary buttons and a
read-aloud button). Links: helder resolves and checks every .md link; Zola
resolves and checks its `@/` links; hugo-heavy resolves them with
site.GetPage in a render hook; minimal hugo leaves them as written.
Hugo renders home, one list page per folder, every page, the home's RSS
feed (hugo-heavy: every section's) and sitemap.xml; taxonomies are switched
off (the pages have none). Zola writes every page, every section, sitemap.xml
and robots.txt (no feeds, no search index).
mdBook uses its default theme (sidebar, search index, print.html). Its
output grows linearly (the sidebar is one toc.js, not copied into each
page), but its build time grows with the square of the pages (mdBook 0.5.4
clones the template data, which lists every chapter, for each page): expect
it to hit the timeout at 50,000 pages.

Nothing here is committed: tools, corpora and results go under
target/bench/ (--work), outputs under target/bench/out/ unless --out-base
says otherwise (use the same filesystem for every tool; /dev/shm/... puts all
of them on tmpfs). Results are also saved as JSON in target/bench/.
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no bench/__pycache__ in the work tree
import bench  # noqa: E402  (measure: wall time and peak RSS of one child)
import corpus  # noqa: E402  (the generator; same pages in every format)

MDBOOK_VERSION = "0.5.4"
TOOLS = ("helder", "helder-no-extras", "zola", "hugo", "hugo-heavy", "mdbook")
FORMAT = {"helder": "helder", "helder-no-extras": "helder", "zola": "zola", "hugo": "hugo",
          "hugo-heavy": "hugo-heavy", "mdbook": "mdbook"}
ZOLA_ANCHOR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "anchors", "zola")
SIZES = "1000,10000,50000"
GROWTH_SIZES = "1000,2000,5000,10000,20000,50000"
FANOUT_CLASSES = "8,16,24"


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def ints(text):
    return [int(x.replace("_", "")) for x in text.split(",") if x.strip()]


# ---------------------------------------------------------------- tools

class Tools:
    def __init__(self, work, install, build):
        self.work = work
        self.install = install
        self.build = build
        self.paths = {}

    def helder(self):
        if "helder" not in self.paths:
            if self.build:
                log("cargo build --release")
                subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
            path = os.path.join(ROOT, "target", "release", "helder")
            if not os.path.exists(path):
                sys.exit(f"{path} is missing: run without --no-build")
            self.paths["helder"] = path
        return self.paths["helder"]

    def hugo(self):
        if "hugo" not in self.paths:
            path = shutil.which("hugo")
            if not path and self.install:
                log("apt-get install -y hugo")
                env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
                sudo = [] if os.geteuid() == 0 else ["sudo"]
                if subprocess.run(sudo + ["apt-get", "install", "-y", "hugo"], env=env).returncode:
                    subprocess.run(sudo + ["apt-get", "update"], env=env, check=True)
                    subprocess.run(sudo + ["apt-get", "install", "-y", "hugo"], env=env, check=True)
                path = shutil.which("hugo")
            if not path:
                sys.exit("hugo is missing (apt-get install hugo)")
            self.paths["hugo"] = path
        return self.paths["hugo"]

    def zola(self):
        if "zola" not in self.paths:
            path = os.environ.get("ZOLA") or os.path.abspath(ZOLA_ANCHOR)
            if not os.path.exists(path):
                path = shutil.which("zola")
            if not path:
                sys.exit("zola is missing: it is not in any registry; put the binary at "
                         "../shared/anchors/zola or name it with ZOLA=PATH")
            self.paths["zola"] = path
        return self.paths["zola"]

    def mdbook(self):
        if "mdbook" not in self.paths:
            root = os.path.join(self.work, "tools")
            path = os.path.join(root, "bin", "mdbook")
            ok = os.path.exists(path) and MDBOOK_VERSION in run_text([path, "--version"])
            if not ok and self.install:
                # Only the `search` feature: the build is the same as the
                # default install's, without the serve/watch dependencies.
                cmd = ["cargo", "install", "mdbook", "--version", MDBOOK_VERSION, "--locked",
                       "--no-default-features", "--features", "search", "--root", root]
                log(" ".join(cmd))
                subprocess.run(cmd, check=True)
                ok = True
            if not ok:
                sys.exit(f"mdbook {MDBOOK_VERSION} is missing from {root}/bin")
            self.paths["mdbook"] = path
        return self.paths["mdbook"]

    def command(self, tool, src, out):
        if tool == "helder":
            return [self.helder(), "build", "--root", src, "--out", out]
        if tool == "helder-no-extras":
            return [self.helder(), "build", "--no-extras", "--root", src, "--out", out]
        if tool == "zola":
            return [self.zola(), "--root", src, "build", "--output-dir", out, "--force"]
        if tool in ("hugo", "hugo-heavy"):
            return [self.hugo(), "--source", src, "--destination", out, "--quiet"]
        if tool == "mdbook":
            return [self.mdbook(), "build", src, "--dest-dir", out]
        raise ValueError(tool)

    def versions(self, tools):
        lines = []
        if any(t.startswith("helder") for t in tools):
            lines.append(run_text([self.helder(), "--version"]))
        if "zola" in tools:
            lines.append(run_text([self.zola(), "--version"]))
        if "hugo" in tools or "hugo-heavy" in tools:
            lines.append(run_text([self.hugo(), "version"]))
        if "mdbook" in tools:
            lines.append(run_text([self.mdbook(), "--version"]))
        lines.append(run_text(["rustc", "--version"]))
        lines.append(f"python {platform.python_version()}, {platform.system()} {platform.release()}, "
                     f"{os.cpu_count()} cores")
        return [x for x in lines if x]


def run_text(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


# ---------------------------------------------------------------- corpora

def corpus_dir(work, fmt, pages, classes, seed):
    """Writes the corpus once; rewrites it when corpus.py or the sizes change."""
    path = os.path.join(work, "corpora", f"{fmt}-{pages}-{classes}")
    with open(corpus.__file__, "rb") as f:
        stamp = f"{hashlib.sha256(f.read()).hexdigest()} {fmt} {pages} {classes} {seed}\n"
    stamp_file = path + ".stamp"
    if os.path.exists(stamp_file) and open(stamp_file).read() == stamp and os.path.isdir(path):
        return path
    log(f"writing the {fmt} corpus: {pages} pages, {classes} classes")
    subprocess.run([sys.executable, corpus.__file__, path, "--pages", str(pages),
                    "--classes", str(classes), "--seed", str(seed), "--format", fmt],
                   check=True, stdout=subprocess.DEVNULL)
    with open(stamp_file, "w") as f:
        f.write(stamp)
    return path


def expected_pages(pages, classes, seed, fmt):
    """(output path, title) of every Markdown page, school-wide pages only."""
    if classes:
        return None  # pages live in their class sites: only counted
    _, items = corpus.generate(pages, classes, seed)
    out = []
    for rel, title, _, _ in items:
        stem = rel[:-3]
        if rel == "index.md":
            title = ""  # the home shows the school's name; it need only exist
        if fmt == "mdbook":
            out.append((stem + ".html", title))
        elif os.path.basename(stem) == "index":
            out.append((stem + ".html", title))
        else:
            out.append((stem + "/index.html", title))
    return out


def inspect(out, expected):
    """Counts and checks what a build wrote."""
    html = files = total = html_bytes = 0
    largest = []
    for d, _, names in os.walk(out):
        for n in names:
            size = os.path.getsize(os.path.join(d, n))
            files += 1
            total += size
            largest.append((size, os.path.relpath(os.path.join(d, n), out)))
            if n.endswith(".html"):
                html += 1
                html_bytes += size
    largest = sorted(largest, reverse=True)[:3]
    missing = None
    if expected is not None:
        missing = 0
        for rel, title in expected:
            try:
                with open(os.path.join(out, rel), encoding="utf-8") as f:
                    if title not in f.read():
                        missing += 1
            except OSError:
                missing += 1
    return {"html": html, "files": files, "bytes": total, "html_bytes": html_bytes,
            "largest": largest, "missing": missing}


# ---------------------------------------------------------------- runs

class Runner:
    def __init__(self, args, tools):
        self.args = args
        self.tools = tools
        self.results = {}  # (tool, pages, classes) -> row
        self.gave_up = {}  # tool -> pages at which it did not finish

    def run(self, tool, pages, classes):
        """All runs of one build (for the helder-only tables)."""
        return self.run_all([tool], pages, classes)[0]

    def run_all(self, tools, pages, classes):
        """--runs runs of each tool, interleaved: run 1 of every tool, then
        run 2 of every tool, and so on."""
        a = self.args
        rows = [self.start(t, pages, classes) for t in tools]
        for i in range(a.runs):
            for row in rows:
                if row.get("done"):
                    continue
                self.once(row, i)
        for row in rows:
            self.finish(row)
        return rows

    def start(self, tool, pages, classes):
        key = (tool, pages, classes)
        if key in self.results:
            return self.results[key]
        row = {"tool": tool, "pages": pages, "classes": classes, "walls": [], "mems": [], "cpus": [],
               "syss": []}
        self.results[key] = row
        if tool in self.gave_up and pages >= self.gave_up[tool]:
            row["status"] = f"not run: did not finish at {self.gave_up[tool]:,} pages"
            row["done"] = True
            return row
        a = self.args
        row["src"] = corpus_dir(a.work, FORMAT[tool], pages, classes, a.seed)
        row["out"] = os.path.join(a.out_base, f"{tool}-{pages}-{classes}")
        return row

    def once(self, row, i):
        a = self.args
        tool, pages, classes, out = row["tool"], row["pages"], row["classes"], row["out"]
        cmd = self.tools.command(tool, row["src"], out)
        os.makedirs(a.out_base, exist_ok=True)
        shutil.rmtree(out, ignore_errors=True)
        try:
            wall, mem, cpu, sys_time = bench.measure(cmd, timeout=a.timeout)
        except TimeoutError:
            row["status"] = f"did not finish in {a.timeout / 60:g} min"
            row["done"] = True
            self.gave_up[tool] = min(pages, self.gave_up.get(tool, pages))
            log(f"  {tool} {pages} pages {classes} classes: run {i + 1} did not finish in {a.timeout:g} s")
            return
        except bench.Failed as e:
            row["status"] = "failed: " + (str(e).strip().splitlines() or ["?"])[-1][:120]
            row["done"] = True
            log(f"  {tool} {pages} pages {classes} classes failed:\n{e}")
            return
        row["walls"].append(wall)
        row["mems"].append(mem)
        row["cpus"].append(cpu)
        row["syss"].append(sys_time)
        log(f"  {tool:<17} {pages:>6} pages {classes:>2} classes  run {i + 1}/{a.runs}: "
            f"{wall:7.2f} s {mem:7.0f} MiB {cpu:7.2f} s CPU ({sys_time:.2f} sys)")

    def finish(self, row):
        if row.get("finished"):
            return
        row["finished"] = True
        if row["walls"] and "status" not in row:
            row.update(inspect(row["out"], expected_pages(row["pages"], row["classes"], self.args.seed,
                                                          FORMAT[row["tool"]])))
        if "out" in row and not self.args.keep_output:
            shutil.rmtree(row["out"], ignore_errors=True)


def fmt_row(row, extra=()):
    pages = f"{row['pages']:,}"
    if row.get("classes"):
        pages += f", {row['classes']} classes"
    if "status" in row:
        cells = [pages, row["tool"], row["status"]] + [""] * (len(HEAD) - 3)
    else:
        w, m = row["walls"], row["mems"]
        missing = row["missing"]
        ok = "n/a" if missing is None else ("yes" if missing == 0 else f"NO: {missing} missing")
        per_page = row["html_bytes"] / max(row["html"], 1) / 1024
        cells = [pages, row["tool"], f"{statistics.median(w):.2f}", f"{min(w):.2f}-{max(w):.2f}",
                 f"{statistics.median(row['cpus']):.2f}", f"{statistics.median(row['syss']):.2f}",
                 f"{statistics.median(m):.0f}", f"{row['html']:,} ({row['files']:,})", ok,
                 f"{row['bytes'] / 2**20:.1f}", f"{per_page:.1f}"]
    return "| " + " | ".join(cells + list(extra)) + " |"


HEAD = ["pages", "tool", "median s", "min-max s", "CPU s", "sys s", "peak MiB", "HTML files (all)", "all pages",
        "out MiB", "KiB/page"]


def table(title, rows, extra_head=(), extras=None):
    head = HEAD + list(extra_head)
    lines = [f"### {title}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for i, row in enumerate(rows):
        extra = extras[i] if extras else ()
        if "status" in row:
            extra = [""] * len(extra_head)
        lines.append(fmt_row(row, extra))
    return "\n".join(lines) + "\n"


def human(size):
    return f"{size / 2**20:.1f} MiB" if size >= 2**20 else f"{size / 1024:.0f} KiB"


def median(row):
    return statistics.median(row["walls"]) if row.get("walls") and "status" not in row else None


def compare_table(r, sizes, tools):
    rows = [row for n in sizes for row in r.run_all(tools, n, 0)]
    out = table(f"helder, Zola, Hugo and mdBook: the same pages, median of {r.args.runs} interleaved runs", rows)
    zola = {x["pages"]: median(x) for x in rows if x["tool"] == "zola" and median(x)}
    ratios = [f"- {x['tool']} at {x['pages']:,} pages: {median(x) / zola[x['pages']]:.2f}x Zola's wall time"
              for x in rows if x["tool"].startswith("helder") and median(x) and x["pages"] in zola]
    if ratios:
        out += "\n" + "\n".join(ratios) + "\n"
    notes = []
    for tool in tools:  # at the largest size each tool finished
        done = [x for x in rows if x["tool"] == tool and x.get("largest")]
        if done:
            row = done[-1]
            big = ", ".join(f"{p} {human(s)}" for s, p in row["largest"])
            notes.append(f"- {tool} at {row['pages']:,} pages, largest files: {big}")
    return out + ("\n" + "\n".join(notes) + "\n" if notes else "")


def fanout_table(r, classes, tools):
    tables = []
    for t in tools:
        rows = [r.run(t, 1000, c) for c in [0] + classes]
        base = median(rows[0])
        extras = [[f"{median(x) / base:.2f}x" if base and median(x) else ""] for x in rows]
        tables.append(table(f"{t}: 1,000 pages, fan-out to classes, median of {r.args.runs}",
                            rows, ["vs 0 classes"], extras))
    return "\n".join(tables)


def growth_table(r, sizes, classes, tools):
    tables = []
    for t in tools:
        rows = [r.run(t, n, 0) for n in sizes]
        done = [(x["pages"], median(x)) for x in rows if median(x)]
        extras = [[f"{median(x) / x['pages'] * 1000:.2f}" if median(x) else ""] for x in rows]
        text = table(f"{t}: growth with pages, no classes, median of {r.args.runs}",
                     rows, ["ms/page"], extras)
        if len(done) >= 3:
            xs, ys = [p for p, _ in done], [s for _, s in done]
            slope, icpt = statistics.linear_regression(xs, ys)
            r2 = statistics.correlation(xs, ys) ** 2
            text += (f"\nLeast squares: time = {icpt:.2f} s + {slope * 1000:.3f} ms x pages "
                     f"(R^2 = {r2:.4f}); ms/page flat = linear.\n")
        rows = [r.run(t, 1000, c) for c in [0] + classes]
        extras = [[f"{median(x) / x['html'] * 1000:.2f}" if median(x) else ""] for x in rows]
        text += "\n" + table(f"{t}: growth with classes, 1,000 pages, median of {r.args.runs}",
                             rows, ["ms/HTML file"], extras)
        tables.append(text)
    return "\n".join(tables)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default=SIZES, help=f"pages in the comparison (default {SIZES})")
    ap.add_argument("--tools", default=",".join(TOOLS), help=f"some of {','.join(TOOLS)}")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=600, help="seconds per run (default 600)")
    ap.add_argument("--compare", action="store_true", help="the comparison (the default mode)")
    ap.add_argument("--fanout", action="store_true", help="helder: 1,000 pages with --fanout-classes")
    ap.add_argument("--growth", action="store_true", help="helder: --growth-sizes, and classes")
    ap.add_argument("--all", action="store_true", help="--compare --fanout --growth")
    ap.add_argument("--fanout-classes", default=FANOUT_CLASSES)
    ap.add_argument("--growth-sizes", default=GROWTH_SIZES)
    ap.add_argument("--work", default=os.path.join(ROOT, "target", "bench"),
                    help="tools, corpora, results (default target/bench)")
    ap.add_argument("--out-base", help="where the builds write (default WORK/out)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-install", dest="install", action="store_false")
    ap.add_argument("--no-build", dest="build", action="store_false", help="use target/release/helder as is")
    ap.add_argument("--keep-output", action="store_true", help="leave the last output of each build")
    a = ap.parse_args()
    a.work = os.path.abspath(a.work)
    a.out_base = os.path.abspath(a.out_base or os.path.join(a.work, "out"))
    tools = [t.strip() for t in a.tools.split(",") if t.strip()]
    for t in tools:
        if t not in TOOLS:
            ap.error(f"unknown tool {t}: use some of {','.join(TOOLS)}")
    if a.all:
        a.compare = a.fanout = a.growth = True
    if not (a.compare or a.fanout or a.growth):
        a.compare = True
    # The helder-only tables use the helder variants asked for (default: the full build).
    helders = [t for t in tools if t.startswith("helder")] or ["helder"]
    if a.tools == ",".join(TOOLS):
        helders = ["helder"]
    used = set(tools if a.compare else []) | (set(helders) if a.fanout or a.growth else set())

    t = Tools(a.work, a.install, a.build)
    for name in ("helder", "zola", "hugo", "mdbook"):  # install and build first, then time
        if any(u.split("-")[0] == name for u in used):
            getattr(t, name)()
    r = Runner(a, t)
    os.makedirs(a.out_base, exist_ok=True)
    fs = run_text(["stat", "-f", "-c", "%T", a.out_base])
    report = [f"## Build benchmark, {datetime.date.today()}", "",
              "Versions: " + "; ".join(t.versions(used)), "",
              f"Output under {a.out_base} ({fs}); {a.runs} run{'s' if a.runs != 1 else ''} each; timeout {a.timeout:g} s per run.", ""]
    print("\n".join(report), flush=True)
    if a.compare:
        report.append(compare_table(r, ints(a.sizes), tools))
        print(report[-1], flush=True)
    if a.fanout:
        report.append(fanout_table(r, ints(a.fanout_classes), helders))
        print(report[-1], flush=True)
    if a.growth:
        report.append(growth_table(r, ints(a.growth_sizes), ints(a.fanout_classes), helders))
        print(report[-1], flush=True)
    os.makedirs(a.work, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    with open(os.path.join(a.work, f"results-{stamp}.json"), "w") as f:
        json.dump({"report": "\n".join(report), "rows": list(r.results.values())}, f, indent=1)


if __name__ == "__main__":
    main()
