#include "cli_common.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

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

Status WriteWhole(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file << text;
    if (!file) {
      std::filesystem::remove(temporary);
      return Status::InvalidArgument(path + ": cannot write");
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary);
    return Status::InvalidArgument(path + ": " + error.message());
  }
  return Status::Ok();
}

}  // namespace refract::cli
