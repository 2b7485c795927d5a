#!/usr/bin/env python3
"""Compares `refract cohort` NDJSON results with the generator's expectations.csv, person by person.

Usage: check_expectations.py EXPECTATIONS.csv RESULTS.ndjson
Checks, for every person: status; for persons with a record, the number of adequate current-episode
antidepressant trials and whether an adequate psychotherapy was had; for staged (MDD) persons, the
two-failure definition under each outcome rule. Prints every disagreement (up to 20) and exits 1 if
there is any, or if a person is missing or extra.
"""
import csv
import json
import sys


def main():
    expectations, results_path = sys.argv[1], sys.argv[2]
    with open(expectations, encoding='utf-8') as f:
        expected = {int(row['person_id']): row for row in csv.DictReader(f)}
    seen = set()
    problems = []
    with open(results_path, encoding='utf-8') as f:
        for line in f:
            result = json.loads(line)
            person = result['person_id']
            seen.add(person)
            want = expected.get(person)
            if want is None:
                problems.append('person %d: not in the expectations' % person)
                continue
            got = {'status': result['status']}
            if result['status'] != 'no_depression':
                got['adequate_antidepressant_trials'] = str(result['adequate_antidepressant_trials'])
                got['psychotherapy_adequate'] = 'false' if result['psychotherapy_never_adequate'] else 'true'
            if result['status'] == 'staged':
                for model in result['models']:
                    if model['model'] == 'two_failures':
                        key = 'two_failures_' + ('scores' if model['rule'] == 'scores' else 'sequence')
                        got[key] = 'true' if model['meets'] else 'false'
            for key, value in got.items():
                if want[key] != value:
                    problems.append('person %d: %s expected %s, got %s' % (person, key, want[key], value))
    for person in sorted(set(expected) - seen):
        problems.append('person %d: no result' % person)
    for problem in problems[:20]:
        print(problem)
    print('%d persons checked, %d disagreements' % (len(seen), len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
