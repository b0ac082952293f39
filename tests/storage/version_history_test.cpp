#include "storage/version_history.h"

#include <gtest/gtest.h>

namespace storage {
namespace {

// A state named by its body ("A", "B"), fetched at `t` (RFC 3339 text).
VersionEntry State(const std::string& body, const std::string& t) {
  return VersionEntry{t, "标题", "sha-" + body, std::nullopt, "{\"body\":\"" + body + "\"}"};
}

std::string Timeline(const PlacedFetch& placed) {
  std::string out;
  for (const VersionEntry& v : placed.versions) {
    if (!out.empty()) out += " ";
    out += v.content_sha256.substr(4) + "@" + v.fetched_at.substr(11, 2);
  }
  return out;
}

constexpr const char* kT1 = "2024-05-01T01:00:00Z";
constexpr const char* kT2 = "2024-05-01T02:00:00Z";
constexpr const char* kT3 = "2024-05-01T03:00:00Z";
constexpr const char* kT4 = "2024-05-01T04:00:00Z";
constexpr const char* kT5 = "2024-05-01T05:00:00Z";

TEST(PlaceLateFetch, AnOlderStateGoesBeforeTheCurrentOne) {
  PlacedFetch placed = PlaceLateFetch({State("B", kT2)}, State("B", kT2), State("A", kT1));
  EXPECT_EQ(Timeline(placed), "A@01 B@02");
  EXPECT_TRUE(placed.added);
  EXPECT_TRUE(placed.changed);
  EXPECT_EQ(placed.version_index, 0u);
}

TEST(PlaceLateFetch, ALateStateBetweenTwoVersionsIsInsertedBetweenThem) {
  PlacedFetch placed =
      PlaceLateFetch({State("A", kT1), State("C", kT4)}, State("C", kT5), State("B", kT2));
  EXPECT_EQ(Timeline(placed), "A@01 B@02 C@04");
  EXPECT_TRUE(placed.added);
  EXPECT_EQ(placed.version_index, 1u);
}

TEST(PlaceLateFetch, TheStateOfTheVersionBeforeAddsNothing) {
  std::vector<VersionEntry> history = {State("A", kT1), State("B", kT4)};
  PlacedFetch placed = PlaceLateFetch(history, State("B", kT5), State("A", kT2));
  EXPECT_EQ(Timeline(placed), "A@01 B@04");
  EXPECT_FALSE(placed.added);
  EXPECT_FALSE(placed.changed);
  EXPECT_EQ(placed.version_index, 0u);
}

TEST(PlaceLateFetch, TheStateOfTheVersionAfterDatesThatVersionBack) {
  VersionEntry b = State("B", kT4);
  b.capture_id = 7;
  PlacedFetch placed = PlaceLateFetch({State("A", kT1), b}, State("B", kT5), State("B", kT2));
  EXPECT_EQ(Timeline(placed), "A@01 B@02");
  EXPECT_FALSE(placed.added);
  EXPECT_TRUE(placed.changed);
  EXPECT_EQ(placed.version_index, 1u);
  // The stored version is kept (its capture and object), only its date moves.
  EXPECT_EQ(placed.versions[1].capture_id, 7);
  EXPECT_EQ(placed.versions[1].article_json, b.article_json);
}

TEST(PlaceLateFetch, AStateSeenWhileTheCurrentOneWasBeingRefetchedIsFollowedByTheCurrentOne) {
  // B first fetched at 1 and again (unchanged) at 5; a fetch at 3 saw A.
  PlacedFetch placed = PlaceLateFetch({State("B", kT1)}, State("B", kT5), State("A", kT3));
  EXPECT_EQ(Timeline(placed), "B@01 A@03 B@05");
  EXPECT_TRUE(placed.added);
  EXPECT_EQ(placed.version_index, 1u);
}

TEST(PlaceLateFetch, AFetchAtTheTimeOfAVersionComesAfterIt) {
  PlacedFetch placed =
      PlaceLateFetch({State("A", kT1), State("B", kT3)}, State("B", kT5), State("C", kT3));
  EXPECT_EQ(Timeline(placed), "A@01 B@03 C@03 B@05");
}

TEST(PlaceLateFetch, AnEmptyHistoryGetsTheLateStateAndTheCurrentOne) {
  PlacedFetch placed = PlaceLateFetch({}, State("B", kT5), State("A", kT1));
  EXPECT_EQ(Timeline(placed), "A@01 B@05");
}

}  // namespace
}  // namespace storage
