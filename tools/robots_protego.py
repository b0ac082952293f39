#!/usr/bin/python3
"""Answers robots.txt questions with Protego, the reference for robots_corpus_test.cpp.

    robots_protego.py [USER_AGENT] < QUERIES.json > ANSWERS.json

QUERIES is a JSON list of {"file": PATH, "paths": [PATH_AND_QUERY, ...], "ours": [BOOL, ...]}
("ours", our parser's answers, is optional). ANSWERS has one entry per query, in order:

    {"allowed": [BOOL, ...], "explained_by": [[NAME, ...], ...]}

"allowed" holds Protego's can_fetch(path, USER_AGENT) (USER_AGENT defaults to "newsarc").
"explained_by" (only with "ours") lists, for each path where Protego disagrees with us, the
corrections that make Protego give our answer: a correction replaces one Protego quirk with
RFC 9309's rule (see CORRECTIONS). Single corrections are tried first; when none explains a
disagreement, pairs ("a+b") are. A disagreement no correction explains gets []. When Protego
raises, the entry is {"error": MESSAGE}. The whole corpus goes through one process.

Each file is decoded as scrapy's RobotParser decodes it for Protego: UTF-8, invalid bytes
dropped (scrapy/robotstxt.py, decode_robotstxt). Uses Debian's python3-protego (0.2.1), so run
it with /usr/bin/python3.
"""
import contextlib
import itertools
import json
import re
import sys
from urllib.parse import ParseResult, quote, urlparse, urlunparse

import protego
from protego import Protego

# RFC 9309 §2.5: parse at least the first 500 KiB; crawler/robots.cpp parses the complete
# lines within them.
MAX_ROBOTS_BYTES = 500 * 1024
ROBOTS_TXT_PATH = "/robots.txt"

UNRESERVED = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
RESERVED_CHARS = ":/?#[]@!$&'()*+,;="
RESERVED = set(RESERVED_CHARS.encode())
HEX = set(b"0123456789ABCDEFabcdef")


def rfc_normalize(text):
    """crawler::NormalizeRobotsPath (RFC 9309 §2.2.2): %-escapes of unreserved characters
    decoded, other escapes upper-cased, octets that are neither unreserved nor reserved
    (RFC 3986 §2.2-2.3) nor '%' percent-encoded."""
    data = text.encode("utf-8", "surrogateescape")
    out = []
    i = 0
    while i < len(data):
        c = data[i]
        if c == ord("%") and i + 2 < len(data) and data[i + 1] in HEX and data[i + 2] in HEX:
            byte = int(data[i + 1:i + 3], 16)
            out.append(chr(byte) if byte in UNRESERVED else "%%%02X" % byte)
            i += 3
            continue
        out.append(chr(c) if c in UNRESERVED or c in RESERVED or c == ord("%") else "%%%02X" % c)
        i += 1
    return "".join(out)


def product_token(agent):
    return re.match(r"[A-Za-z_-]*", agent).group(0).lower()


# --- Corrections ---------------------------------------------------------------------------
# Each correction is a flag read by the replacement functions below; several can be on at
# once. With no flag on, every replacement defers to Protego's own code.

FLAGS = set()


def _quote(text, safe="/"):
    if "reserved_kept" in FLAGS:
        # RFC 9309 §2.2.2 percent-encodes only octets outside the unreserved and reserved
        # sets (its example keeps "/foo/bar?baz=quz"); Protego encodes reserved characters
        # (',' ':' '=' '@' '!' ...) in patterns and paths, but not in queries.
        safe += ":@!$&'()+,;="
    errors = "surrogateescape" if "octets" in FLAGS else None
    return quote(text, safe=safe, errors=errors)


def _unquote(self, url, ignore="", errors="replace"):
    """Protego's _RuleSet._unquote, keeping undecodable octets under "octets"."""
    if "octets" not in FLAGS:
        return _original["_unquote"](self, url, ignore, errors)
    if "%" not in url:
        return url
    ignore = {"{:02X}".format(ord(c)) for c in ignore}
    parts = url.split("%")
    out = [parts[0].encode("utf-8", "surrogateescape")]
    for part in parts[1:]:
        if len(part) >= 2 and set(part[:2]) <= set("0123456789ABCDEFabcdef"):
            code = part[:2].upper()
            rest = part[2:].encode("utf-8", "surrogateescape")
            out.append(bytes.fromhex(code) + rest if code not in ignore else
                       b"%" + code.encode() + rest)
        else:
            out.append(b"%" + part.encode("utf-8", "surrogateescape"))
    return b"".join(out).decode("utf-8", "surrogateescape")


def _is_valid_directive_field(field):
    if "missing_colon" in FLAGS:
        # "Disallow /x" (no colon): Protego's fallback compares the key case-sensitively.
        field = field.lower()
    return _original["_is_valid_directive_field"](field)


def _applies_to(self, robotname):
    if "agent_product_token" not in FLAGS:
        return _original["applies_to"](self, robotname)
    # RFC 9309 §2.2.1: the user-agent line's product token must equal ours (case-insensitive);
    # Protego accepts any substring of our name ("news", "a", "arc").
    if self.user_agent == "*":
        return 1
    token = product_token(self.user_agent)
    return len(self.user_agent) if token and token == product_token(robotname) else 0


def _enforce_path(pattern):
    # RFC 9309 §2.2.3: '*' matches zero or more characters, so "*/x" matches "/x"; Protego
    # prepends '/' and "/*/x" needs a second slash.
    if "leading_star" in FLAGS and pattern.startswith("*"):
        return pattern
    return _original["_enforce_path"](pattern)


def _parts(text):
    """(path, "?" or "", query, params) of a path or pattern."""
    if "path_not_url" in FLAGS:
        # A path and query, not a URL: urlparse reads "//x" as an authority and drops an
        # empty "?" (RFC 9309 §2.2.2 matches the path and query as sent).
        path, qmark, query = text.partition("?")
        return path, qmark, query, ""
    parts = urlparse(text)
    return parts.path, "?" if parts.query else "", parts.query, parts.params


def _join(path, qmark, query, params):
    if "query_escapes" in FLAGS:
        # RFC 9309 §2.2.2 normalises %-escapes in the whole URI, the query too.
        query = rfc_normalize(query)
    return path + (";" + params if params else "") + qmark + query


_PATH_FLAGS = {"path_not_url", "query_escapes", "reserved_kept", "octets", "anchor_at_end"}


def _kept_escapes(ignore):
    # Under "reserved_kept", "%3D" stays "%3D": RFC 9309 §2.2.2 decodes only unreserved
    # characters, so "/q%3D" and "/q=" differ; Protego decodes and re-encodes both to "%3D".
    return ignore + RESERVED_CHARS if "reserved_kept" in FLAGS else ignore


def _quote_path(self, path):
    if not FLAGS & _PATH_FLAGS:
        return _original["_quote_path"](self, path)
    p, qmark, query, params = _parts(path)
    p = _quote(self._unquote(p, ignore=_kept_escapes("/%")), safe="/%")
    return _join(p, qmark, query, params) or "/"


def _quote_pattern(self, pattern):
    if not FLAGS & _PATH_FLAGS:
        return _original["_quote_pattern"](self, pattern)
    last = ""
    if pattern[-1] in "?;$":
        last, pattern = pattern[-1], pattern[:-1]
    p, qmark, query, params = _parts(pattern)
    p = _quote(self._unquote(p, ignore=_kept_escapes("/*$%")), safe="/*%")
    if "anchor_at_end" in FLAGS:
        # RFC 9309 §2.2.3: a final '$' anchors the end of the whole pattern, query included.
        return _join(p, qmark, query, params) + last
    # Protego puts the pattern's last '$', '?' or ';' back at the end of the path part:
    # "/*search.html?*q=*$" becomes "/*search.html$?*q=*".
    return _join(p + last, qmark, query, params)


def _add_rule(self, field, pattern):
    pattern = self._quote_pattern(pattern)
    if pattern:
        self._rules.append(protego._Rule(field=field, value=protego._URLPattern(pattern)))


def _allow(self, pattern):
    # RFC 9309 has no extra rules: Protego adds "Allow: /d/$" for "Allow: /d/index.html" and,
    # for a pattern with '$', a copy with a literal "%24" (§2.2.3: '$' is the end anchor).
    if "no_extra_rules" in FLAGS:
        return _add_rule(self, "allow", pattern)
    return _original["allow"](self, pattern)


def _disallow(self, pattern):
    if "no_extra_rules" in FLAGS:
        return _add_rule(self, "disallow", pattern)
    return _original["disallow"](self, pattern)


def _url_pattern_init(self, pattern):
    _original["__init__"](self, pattern)
    if "rfc_length" in FLAGS:
        # RFC 9309 §2.2.2: the most specific rule has the most octets in its normalised
        # pattern; Protego counts them after %-encoding reserved characters (3 octets each).
        self.priority = len(rfc_normalize(_original["_unquote"](None, pattern, "/%")))


_original = {
    "_quote": protego.quote,
    "_unquote": protego._RuleSet._unquote,
    "_is_valid_directive_field": protego._is_valid_directive_field,
    "applies_to": protego._RuleSet.applies_to,
    "_enforce_path": protego._enforce_path,
    "_quote_path": protego._RuleSet._quote_path,
    "_quote_pattern": protego._RuleSet._quote_pattern,
    "allow": protego._RuleSet.allow,
    "disallow": protego._RuleSet.disallow,
    "__init__": protego._URLPattern.__init__,
}
protego.quote = _quote
protego._RuleSet._unquote = _unquote
protego._is_valid_directive_field = _is_valid_directive_field
protego._RuleSet.applies_to = _applies_to
protego._enforce_path = _enforce_path
protego._RuleSet._quote_path = _quote_path
protego._RuleSet._quote_pattern = _quote_pattern
protego._RuleSet.allow = _allow
protego._RuleSet.disallow = _disallow
protego._URLPattern.__init__ = _url_pattern_init


def _truncate(raw):
    if len(raw) <= MAX_ROBOTS_BYTES:
        return raw
    head = raw[:MAX_ROBOTS_BYTES]
    end = max(head.rfind(b"\n"), head.rfind(b"\r"))
    return head[:end + 1] if end >= 0 else b""


EMPTY_AGENT_LINE = re.compile(r"^([ \t]*user[- ]?agent[ \t]*:[ \t]*)(?:#[^\r\n]*)?(?=[\r\n]|\Z)",
                              re.I | re.M)


AGENT_LINE = re.compile(r"^[ \t]*user[- ]?agent[ \t]*:", re.I)
RULE_LINE = re.compile(r"^[ \t]*(allow|disallow)[ \t]*:", re.I)


def _without_lines_inside_agent_runs(text):
    """§2.1 (google/robotstxt ID_LineSyntax_Groups_OtherRules): a Sitemap, Crawl-delay or
    unknown line between two user-agent lines, with no blank line, does not close the run of
    agent lines; Protego closes it there. Those lines are dropped (they decide no path)."""
    lines = text.splitlines(keepends=True)
    out = []
    pending = []  # other lines seen since the last agent line of a run
    in_run = False
    for line in lines:
        bare = line.partition("#")[0].strip()
        if AGENT_LINE.match(line):
            pending = []  # the run goes on: the lines in between are dropped
            in_run = True
        elif not line.strip() or RULE_LINE.match(line):
            out.extend(pending)
            pending = []
            in_run = False
        elif in_run and bare:
            pending.append(line)
            continue
        out.append(line)
    out.extend(pending)
    return "".join(out)


def _text(raw):
    if "size_limit" in FLAGS:
        raw = _truncate(raw)
    # RFC 3629 §6: a leading U+FEFF is a signature, not text; Protego reads "\ufeffUser-agent"
    # as an unknown key. "octets" keeps bytes that are not UTF-8 (as surrogates) instead of
    # dropping them as scrapy does.
    encoding = "utf-8-sig" if "utf8_bom" in FLAGS else "utf-8"
    text = raw.decode(encoding, "surrogateescape" if "octets" in FLAGS else "ignore")
    if "empty_agent_line" in FLAGS:
        # An empty "User-agent:" opens a group naming no crawler (as in google/robotstxt);
        # Protego ignores the line but keeps the previous group open for the next agent line.
        text = EMPTY_AGENT_LINE.sub(r"\g<1>0", text)
    if "agent_run_other_lines" in FLAGS:
        text = _without_lines_inside_agent_runs(text)
    if "unicode_space" in FLAGS:
        # RFC 9309 §2.2: whitespace is SP and HTAB, lines end at CR or LF. Protego's
        # str.strip() and str.splitlines() also take U+00A0, U+3000, \v, \f, \x1c-\x1e, \x85,
        # U+2028 ...; written %-encoded they stay in the value, as they do for us.
        text = "".join(quote(c) if c.isspace() and c not in " \t\r\n" else c for c in text)
    return text


# Every correction's name, in the order explanations are listed.
CORRECTIONS = [
    "size_limit",           # §2.5: the complete lines of the first 500 KiB are parsed
    "utf8_bom",             # §2.1 (UTF-8; RFC 3629 §6): a leading BOM is no text
    "octets",               # §2.2.2: octets that are not UTF-8 are matched, not dropped
    "unicode_space",        # §2.2: only SP/HTAB are whitespace, only CR/LF end lines
    "missing_colon",        # Google's "Disallow /x", accepted whatever the key's case
    "empty_agent_line",     # §2.2.1: "User-agent:" (empty) names nobody
    "agent_run_other_lines",  # §2.1: other lines among user-agent lines do not close the run
    "agent_product_token",  # §2.2.1: product token equality, not substring
    "robots_txt_allowed",   # §2.2.2: /robots.txt is implicitly allowed
    "leading_star",         # §2.2.3: "*/x" matches "/x"
    "path_not_url",         # §2.2.2: "//x" is a path, an empty "?" is kept
    "query_escapes",        # §2.2.2: %-escapes normalised in the query too
    "anchor_at_end",        # §2.2.3: a final '$' ends the whole pattern, not its path part
    "reserved_kept",        # §2.2.2: reserved characters are not %-encoded
    "rfc_length",           # §2.2.2: specificity counted in normalised octets
    "no_extra_rules",       # §2.2.2/§2.2.3: no invented index.html and literal-'$' rules
]


@contextlib.contextmanager
def _corrected(names):
    FLAGS.update(names)
    try:
        yield
    finally:
        FLAGS.clear()


def can_fetch_all(raw, paths, user_agent, names=()):
    with _corrected(names):
        robots = Protego.parse(_text(raw))
        answers = [bool(robots.can_fetch(p, user_agent)) for p in paths]
        if "robots_txt_allowed" in FLAGS:
            answers = [a or rfc_normalize(p).partition("?")[0] == ROBOTS_TXT_PATH
                       for a, p in zip(answers, paths)]
    return answers


def _explained(raw, paths, user_agent, names, ours):
    answers = can_fetch_all(raw, paths, user_agent, names)
    return [a == o for a, o in zip(answers, ours)]


def _is_utf8(raw):
    try:
        raw.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


# Corrections that can only matter for some files or paths; the others are always tried.
# Skipping one can only leave a disagreement unexplained (a test failure), never hide one.
APPLICABLE = {
    "size_limit": lambda raw, text, paths: len(raw) > MAX_ROBOTS_BYTES,
    "utf8_bom": lambda raw, text, paths: raw.startswith(b"\xef\xbb\xbf"),
    "octets": lambda raw, text, paths: not _is_utf8(raw),
    "unicode_space": lambda raw, text, paths: any(c.isspace() and c not in " \t\r\n"
                                                  for c in text),
    "missing_colon": lambda raw, text, paths: any(":" not in line.partition("#")[0] and
                                                  line.partition("#")[0].strip()
                                                  for line in text.splitlines()),
    "empty_agent_line": lambda raw, text, paths: EMPTY_AGENT_LINE.search(text) is not None,
    "agent_run_other_lines": lambda raw, text, paths: _without_lines_inside_agent_runs(text)
    != text,
    "robots_txt_allowed": lambda raw, text, paths: any(
        rfc_normalize(p).partition("?")[0] == ROBOTS_TXT_PATH for p in paths),
    "path_not_url": lambda raw, text, paths: any(
        p.startswith("//") or p.endswith("?") or ";" in p for p in paths) or re.search(
            r"//|;|\?[ \t]*(#|$)", text, re.M) is not None,
    "query_escapes": lambda raw, text, paths: any(
        "%" in p.partition("?")[2] for p in paths) or re.search(r"\?[^\s#]*%", text) is not None,
}
def explain(raw, paths, ours, theirs, user_agent):
    """For each path, the corrections that explain our disagreement with Protego: every
    single correction that does; else a minimal set found by dropping corrections one by one
    from all of them ("a+b+c"); else nothing."""
    explained_by = [[] for _ in paths]
    todo = [k for k, (a, b) in enumerate(zip(ours, theirs)) if a != b]
    if not todo:
        return explained_by
    text = raw.decode("utf-8", "ignore")
    todo_paths = [paths[k] for k in todo]
    names = [n for n in CORRECTIONS
             if n not in APPLICABLE or APPLICABLE[n](raw, text, todo_paths)]
    for name in names:
        hits = _explained(raw, [paths[k] for k in todo], user_agent, [name],
                          [ours[k] for k in todo])
        for k, hit in zip(todo, hits):
            if hit:
                explained_by[k].append(name)
    for k in [k for k in todo if not explained_by[k]]:
        needed = list(names)
        if not _explained(raw, [paths[k]], user_agent, needed, [ours[k]])[0]:
            continue
        for name in list(needed):
            fewer = [n for n in needed if n != name]
            if _explained(raw, [paths[k]], user_agent, fewer, [ours[k]])[0]:
                needed = fewer
        explained_by[k].append("+".join(needed))
    return explained_by


def answer(query, user_agent):
    with open(query["file"], "rb") as f:
        raw = f.read()
    try:
        result = {"allowed": can_fetch_all(raw, query["paths"], user_agent)}
        if "ours" in query:
            result["explained_by"] = explain(raw, query["paths"], query["ours"],
                                             result["allowed"], user_agent)
        return result
    except Exception as e:  # a Protego crash is an answer to report, not a reason to stop
        return {"error": "%s: %s" % (type(e).__name__, e)}


def main():
    user_agent = sys.argv[1] if len(sys.argv) > 1 else "newsarc"
    queries = json.load(sys.stdin)
    sys.stdout.write(json.dumps([answer(q, user_agent) for q in queries]) + "\n")


if __name__ == "__main__":
    main()
