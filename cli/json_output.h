// Small helpers for the JSON the read commands print (stats, urls, show): objects keep their
// keys in insertion order, and an absent optional value is JSON null.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

namespace cli {

using Json = nlohmann::ordered_json;

template <typename T>
Json OrNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

}  // namespace cli
