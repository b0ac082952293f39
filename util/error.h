// An Error is an expected failure as a value: a short code to branch on and a message for people.
// Functions that can fail in expected ways return Result<T>; "not found" is std::optional instead.
// Exceptions are only for "cannot continue" (see Fatal), caught once in main.
#pragma once

#include <stdexcept>
#include <string>
#include <tl/expected.hpp>
#include <utility>

namespace util {

enum class ErrorCode {
  kNetwork,
  kTimeout,
  kTooLarge,
  kDecode,
  kParse,
  kStorage,
  kConfig,
  kIo,
  kUsage,
};

// Short lower-case name of a code ("too_large"), used in logs and in archived outcomes.
const char* ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message;
};

template <typename T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> MakeError(ErrorCode code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message)});
}

// Exit codes of the newsarc command, documented in `newsarc --help` and the README.
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,  // runtime failure
  kExitUsage = 2,    // usage or configuration error
  kExitPartial = 3,  // finished, but some pages failed or work is left
  kExitLocked = 4,   // the archive is locked by another run
};

// Fatal is thrown only when the program cannot continue (bad configuration, archive that cannot
// be opened). main catches it once and exits with `exit_code`.
class Fatal : public std::runtime_error {
 public:
  Fatal(int exit_code, const std::string& message)
      : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

}  // namespace util

// TRY(expr): evaluates a Result-returning expression and returns its error from the enclosing
// function, which must return a Result of any type. Use TRY_ASSIGN to keep the value.
#define NEWSARC_CONCAT_INNER(a, b) a##b
#define NEWSARC_CONCAT(a, b) NEWSARC_CONCAT_INNER(a, b)
#define TRY(expr)                                                            \
  do {                                                                       \
    auto&& try_result_ = (expr);                                             \
    if (!try_result_) return tl::unexpected(std::move(try_result_).error()); \
  } while (false)
#define TRY_ASSIGN(lhs, expr) TRY_ASSIGN_IMPL(NEWSARC_CONCAT(try_tmp_, __LINE__), lhs, expr)
#define TRY_ASSIGN_IMPL(tmp, lhs, expr)                    \
  auto tmp = (expr);                                       \
  if (!tmp) return tl::unexpected(std::move(tmp).error()); \
  lhs = std::move(tmp).value()
