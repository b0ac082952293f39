#!/usr/bin/env python3
"""Compares two extractor outputs on the labelled corpus, page by page and site by site (#12).

    compare_extract.py --before DIR --after DIR [--corpus DIR] [--sets a,b] [--folds K]
                       [--min-delta X] [--scorer PATH] [--json]
    compare_extract.py --extract BIN --out DIR [--corpus DIR] [--sets a,b]

--before/--after: a directory holding <set>.jsonl (the output of `newsarc extract --batch
<corpus>/<set>/manifest.jsonl --out DIR/<set>.jsonl`), or a comma-separated list of such files.
Without --sets, the sets compared are those present on both sides.

For each set and field: the mean before -> after (exactly the official scorer's number), the
pages that improved and worsened (id and site) and how many distinct sites each list spans.
Across all sets, a field whose changed pages are all one page or all one site is flagged
"PAGE RULE?": the corpus README warns that the extractor is also scored on unseen pages, so
such a gain probably does not generalise. Finally the sites are split into K folds (by a
stable hash of the site) and each changed field's delta is shown per fold: a real rule gains on
most folds, a page rule on one.

Per-page scores come from ../shared/tools/score_extract.py (score_pages), loaded by path, so
this tool never disagrees with the scorer. A page's site is the manifest's "site", else its
URL's host, without "www."; a page with neither counts as a site of its own.

Workflow (from the repo root; check out the base commit first, then make the change):
    make build && python3 tools/compare_extract.py --extract build/release/newsarc --out /tmp/before
    # ... edit extract/ ...
    make build && python3 tools/compare_extract.py --extract build/release/newsarc --out /tmp/after
    python3 tools/compare_extract.py --before /tmp/before --after /tmp/after

Exit codes: 0 compared (or extracted); 1 the extractor failed; 2 bad input (a missing file, a
malformed JSONL line, reported with its file and line).
"""
import argparse
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from urllib.parse import urlsplit

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SHARED = os.path.join(os.path.dirname(REPO_ROOT), "shared")

# Fields where a lower score is the better one; every other scorer metric is "higher is better".
LOWER_IS_BETTER = {"mojibake"}


class InputError(Exception):
    """Bad input the user can fix; main() prints it and exits 2."""


def load_scorer(path):
    if not os.path.isfile(path):
        raise InputError(f"{path}: scorer not found (use --scorer PATH)")
    spec = importlib.util.spec_from_file_location("score_extract", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in ("score_pages", "METRICS"):
        if not hasattr(module, name):
            raise InputError(f"{path}: has no {name}; is it score_extract.py?")
    return module


def read_jsonl(path):
    """Reads JSON objects one a line; unlike the scorer's loader, names the bad line."""
    if not os.path.isfile(path):
        raise InputError(f"{path}: no such file")
    rows = []
    with open(path, encoding="utf-8", errors="strict") as f:
        try:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as e:
                    raise InputError(f"{path}:{number}: malformed JSON: {e.msg} (column {e.colno})")
                if not isinstance(row, dict):
                    raise InputError(f"{path}:{number}: expected a JSON object")
                rows.append(row)
        except UnicodeDecodeError as e:
            raise InputError(f"{path}: not UTF-8 ({e.reason} at byte {e.start})")
    return rows


def site_of(entry, set_name):
    host = entry.get("site") or (urlsplit(entry["url"]).hostname if entry.get("url") else None)
    if host:
        return host[4:] if host.startswith("www.") else host
    # Unknown site: assume it is shared with no other page, the cautious choice for "how many sites".
    return f"?{set_name}/{entry['id']}"


def output_files(spec):
    """Maps set name -> JSONL path for a directory or a comma-separated list of files."""
    if os.path.isdir(spec):
        return {f[:-6]: os.path.join(spec, f) for f in sorted(os.listdir(spec)) if f.endswith(".jsonl")}
    files = {}
    for path in filter(None, spec.split(",")):
        if not path.endswith(".jsonl"):
            raise InputError(f"{path}: no such directory (or give <set>.jsonl files)")
        files[os.path.basename(path)[:-6]] = path
    return files


def score_side(scorer, manifest, outputs, set_name):
    # The set name matters to the scorer (NULL_MEANS_NONE), so pass the folder name as it does.
    per_set = scorer.score_pages(manifest, outputs, set_name)
    return {str(p["id"]): p for pages in per_set.values() for p in pages}


def mean(values):
    return sum(values) / len(values) if values else None


def is_better(field, delta):
    return delta < 0 if field in LOWER_IS_BETTER else delta > 0


def compare_set(scorer, set_name, manifest, before_rows, after_rows, min_delta):
    before = score_side(scorer, manifest, before_rows, set_name)
    after = score_side(scorer, manifest, after_rows, set_name)
    sites = {str(m["id"]): site_of(m, set_name) for m in manifest}
    fields = {}
    for field in scorer.METRICS:
        ids = [i for i in sites if field in before[i] and field in after[i]]
        if not ids:
            continue
        improved, worsened = [], []
        for i in ids:
            delta = after[i][field] - before[i][field]
            if abs(delta) < min_delta or delta == 0:
                continue
            row = {"id": i, "site": sites[i], "before": before[i][field], "after": after[i][field]}
            (improved if is_better(field, delta) else worsened).append(row)
        for rows in (improved, worsened):
            rows.sort(key=lambda r: (-abs(r["after"] - r["before"]), r["id"]))
        fields[field] = {
            "n": len(ids),
            "before": mean([before[i][field] for i in ids]),
            "after": mean([after[i][field] for i in ids]),
            "improved": improved, "worsened": worsened,
            "improved_sites": len({r["site"] for r in improved}),
            "worsened_sites": len({r["site"] for r in worsened}),
        }
    pages = [{"id": i, "site": sites[i], "before": before[i], "after": after[i]} for i in sites]
    return fields, pages


def page_rule_flags(results):
    """Per field, across all sets: changed pages and sites, and whether they are one page/site."""
    flags = {}
    for set_name, set_result in results.items():
        for field, r in set_result.items():
            f = flags.setdefault(field, {"pages": set(), "sites": set()})
            for row in r["improved"] + r["worsened"]:
                f["pages"].add((set_name, row["id"]))  # ids are unique within a set only
                f["sites"].add(row["site"])
    return {field: {"changed_pages": len(f["pages"]), "changed_sites": len(f["sites"]),
                    "page_rule": bool(f["pages"]) and (len(f["pages"]) == 1 or len(f["sites"]) == 1)}
            for field, f in flags.items() if f["pages"]}


def site_folds(sites, k):
    """K folds of sites, round-robin over the sites sorted by SHA-1 (stable across runs and
    machines, unlike hash()); K is capped at the number of sites (leave-one-site-out)."""
    ordered = sorted(sites, key=lambda s: (hashlib.sha1(s.encode("utf-8")).hexdigest(), s))
    k = max(1, min(k, len(ordered)))
    return [ordered[i::k] for i in range(k)]


def fold_deltas(pages, folds, fields):
    out = {}
    for field in fields:
        deltas = []
        for fold in folds:
            members = set(fold)
            scored = [p for p in pages if p["site"] in members and field in p["before"] and field in p["after"]]
            b = mean([p["before"][field] for p in scored])
            a = mean([p["after"][field] for p in scored])
            deltas.append(None if b is None else a - b)
        out[field] = deltas
    return out


def compare(scorer, corpus, before_spec, after_spec, sets, k, min_delta):
    before_files, after_files = output_files(before_spec), output_files(after_spec)
    if sets is None:
        sets = sorted(set(before_files) & set(after_files))
        if not sets:
            raise InputError(f"no <set>.jsonl present in both {before_spec} and {after_spec}")
    results, all_pages = {}, []
    for name in sets:
        for side, files, spec in (("before", before_files, before_spec), ("after", after_files, after_spec)):
            if name not in files:
                raise InputError(f"{spec}: no {name}.jsonl ({side} output of set {name})")
        manifest = read_jsonl(os.path.join(corpus, name, "manifest.jsonl"))
        for number, m in enumerate(manifest, 1):
            if "id" not in m:
                raise InputError(f"{os.path.join(corpus, name, 'manifest.jsonl')}: entry {number} has no id")
        results[name], pages = compare_set(scorer, name, manifest, read_jsonl(before_files[name]),
                                           read_jsonl(after_files[name]), min_delta)
        all_pages += pages
    flags = page_rule_flags(results)
    folds = site_folds({p["site"] for p in all_pages}, k)
    return {"sets": results, "fields": flags,
            "folds": {"k": len(folds), "sites": folds, "delta": fold_deltas(all_pages, folds, sorted(flags))}}


def fmt(v):
    return "   -" if v is None else f"{v:.3f}"


def page_list(rows, width=100):
    # Packed by hand: textwrap would split an item, and page ids are full of hyphens.
    lines, line = [], ""
    for r in rows:
        item = f"{r['id']}@{r['site']} {r['before']:.2f}->{r['after']:.2f}"
        if line and len(line) + 2 + len(item) > width - 8:
            lines.append(line + ",")
            line = item
        else:
            line = f"{line}, {item}" if line else item
    return "\n".join(" " * 8 + l for l in lines + [line])


def plural(n, word):
    return f"{n} {word}" + ("" if n == 1 else "s")


def render_text(report):
    lines = []
    for name, fields in report["sets"].items():
        lines.append(f"== {name}: mean before -> after (delta), pages and sites improved / worsened")
        unchanged = []
        for field, r in fields.items():
            if not r["improved"] and not r["worsened"]:
                unchanged.append(f"{field} {fmt(r['after'])}")
                continue
            lines.append(f"  {field:<14} n={r['n']:<3} {fmt(r['before'])} -> {fmt(r['after'])}"
                         f"  ({r['after'] - r['before']:+.3f})"
                         f"  improved {plural(len(r['improved']), 'page')}/{plural(r['improved_sites'], 'site')}"
                         f", worsened {plural(len(r['worsened']), 'page')}/{plural(r['worsened_sites'], 'site')}")
            for sign, key in (("+", "improved"), ("-", "worsened")):
                if r[key]:
                    lines.append(f"      {sign} {key}:")
                    lines.append(page_list(r[key]))
        if unchanged:
            lines.append(textwrap.fill("unchanged: " + ", ".join(unchanged), width=100,
                                       initial_indent="  ", subsequent_indent="    "))
    lines.append("== all sets: pages and sites each changed field touches")
    if not report["fields"]:
        lines.append("  no page changed")
    for field, f in sorted(report["fields"].items()):
        flag = "  PAGE RULE?" if f["page_rule"] else ""
        lines.append(f"  {field:<14} {plural(f['changed_pages'], 'page'):>9} on {plural(f['changed_sites'], 'site')}{flag}")
    folds = report["folds"]
    n_sites = sum(len(s) for s in folds["sites"])
    how = "leave-one-site-out" if folds["k"] == n_sites else f"{n_sites} sites"
    lines.append(f"== folds by site (K={folds['k']}, {how}): after - before on each fold's pages")
    lines.append(f"  {'fold':<14} " + " ".join(f"{i + 1:>6}" for i in range(folds["k"])))
    lines.append(f"  {'sites':<14} " + " ".join(f"{len(s):>6}" for s in folds["sites"]))
    for field, deltas in folds["delta"].items():
        better = sum(1 for d in deltas if d is not None and d != 0 and is_better(field, d))
        worse = sum(1 for d in deltas if d is not None and d != 0 and not is_better(field, d))
        note = "  ONE FOLD" if better == 1 and folds["k"] > 1 else ""
        cells = " ".join("   n/a" if d is None else f"{d:+.3f}" for d in deltas)
        lines.append(f"  {field:<14} {cells}  better on {better}/{folds['k']}, worse on {worse}{note}")
    return "\n".join(lines)


def run_extract(binary, corpus, out_dir, sets):
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        raise InputError(f"{binary}: not an executable")
    os.makedirs(out_dir, exist_ok=True)
    worst = 0
    for name in sets:
        manifest = os.path.join(corpus, name, "manifest.jsonl")
        if not os.path.isfile(manifest):
            raise InputError(f"{manifest}: no such file")
        out = os.path.join(out_dir, name + ".jsonl")
        cmd = [binary, "extract", "--batch", manifest, "--out", out]
        print("+ " + " ".join(cmd), file=sys.stderr)
        code = subprocess.run(cmd).returncode
        # newsarc exits 3 when some pages failed but the file was written; those pages score as
        # failures, which is what a comparison should see, so only other codes stop us.
        if code not in (0, 3) or not os.path.isfile(out):
            print(f"{binary} failed on set {name} (exit {code})", file=sys.stderr)
            worst = 1
    return worst


def corpus_sets(corpus):
    if not os.path.isdir(corpus):
        raise InputError(f"{corpus}: no such corpus directory")
    return sorted(d for d in os.listdir(corpus) if os.path.isfile(os.path.join(corpus, d, "manifest.jsonl")))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--before", help="directory of <set>.jsonl, or comma-separated files")
    ap.add_argument("--after", help="directory of <set>.jsonl, or comma-separated files")
    ap.add_argument("--corpus", default=os.path.join(DEFAULT_SHARED, "corpus"))
    ap.add_argument("--scorer", default=os.path.join(DEFAULT_SHARED, "tools", "score_extract.py"))
    ap.add_argument("--sets", help="comma-separated set names (default: all present)")
    ap.add_argument("--folds", type=int, default=5, help="site folds (capped at the number of sites)")
    ap.add_argument("--min-delta", type=float, default=0.01,
                    help="smaller per-page changes count as unchanged (only affects F1/P/R fields)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--extract", metavar="BIN", help="run BIN extract --batch for every set into --out")
    ap.add_argument("--out", help="with --extract: directory for <set>.jsonl")
    args = ap.parse_args(argv)
    sets = [s for s in args.sets.split(",") if s] if args.sets else None
    try:
        if args.extract:
            if not args.out:
                raise InputError("--extract needs --out DIR")
            return run_extract(args.extract, args.corpus, args.out, sets or corpus_sets(args.corpus))
        if not args.before or not args.after:
            raise InputError("need --before and --after (or --extract BIN --out DIR)")
        if args.folds < 1:
            raise InputError("--folds must be at least 1")
        report = compare(load_scorer(args.scorer), args.corpus, args.before, args.after, sets,
                         args.folds, args.min_delta)
    except InputError as e:
        print(f"compare_extract: {e}", file=sys.stderr)
        return 2
    print(json.dumps(report, indent=1, ensure_ascii=False) if args.json else render_text(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
