// Lookup in the generated asset table (cmake/embed_assets.cmake).
#include "refract/web/assets.h"

#include <algorithm>

namespace refract::web {

std::optional<Asset> FindAsset(std::string_view path) {
  const std::span<const Asset> assets = Assets();
  auto found =
      std::lower_bound(assets.begin(), assets.end(), path,
                       [](const Asset& asset, std::string_view key) { return asset.path < key; });
  if (found == assets.end() || found->path != path) return std::nullopt;
  return *found;
}

}  // namespace refract::web
