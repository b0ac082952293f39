#!/usr/bin/python3
"""Validates exported articles against ../shared/spec/article.schema.json.

    validate_articles.py SCHEMA FILE [FILE...]

FILE is JSONL (one article per line), a JSON array of articles, or one JSON object.
Uses python3-jsonschema (Draft 2020-12) with format checks; "date-time" is checked as
RFC 3339 here because the optional format packages may be missing. Exit 0 when every
article validates, 1 otherwise (each failure printed with its file, line and path).
"""
import json
import re
import sys

import jsonschema

RFC3339 = re.compile(
    r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)"
    r"(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$")


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    stripped = text.lstrip()
    if stripped.startswith("["):
        return [(i + 1, o) for i, o in enumerate(json.loads(text))]
    try:
        return [(1, json.loads(text))]  # one (possibly pretty-printed) object
    except json.JSONDecodeError:
        pass
    items = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            items.append((n, json.loads(line)))
    return items


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    checker = jsonschema.FormatChecker()
    checker.checks("date-time")(lambda v: not isinstance(v, str) or bool(RFC3339.match(v)))
    validator = jsonschema.Draft202012Validator(schema, format_checker=checker)
    failures = 0
    count = 0
    for path in argv[2:]:
        for where, obj in load(path):
            count += 1
            for err in validator.iter_errors(obj):
                failures += 1
                loc = "/".join(str(p) for p in err.absolute_path)
                print(f"{path}:{where}: {loc or '(root)'}: {err.message}")
    print(f"{count} articles, {failures} schema violations")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
