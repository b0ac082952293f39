#!/usr/bin/env bash
# `make demo`: shows newsarc end to end on bundled data, on loopback only.
# The crawler (issue #4) and the archive (issue #5) are not built yet, so for now the demo runs the
# real extractor on the bundled article page (a GB2312 page of an old ASP association site,
# tests/data/extract/yushang-article.html), writes the article to demo/articles.jsonl and prints it.
set -euo pipefail
bin=${1:-build/release/newsarc}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
page="$root/tests/data/extract/yushang-article.html"
url=$(head -n 1 "$root/tests/data/extract/yushang-article.url")

echo "newsarc demo: extracting the bundled article page (GB2312, table layout)"
echo "  page: ${page#$root/}"
echo "  url:  $url"
echo
"$bin" extract "$page" --url "$url" --content-type "text/html" > "$here/articles.jsonl"
"$bin" extract "$page" --url "$url" --content-type "text/html" --format text
echo
echo "Wrote demo/articles.jsonl (1 article; schema: ../shared/spec/article.schema.json)."
echo "Crawling the bundled demo site into demo/archive.sqlite arrives with the crawler (issue #4)."
