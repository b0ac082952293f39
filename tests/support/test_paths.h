// Paths tests need: the source tree, ../shared beside it, and the built newsarc binary.
#pragma once

#include <string>

namespace testing_support {

inline std::string SourceDir() { return NEWSARC_SOURCE_DIR; }
inline std::string SharedDir() { return NEWSARC_SHARED_DIR; }
inline std::string TestDataDir() { return std::string(NEWSARC_SOURCE_DIR) + "/tests/data"; }
inline std::string NewsarcBinary() { return NEWSARC_BINARY; }

// Reads a whole file as bytes; fails the current test (and returns "") when it cannot.
std::string ReadFileOrFail(const std::string& path);

}  // namespace testing_support
