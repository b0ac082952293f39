#!/usr/bin/python3
"""Writes the bundled demo association site into a directory.

    make_demo_site.py OUTDIR [--host HOST] [--crawl-delay SECONDS]

The site is what newsarc is built for: an old association site (示范商会) with two columns,
商会动态 in GB2312 (table layout, [日期:...] lines, 上一条/下一条 chains) and 通知公告 in UTF-8,
paginated listings (下一页/尾页, page numbers), one article missing from its listing (reachable
only through the prev/next chain), one article split over two pages (下一页 inside the article),
and a robots.txt with a Disallow and a Crawl-delay. Its way in is built as real sites of the kind
are: the home page is a meta refresh to a frameset (nav frame and main frame); the 政策法规 column
is shown only in an iframe of the main frame and pages with a TRS createPageHTML script (no <a>
pager); the 会员风采 column is an ASP column in GB2312 whose links carry raw Chinese in their
queries (list.asp?lb=会员风采&page=2), answered only in the GBK form a browser sends.
`manifest.json` lists every article with its expected title, date and body, for tests.
`make demo` and the crawler's integration tests both serve this output. Deterministic: the same
bytes every run.

A page whose URL has a query is stored as PATH@QUERY, the query exactly as a browser sends it
(tools/demo_server.py and the tests' fixture server serve it only for that query).
"""
import json
import os
import sys
import urllib.parse

SENTENCES = [
    "商会召开会员大会，总结过去一年的工作并部署新一年的重点任务。",
    "会长在讲话中强调，要进一步发挥商会的桥梁纽带作用，服务会员企业发展。",
    "与会代表围绕招商引资、产业合作和人才培养等议题进行了深入交流。",
    "会议还表彰了一批在公益事业中做出突出贡献的优秀会员企业。",
    "秘书处介绍了商会网站改版和会员服务平台建设的进展情况。",
    "多家会员企业负责人表示，将积极参与家乡建设，回报社会。",
    "本次活动得到了有关部门和兄弟商会的大力支持。",
    "商会将继续组织考察团赴各地学习先进经验，拓宽合作渠道。",
    "据悉，下一届年会将于明年春季举行，届时将邀请更多企业家参加。",
    "与会人员一致认为，商会工作取得了显著成效，前景广阔。",
]

TITLES_NEWS = [
    "示范商会召开第三届会员大会", "商会考察团赴深圳学习交流", "商会举办新春联谊会",
    "会长一行走访会员企业", "商会向灾区捐款捐物", "商会党支部开展主题教育",
    "商会与高校签署人才合作协议", "商会组织会员参加招商推介会", "商会秘书处召开工作例会",
    "商会青年企业家分会成立", "商会举办法律知识讲座", "商会年度表彰大会隆重举行",
]
TITLES_NOTICE = [
    "关于召开会员大会的通知", "关于缴纳年度会费的通知", "关于举办培训班的通知",
    "关于评选优秀会员企业的通知", "关于商会网站改版的公告", "关于春节放假安排的通知",
    "关于征集会员企业信息的通知",
]
TITLES_POLICY = [
    "关于促进民营经济发展的若干意见", "关于进一步优化营商环境的实施方案", "关于支持中小企业纾困发展的通知",
    "关于加强行业协会商会自律建设的指导意见", "关于做好年度统计报表工作的通知",
    "关于开展企业信用评价工作的通知", "关于推进商会组织规范化建设的意见",
    "关于实施减税降费政策的解读", "关于鼓励企业参与乡村振兴的倡议", "关于规范涉企收费的通知",
]
TITLES_MEMBER = [
    "会员企业示范科技有限公司简介", "会员企业示范建材集团发展纪实", "会员企业家王先生的创业故事",
    "会员企业示范食品公司获评名牌产品", "会员企业示范物流开通国际专线", "会员企业示范药业新厂房落成",
]
MEMBER_COLUMN = "会员风采"
PER_PAGE = 5
POLICY_PER_PAGE = 4


def gbk_query(text):
    """`text` percent-encoded in GBK, as a browser writes a query of a GB2312 page."""
    return urllib.parse.quote(text.encode("gbk"), safe="")


def policy_article_path(n):
    ymd = date_of("policy", n).replace("-", "")
    return f"/policy/{ymd[:6]}/t{ymd}_{1000 + n}.html"


def policy_article(n):
    """A TRS-style article page: no previous/next links, only the way back to its column."""
    title = TITLES_POLICY[n - 1]
    paras = body_paragraphs(200 + n, 3)
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>
<body><div class="crumb">当前位置：<a href="/cms/main.html">首页</a> &gt; <a href="/policy/index.html">政策法规</a></div>
<div class="article"><h1>{title}</h1><div class="info">发布日期：{date_of("policy", n)} &nbsp; 来源：示范商会</div>
<div class="TRS_Editor">{body}</div></div>{footer()}</body></html>
"""
    return title, paras, html.encode("utf-8")


def policy_listing(page_no, pages):
    start = page_no * POLICY_PER_PAGE
    items = "".join(
        f'<li><a href=".{policy_article_path(k + 1)[len("/policy"):]}" target="_blank">'
        f'{TITLES_POLICY[k]}</a><span>{date_of("policy", k + 1)}</span></li>'
        for k in range(start, min(start + POLICY_PER_PAGE, len(TITLES_POLICY))))
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>政策法规</title></head>
<body><ul class="list">{items}</ul>
<div class="page"><script type="text/javascript">
var countPage = {pages};//共多少页
var currentPage = {page_no};//当前页
createPageHTML(countPage, currentPage, "index", "html");
</script></div></body></html>
"""
    return html.encode("utf-8")


def member_article_target(n):
    return f"/member/show.asp?lb={gbk_query(MEMBER_COLUMN)}&id={n}"


def member_article(n, total):
    title = TITLES_MEMBER[n - 1]
    paras = body_paragraphs(300 + n, 3)
    prev_html = (f'上一条:<a href="show.asp?lb={MEMBER_COLUMN}&id={n - 1}">{TITLES_MEMBER[n - 2]}</a>'
                 if n > 1 else "上一条:没有了")
    next_html = (f'下一条:<a href="show.asp?lb={MEMBER_COLUMN}&id={n + 1}">{TITLES_MEMBER[n]}</a>'
                 if n < total else "下一条:没有了")
    body = "\n".join(f"<p>\u3000\u3000{p}</p>" for p in paras)
    html = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}</title></head><body><table width="900" align="center">
<tr><td class="title" align="center"><b>{title}</b></td></tr>
<tr><td align="center">[日期:{date_of("member", n)}] 来源:示范商会</td></tr>
<tr><td class="content">{body}</td></tr>
<tr><td>{prev_html}</td></tr><tr><td>{next_html}</td></tr></table>{footer()}</body></html>
"""
    return title, paras, html.encode("gb2312")


def member_listing(page_no, pages):
    start = (page_no - 1) * PER_PAGE
    items = "".join(
        f'<tr><td><a href="show.asp?lb={MEMBER_COLUMN}&id={k + 1}">{TITLES_MEMBER[k]}</a></td>'
        f'<td>{date_of("member", k + 1)}</td></tr>'
        for k in range(start, min(start + PER_PAGE, len(TITLES_MEMBER))))
    pager = " ".join(f'<a href="list.asp?lb={MEMBER_COLUMN}&page={p}">{p}</a>'
                     for p in range(1, pages + 1) if p != page_no)
    if page_no < pages:
        pager += f' <a href="list.asp?lb={MEMBER_COLUMN}&page={page_no + 1}">下一页</a>'
    html = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{MEMBER_COLUMN}</title></head><body><h2>{MEMBER_COLUMN}</h2>
<table class="list">{items}</table><div class="pages">{pager}</div>{footer()}</body></html>
"""
    return html.encode("gb2312")


def body_paragraphs(seed, count=4):
    return ["".join(SENTENCES[(seed * 3 + i * 7 + k) % len(SENTENCES)] for k in range(3))
            for i in range(count)]


def date_of(column, n):
    month = 1 + (n * 5) % 12
    day = 1 + (n * 11) % 27
    year = {"news": 2021, "notice": 2022, "policy": 2020, "member": 2019}[column]
    return f"{year}-{month:02d}-{day:02d}"


def nav():
    return ('<a href="/index.html">首页</a> | <a href="/news/list_1.html">商会动态</a> | '
            '<a href="/notice/list_1.html">通知公告</a> | <a href="/about.html">商会简介</a>')


def footer():
    return ('<div class="footer">Copyright &copy; 2022 示范商会 版权所有 &nbsp;ICP备案号:'
            '示ICP备00000000号<br>地址:示范市示范路1号 &nbsp;电话:0000-00000000</div>')


def news_article(n, total):
    title = TITLES_NEWS[n - 1]
    paras = body_paragraphs(n)
    prev_html = (f'上一条:<a href="/news/{n - 1}.html">{TITLES_NEWS[n - 2]}</a>' if n > 1
                 else "上一条:没有了")
    next_html = (f'下一条:<a href="/news/{n + 1}.html">{TITLES_NEWS[n]}</a>' if n < total
                 else "下一条:没有了")
    body = "\n".join(f"<p>\u3000\u3000{p}</p>" for p in paras)
    html = f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}_示范商会</title></head>
<body><table width="960" align="center"><tr><td class="banner">欢迎光临示范商会网站</td></tr>
<tr><td class="nav">{nav()}</td></tr></table>
<table width="960" align="center"><tr>
<td width="200" valign="top"><div class="side">商会动态</div><a href="/news/list_1.html">商会动态</a><br><a href="/notice/list_1.html">通知公告</a></td>
<td valign="top"><table width="100%">
<tr><td class="weizhi">当前位置:<a href="/index.html">首页</a> &gt; <a href="/news/list_1.html">商会动态</a></td></tr>
<tr><td class="title" align="center"><b>{title}</b></td></tr>
<tr><td align="center">浏览量:{100 + n * 7}次 &nbsp;&nbsp;来源:示范商会 &nbsp;&nbsp;[日期:{date_of("news", n)}]</td></tr>
<tr><td class="content">
{body}
</td></tr>
<tr><td>{prev_html}</td></tr>
<tr><td>{next_html}</td></tr>
</table></td></tr></table>
{footer()}
</body></html>
"""
    return title, paras, html.encode("gb2312")


def notice_article(n, total, split=None):
    title = TITLES_NOTICE[n - 1]
    paras = body_paragraphs(100 + n, 4)
    prev_html = (f'<li>上一篇：<a href="/notice/{n - 1}.html">{TITLES_NOTICE[n - 2]}</a></li>'
                 if n > 1 else "<li>上一篇：没有了</li>")
    next_html = (f'<li>下一篇：<a href="/notice/{n + 1}.html">{TITLES_NOTICE[n]}</a></li>'
                 if n < total else "<li>下一篇：没有了</li>")

    def page(ps, pager):
        body = "\n".join(f"<p>{p}</p>" for p in ps)
        return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{title} - 示范商会</title></head>
<body><header><div class="logo">示范商会</div><nav>{nav()}</nav></header>
<main><div class="breadcrumb">您的位置：<a href="/index.html">首页</a> &gt; <a href="/notice/list_1.html">通知公告</a> &gt; 正文</div>
<article><h1>{title}</h1>
<div class="info">发布时间：{date_of("notice", n)} 09:30 &nbsp; 作者：秘书处 &nbsp; 点击数：{50 + n}</div>
<div class="article-content">
{body}
</div>{pager}
<ul class="prevnext">{prev_html}{next_html}</ul></article></main>
<aside><h3>热点新闻</h3><ul><li><a href="/news/1.html">{TITLES_NEWS[0]}</a></li><li><a href="/news/2.html">{TITLES_NEWS[1]}</a></li></ul></aside>
{footer()}</body></html>
""".encode("utf-8")

    if split:
        first, second = paras[:2], paras[2:]
        p1 = page(first, f'<div class="pages">第1页 <a href="/notice/{n}_2.html">2</a> <a href="/notice/{n}_2.html">下一页</a></div>')
        p2 = page(second, f'<div class="pages"><a href="/notice/{n}.html">上一页</a> <a href="/notice/{n}.html">1</a> 第2页</div>')
        return title, paras, [p1, p2]
    return title, paras, [page(paras, "")]


def listing(column, label, titles, page_no, pages, hidden, encoding):
    start = (page_no - 1) * PER_PAGE
    items = []
    for k in range(start, min(start + PER_PAGE, len(titles))):
        n = k + 1
        if n in hidden:
            continue
        items.append(f'<tr><td><a href="/{column}/{n}.html">{titles[k]}</a></td>'
                     f'<td>{date_of(column, n)}</td></tr>')
    pager = [f'共{len(titles)}条 第{page_no}/{pages}页']
    pager.append('<a href="/%s/list_1.html">首页</a>' % column)
    if page_no > 1:
        pager.append(f'<a href="/{column}/list_{page_no - 1}.html">上一页</a>')
    for p in range(1, pages + 1):
        pager.append(str(p) if p == page_no else f'<a href="/{column}/list_{p}.html">{p}</a>')
    if page_no < pages:
        pager.append(f'<a href="/{column}/list_{page_no + 1}.html">下一页</a>')
    pager.append(f'<a href="/{column}/list_{pages}.html">尾页</a>')
    charset = "gb2312" if encoding == "gb2312" else "utf-8"
    html = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{label}_示范商会</title></head><body>
<div class="nav">{nav()}</div><h2>{label}</h2>
<table class="list">{''.join(items)}</table>
<div class="pages">{' '.join(pager)}</div>
{footer()}</body></html>
"""
    return html.encode(encoding)


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = argv[1]
    host = argv[argv.index("--host") + 1] if "--host" in argv else "demo.test"
    crawl_delay = argv[argv.index("--crawl-delay") + 1] if "--crawl-delay" in argv else "0.5"
    manifest = []

    def write(path, data):
        full = os.path.join(out, path.lstrip("/"))
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(data)

    write("/robots.txt",
          f"User-agent: *\nDisallow: /admin/\nCrawl-delay: {crawl_delay}\n".encode("ascii"))
    # The way in: a meta refresh to a frameset, whose main frame holds a column in an iframe.
    write("/index.html", b"""<html><head><meta http-equiv="refresh" content="0; url=/cms/index.html">
</head><body></body></html>
""")
    write("/cms/index.html", """<html><head><meta charset="utf-8"><title>示范商会</title></head>
<frameset rows="90,*" frameborder="0"><frame src="top.html" name="top" scrolling="no">
<frame src="main.html" name="main"></frameset></html>
""".encode("utf-8"))
    write("/cms/top.html", f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
</head><body><div class="nav">{nav()} | <a href="/member/list.asp?lb={MEMBER_COLUMN}" target="main">{MEMBER_COLUMN}</a></div>
</body></html>
""".encode("gb2312"))
    write("/cms/main.html", f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>示范商会</title></head><body>
<h1>示范商会</h1><ul><li><a href="/news/list_1.html">商会动态</a></li>
<li><a href="/notice/list_1.html">通知公告</a></li><li><a href="/admin/login.html">管理登录</a></li></ul>
<h2>政策法规</h2><iframe src="/policy/index.html" width="600" height="300" frameborder="0"></iframe>
{footer()}</body></html>
""".encode("utf-8"))
    write("/about.html", "<html><head><meta charset='utf-8'><title>商会简介</title></head><body>商会简介页面</body></html>".encode("utf-8"))
    write("/admin/login.html", b"<html><body>admin: must never be fetched</body></html>")

    news_hidden = {12}  # only reachable through 下一条 of article 11
    news_pages = (len(TITLES_NEWS) + PER_PAGE - 1) // PER_PAGE
    for p in range(1, news_pages + 1):
        write(f"/news/list_{p}.html",
              listing("news", "商会动态", TITLES_NEWS, p, news_pages, news_hidden, "gb2312"))
    for n in range(1, len(TITLES_NEWS) + 1):
        title, paras, data = news_article(n, len(TITLES_NEWS))
        write(f"/news/{n}.html", data)
        manifest.append({"url": f"http://{host}/news/{n}.html", "title": title,
                         "published_date": date_of("news", n), "body": "\n".join(paras),
                         "encoding": "gb2312", "in_listing": n not in news_hidden})

    notice_pages = (len(TITLES_NOTICE) + PER_PAGE - 1) // PER_PAGE
    for p in range(1, notice_pages + 1):
        write(f"/notice/list_{p}.html",
              listing("notice", "通知公告", TITLES_NOTICE, p, notice_pages, set(), "utf-8"))
    for n in range(1, len(TITLES_NOTICE) + 1):
        split = n == 3
        title, paras, pages = notice_article(n, len(TITLES_NOTICE), split)
        write(f"/notice/{n}.html", pages[0])
        if split:
            write(f"/notice/{n}_2.html", pages[1])
        manifest.append({"url": f"http://{host}/notice/{n}.html", "title": title,
                         "published_date": date_of("notice", n), "body": "\n".join(paras),
                         "encoding": "utf-8", "in_listing": True, "pages": len(pages)})

    policy_pages = (len(TITLES_POLICY) + POLICY_PER_PAGE - 1) // POLICY_PER_PAGE
    for p in range(policy_pages):
        write("/policy/index.html" if p == 0 else f"/policy/index_{p}.html",
              policy_listing(p, policy_pages))
    for n in range(1, len(TITLES_POLICY) + 1):
        title, paras, data = policy_article(n)
        write(policy_article_path(n), data)
        manifest.append({"url": f"http://{host}{policy_article_path(n)}", "title": title,
                         "published_date": date_of("policy", n), "body": "\n".join(paras),
                         "encoding": "utf-8", "in_listing": True})

    member_pages = (len(TITLES_MEMBER) + PER_PAGE - 1) // PER_PAGE
    column = gbk_query(MEMBER_COLUMN)
    for p in range(1, member_pages + 1):
        # Page 1 answers with and without its page number, as an ASP list does.
        for query in ([f"lb={column}"] if p == 1 else []) + [f"lb={column}&page={p}"]:
            write(f"/member/list.asp@{query}", member_listing(p, member_pages))
    for n in range(1, len(TITLES_MEMBER) + 1):
        title, paras, data = member_article(n, len(TITLES_MEMBER))
        write(member_article_target(n).replace("?", "@", 1), data)
        manifest.append({"url": f"http://{host}{member_article_target(n)}", "title": title,
                         "published_date": date_of("member", n), "body": "\n".join(paras),
                         "encoding": "gb2312", "in_listing": True})

    with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump({"host": host, "articles": manifest,
                   "disallowed": ["/admin/login.html"], "crawl_delay": float(crawl_delay)}, f,
                  ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
