#include "crawler/frontier.h"

#include "util/url.h"

namespace crawler {

const char* LinkKindName(LinkKind kind) {
  switch (kind) {
    case LinkKind::kSeed:
      return "seed";
    case LinkKind::kListing:
      return "listing";
    case LinkKind::kArticle:
      return "article";
    case LinkKind::kSibling:
      return "sibling";
    case LinkKind::kContinuation:
      return "continuation";
    case LinkKind::kRedirect:
      return "redirect";
    case LinkKind::kSitemap:
      return "sitemap";
    case LinkKind::kEntry:
      return "entry";
    case LinkKind::kOther:
      return "other";
  }
  return "other";
}

LinkKind LinkKindFromName(std::string_view name) {
  for (LinkKind k :
       {LinkKind::kSeed, LinkKind::kListing, LinkKind::kArticle, LinkKind::kSibling,
        LinkKind::kContinuation, LinkKind::kRedirect, LinkKind::kSitemap, LinkKind::kEntry}) {
    if (name == LinkKindName(k)) return k;
  }
  return LinkKind::kOther;
}

size_t MemoryFrontier::Add(const std::vector<FrontierEntry>& entries) {
  size_t added = 0;
  for (const auto& e : entries) {
    if (auto known = by_url_.find(e.url); known != by_url_.end()) {
      if (e.post_body) slots_[known->second].entry.post_body = e.post_body;
      continue;
    }
    Slot slot{e, EntryState::kQueued};
    slot.entry.id = next_id_++;
    by_url_[e.url] = slot.entry.id;
    slots_[slot.entry.id] = std::move(slot);
    ++added;
  }
  return added;
}

std::vector<FrontierEntry> MemoryFrontier::Take(const std::string& host, size_t max) {
  std::vector<FrontierEntry> out;
  for (auto& [id, slot] : slots_) {
    if (out.size() >= max) break;
    if (slot.state == EntryState::kQueued && slot.entry.host == host) {
      slot.state = EntryState::kInFlight;
      out.push_back(slot.entry);
    }
  }
  return out;
}

std::vector<std::string> MemoryFrontier::HostsWithWork() {
  std::set<std::string> hosts;
  for (const auto& [id, slot] : slots_) {
    if (slot.state == EntryState::kQueued) hosts.insert(slot.entry.host);
  }
  return {hosts.begin(), hosts.end()};
}

void MemoryFrontier::Finish(int64_t id, EntryState state) {
  auto it = slots_.find(id);
  if (it != slots_.end()) it->second.state = state;
}

void MemoryFrontier::RetryLater(int64_t id, std::chrono::system_clock::time_point not_before) {
  (void)not_before;
  auto it = slots_.find(id);
  if (it == slots_.end()) return;
  it->second.state = EntryState::kQueued;
  ++it->second.entry.attempts;
}

size_t MemoryFrontier::QueuedCount() {
  size_t n = 0;
  for (const auto& [id, slot] : slots_) n += slot.state == EntryState::kQueued;
  return n;
}

std::optional<std::string> MemoryFrontier::SchemeOf(const std::string& host) {
  for (const auto& [id, slot] : slots_) {
    if (slot.entry.host != host || slot.state != EntryState::kQueued) continue;
    if (auto parts = util::SplitUrl(slot.entry.url)) return parts->scheme;
  }
  return std::nullopt;
}

size_t MemoryFrontier::RequeueInFlight() {
  size_t n = 0;
  for (auto& [id, slot] : slots_) {
    if (slot.state == EntryState::kInFlight) {
      slot.state = EntryState::kQueued;
      ++n;
    }
  }
  return n;
}

std::vector<TemplateYield> MemoryFrontier::LoadTemplateYields(const std::string& host) {
  std::vector<TemplateYield> out;
  for (const auto& [key, yield] : yields_) {
    if (key.first == host) out.push_back(yield);
  }
  return out;
}

void MemoryFrontier::SaveTemplateYield(const TemplateYield& yield) {
  yields_[{yield.host, yield.url_template}] = yield;
}

std::optional<EntryState> MemoryFrontier::StateOf(const std::string& url) const {
  auto it = by_url_.find(url);
  if (it == by_url_.end()) return std::nullopt;
  return slots_.at(it->second).state;
}

}  // namespace crawler
