#!/usr/bin/env python3
"""Writes a listing page with many links (issue #17 point 4: a page with 200,000 links), or a
plain WARC holding several such pages, to measure the extractor's peak memory:

    bench/make_link_page.py page.html                      # one page, 200,000 links (9.4 MB)
    bench/make_link_page.py --warc four.warc --pages 4     # four such pages as response records
    /usr/bin/time -v build/release/newsarc extract page.html --url http://x/ > /dev/null
    /usr/bin/time -v build/release/newsarc import-warc four.warc --db a.db --jobs 2
"""
import argparse
import uuid


# "compact" rows keep 200,000 links under the 10 MiB body cap of crawl and import-warc (about
# 9.4 MB); "list" rows are a listing's usual <li> entries (about 15.8 MB, under extract's 16 MiB).
ROWS = {
    "compact": '<a href="/n/{seed}_{i}.html">第{i}期</a><br>\n',
    "list": '<li><a href="/news/2021/art_{seed}_{i}.html">第{i}期培训班通知</a></li>\n',
}


def page(links: int, seed: int, style: str = "compact") -> bytes:
    rows = [ROWS[style].format(seed=seed, i=i) for i in range(links)]
    html = (
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>协会新闻 列表</title></head>"
        "<body><div class=\"list\"><ul>\n" + "".join(rows) + "</ul></div></body></html>\n"
    )
    return html.encode("utf-8")


def warc_record(url: str, body: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = (
        "WARC/1.1\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        "WARC-Date: 2021-03-05T02:54:39Z\r\n"
        f"WARC-Target-URI: {url}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode("ascii")
    return head + http + b"\r\n\r\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", help="the HTML page to write")
    ap.add_argument("--links", type=int, default=200_000)
    ap.add_argument("--warc", help="write a plain WARC with --pages pages instead")
    ap.add_argument("--pages", type=int, default=4)
    ap.add_argument("--style", choices=sorted(ROWS), default="compact")
    args = ap.parse_args()
    if args.warc:
        with open(args.warc, "wb") as f:
            for p in range(args.pages):
                f.write(warc_record(f"http://x.org/news/list_{p}.html", page(args.links, p, args.style)))
    elif args.out:
        with open(args.out, "wb") as f:
            f.write(page(args.links, 0, args.style))
    else:
        ap.error("give an output page or --warc FILE")


if __name__ == "__main__":
    main()
