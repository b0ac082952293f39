#include "extract/icu_converter.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <vector>

namespace extract {
namespace {

struct UConverterDeleter {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// UTF-16 code units converted per ucnv_toUnicode call: large enough that the per-call cost
// vanishes, small enough to stay in cache.
constexpr size_t kChunkUChars = 64 * 1024;
constexpr UChar kReplacement = 0xFFFD;
constexpr size_t kMaxUtf8BytesPerUnit = 3;
constexpr size_t kFlushSlackUChars = 8;
constexpr unsigned char kFirstC1Byte = 0x80;
constexpr unsigned char kLastC1Byte = 0x9F;

struct CallbackState {
  size_t errors = 0;
  bool single_byte = false;
};

// Substitutes U+FFFD for each invalid or unmappable sequence and counts it; in a single-byte
// charset an unassigned C1 byte becomes its control character instead (WHATWG indexes).
void CountingSubstitute(const void* context, UConverterToUnicodeArgs* args, const char* code_units,
                        int32_t length, UConverterCallbackReason reason, UErrorCode* err) {
  if (reason != UCNV_ILLEGAL && reason != UCNV_UNASSIGNED && reason != UCNV_IRREGULAR) return;
  auto* state = static_cast<CallbackState*>(const_cast<void*>(context));
  *err = U_ZERO_ERROR;
  if (state->single_byte && length == 1) {
    auto byte = static_cast<unsigned char>(code_units[0]);
    if (byte >= kFirstC1Byte && byte <= kLastC1Byte) {
      UChar control = byte;
      ucnv_cbToUWriteUChars(args, &control, 1, 0, err);
      return;
    }
  }
  ++state->errors;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
}

// Converts `n` UTF-16 units through `scratch` (which must hold 3 bytes per unit: no unit
// takes more, a surrogate pair takes 4 for 2) and appends them to `out`.
void AppendUtf8(const UChar* s, int32_t n, std::vector<char>& scratch, std::string& out) {
  if (n <= 0) return;
  UErrorCode status = U_ZERO_ERROR;
  int32_t written = 0;
  u_strToUTF8WithSub(scratch.data(), static_cast<int32_t>(scratch.size()), &written, s, n,
                     kReplacement, nullptr, &status);
  if (U_SUCCESS(status)) out.append(scratch.data(), static_cast<size_t>(written));
}

}  // namespace

struct IcuConverter::Impl {
  std::unique_ptr<UConverter, UConverterDeleter> converter;
  CallbackState state;
  std::vector<UChar> buffer;
  std::vector<char> scratch;
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
  impl->state.single_byte = ucnv_getType(impl->converter.get()) == UCNV_SBCS;
  status = U_ZERO_ERROR;
  ucnv_setToUCallBack(impl->converter.get(), CountingSubstitute, &impl->state, nullptr, nullptr,
                      &status);
  if (U_FAILURE(status)) {
    return util::MakeError(util::ErrorCode::kDecode, "cannot set ICU callback for " + icu_name);
  }
  return IcuConverter(std::move(impl));
}

DecodeOutput IcuConverter::Decode(std::string_view bytes) {
  DecodeOutput out;
  UConverter* c = impl_->converter.get();
  ucnv_resetToUnicode(c);
  impl_->state.errors = 0;
  // Sized to the input: fresh large buffers per call would cost page faults on small pages.
  // A byte never yields more than one UTF-16 unit, save a flushed partial sequence.
  size_t chunk = std::min(kChunkUChars, bytes.size() + kFlushSlackUChars);
  impl_->buffer.resize(chunk);
  impl_->scratch.resize(chunk * kMaxUtf8BytesPerUnit);
  std::vector<UChar>& buffer = impl_->buffer;
  out.utf8.reserve(bytes.size() + bytes.size() / 2);
  const char* source = bytes.data();
  const char* limit = bytes.data() + bytes.size();
  while (true) {
    UChar* target = buffer.data();
    UErrorCode status = U_ZERO_ERROR;
    ucnv_toUnicode(c, &target, buffer.data() + buffer.size(), &source, limit, nullptr,
                   /*flush=*/true, &status);
    AppendUtf8(buffer.data(), static_cast<int32_t>(target - buffer.data()), impl_->scratch,
               out.utf8);
    if (status != U_BUFFER_OVERFLOW_ERROR) break;
  }
  out.errors = impl_->state.errors;
  return out;
}

std::string IcuConverter::Encode(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t units = 0;
  u_strFromUTF8WithSub(nullptr, 0, &units, utf8.data(), static_cast<int32_t>(utf8.size()),
                       kReplacement, nullptr, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return {};
  std::vector<UChar> text(static_cast<size_t>(units) + 1);
  status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(text.data(), static_cast<int32_t>(text.size()), &units, utf8.data(),
                       static_cast<int32_t>(utf8.size()), kReplacement, nullptr, &status);
  if (U_FAILURE(status)) return {};
  UConverter* c = impl_->converter.get();
  ucnv_resetFromUnicode(c);
  status = U_ZERO_ERROR;
  ucnv_setFromUCallBack(c, UCNV_FROM_U_CALLBACK_ESCAPE, UCNV_ESCAPE_XML_DEC, nullptr, nullptr,
                        &status);
  if (U_FAILURE(status)) return {};
  // "&#1114111;" is the longest escape: 10 bytes for a pair of units; 4 bytes per unit otherwise.
  std::string out(static_cast<size_t>(units) * 8 + 16, '\0');
  status = U_ZERO_ERROR;
  int32_t written =
      ucnv_fromUChars(c, out.data(), static_cast<int32_t>(out.size()), text.data(), units, &status);
  if (U_FAILURE(status)) return {};
  out.resize(static_cast<size_t>(written));
  return out;
}

}  // namespace extract
