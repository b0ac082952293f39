// Assertion helpers for Result<T> values (leveldb testutil.h style).
#pragma once

#include <gtest/gtest.h>

#include "util/error.h"

#define ASSERT_OK(expr)                                                             \
  do {                                                                              \
    const auto& assert_ok_result_ = (expr);                                         \
    ASSERT_TRUE(assert_ok_result_.has_value())                                      \
        << "error: " << util::ErrorCodeName(assert_ok_result_.error().code) << ": " \
        << assert_ok_result_.error().message;                                       \
  } while (false)

#define EXPECT_ERROR_CODE(expr, expected_code)                          \
  do {                                                                  \
    const auto& expect_error_result_ = (expr);                          \
    EXPECT_FALSE(expect_error_result_.has_value());                     \
    if (!expect_error_result_.has_value()) {                            \
      EXPECT_EQ(util::ErrorCodeName(expect_error_result_.error().code), \
                util::ErrorCodeName(util::ErrorCode::expected_code))    \
          << expect_error_result_.error().message;                      \
    }                                                                   \
  } while (false)
