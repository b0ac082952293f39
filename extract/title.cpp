// PLACEHOLDER until the title module lands: the <title> text.
#include "extract/title.h"

namespace extract {

std::string StripTitleDecoration(std::string_view title) { return std::string(title); }

std::optional<std::string> ExtractTitle(const PageContext& ctx, NodeId) {
  NodeId t = ctx.doc.FindFirst("title");
  if (t == kNoNode) return std::nullopt;
  std::string s;
  for (NodeId c : ctx.doc.node(t).children) s += ctx.doc.node(c).text;
  s = CollapseWhitespace(s);
  if (s.empty()) return std::nullopt;
  return s;
}

}  // namespace extract
