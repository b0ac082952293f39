// Sample texts and pages for tests: deterministic, shaped like what newsarc archives.
#pragma once

#include <cstddef>
#include <string>

namespace testing_support {

// About `bytes` bytes of paragraphs of Chinese with some ASCII words and numbers (the shape of a
// long report served as text/plain), paragraphs separated by a blank line; the same every run.
std::string LongChineseReport(size_t bytes);

// About `bytes` bytes of Chinese text drawn from 6,000 common characters, with punctuation and
// paragraph breaks: nearly every run of three characters is new, as in a long real text (a
// trigram index of it grows with its size, unlike one of LongChineseReport's twelve words).
std::string VariedChineseText(size_t bytes);

// An article page of an association's site ("TITLE - 示范协会", UTF-8): the title, a date line
// (2024-05-01 09:30) and `paragraphs` times the same paragraph of a members' meeting report,
// then `extra` (HTML) inside the article's div.
std::string SampleArticleHtml(const std::string& title, int paragraphs = 2,
                              const std::string& extra = "");

}  // namespace testing_support
