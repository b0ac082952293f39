// Form posts: ASP.NET postback links, and the form a browser would submit for them (HTML
// §4.10.21.4 "constructing the entry list": the form's enabled, named controls in tree order;
// unchecked checkboxes and radios, buttons and file inputs left out).
#include "extract/form_posts.h"

#include <set>

#include "extract/document_url.h"
#include "extract/text_normalize.h"
#include "util/url.h"

namespace extract {
namespace {

struct Postback {
  std::string target;
  std::string argument;
};

// A quoted JavaScript string literal at `i` ('…' or "…", with backslash escapes); advances past
// it. nullopt when there is none.
std::optional<std::string> ReadQuoted(std::string_view s, size_t& i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  if (i >= s.size() || (s[i] != '\'' && s[i] != '"')) return std::nullopt;
  char quote = s[i++];
  std::string out;
  for (; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      out += s[++i];
    } else if (s[i] == quote) {
      ++i;
      return out;
    } else {
      out += s[i];
    }
  }
  return std::nullopt;
}

// Skips spaces and one comma.
void SkipComma(std::string_view s, size_t& i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  if (i < s.size() && s[i] == ',') ++i;
}

// The postback a click script makes: __doPostBack('target','argument') or
// WebForm_DoPostBackWithOptions(new WebForm_PostBackOptions("target", "argument", …)).
std::optional<Postback> ReadPostback(std::string_view script) {
  for (std::string_view call : {"__doPostBack(", "WebForm_PostBackOptions("}) {
    size_t at = script.find(call);
    if (at == std::string_view::npos) continue;
    size_t i = at + call.size();
    auto target = ReadQuoted(script, i);
    if (!target || target->empty()) continue;
    SkipComma(script, i);
    auto argument = ReadQuoted(script, i);
    return Postback{*target, argument.value_or("")};
  }
  return std::nullopt;
}

std::string LowerAttr(const Document& doc, NodeId id, std::string_view name) {
  auto v = doc.Attr(id, name);
  return v ? LowerAscii(*v) : std::string();
}

// The name/value pairs a browser submits for `form` (controls inside it, in tree order).
std::vector<std::pair<std::string, std::string>> FormEntries(const Document& doc, NodeId form) {
  std::vector<std::pair<std::string, std::string>> entries;
  for (NodeId id = form + 1; id < doc.SubtreeEnd(form); ++id) {
    const Node& n = doc.node(id);
    if (n.type != NodeType::kElement) continue;
    auto name = doc.Attr(id, "name");
    if (!name || name->empty() || doc.Attr(id, "disabled")) continue;
    if (n.tag == "input") {
      std::string type = LowerAttr(doc, id, "type");
      if (type == "submit" || type == "button" || type == "image" || type == "reset" ||
          type == "file") {
        continue;
      }
      if ((type == "checkbox" || type == "radio") && !doc.Attr(id, "checked")) continue;
      std::string value(doc.Attr(id, "value")
                            .value_or(type == "checkbox" || type == "radio" ? std::string_view("on")
                                                                            : std::string_view()));
      entries.emplace_back(std::string(*name), std::move(value));
    } else if (n.tag == "select") {
      NodeId chosen = kNoNode;
      for (NodeId option : doc.FindAll("option", id)) {
        if (chosen == kNoNode || doc.Attr(option, "selected")) chosen = option;
        if (doc.Attr(option, "selected")) break;
      }
      if (chosen == kNoNode) continue;
      auto value = doc.Attr(chosen, "value");
      entries.emplace_back(std::string(*name),
                           value ? std::string(*value) : doc.CompactText(chosen));
    } else if (n.tag == "textarea") {
      entries.emplace_back(std::string(*name), doc.Text(id));
    }
  }
  return entries;
}

// The page's WebForms form: the first <form> holding __VIEWSTATE or __EVENTTARGET.
NodeId WebFormsForm(const Document& doc) {
  for (NodeId form : doc.FindAll("form")) {
    for (NodeId input : doc.FindAll("input", form)) {
      auto name = doc.Attr(input, "name");
      if (name && (*name == "__VIEWSTATE" || *name == "__EVENTTARGET")) return form;
    }
  }
  return kNoNode;
}

std::string Serialize(const std::vector<std::pair<std::string, std::string>>& entries,
                      const Postback& postback, const std::string& encoding) {
  std::string body;
  auto append = [&](std::string_view name, std::string_view value) {
    if (!body.empty()) body += '&';
    body += FormUrlEncode(name, encoding);
    body += '=';
    body += FormUrlEncode(value, encoding);
  };
  bool has_target = false, has_argument = false;
  for (const auto& [name, value] : entries) {
    if (name == "__EVENTTARGET") {
      append(name, postback.target);
      has_target = true;
    } else if (name == "__EVENTARGUMENT") {
      append(name, postback.argument);
      has_argument = true;
    } else {
      append(name, value);
    }
  }
  // __doPostBack adds the two fields when the form lacks them.
  if (!has_target) append("__EVENTTARGET", postback.target);
  if (!has_argument) append("__EVENTARGUMENT", postback.argument);
  return body;
}

}  // namespace

std::vector<FormPost> ReadFormPosts(const PageContext& ctx) {
  const Document& doc = ctx.doc;
  std::vector<FormPost> out;
  if (doc.empty()) return out;
  NodeId page_form = kNoNode;
  bool page_form_known = false;
  std::set<std::string> seen;
  for (NodeId id = 0; id < static_cast<NodeId>(doc.size()); ++id) {
    const Node& n = doc.node(id);
    if (n.type != NodeType::kElement || (n.tag != "a" && n.tag != "input" && n.tag != "button")) {
      continue;
    }
    std::optional<Postback> postback;
    if (auto href = doc.Attr(id, "href")) postback = ReadPostback(*href);
    if (!postback) {
      if (auto onclick = doc.Attr(id, "onclick")) postback = ReadPostback(*onclick);
    }
    if (!postback) continue;
    NodeId form = doc.ClosestAncestor(id, "form");
    if (form == kNoNode) {
      if (!page_form_known) {
        page_form = WebFormsForm(doc);
        page_form_known = true;
      }
      form = page_form;
    }
    if (form == kNoNode) continue;
    auto action_attr = doc.Attr(form, "action");
    std::string_view action = action_attr ? *action_attr : std::string_view();
    auto action_url =
        action.empty() ? std::optional<std::string>(ctx.base_url) : ctx.Resolve(action);
    if (!action_url ||
        !(action_url->starts_with("http://") || action_url->starts_with("https://"))) {
      continue;
    }
    std::string base = action_url->substr(0, action_url->find('#'));
    FormPost post;
    post.key_url = base + "#__doPostBack(" + postback->target + "," + postback->argument + ")";
    if (!seen.insert(post.key_url).second) continue;
    post.action_url = std::move(base);
    post.body = Serialize(FormEntries(doc, form), *postback, ctx.encoding);
    post.text =
        n.tag == "input" ? std::string(doc.Attr(id, "value").value_or("")) : doc.CompactText(id);
    out.push_back(std::move(post));
  }
  return out;
}

}  // namespace extract
