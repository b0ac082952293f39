// libFuzzer target: the robots.txt parser and matcher on arbitrary bytes. ParseRobots must
// accept anything; IsAllowed must answer, within bounds, for paths taken from the input itself
// and from the rules it produced. Seed with the real files:
//   mkdir -p /tmp/fz-robots && build/fuzz/fuzz/newsarc_robots_fuzz -max_total_time=180 \
//     -max_len=65536 /tmp/fz-robots ../shared/robots-corpus
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "crawler/robots.h"

namespace {

constexpr size_t kMaxRulesChecked = 16;

// The first line of the input, as a path: lets the fuzzer pick paths that hit its own rules.
std::string PathFromInput(std::string_view input) {
  std::string path = "/";
  path += input.substr(0, input.find_first_of("\r\n"));
  return path;
}

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const crawler::RobotsRules rules = crawler::ParseRobots(body, "newsarc");

  for (const crawler::RobotsRule& rule : rules.rules) Check(!rule.pattern.empty());
  if (rules.crawl_delay_seconds) Check(*rules.crawl_delay_seconds >= 0);

  // RFC 9309 §2.2.2: /robots.txt is always allowed.
  Check(crawler::IsAllowed(rules, "/robots.txt"));
  (void)crawler::IsAllowed(rules, "/");
  (void)crawler::IsAllowed(rules, PathFromInput(body));

  // Every rule's text is a path IsAllowed can judge, and a literal rule (no wildcard, no
  // anchor) matches its own text.
  for (size_t i = 0; i < rules.rules.size() && i < kMaxRulesChecked; ++i) {
    const crawler::RobotsRule& rule = rules.rules[i];
    (void)crawler::IsAllowed(rules, rule.pattern);
    if (rule.pattern.find_first_of("*$") == std::string::npos) {
      Check(crawler::internal::PatternMatches(rule.pattern, rule.pattern));
    }
  }
  return 0;
}
