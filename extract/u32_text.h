// Helpers for text as UTF-32 code points: conversion from and to UTF-8 and the character
// classes the field extractors test (spaces including U+3000, Han, full-width digits and
// colons). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace extract::u32 {

// UTF-8 → UTF-32; invalid bytes become U+FFFD.
std::u32string ToU32(std::string_view s);
// Appends `s` decoded as ToU32 does to `out`.
void AppendU32(std::string_view s, std::u32string* out);
std::string ToUtf8(std::u32string_view s);
// Code points in UTF-8 text (bytes that are not continuation bytes), without decoding it.
size_t CodePoints(std::string_view utf8);

// ASCII and Unicode spaces (U+00A0, U+2000–U+200B, U+3000, U+FEFF).
bool IsSpace(char32_t c);
bool IsHan(char32_t c);
bool IsKana(char32_t c);
bool IsHangul(char32_t c);
bool IsAsciiAlpha(char32_t c);
bool IsAsciiDigit(char32_t c);
// ASCII or full-width digit, and its value.
bool IsDigit(char32_t c);
int DigitValue(char32_t c);
// ':' or the full-width '：'.
bool IsColon(char32_t c);

}  // namespace extract::u32
