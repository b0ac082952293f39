// A chain audit is the walk of the 上一条/下一条 (previous/next article) links of one section's
// archived articles: the chains they form, the holes (a link to a URL that is not an archived
// article), the breaks (two pages that disagree about their neighbour), cycles and orphans.
// Pure functions over plain structs, no archive access; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace storage {

// What one page says about a neighbour: a URL, "there is none" (没有了), or nothing at all.
struct ChainLink {
  enum class Kind { kUnknown, kNone, kUrl };
  Kind kind = Kind::kUnknown;
  std::string url;  // kUrl only: keyed as the archive keys URLs (UrlKeyOf)

  static ChainLink Unknown() { return {}; }
  static ChainLink None() { return {Kind::kNone, ""}; }
  static ChainLink To(std::string url) { return {Kind::kUrl, std::move(url)}; }
};

// One archived article of the section, with its links resolved to article URLs where the archive
// knows them (a link to a URL crawled under another key, e.g. through a redirect or archived under
// its rel=canonical URL, names that article's URL).
struct ChainArticle {
  std::string url;
  ChainLink prev;
  ChainLink next;
};

enum class ChainDirection { kPrev, kNext };
const char* ChainDirectionName(ChainDirection direction);

// A maximal run of articles linked next to next, first to last.
struct Chain {
  std::string first;
  std::string last;
  int64_t length = 0;
};

// A link from an archived article to a URL no article is archived under.
struct ChainHole {
  std::string url;   // the missing target
  std::string from;  // the first article (in input order) linking to it
  ChainDirection direction = ChainDirection::kNext;
  int64_t links = 1;  // how many links (from any article, either direction) point to it
};

// How the other page of a claimed link disagrees.
enum class BreakKind {
  kPointsElsewhere,  // it names another URL (`other`)
  kSaysNone,         // it says there is no such article (没有了)
  kNoBackLink,       // it shows no link back at all
  kSecondLink,       // the claimed follower already follows another article (`other`)
};
const char* BreakKindName(BreakKind kind);

// Two articles that disagree about being neighbours. `via` says which page claims the link:
// kNext: from.next = to, and `to`'s previous link disagrees; kPrev: to.prev = from, and `from`'s
// next link disagrees.
struct ChainBreak {
  std::string from;
  std::string to;
  ChainDirection via = ChainDirection::kNext;
  BreakKind kind = BreakKind::kNoBackLink;
  std::optional<std::string> other;
};

// Articles whose next links lead back to themselves, in walk order.
struct ChainCycle {
  std::vector<std::string> urls;
};

struct ChainAudit {
  int64_t articles = 0;
  std::vector<Chain> chains;  // length > 1, longest first (then by first URL)
  std::vector<ChainHole> holes;
  std::vector<ChainBreak> breaks;
  std::vector<ChainCycle> cycles;
  // Articles in no chain of length > 1 while the section has such chains (none otherwise: a
  // section whose pages show no links is not "orphaned", it has no chain to join).
  std::vector<std::string> orphans;
  // Links to an article archived in another section of the same site (not holes).
  int64_t links_out_of_section = 0;
  // The section's pages print links one way only (kNext: no page shows a previous link, kPrev:
  // none shows a next link): a page without a link back is then the template's, not a break,
  // and breaks of kind kNoBackLink are not listed. nullopt: both ways (or no links at all).
  std::optional<ChainDirection> one_way;
};

// Audits one section: `section` holds its articles in a stable order (reports follow it; a
// repeated URL is ignored), `site_archived` every article URL archived for the site, sorted (a
// link to one outside `section` ends a chain without being a hole). A link is followed
// when either page claims it (A.next = B or B.prev = A) and B follows no other article yet.
// Iterative, each article walked once: O(n log n) for n articles, no recursion.
ChainAudit AuditChains(const std::vector<ChainArticle>& section,
                       const std::vector<std::string>& site_archived);

}  // namespace storage
