// The web app's files (web/: the clinician app under app/, the patient questionnaire under q/, and
// the plain-language knowledge the shared-decision view reads), built into the binary so that
// `refract serve` needs no files at run time and loads nothing from elsewhere (no CDN).
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace refract::web {

struct Asset {
  std::string_view path;          // relative to the web root, e.g. "app/index.html"
  std::string_view content_type;  // the media type, e.g. "text/javascript"
  std::string_view body;
};

// Every asset, sorted by path.
std::span<const Asset> Assets();

// The asset at `path`, or nullopt. Paths are matched exactly: no "..", no directory listing.
std::optional<Asset> FindAsset(std::string_view path);

}  // namespace refract::web
