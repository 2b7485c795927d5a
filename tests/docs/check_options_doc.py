#!/usr/bin/env python3
"""Checks that docs/options.md documents the weights and moderators of knowledge/ranking.json.

  check_options_doc.py --doc docs/options.md --ranking knowledge/ranking.json

Every weight must appear in the doc's weights table with its current value and tag, and every
moderator in the moderators table with its fact, options and strength; the tables must not list
anything the file does not have. Exit 0 when they agree, 1 with one line per difference.
"""
import argparse
import json
import re
import sys


def table_rows(text, header_start):
    """The cells of each row of the markdown table whose header row starts with `header_start`."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def code(cell):
    match = re.fullmatch(r"`([^`]+)`", cell)
    return match.group(1) if match else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--doc", required=True)
    parser.add_argument("--ranking", required=True)
    args = parser.parse_args()
    text = open(args.doc, encoding="utf-8").read()
    ranking = json.load(open(args.ranking, encoding="utf-8"))
    problems = []

    documented = {code(r[0]): (float(r[1]), r[2]) for r in table_rows(text, "| Weight | Value")}
    for weight in ranking["weights"]:
        got = documented.pop(weight["id"], None)
        if got != (float(weight["value"]), weight["tag"]):
            problems.append(f"weight {weight['id']}: file {weight['value']} {weight['tag']}, doc {got}")
    problems += [f"weight {wid}: in the doc, not in the file" for wid in documented]

    strengths = {w["id"][len("moderator."):]: w["value"] for w in ranking["weights"]
                 if w["id"].startswith("moderator.")}
    rows = {code(r[0]): r for r in table_rows(text, "| Moderator | Fact")}
    for moderator in ranking["moderators"]:
        row = rows.pop(moderator["id"], None)
        want = [f"`{moderator['fact']}`", ", ".join(moderator["options"]),
                f"{moderator['strength']} ({strengths[moderator['strength']]:g})"]
        if row is None or row[1:4] != want:
            problems.append(f"moderator {moderator['id']}: file {want}, doc {row and row[1:4]}")
    problems += [f"moderator {mid}: in the doc, not in the file" for mid in rows]

    for problem in problems:
        print("FAIL", problem)
    print(f"{len(ranking['weights'])} weights, {len(ranking['moderators'])} moderators, "
          f"{len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
