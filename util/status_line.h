// The status line is one line of live figures (the crawl's progress) kept at the bottom of a
// terminal's stderr and redrawn in place. Every other write to stderr goes through
// WriteToStderr, which clears the line first and draws it again after, so a log record never
// runs into it. Process-wide; thread-safe: one mutex orders the status line and the records.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace util {

// Shows `text` (one line, no newline) as the status line, replacing the one shown; cut to the
// terminal's width, since a wrapped line could not be cleared. Call only when stderr is a
// terminal.
void ShowStatusLine(std::string_view text);

// Clears the status line shown and shows none after (the caller prints the final figures,
// which a line drawn a moment before would contradict). Nothing when none is shown.
void ClearStatusLine();

// Writes `bytes` (whole lines) to stderr and flushes: the status line shown, if any, is
// cleared before and drawn again after.
void WriteToStderr(std::string_view bytes);

namespace internal {
// Exposed for tests.

// The bytes WriteToStderr writes for `bytes` while `status` is shown ("": none): return to the
// line's start and clear it, the bytes, the status line again.
std::string AroundStatusLine(std::string_view status, std::string_view bytes);

// `text` cut to at most `columns` - 1 characters (the last column left free: a line that fills
// it wraps on some terminals); `columns` 0 is unknown: not cut. Never cuts a UTF-8 character.
std::string FitStatusLine(std::string_view text, size_t columns);
}  // namespace internal

}  // namespace util
