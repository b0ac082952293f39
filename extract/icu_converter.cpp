#include "extract/icu_converter.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>

#include <vector>

namespace extract {
namespace {

struct UConverterDeleter {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

constexpr size_t kChunkUChars = 64 * 1024;

// Counts each invalid or unmappable sequence, then substitutes U+FFFD like the default.
void CountingSubstitute(const void* context, UConverterToUnicodeArgs* args, const char* code_units,
                        int32_t length, UConverterCallbackReason reason, UErrorCode* err) {
  if (reason == UCNV_ILLEGAL || reason == UCNV_UNASSIGNED || reason == UCNV_IRREGULAR) {
    ++*static_cast<size_t*>(const_cast<void*>(context));
    static const UChar kReplacement = 0xFFFD;
    *err = U_ZERO_ERROR;
    ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
    return;
  }
  (void)code_units;
  (void)length;
}

void AppendUtf8(const UChar* s, int32_t n, std::string& out) {
  if (n <= 0) return;
  UErrorCode status = U_ZERO_ERROR;
  int32_t needed = 0;
  u_strToUTF8WithSub(nullptr, 0, &needed, s, n, 0xFFFD, nullptr, &status);
  size_t old = out.size();
  out.resize(old + static_cast<size_t>(needed));
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(out.data() + old, needed, nullptr, s, n, 0xFFFD, nullptr, &status);
}

}  // namespace

struct IcuConverter::Impl {
  std::unique_ptr<UConverter, UConverterDeleter> converter;
  size_t errors = 0;
};

IcuConverter::IcuConverter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IcuConverter::IcuConverter(IcuConverter&&) noexcept = default;
IcuConverter& IcuConverter::operator=(IcuConverter&&) noexcept = default;
IcuConverter::~IcuConverter() = default;

util::Result<IcuConverter> IcuConverter::Open(const std::string& icu_name) {
  UErrorCode status = U_ZERO_ERROR;
  auto impl = std::make_unique<Impl>();
  impl->converter.reset(ucnv_open(icu_name.c_str(), &status));
  if (U_FAILURE(status) || !impl->converter) {
    return util::MakeError(util::ErrorCode::kDecode, "no ICU converter for " + icu_name);
  }
  status = U_ZERO_ERROR;
  ucnv_setToUCallBack(impl->converter.get(), CountingSubstitute, &impl->errors, nullptr, nullptr,
                      &status);
  return IcuConverter(std::move(impl));
}

DecodeOutput IcuConverter::Decode(std::string_view bytes) {
  DecodeOutput out;
  UConverter* c = impl_->converter.get();
  ucnv_resetToUnicode(c);
  impl_->errors = 0;
  out.utf8.reserve(bytes.size() + bytes.size() / 2);
  std::vector<UChar> buffer(kChunkUChars);
  const char* source = bytes.data();
  const char* limit = bytes.data() + bytes.size();
  bool flushed = false;
  while (!flushed) {
    UChar* target = buffer.data();
    UErrorCode status = U_ZERO_ERROR;
    ucnv_toUnicode(c, &target, buffer.data() + buffer.size(), &source, limit, nullptr,
                   /*flush=*/true, &status);
    AppendUtf8(buffer.data(), static_cast<int32_t>(target - buffer.data()), out.utf8);
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    flushed = true;
  }
  out.errors = impl_->errors;
  return out;
}

}  // namespace extract
