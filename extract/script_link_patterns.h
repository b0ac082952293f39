// The script idioms through which old CMS templates name pages without an <a href>: a redirect
// on load, a pager written by a script, a click handler opening a page, listing records shipped
// inside a script. newsarc runs no JavaScript; each row of the table here reads one idiom's
// literal arguments from a script's text and names the URLs a browser would go to. A new CMS
// pager is a new row (and a test of its own in tests/extract/script_link_patterns_test.cpp).
// References are returned as written (relative or absolute); the caller resolves them.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace extract {

enum class ScriptLinkRole {
  kRedirect,    // the script sends the browser there (location.href = '…')
  kLink,        // a page opened on a click (window.open('…'), a link written by document.write)
  kPagination,  // a further page of a listing, written by a pager script
};

struct ScriptLink {
  std::string ref;  // as written in the script, unescaped
  ScriptLinkRole role = ScriptLinkRole::kLink;

  bool operator==(const ScriptLink&) const = default;
};

struct ScriptLinkPattern {
  const char* name;     // "trs-createPageHTML"
  const char* example;  // the idiom, as templates write it
  void (*read)(std::string_view script, std::vector<ScriptLink>& out);
};

// The rows, in the order ReadScriptLinks applies them.
std::span<const ScriptLinkPattern> ScriptLinkPatterns();

// Most pages a pager script may name (a larger count is a template error or a trap).
inline constexpr int kMaxScriptPagerPages = 2000;

// Every row over `script` (a <script> body, an event handler attribute, the text after
// "javascript:"), duplicates dropped, in the order found.
std::vector<ScriptLink> ReadScriptLinks(std::string_view script);

// A page function: `function goPage(n) { location.href = 'list.asp?page=' + n; }`. A call of it
// with a literal argument, `javascript:goPage(3)`, names 'list.asp?page=3'.
struct UrlFunction {
  std::string name;
  size_t param = 0;  // which argument goes into the URL
  std::string prefix;
  std::string suffix;
  ScriptLinkRole role = ScriptLinkRole::kLink;
};

// The page functions defined in `script`.
std::vector<UrlFunction> ReadUrlFunctions(std::string_view script);

// The URL named by calls of `functions` with literal arguments in `script` ("goPage(3)").
std::vector<ScriptLink> ApplyUrlFunctions(std::string_view script,
                                          const std::vector<UrlFunction>& functions);

// Record stores: listing entries shipped as markup inside a script, which the page's own
// script later writes into the list (Hanweb: <script type="text/xml"><datastore><recordset>
// <record><![CDATA[<li><a href=…>…</a></li>]]></record>…). Returns `html` with each such
// script replaced by the markup of its records (and of its <nextgroup> link), as a browser
// shows it, or nullopt when the page has none.
std::optional<std::string> ExpandRecordStores(std::string_view html);

}  // namespace extract
