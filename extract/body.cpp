// PLACEHOLDER until the body module lands: the text of <body>.
#include "extract/body.h"

#include "extract/text_normalize.h"

namespace extract {

BodyResult ExtractBody(const PageContext& ctx) {
  BodyResult r;
  r.container = ctx.doc.FindFirst("body");
  if (r.container != kNoNode) r.text = CleanParagraphs(ctx.doc.Text(r.container));
  return r;
}

}  // namespace extract
