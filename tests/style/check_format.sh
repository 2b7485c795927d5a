#!/usr/bin/env bash
# check_format.sh CLANG_FORMAT: every C++ source and header of the project follows .clang-format
# (clang-format --dry-run -Werror prints each deviation with its file and line). Run from the
# project root.
set -euo pipefail
# (npm's node_modules, e.g. tests/e2e/node_modules, is third-party code and skipped.)
find src include tests bench fuzz -name node_modules -prune -o -type f \( -name '*.cc' -o -name '*.h' \) \
  -print0 |
  sort -z | xargs -0 "$1" --dry-run -Werror
