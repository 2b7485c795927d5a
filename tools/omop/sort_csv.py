#!/usr/bin/env python3
"""Sorts OMOP CDM CSV person tables by person_id (stable), in place, for the streaming CSV source of
`refract cohort` (docs/omop.md), which requires every person table sorted by person_id.

Usage: sort_csv.py DIR   (sorts PERSON, CONDITION_OCCURRENCE, DRUG_EXPOSURE, PROCEDURE_OCCURRENCE,
MEASUREMENT and OBSERVATION; upper- or lower-case file names). Holds one table in memory at a time;
for tables larger than memory use an external sort (e.g. PostgreSQL COPY ... ORDER BY person_id).
"""
import csv
import os
import sys

TABLES = ['PERSON', 'CONDITION_OCCURRENCE', 'DRUG_EXPOSURE', 'PROCEDURE_OCCURRENCE', 'MEASUREMENT',
          'OBSERVATION']


def sort_table(path):
    with open(path, newline='', encoding='utf-8') as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    column = header.index('person_id')
    ordered = sorted(rows, key=lambda row: int(row[column]))
    if ordered == rows:
        return False
    with open(path + '.sorting', 'w', newline='', encoding='utf-8') as f:
        writer = csv.writer(f, lineterminator='\n')
        writer.writerow(header)
        writer.writerows(ordered)
    os.replace(path + '.sorting', path)
    return True


def main():
    directory = sys.argv[1]
    for table in TABLES:
        for name in (table + '.csv', table.lower() + '.csv'):
            path = os.path.join(directory, name)
            if os.path.exists(path) and sort_table(path):
                print('sorted %s by person_id' % name)


if __name__ == '__main__':
    main()
