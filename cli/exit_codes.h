// The exit-code table shown by `newsarc --help` (and mirrored in the README).
#pragma once

namespace cli {

inline constexpr const char* kExitCodeHelp =
    "Exit codes:\n"
    "  0  success\n"
    "  1  runtime failure\n"
    "  2  usage or configuration error\n"
    "  3  finished, but some pages failed or work is left\n"
    "  4  the archive is locked by another run\n";

}  // namespace cli
