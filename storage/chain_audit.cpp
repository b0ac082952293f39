#include "storage/chain_audit.h"

#include <algorithm>
#include <unordered_map>

namespace storage {
namespace {

constexpr size_t kNoArticle = static_cast<size_t>(-1);

// The link state of a section while its links are followed: succ/pred by article index.
struct Links {
  std::vector<size_t> succ;
  std::vector<size_t> pred;
};

// How `to`'s link back disagrees with `from` (its claimed predecessor), or nullopt when it
// names `from`.
std::optional<ChainBreak> CheckBackLink(const ChainLink& back, const std::string& from,
                                        const std::string& to, ChainDirection via) {
  ChainBreak b{from, to, via, BreakKind::kNoBackLink, std::nullopt};
  switch (back.kind) {
    case ChainLink::Kind::kUrl:
      if (back.url == (via == ChainDirection::kNext ? from : to)) return std::nullopt;
      b.kind = BreakKind::kPointsElsewhere;
      b.other = back.url;
      return b;
    case ChainLink::Kind::kNone:
      b.kind = BreakKind::kSaysNone;
      return b;
    case ChainLink::Kind::kUnknown:
      return b;
  }
  return b;
}

}  // namespace

const char* ChainDirectionName(ChainDirection direction) {
  return direction == ChainDirection::kPrev ? "prev" : "next";
}

const char* BreakKindName(BreakKind kind) {
  switch (kind) {
    case BreakKind::kPointsElsewhere:
      return "points_elsewhere";
    case BreakKind::kSaysNone:
      return "says_none";
    case BreakKind::kNoBackLink:
      return "no_back_link";
    case BreakKind::kSecondLink:
      return "second_link";
  }
  return "no_back_link";
}

ChainAudit AuditChains(const std::vector<ChainArticle>& section,
                       const std::vector<std::string>& site_archived) {
  ChainAudit audit;
  // The section's articles, each URL once, in input order.
  std::vector<const ChainArticle*> articles;
  std::unordered_map<std::string, size_t> index;
  articles.reserve(section.size());
  index.reserve(section.size());
  for (const ChainArticle& a : section) {
    if (index.emplace(a.url, articles.size()).second) articles.push_back(&a);
  }
  const size_t n = articles.size();
  audit.articles = static_cast<int64_t>(n);
  auto find = [&index](const ChainLink& link) {
    if (link.kind != ChainLink::Kind::kUrl) return kNoArticle;
    auto it = index.find(link.url);
    return it == index.end() ? kNoArticle : it->second;
  };

  // Holes and links out of the section.
  std::unordered_map<std::string, size_t> hole_index;
  for (const ChainArticle* a : articles) {
    for (ChainDirection dir : {ChainDirection::kPrev, ChainDirection::kNext}) {
      const ChainLink& link = dir == ChainDirection::kPrev ? a->prev : a->next;
      if (link.kind != ChainLink::Kind::kUrl || index.count(link.url)) continue;
      if (std::binary_search(site_archived.begin(), site_archived.end(), link.url)) {
        ++audit.links_out_of_section;
        continue;
      }
      auto [it, added] = hole_index.emplace(link.url, audit.holes.size());
      if (added) {
        audit.holes.push_back(ChainHole{link.url, a->url, dir, 1});
      } else {
        ++audit.holes[it->second].links;
      }
    }
  }

  // A template that prints one direction only: no link back is expected.
  auto shows = [&articles](ChainDirection dir) {
    return std::any_of(articles.begin(), articles.end(), [dir](const ChainArticle* a) {
      return (dir == ChainDirection::kPrev ? a->prev : a->next).kind != ChainLink::Kind::kUnknown;
    });
  };
  bool shows_prev = shows(ChainDirection::kPrev);
  bool shows_next = shows(ChainDirection::kNext);
  if (shows_next && !shows_prev) audit.one_way = ChainDirection::kNext;
  if (shows_prev && !shows_next) audit.one_way = ChainDirection::kPrev;
  auto expected = [&audit](const ChainBreak& b) {
    return !(b.kind == BreakKind::kNoBackLink && audit.one_way == b.via);
  };

  // 1. Next links: A.next = B links A to B unless B already follows another article.
  Links links{std::vector<size_t>(n, kNoArticle), std::vector<size_t>(n, kNoArticle)};
  for (size_t i = 0; i < n; ++i) {
    size_t j = find(articles[i]->next);
    if (j == kNoArticle) continue;
    if (links.pred[j] == kNoArticle) {
      links.succ[i] = j;
      links.pred[j] = i;
    } else if (links.pred[j] != i) {
      audit.breaks.push_back(ChainBreak{articles[i]->url, articles[j]->url, ChainDirection::kNext,
                                        BreakKind::kSecondLink, articles[links.pred[j]]->url});
      continue;
    }
    if (auto b = CheckBackLink(articles[j]->prev, articles[i]->url, articles[j]->url,
                               ChainDirection::kNext);
        b && expected(*b)) {
      audit.breaks.push_back(std::move(*b));
    }
  }
  // 2. Previous links not matched by a next link: B.prev = A links A to B when both are free.
  for (size_t j = 0; j < n; ++j) {
    size_t i = find(articles[j]->prev);
    if (i == kNoArticle || links.succ[i] == j) continue;
    if (auto b = CheckBackLink(articles[i]->next, articles[i]->url, articles[j]->url,
                               ChainDirection::kPrev)) {
      if (b->kind == BreakKind::kNoBackLink && links.succ[i] == kNoArticle &&
          links.pred[j] == kNoArticle) {
        links.succ[i] = j;
        links.pred[j] = i;
      }
      if (expected(*b)) audit.breaks.push_back(std::move(*b));
    }
  }

  // 3. Chains: walk from every article nothing precedes.
  std::vector<bool> visited(n, false);
  std::vector<std::string> singles;
  for (size_t head = 0; head < n; ++head) {
    if (links.pred[head] != kNoArticle) continue;
    size_t length = 0;
    size_t last = head;
    for (size_t at = head; at != kNoArticle && !visited[at]; at = links.succ[at]) {
      visited[at] = true;
      last = at;
      ++length;
    }
    if (length > 1) {
      audit.chains.push_back(
          Chain{articles[head]->url, articles[last]->url, static_cast<int64_t>(length)});
    } else {
      singles.push_back(articles[head]->url);
    }
  }
  // 4. What is left has a predecessor all round: cycles.
  for (size_t start = 0; start < n; ++start) {
    if (visited[start]) continue;
    ChainCycle cycle;
    for (size_t at = start; at != kNoArticle && !visited[at]; at = links.succ[at]) {
      visited[at] = true;
      cycle.urls.push_back(articles[at]->url);
    }
    audit.cycles.push_back(std::move(cycle));
  }
  std::sort(audit.chains.begin(), audit.chains.end(), [](const Chain& a, const Chain& b) {
    return a.length != b.length ? a.length > b.length : a.first < b.first;
  });
  if (!audit.chains.empty() || !audit.cycles.empty()) audit.orphans = std::move(singles);
  return audit;
}

}  // namespace storage
