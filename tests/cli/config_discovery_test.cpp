#include "cli/config_discovery.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/support/process.h"

namespace cli {
namespace {

TEST(ConfigCandidates, WorkingDirectoryThenXdgConfigHome) {
  EXPECT_EQ(ConfigCandidates({.working_dir = ".", .xdg_config_home = "/x", .home = "/h"}),
            (std::vector<std::string>{"newsarc.toml", "/x/newsarc/config.toml"}));
  EXPECT_EQ(ConfigCandidates({.working_dir = "/w", .xdg_config_home = "/x", .home = "/h"}),
            (std::vector<std::string>{"/w/newsarc.toml", "/x/newsarc/config.toml"}));
}

// XDG Base Directory spec: unset, empty or relative XDG_CONFIG_HOME means $HOME/.config.
TEST(ConfigCandidates, XdgConfigHomeDefaultsToHomeDotConfig) {
  for (std::optional<std::string> xdg :
       {std::optional<std::string>(), std::optional<std::string>(""),
        std::optional<std::string>("relative/dir")}) {
    EXPECT_EQ(ConfigCandidates({.working_dir = ".", .xdg_config_home = xdg, .home = "/h"}),
              (std::vector<std::string>{"newsarc.toml", "/h/.config/newsarc/config.toml"}));
  }
  EXPECT_EQ(ConfigCandidates({.working_dir = ".", .xdg_config_home = {}, .home = {}}),
            std::vector<std::string>{"newsarc.toml"});
}

TEST(FindConfigFile, TakesTheFirstThatExists) {
  std::string dir = testing_support::MakeTempDir();
  ConfigSearch search{
      .working_dir = dir + "/work", .xdg_config_home = dir + "/xdg", .home = dir + "/home"};
  std::filesystem::create_directories(dir + "/work");
  EXPECT_EQ(FindConfigFile(search), std::nullopt);
  std::filesystem::create_directories(dir + "/xdg/newsarc");
  std::ofstream(dir + "/xdg/newsarc/config.toml") << "";
  EXPECT_EQ(FindConfigFile(search), dir + "/xdg/newsarc/config.toml");
  std::ofstream(dir + "/work/newsarc.toml") << "";
  EXPECT_EQ(FindConfigFile(search), dir + "/work/newsarc.toml");
}

}  // namespace
}  // namespace cli
