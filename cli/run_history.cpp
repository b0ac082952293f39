#include "cli/run_history.h"

#include <algorithm>
#include <charconv>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/app_options.h"
#include "cli/archive_errors.h"
#include "cli/json_output.h"
#include "storage/archive.h"
#include "storage/article_history.h"
#include "storage/url_report.h"
#include "storage/version_diff.h"
#include "util/error.h"
#include "util/log.h"
#include "util/paragraph_diff.h"

namespace cli {
namespace {

// Unchanged paragraphs shown around each change in the text diff.
constexpr size_t kContextParagraphs = 1;

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string CaptureText(const std::optional<int64_t>& capture_id) {
  return capture_id ? "capture " + std::to_string(*capture_id) : "no capture";
}

// The history of the URL a command was given, or the exit code it ends with (the error said).
struct Loaded {
  std::optional<storage::ArticleHistory> history;
  int exit_code = util::kExitOk;
};

Loaded LoadHistory(const char* command, const std::string& db, const std::string& typed) {
  auto key = storage::UrlKeyOf(typed);
  if (!key) {
    util::LogError(std::string(command) + ": '" + typed +
                   "' is not an http(s) URL; give the page's address as crawled, e.g. "
                   "http://www.example.org/news/1.html");
    return {std::nullopt, util::kExitUsage};
  }
  auto archive = storage::Archive::Open(db, {.read_only = true});
  if (!archive) return {std::nullopt, ReportArchiveOpenError(db, archive.error())};
  auto history = storage::ReadArticleHistory(*archive, *key);
  if (!history) return {std::nullopt, ReportArchiveReadError(db, history.error())};
  if (!*history || (*history)->versions.empty()) {
    util::LogError(db + ": " + *key +
                   " has no archived article (not archived under this URL, its canonical URL "
                   "or where it redirects); newsarc show --db " +
                   db + " " + *key + " says what the archive knows of it");
    return {std::nullopt, util::kExitUsage};
  }
  return {std::move(*history), util::kExitOk};
}

std::string Dump(const Json& json) {
  return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

// --- history ---

// "title, body 18 -> 30 chars, 2 -> 3 paragraphs (1 added, 1 changed)".
std::string BodyChangeText(const storage::BodyChange& c) {
  std::string text = "body " + std::to_string(c.chars_before) + " -> " +
                     std::to_string(c.chars_after) + " chars, " +
                     std::to_string(c.paragraphs_before) + " -> " +
                     Plural(c.paragraphs_after, "paragraph", "paragraphs");
  std::vector<std::string> parts;
  if (c.added > c.moved) parts.push_back(std::to_string(c.added - c.moved) + " added");
  if (c.removed > c.moved) parts.push_back(std::to_string(c.removed - c.moved) + " removed");
  if (c.changed > 0) parts.push_back(std::to_string(c.changed) + " changed");
  if (c.moved > 0) parts.push_back(std::to_string(c.moved) + " moved");
  if (!parts.empty()) {
    text += " (";
    for (size_t i = 0; i < parts.size(); ++i) text += (i ? ", " : "") + parts[i];
    text += ")";
  }
  return text;
}

Json BodyChangeJson(const storage::BodyChange& c) {
  return Json{{"chars_before", c.chars_before},
              {"chars_after", c.chars_after},
              {"paragraphs_before", c.paragraphs_before},
              {"paragraphs_after", c.paragraphs_after},
              {"added", c.added - c.moved},
              {"removed", c.removed - c.moved},
              {"changed", c.changed},
              {"moved", c.moved}};
}

Json FieldsJson(const std::vector<storage::FieldChange>& fields) {
  Json out = Json::array();
  for (const auto& f : fields) {
    out.push_back(
        Json{{"field", f.field}, {"before", OrNull(f.before)}, {"after", OrNull(f.after)}});
  }
  return out;
}

// What changed in each version against the one before it (nullopt for the first).
std::vector<std::optional<storage::VersionDiff>> ConsecutiveDiffs(
    const storage::ArticleHistory& history) {
  std::vector<std::optional<storage::VersionDiff>> diffs;
  for (size_t i = 0; i < history.versions.size(); ++i) {
    if (i == 0) {
      diffs.emplace_back();
    } else {
      diffs.push_back(
          storage::DiffVersions(history.versions[i - 1].article, history.versions[i].article));
    }
  }
  return diffs;
}

void PrintHistoryText(const storage::ArticleHistory& history,
                      const std::vector<std::optional<storage::VersionDiff>>& diffs, bool quiet) {
  if (!quiet) {
    std::cout << history.url << ": " << Plural(history.versions.size(), "version", "versions");
    if (history.article_url != history.url) {
      std::cout << " (archived under " << history.article_url << ")";
    }
    std::cout << "\n";
  }
  for (size_t i = 0; i < history.versions.size(); ++i) {
    const storage::StoredVersion& v = history.versions[i];
    std::cout << v.version << "  " << v.fetched_at << "  " << CaptureText(v.capture_id) << "  ";
    if (!diffs[i]) {
      std::cout << "first version: " << util::CodePointCount(v.article.body) << " chars, "
                << Plural(util::SplitParagraphs(v.article.body).size(), "paragraph", "paragraphs")
                << "\n";
      continue;
    }
    std::vector<std::string> parts;
    for (const auto& f : diffs[i]->fields) parts.push_back(f.field);
    if (!diffs[i]->body.IsIdentical()) parts.push_back(BodyChangeText(diffs[i]->body_change));
    if (parts.empty()) {
      std::cout << "no field changed\n";
      continue;
    }
    std::cout << "changed: ";
    for (size_t p = 0; p < parts.size(); ++p) std::cout << (p ? ", " : "") << parts[p];
    std::cout << "\n";
  }
}

Json HistoryJson(const storage::ArticleHistory& history,
                 const std::vector<std::optional<storage::VersionDiff>>& diffs) {
  Json out{{"url", history.url},
           {"article_url", history.article_url},
           {"article_match", storage::ArticleMatchName(history.match)},
           {"versions", Json::array()}};
  for (size_t i = 0; i < history.versions.size(); ++i) {
    const storage::StoredVersion& v = history.versions[i];
    Json entry{{"version", v.version},
               {"fetched_at", v.fetched_at},
               {"capture_id", OrNull(v.capture_id)},
               {"title", OrNull(v.article.title)},
               {"body_chars", util::CodePointCount(v.article.body)},
               {"body_paragraphs", util::SplitParagraphs(v.article.body).size()}};
    Json changed = Json::array();
    if (diffs[i]) {
      for (const auto& f : diffs[i]->fields) changed.push_back(f.field);
      if (!diffs[i]->body.IsIdentical()) changed.push_back("body");
    }
    entry["changed"] = changed;
    entry["fields"] = diffs[i] ? FieldsJson(diffs[i]->fields) : Json::array();
    entry["body_change"] = diffs[i] && !diffs[i]->body.IsIdentical()
                               ? BodyChangeJson(diffs[i]->body_change)
                               : Json(nullptr);
    out["versions"].push_back(std::move(entry));
  }
  return out;
}

// --- diff ---

// A version number as typed, checked against the versions there are.
std::optional<size_t> ParseVersion(const std::string& text, size_t count) {
  size_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1 || value > count) {
    return std::nullopt;
  }
  return value;
}

std::string ValueText(const std::optional<std::string>& value) { return value ? *value : "(none)"; }

// A changed paragraph's old (or new) side with the differing characters marked as
// `git diff --word-diff` marks words: [-removed-] and {+added+}.
std::string MarkedText(const std::vector<util::TextSpan>& spans, util::EditOp side) {
  std::string text;
  for (const auto& span : spans) {
    if (span.op == util::EditOp::kEqual) {
      text += span.text;
    } else if (span.op == side) {
      text += side == util::EditOp::kDelete ? "[-" + span.text + "-]" : "{+" + span.text + "+}";
    }
  }
  return text;
}

void PrintEdit(const util::ParagraphEdit& e) {
  switch (e.op) {
    case util::ParagraphOp::kEqual:
      std::cout << " " << e.new_text << "\n";
      break;
    case util::ParagraphOp::kRemoved:
      std::cout << "-" << e.old_text << (e.moved ? "  [moved]" : "") << "\n";
      break;
    case util::ParagraphOp::kAdded:
      std::cout << "+" << e.new_text << (e.moved ? "  [moved]" : "") << "\n";
      break;
    case util::ParagraphOp::kChanged:
      std::cout << "-" << MarkedText(e.spans, util::EditOp::kDelete) << "\n";
      std::cout << "+" << MarkedText(e.spans, util::EditOp::kInsert) << "\n";
      break;
  }
}

// The body's changes as unified-diff hunks: each change with kContextParagraphs unchanged
// paragraphs around it, under "@@ paragraph N @@" (N: where it starts in the newer version).
void PrintBodyHunks(const util::ParagraphDiff& body) {
  const auto& edits = body.edits;
  size_t i = 0;
  while (i < edits.size()) {
    while (i < edits.size() && edits[i].op == util::ParagraphOp::kEqual) ++i;
    if (i == edits.size()) break;
    size_t start = i >= kContextParagraphs ? i - kContextParagraphs : 0;
    // The hunk runs to the last change followed by no more than 2 * context equal paragraphs.
    size_t end = i;
    size_t last_change = i;
    while (end < edits.size()) {
      if (edits[end].op != util::ParagraphOp::kEqual) {
        last_change = end;
      } else if (end - last_change > 2 * kContextParagraphs) {
        break;
      }
      ++end;
    }
    end = std::min(edits.size(), last_change + 1 + kContextParagraphs);
    std::cout << "@@ paragraph " << edits[start].new_index + 1;
    if (edits[start].old_index != edits[start].new_index) {
      std::cout << ", was " << edits[start].old_index + 1;
    }
    std::cout << " @@\n";
    for (size_t k = start; k < end; ++k) PrintEdit(edits[k]);
    i = end;
  }
}

void PrintVersionLine(const char* marker, const storage::StoredVersion& v) {
  std::cout << marker << " version " << v.version << "  " << v.fetched_at << "  "
            << CaptureText(v.capture_id) << "\n";
}

void PrintDiffText(const storage::StoredVersion& from, const storage::StoredVersion& to,
                   const storage::VersionDiff& diff, bool quiet) {
  if (diff.IsIdentical()) {
    if (!quiet) {
      std::cout << "No differences between version " << from.version << " and version "
                << to.version << ".\n";
    }
    return;
  }
  if (!quiet) {
    PrintVersionLine("---", from);
    PrintVersionLine("+++", to);
  }
  for (const auto& f : diff.fields) {
    std::cout << f.field << ": " << ValueText(f.before) << " -> " << ValueText(f.after) << "\n";
  }
  if (diff.body.IsIdentical()) return;
  std::cout << BodyChangeText(diff.body_change) << "\n";
  if (!diff.body.minimal) {
    std::cout << "(the bodies differ too much to be aligned exactly: part of them is shown as "
                 "removed and added)\n";
  }
  PrintBodyHunks(diff.body);
}

Json VersionJson(const storage::StoredVersion& v) {
  return Json{
      {"version", v.version}, {"fetched_at", v.fetched_at}, {"capture_id", OrNull(v.capture_id)}};
}

const char* ParagraphOpName(util::ParagraphOp op) {
  switch (op) {
    case util::ParagraphOp::kEqual:
      return "equal";
    case util::ParagraphOp::kRemoved:
      return "removed";
    case util::ParagraphOp::kAdded:
      return "added";
    case util::ParagraphOp::kChanged:
      return "changed";
  }
  return "equal";
}

const char* SpanOpName(util::EditOp op) {
  switch (op) {
    case util::EditOp::kEqual:
      return "equal";
    case util::EditOp::kDelete:
      return "removed";
    case util::EditOp::kInsert:
      return "added";
  }
  return "equal";
}

Json DiffJson(const storage::ArticleHistory& history, const storage::StoredVersion& from,
              const storage::StoredVersion& to, const storage::VersionDiff& diff) {
  Json body = BodyChangeJson(diff.body_change);
  body["exact"] = diff.body.minimal;
  Json paragraphs = Json::array();
  for (const auto& e : diff.body.edits) {
    if (e.op == util::ParagraphOp::kEqual) continue;
    // 1-based; a side the paragraph is absent from gives where it would stand.
    Json p{{"op", ParagraphOpName(e.op)},
           {"old_paragraph", e.old_index + 1},
           {"new_paragraph", e.new_index + 1}};
    if (e.op == util::ParagraphOp::kChanged) {
      p["before"] = e.old_text;
      p["after"] = e.new_text;
      Json spans = Json::array();
      for (const auto& s : e.spans)
        spans.push_back(Json{{"op", SpanOpName(s.op)}, {"text", s.text}});
      p["spans"] = std::move(spans);
    } else {
      p["text"] = e.op == util::ParagraphOp::kRemoved ? e.old_text : e.new_text;
      p["moved"] = e.moved;
    }
    paragraphs.push_back(std::move(p));
  }
  body["paragraphs"] = std::move(paragraphs);
  return Json{{"url", history.url},
              {"article_url", history.article_url},
              {"from", VersionJson(from)},
              {"to", VersionJson(to)},
              {"identical", diff.IsIdentical()},
              {"fields", FieldsJson(diff.fields)},
              {"body", std::move(body)}};
}

}  // namespace

int RunHistory(const HistoryCommandOptions& options) {
  Loaded loaded = LoadHistory("history", options.db, options.url);
  if (!loaded.history) return loaded.exit_code;
  auto diffs = ConsecutiveDiffs(*loaded.history);
  if (options.format == "json") {
    std::cout << Dump(HistoryJson(*loaded.history, diffs)) << "\n";
  } else {
    PrintHistoryText(*loaded.history, diffs, options.quiet);
  }
  return util::kExitOk;
}

int RunDiff(const DiffCommandOptions& options) {
  if (options.versions.size() > 2) {
    util::LogError("diff: at most two versions can be compared (got " +
                   std::to_string(options.versions.size()) + ")");
    return util::kExitUsage;
  }
  Loaded loaded = LoadHistory("diff", options.db, options.url);
  if (!loaded.history) return loaded.exit_code;
  const auto& versions = loaded.history->versions;
  const size_t count = versions.size();
  // As `git diff`: no version compares the one before the latest with the latest, one compares
  // it with the latest, two compare the first with the second.
  size_t from = count > 1 ? count - 1 : 1;
  size_t to = count;
  std::vector<size_t> given;
  for (const std::string& text : options.versions) {
    auto version = ParseVersion(text, count);
    if (!version) {
      util::LogError(
          "diff: no version '" + text + "' of " + loaded.history->url + " (it has " +
          (count == 1 ? std::string("version 1 only") : "versions 1 to " + std::to_string(count)) +
          ": newsarc history --db " + options.db + " " + loaded.history->url + " lists them)");
      return util::kExitUsage;
    }
    given.push_back(*version);
  }
  if (!given.empty()) from = given[0];
  if (given.size() == 2) to = given[1];

  const storage::StoredVersion& a = versions[from - 1];
  const storage::StoredVersion& b = versions[to - 1];
  storage::VersionDiff diff = storage::DiffVersions(a.article, b.article);
  if (options.format == "json") {
    std::cout << Dump(DiffJson(*loaded.history, a, b, diff)) << "\n";
  } else {
    PrintDiffText(a, b, diff, options.quiet);
  }
  return util::kExitOk;
}

void SetupHistory(CLI::App& app, RunState& state) {
  auto options = std::make_shared<HistoryCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "history",
      "List the versions of the article a URL leads to, oldest first: version number, when it\n"
      "was first fetched in that state, its capture, and what changed against the version\n"
      "before (each field by name; the body's size in characters and paragraphs, and how many\n"
      "paragraphs were added, removed or changed). The URL is looked up as show looks it up.\n"
      "Exit 2 when the archive has no article for the URL.");
  sub->add_option("--db", options->db, "Archive file (SQLite)")->required();
  sub->add_option("url", options->url, "The page's URL")->required();
  sub->add_option("--format", options->format, "Output format (json: each field's values too)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub->callback([options, &state, &app] {
    options->quiet = app.count("--quiet") > 0;
    state.exit_code = RunHistory(*options);
  });
}

void SetupDiff(CLI::App& app, RunState& state) {
  auto options = std::make_shared<DiffCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "diff",
      "Compare two versions of the article a URL leads to: each changed field (old -> new),\n"
      "then the body as a unified diff of paragraphs (-/+ lines under @@ paragraph N @@, one\n"
      "unchanged paragraph around each change; in a changed paragraph the characters that\n"
      "differ are marked [-removed-] and {+added+}). As with git diff: no version compares\n"
      "the version before the latest with the latest, V compares V with the latest, V1 V2\n"
      "compare V1 with V2 (newsarc history lists the versions). Exit 0 also when the versions\n"
      "do not differ; 2 for an unknown URL or version.");
  sub->add_option("--db", options->db, "Archive file (SQLite)")->required();
  sub->add_option("url", options->url, "The page's URL")->required();
  sub->add_option("versions", options->versions, "Version numbers: [V1 [V2]]")->type_name("V");
  sub->add_option("--format", options->format, "Output format (json: paragraphs and spans)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub->callback([options, &state, &app] {
    options->quiet = app.count("--quiet") > 0;
    state.exit_code = RunDiff(*options);
  });
}

}  // namespace cli
