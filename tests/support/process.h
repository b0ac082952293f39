// Runs a child process (the newsarc binary, python3 tools) for integration tests, capturing its
// output and exit code. Bounded: the child is killed after `timeout`.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace testing_support {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal or timed out
  bool timed_out = false;
  std::string out;
  std::string err;
};

// Runs argv[0] (looked up in PATH when it has no '/') with `stdin_data` on its standard input.
ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::optional<std::string>& stdin_data = std::nullopt,
                         std::chrono::seconds timeout = std::chrono::seconds(120));

// Runs the built newsarc binary with these arguments.
ProcessResult RunNewsarc(const std::vector<std::string>& args,
                         const std::optional<std::string>& stdin_data = std::nullopt);

// Writes `content` to a fresh file in a per-test temporary directory and returns its path.
std::string WriteTempFile(const std::string& name, const std::string& content);

// A fresh empty temporary directory for the current test.
std::string MakeTempDir();

}  // namespace testing_support
