// Runs a child process (the newsarc binary, python3 tools) for integration tests, capturing its
// output and exit code. Bounded: the child is killed after `timeout`.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace testing_support {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal or timed out
  bool timed_out = false;
  std::string out;
  std::string err;
};

// Where a child runs and what it finds in its environment: the test's own unless set.
struct ProcessEnvironment {
  std::optional<std::string> working_dir;
  // Variables set (a value) or removed (nullopt) in the child's environment.
  std::vector<std::pair<std::string, std::optional<std::string>>> variables;
};

// Runs argv[0] (looked up in PATH when it has no '/') with `stdin_data` on its standard input.
ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::optional<std::string>& stdin_data = std::nullopt,
                         std::chrono::seconds timeout = std::chrono::seconds(120),
                         const ProcessEnvironment& environment = {});

// Runs the built newsarc binary with these arguments. XDG_CONFIG_HOME points to an empty folder
// unless `environment` sets it, so a config file of the person running the tests is never read
// (crawl discovers one when not given --config).
ProcessResult RunNewsarc(const std::vector<std::string>& args,
                         const std::optional<std::string>& stdin_data = std::nullopt,
                         const ProcessEnvironment& environment = {});

// A child process left running beside the test (a server): its standard output is read line by
// line, its standard error goes to a file. Every wait is bounded; the destructor kills a child
// still running. Not copyable.
class BackgroundProcess {
 public:
  // Starts argv[0] (a path). `stderr_path` receives the child's standard error.
  BackgroundProcess(const std::vector<std::string>& argv, const std::string& stderr_path,
                    const ProcessEnvironment& environment = {});
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  bool started() const { return pid_ > 0; }
  // The child's process id while it runs (-1 before a start or after Stop).
  int pid() const { return pid_; }
  // The next line of standard output without its newline, or nullopt at end of output or
  // after `timeout`.
  std::optional<std::string> ReadLine(std::chrono::milliseconds timeout);
  // Sends `signal`, then waits up to `timeout` for the child to end (then kills it). Returns
  // its exit code, or -1 when it ended by a signal or had to be killed.
  int Stop(int signal, std::chrono::seconds timeout);

 private:
  int pid_ = -1;
  int out_ = -1;
  std::string buffered_;
};

// Runs the built newsarc binary in the background, as RunNewsarc does.
std::unique_ptr<BackgroundProcess> StartNewsarc(const std::vector<std::string>& args,
                                                const std::string& stderr_path);

// Writes `content` to a fresh file in a per-test temporary directory and returns its path.
std::string WriteTempFile(const std::string& name, const std::string& content);

// A fresh empty temporary directory for the current test.
std::string MakeTempDir();

}  // namespace testing_support
