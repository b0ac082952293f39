// `newsarc audit`: how complete an archive is, per site and section: the chains its articles'
// previous/next links form, the holes in them (a linked article never archived, and why),
// breaks, cycles and orphans, the totals its listing pages print against what is archived, and
// the months with no or few articles. Text or JSON; exit 3 while holes remain.
#pragma once

#include <optional>
#include <string>

namespace cli {

struct AuditCommandOptions {
  std::string db;
  std::optional<std::string> site;
  std::string format = "text";
  bool problems_only = false;  // -q: only what is wrong
};

int RunAudit(const AuditCommandOptions& options);

}  // namespace cli
