#!/usr/bin/env python3
"""Checks that docs/options.md documents the weights, moderators, indications and step rules of
knowledge/ranking.json.

  check_options_doc.py --doc docs/options.md --ranking knowledge/ranking.json

Every weight must appear in the doc's weights table with its current value and tag, every
moderator in the moderators table with its fact, options and strength, every indication in the
indications table with its options, conditions and tag, and every step rule in the step-rules
table with its options, failure range and weight; the tables must not list anything the file does
not have. Exit 0 when they agree, 1 with one line per difference.
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


def check_rows(text, header_start, rows, kind, want_of):
    """Differences between the doc table starting with `header_start` and `rows` (by id)."""
    documented = {code(r[0]): r for r in table_rows(text, header_start)}
    problems = []
    for row in rows:
        got = documented.pop(row["id"], None)
        want = want_of(row)
        if got is None or got[1:1 + len(want)] != want:
            problems.append(f"{kind} {row['id']}: file {want}, doc {got and got[1:1 + len(want)]}")
    return problems + [f"{kind} {rid}: in the doc, not in the file" for rid in documented]


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

    problems += check_rows(text, "| Indication | Options", ranking["indications"], "indication",
                           lambda i: [", ".join(i["options"]), ", ".join(f"`{c}`" for c in i["when_any"]),
                                      ", ".join(f"`{c}`" for c in i.get("unless_any", [])) or "-",
                                      i["tag"]])
    problems += check_rows(text, "| Step rule | Options", ranking["step_rules"], "step rule",
                           lambda r: [", ".join(r["options"]), f"{r['min_failed']}-{r['max_failed']}",
                                      f"`{r['weight']}`", r["tag"]])

    for problem in problems:
        print("FAIL", problem)
    print(f"{len(ranking['weights'])} weights, {len(ranking['moderators'])} moderators, "
          f"{len(ranking['indications'])} indications, {len(ranking['step_rules'])} step rules, "
          f"{len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
