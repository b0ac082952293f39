#include "tests/support/process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/support/test_paths.h"

extern char** environ;

namespace testing_support {
namespace {

void SetNonBlocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

// The test's environment with `changes` applied, as NAME=VALUE strings.
std::vector<std::string> ChildEnvironment(const ProcessEnvironment& changes) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry = *e;
    std::string name = entry.substr(0, entry.find('='));
    bool changed = false;
    for (const auto& [n, v] : changes.variables) changed = changed || n == name;
    if (!changed) env.push_back(entry);
  }
  for (const auto& [name, value] : changes.variables) {
    if (value) env.push_back(name + "=" + *value);
  }
  return env;
}

const std::filesystem::path& TempRoot();

}  // namespace

ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::optional<std::string>& stdin_data, std::chrono::seconds timeout,
                         const ProcessEnvironment& environment) {
  ProcessResult result;
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0 || pipe(err_pipe) != 0) {
    ADD_FAILURE() << "pipe failed";
    return result;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
    posix_spawn_file_actions_addclose(&actions, fd);
  }
  if (environment.working_dir) {
    posix_spawn_file_actions_addchdir_np(&actions, environment.working_dir->c_str());
  }
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_strings = ChildEnvironment(environment);
  std::vector<char*> env;
  for (auto& e : env_strings) env.push_back(e.data());
  env.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (rc != 0) {
    ADD_FAILURE() << "cannot start " << argv[0];
    close(in_pipe[1]);
    close(out_pipe[0]);
    close(err_pipe[0]);
    return result;
  }
  std::string input = stdin_data.value_or("");
  size_t written = 0;
  if (input.empty()) {
    close(in_pipe[1]);
    in_pipe[1] = -1;
  } else {
    SetNonBlocking(in_pipe[1]);
  }
  SetNonBlocking(out_pipe[0]);
  SetNonBlocking(err_pipe[0]);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  bool out_open = true, err_open = true;
  char buf[65536];
  while (out_open || err_open) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      kill(pid, SIGKILL);
      break;
    }
    pollfd fds[3];
    int n = 0;
    if (out_open) fds[n++] = {out_pipe[0], POLLIN, 0};
    if (err_open) fds[n++] = {err_pipe[0], POLLIN, 0};
    if (in_pipe[1] >= 0) fds[n++] = {in_pipe[1], POLLOUT, 0};
    poll(fds, static_cast<nfds_t>(n), static_cast<int>(std::min<int64_t>(left.count(), 1000)));
    for (int i = 0; i < n; ++i) {
      if (fds[i].revents == 0) continue;
      if (fds[i].fd == in_pipe[1]) {
        ssize_t w = write(in_pipe[1], input.data() + written, input.size() - written);
        if (w > 0) written += static_cast<size_t>(w);
        if (w < 0 || written == input.size()) {
          close(in_pipe[1]);
          in_pipe[1] = -1;
        }
        continue;
      }
      ssize_t r = read(fds[i].fd, buf, sizeof buf);
      if (r > 0) {
        (fds[i].fd == out_pipe[0] ? result.out : result.err).append(buf, static_cast<size_t>(r));
      } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
        (fds[i].fd == out_pipe[0] ? out_open : err_open) = false;
      }
    }
  }
  if (in_pipe[1] >= 0) close(in_pipe[1]);
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!result.timed_out && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  return result;
}

ProcessResult RunNewsarc(const std::vector<std::string>& args,
                         const std::optional<std::string>& stdin_data,
                         const ProcessEnvironment& environment) {
  std::vector<std::string> argv = {NewsarcBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessEnvironment hermetic = environment;
  bool sets_xdg = false;
  for (const auto& [name, value] : environment.variables) {
    sets_xdg = sets_xdg || name == "XDG_CONFIG_HOME";
  }
  if (!sets_xdg) {
    hermetic.variables.emplace_back("XDG_CONFIG_HOME", (TempRoot() / "no-xdg-config").string());
  }
  return RunProcess(argv, stdin_data, std::chrono::seconds(120), hermetic);
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv,
                                     const std::string& stderr_path,
                                     const ProcessEnvironment& environment) {
  int out_pipe[2];
  if (pipe(out_pipe) != 0) {
    ADD_FAILURE() << "pipe failed";
    return;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
  posix_spawn_file_actions_addclose(&actions, out_pipe[1]);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_strings = ChildEnvironment(environment);
  std::vector<char*> env;
  for (auto& e : env_strings) env.push_back(e.data());
  env.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  if (rc != 0) {
    ADD_FAILURE() << "cannot start " << argv[0];
    close(out_pipe[0]);
    return;
  }
  pid_ = pid;
  out_ = out_pipe[0];
  SetNonBlocking(out_);
}

BackgroundProcess::~BackgroundProcess() {
  if (pid_ > 0) Stop(SIGKILL, std::chrono::seconds(10));
  if (out_ >= 0) close(out_);
}

std::optional<std::string> BackgroundProcess::ReadLine(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  char buf[4096];
  while (out_ >= 0) {
    if (size_t newline = buffered_.find('\n'); newline != std::string::npos) {
      std::string line = buffered_.substr(0, newline);
      buffered_.erase(0, newline + 1);
      return line;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd fd{out_, POLLIN, 0};
    poll(&fd, 1, static_cast<int>(std::min<int64_t>(left.count(), 1000)));
    ssize_t r = read(out_, buf, sizeof buf);
    if (r > 0) {
      buffered_.append(buf, static_cast<size_t>(r));
    } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
      close(out_);
      out_ = -1;
    }
  }
  return std::nullopt;
}

int BackgroundProcess::Stop(int signal, std::chrono::seconds timeout) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  pid_t done = 0;
  // Bounded: polls every 50 ms until the deadline, then kills the child.
  while ((done = waitpid(pid_, &status, WNOHANG)) == 0 &&
         std::chrono::steady_clock::now() < deadline) {
    poll(nullptr, 0, 50);
  }
  if (done == 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return -1;
  }
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::unique_ptr<BackgroundProcess> StartNewsarc(const std::vector<std::string>& args,
                                                const std::string& stderr_path) {
  std::vector<std::string> argv = {NewsarcBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessEnvironment hermetic;
  hermetic.variables.emplace_back("XDG_CONFIG_HOME", (TempRoot() / "no-xdg-config").string());
  return std::make_unique<BackgroundProcess>(argv, stderr_path, hermetic);
}

namespace {

// One root per test process, removed when the process exits.
// Heap-allocated and never freed, so the atexit handler never sees a destroyed path.
const std::filesystem::path& TempRoot() {
  static const std::filesystem::path* root = [] {
    auto* p = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                        ("newsarc-test-" + std::to_string(getpid())));
    std::filesystem::create_directories(*p);
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(TempRoot(), ec);
    });
    return p;
  }();
  return *root;
}

}  // namespace

std::string MakeTempDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name =
      info ? std::string(info->test_suite_name()) + "." + info->name() : std::string("x");
  auto dir = TempRoot() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string WriteTempFile(const std::string& name, const std::string& content) {
  std::string path = MakeTempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

}  // namespace testing_support
