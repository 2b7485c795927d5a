#!/usr/bin/env python3
"""Fails when a file under src/, include/, tests/, knowledge/, bench/ or fuzz/ cites a document that
is not in the repository: the reference specs staging.md, measures.md and evidence.md, or an issue
("issue 3"). Citations resolve inside the repository instead: a knowledge row with its primary
source, or a decisions page in docs/ (staging-decisions.md, measures-decisions.md) that states the
rule and its primary source.

Installed npm packages (node_modules, e.g. tests/e2e/node_modules) are third-party code and skipped.

Files another change owns are exempt while that change converts them; each exemption names its
file and the reason (ALLOWED below). An exemption for a file that no longer cites anything fails
too, so the list shrinks as the files are converted.

Usage: check_citations.py REPOSITORY_ROOT
"""
import re
import sys
from pathlib import Path

SCANNED = ("src", "include", "tests", "knowledge", "bench", "fuzz")
PATTERN = re.compile(r"(?<![-\w])(?:staging|measures|evidence)\.md\b|\bissue \d+", re.IGNORECASE)

# path -> reason; one line per file
ALLOWED = {
    "tests/docs/check_citations.py": "the check itself: it names the patterns it looks for",
}


def citations(path):
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return []
    return [(number, match.group(0))
            for number, line in enumerate(text.splitlines(), start=1)
            for match in PATTERN.finditer(line)]


def main():
    root = Path(sys.argv[1])
    failures = []
    cited_allowed = set()
    for folder in SCANNED:
        for path in sorted((root / folder).rglob("*")):
            if not path.is_file() or "node_modules" in path.parts:
                continue  # npm's third-party packages (tests/e2e/node_modules) are not the project's
            relative = path.relative_to(root).as_posix()
            found = citations(path)
            if not found:
                continue
            if relative in ALLOWED:
                cited_allowed.add(relative)
                continue
            failures += [f"{relative}:{number}: cites '{text}', which is not in the repository"
                         for number, text in found]
    for path in sorted(set(ALLOWED) - cited_allowed):
        failures.append(f"{path}: exempt but cites nothing (any more): remove it from ALLOWED")
    for failure in failures:
        print(failure)
    if failures:
        print(f"{len(failures)} citation(s) do not resolve inside the repository; cite a knowledge "
              "row with its primary source or docs/staging-decisions.md / "
              "docs/measures-decisions.md instead")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
