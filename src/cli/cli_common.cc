#include "cli_common.h"

#include <algorithm>
#include <filesystem>

namespace refract::cli {
namespace {

bool IsRecordExtension(const std::string& extension) {
  return extension == ".json" || extension == ".yaml" || extension == ".yml";
}

}  // namespace

StatusOr<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code error;
    if (fs::is_directory(path, error)) {
      std::vector<std::string> found;
      for (const auto& entry : fs::directory_iterator(path, error)) {
        if (entry.is_regular_file() && IsRecordExtension(entry.path().extension().string()))
          found.push_back(entry.path().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (path == kStdinPath || fs::exists(path, error)) {
      files.push_back(path);
    } else {
      return Status::NotFound(path + ": no such file or directory");
    }
  }
  return files;
}

}  // namespace refract::cli
