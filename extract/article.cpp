#include "extract/article.h"

namespace extract {

const char* PageKindName(PageKind kind) {
  switch (kind) {
    case PageKind::kArticle:
      return "article";
    case PageKind::kListing:
      return "listing";
    case PageKind::kOther:
      return "other";
  }
  return "other";
}

const char* DateRoleName(DateRole role) {
  switch (role) {
    case DateRole::kPublished:
      return "published";
    case DateRole::kUpdated:
      return "updated";
    case DateRole::kOther:
      return "other";
  }
  return "other";
}

}  // namespace extract
