#include "util/status_line.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <mutex>

namespace util {
namespace {

// Back to the start of the line, and clear it.
constexpr std::string_view kClearLine = "\r\033[K";

std::mutex g_mutex;
std::string g_shown;  // the status line on the screen ("": none); guarded by g_mutex

void Write(std::string_view bytes) {
  std::fwrite(bytes.data(), 1, bytes.size(), stderr);
  std::fflush(stderr);
}

// The terminal's width in columns, 0 when unknown.
size_t TerminalColumns() {
  winsize ws{};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) != 0) return 0;
  return ws.ws_col;
}

}  // namespace

namespace internal {

std::string AroundStatusLine(std::string_view status, std::string_view bytes) {
  if (status.empty()) return std::string(bytes);
  std::string out(kClearLine);
  out += bytes;
  out += status;
  return out;
}

std::string FitStatusLine(std::string_view text, size_t columns) {
  if (columns == 0) return std::string(text);
  size_t max_chars = columns - 1;
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    // A character starts at every byte that is not a UTF-8 continuation byte.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (chars == max_chars) return std::string(text.substr(0, i));
    ++chars;
  }
  return std::string(text);
}

}  // namespace internal

void ShowStatusLine(std::string_view text) {
  std::string line = internal::FitStatusLine(text, TerminalColumns());
  std::lock_guard<std::mutex> lock(g_mutex);
  g_shown = line;
  std::string out(kClearLine);
  out += line;
  Write(out);
}

void ClearStatusLine() {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_shown.empty()) return;
  g_shown.clear();
  Write(kClearLine);
}

void WriteToStderr(std::string_view bytes) {
  std::lock_guard<std::mutex> lock(g_mutex);
  Write(internal::AroundStatusLine(g_shown, bytes));
}

}  // namespace util
