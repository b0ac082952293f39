"""Tests for tools/compare_extract.py on a tiny fake corpus (no network, no C++ build).

    python3 -m unittest tests/tools/compare_extract_test.py     (from the repo root)

Uses the real ../shared/tools/score_extract.py, since agreeing with it is the tool's point.
"""
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import unittest

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOL = os.path.join(REPO_ROOT, "tools", "compare_extract.py")
SCORER = os.path.join(os.path.dirname(REPO_ROOT), "shared", "tools", "score_extract.py")

BODY = {"p1": "alpha beta gamma delta", "p2": "epsilon zeta eta theta",
        "p3": "iota kappa lambda", "p4": "mu nu xi omicron"}

# Set "fake": sites a.example (p1, p2; one written with www.), b.example (p3, named by the
# manifest's "site" field, no url) and c.example (p4).
FAKE_MANIFEST = [
    {"id": "p1", "url": "http://www.a.example/1", "gt": {"title": "T1", "date": "2020-01-01", "body": BODY["p1"]}},
    {"id": "p2", "url": "https://a.example/2", "gt": {"title": "T2", "date": "2020-01-02", "body": BODY["p2"]}},
    {"id": "p3", "url": None, "site": "b.example", "gt": {"title": "T3", "date": "2020-01-03", "body": BODY["p3"]}},
    {"id": "p4", "url": "http://c.example/4", "gt": {"title": "T4", "date": "2020-01-04", "body": BODY["p4"]}},
]
# Before -> after:
#   title   p1 fixed                      -> one page: PAGE RULE?
#   body    p1 and p2 completed           -> two pages, one site: PAGE RULE?
#   date    p3, p4 fixed, p1 broken       -> 2 sites improved, 1 worsened: no flag
#   mojibake  p4 (U+FFFD, not a token, so body F1 is unchanged) and fake2/p1 -> 2 sites: no flag
FAKE_BEFORE = [
    {"id": "p1", "title": "wrong", "date": "2020-01-01", "body": "alpha beta"},
    {"id": "p2", "title": "T2", "date": "2020-01-02", "body": "epsilon"},
    {"id": "p3", "title": "T3", "date": "1999-09-09", "body": BODY["p3"]},
    {"id": "p4", "title": "T4", "date": None, "body": BODY["p4"] + " \ufffd"},
]
FAKE_AFTER = [
    {"id": "p1", "title": "T1", "date": "2021-01-01", "body": BODY["p1"]},
    {"id": "p2", "title": "T2", "date": "2020-01-02", "body": BODY["p2"]},
    {"id": "p3", "title": "T3", "date": "2020-01-03", "body": BODY["p3"]},
    {"id": "p4", "title": "T4", "date": "2020-01-04", "body": BODY["p4"]},
]
# Set "fake2" reuses the id p1 on another site, d.example.
FAKE2_MANIFEST = [{"id": "p1", "url": "http://d.example/x", "gt": {"title": None, "date": None, "body": "rho sigma"}}]
FAKE2_BEFORE = [{"id": "p1", "body": "rho sigma \ufffd"}]
FAKE2_AFTER = [{"id": "p1", "body": "rho sigma"}]


def write_jsonl(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CompareExtractTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not os.path.isfile(SCORER):
            raise unittest.SkipTest(f"{SCORER} missing: shared/ must sit beside the clone")

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        d = self.tmp.name
        self.corpus = os.path.join(d, "corpus")
        self.before = os.path.join(d, "before")
        self.after = os.path.join(d, "after")
        for name, manifest, before, after in (("fake", FAKE_MANIFEST, FAKE_BEFORE, FAKE_AFTER),
                                              ("fake2", FAKE2_MANIFEST, FAKE2_BEFORE, FAKE2_AFTER)):
            write_jsonl(os.path.join(self.corpus, name, "manifest.jsonl"), manifest)
            write_jsonl(os.path.join(self.before, name + ".jsonl"), before)
            write_jsonl(os.path.join(self.after, name + ".jsonl"), after)

    def run_tool(self, *args):
        return subprocess.run([sys.executable, TOOL, "--corpus", self.corpus, "--scorer", SCORER, *args],
                              capture_output=True, text=True, encoding="utf-8")

    def compare(self, *args):
        proc = self.run_tool("--before", self.before, "--after", self.after, *args)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc

    def report(self, *args):
        return json.loads(self.compare("--json", *args).stdout)

    @staticmethod
    def ids(rows):
        return sorted((r["id"], r["site"]) for r in rows)

    def test_lists_improved_and_worsened_pages_with_their_sites(self):
        fake = self.report()["sets"]["fake"]
        self.assertEqual(self.ids(fake["title_exact"]["improved"]), [("p1", "a.example")])
        self.assertEqual(fake["title_exact"]["worsened"], [])
        self.assertEqual(self.ids(fake["body_f1"]["improved"]), [("p1", "a.example"), ("p2", "a.example")])
        self.assertEqual(self.ids(fake["date"]["improved"]), [("p3", "b.example"), ("p4", "c.example")])
        self.assertEqual(self.ids(fake["date"]["worsened"]), [("p1", "a.example")])
        # lower mojibake is better
        self.assertEqual(self.ids(fake["mojibake"]["improved"]), [("p4", "c.example")])
        self.assertEqual(fake["mojibake"]["worsened"], [])

    def test_counts_distinct_sites_of_improved_and_worsened_pages(self):
        fake = self.report()["sets"]["fake"]
        self.assertEqual(fake["body_f1"]["improved_sites"], 1)
        self.assertEqual(fake["date"]["improved_sites"], 2)
        self.assertEqual(fake["date"]["worsened_sites"], 1)

    def test_means_are_the_official_scorers(self):
        scorer = load_module("score_extract_for_test", SCORER)
        pages = scorer.score_pages(FAKE_MANIFEST, FAKE_AFTER, "fake")["fake"]
        want = scorer.aggregate(pages)
        fake = self.report()["sets"]["fake"]
        for field in ("body_f1", "body_r", "title_exact", "date", "mojibake"):
            self.assertAlmostEqual(fake[field]["after"], want[field], msg=field)
        self.assertAlmostEqual(fake["date"]["before"], 0.5)

    def test_flags_a_change_confined_to_one_page_or_one_site_across_sets(self):
        fields = self.report()["fields"]
        self.assertTrue(fields["title_exact"]["page_rule"])           # one page
        self.assertTrue(fields["body_f1"]["page_rule"])               # two pages, one site
        self.assertFalse(fields["date"]["page_rule"])
        self.assertEqual(fields["date"]["changed_sites"], 3)
        # fake/p1 and fake2/p1 share an id but are two pages on two sites
        self.assertEqual(fields["mojibake"]["changed_pages"], 2)
        self.assertFalse(fields["mojibake"]["page_rule"])
        self.assertNotIn("views", fields)

    def test_text_output_names_pages_sites_and_flags(self):
        text = self.compare().stdout
        across = text.split("== all sets")[1].split("\n== ")[0]
        lines = {l.split()[0]: l for l in across.splitlines() if l.startswith("  ")}
        self.assertIn("p1@a.example 0.00->1.00", text)
        self.assertIn("PAGE RULE?", lines["title_exact"])
        self.assertNotIn("PAGE RULE?", lines["date"])
        self.assertIn("improved 2 pages/2 sites, worsened 1 page/1 site", text)

    def test_single_set_makes_a_single_page_change_a_page_rule(self):
        fields = self.report("--sets", "fake")["fields"]
        self.assertTrue(fields["mojibake"]["page_rule"])

    def test_folds_split_sites_deterministically_and_show_where_the_gain_is(self):
        tool = load_module("compare_extract_for_test", TOOL)
        folds = self.report("--folds", "4")["folds"]
        self.assertEqual(folds["k"], 4)                                # leave-one-site-out
        self.assertEqual(sorted(s for f in folds["sites"] for s in f),
                         ["a.example", "b.example", "c.example", "d.example"])
        self.assertEqual(folds["sites"], tool.site_folds({"d.example", "c.example", "b.example", "a.example"}, 4))
        body = dict(zip((f[0] for f in folds["sites"]), folds["delta"]["body_f1"]))
        self.assertGreater(body["a.example"], 0)
        self.assertEqual([body[s] for s in ("b.example", "c.example", "d.example")], [0, 0, 0])
        # fake2's page has no gt date
        date = dict(zip((f[0] for f in folds["sites"]), folds["delta"]["date"]))
        self.assertEqual(date["a.example"], -0.5)
        self.assertEqual((date["b.example"], date["c.example"], date["d.example"]), (1.0, 1.0, None))
        self.assertIn("ONE FOLD", [l for l in self.compare("--folds", "4").stdout.splitlines()
                                   if l.startswith("  body_f1") and "better on" in l][0])

    def test_folds_are_capped_at_the_number_of_sites(self):
        self.assertEqual(self.report("--folds", "10")["folds"]["k"], 4)
        two = self.report("--folds", "2")["folds"]["sites"]
        self.assertEqual([len(f) for f in two], [2, 2])

    def test_malformed_line_exits_2_naming_file_and_line(self):
        path = os.path.join(self.after, "fake.jsonl")
        with open(path, "a", encoding="utf-8") as f:
            f.write("\n{\"id\": \"p9\", \"title\": \n")
        proc = self.run_tool("--before", self.before, "--after", self.after)
        self.assertEqual(proc.returncode, 2)
        self.assertIn(f"{path}:6: malformed JSON", proc.stderr)
        self.assertEqual(proc.stdout, "")

    def test_missing_output_file_exits_2(self):
        os.remove(os.path.join(self.after, "fake2.jsonl"))
        proc = self.run_tool("--before", self.before, "--after", self.after, "--sets", "fake,fake2")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("no fake2.jsonl", proc.stderr)
        # without --sets only the sets present on both sides are compared
        self.assertEqual(list(self.report()["sets"]), ["fake"])

    def test_missing_scorer_exits_2(self):
        proc = subprocess.run([sys.executable, TOOL, "--corpus", self.corpus, "--scorer", "/nonexistent.py",
                               "--before", self.before, "--after", self.after], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("scorer not found", proc.stderr)

    def test_extract_mode_runs_the_binary_once_per_set(self):
        fake_bin = os.path.join(self.tmp.name, "fake_newsarc")
        with open(fake_bin, "w", encoding="utf-8") as f:
            f.write(f"#!{sys.executable}\n"
                    "import json, sys\n"
                    "a = sys.argv[1:]\n"
                    "assert a[:2] == ['extract', '--batch'] and a[3] == '--out', a\n"
                    "rows = [json.loads(l) for l in open(a[2], encoding='utf-8') if l.strip()]\n"
                    "open(a[4], 'w').writelines(json.dumps({'id': r['id'], 'body': 'x'}) + '\\n' for r in rows)\n")
        os.chmod(fake_bin, 0o755)
        out = os.path.join(self.tmp.name, "extracted")
        proc = self.run_tool("--extract", fake_bin, "--out", out)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(sorted(os.listdir(out)), ["fake.jsonl", "fake2.jsonl"])
        with open(os.path.join(out, "fake.jsonl"), encoding="utf-8") as f:
            self.assertEqual([json.loads(l)["id"] for l in f], ["p1", "p2", "p3", "p4"])
        proc = self.run_tool("--before", out, "--after", self.after)
        self.assertEqual(proc.returncode, 0, proc.stderr)

    def test_extract_mode_reports_a_failing_binary(self):
        fake_bin = os.path.join(self.tmp.name, "broken_newsarc")
        with open(fake_bin, "w", encoding="utf-8") as f:
            f.write(f"#!{sys.executable}\nimport sys\nsys.exit(1)\n")
        os.chmod(fake_bin, 0o755)
        proc = self.run_tool("--extract", fake_bin, "--out", os.path.join(self.tmp.name, "o"), "--sets", "fake")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("failed on set fake", proc.stderr)


if __name__ == "__main__":
    unittest.main()
