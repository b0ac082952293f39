#include "util/error.h"

namespace util {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kNetwork:
      return "network";
    case ErrorCode::kTimeout:
      return "timeout";
    case ErrorCode::kTooLarge:
      return "too_large";
    case ErrorCode::kDecode:
      return "decode";
    case ErrorCode::kParse:
      return "parse";
    case ErrorCode::kStorage:
      return "storage";
    case ErrorCode::kConfig:
      return "config";
    case ErrorCode::kIo:
      return "io";
    case ErrorCode::kUsage:
      return "usage";
  }
  return "unknown";
}

}  // namespace util
