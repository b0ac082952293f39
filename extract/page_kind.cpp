// PLACEHOLDER until the page-kind module lands.
#include "extract/page_kind.h"

namespace extract {

PageKindResult ClassifyPage(const PageContext&, const BodyResult& body, bool has_title, bool) {
  PageKindResult r;
  r.kind = (!body.text.empty() && has_title) ? PageKind::kArticle : PageKind::kOther;
  return r;
}

}  // namespace extract
