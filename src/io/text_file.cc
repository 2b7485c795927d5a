#include "refract/io/text_file.h"

#include <fstream>
#include <sstream>

namespace refract {

StatusOr<std::string> ReadTextFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Status::NotFound(path + ": cannot open");
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

}  // namespace refract
