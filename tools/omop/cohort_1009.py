#!/usr/bin/env python3
"""Runs OHDSI PhenotypeLibrary cohort 1009 (treatment-resistant depression) on an OMOP CDM 5.4
schema in PostgreSQL and prints the person ids in the cohort, one per line, ascending.

  tools/omop/cohort_1009.py URI CDM_SCHEMA [--results-schema S] [--print-sql]

The SQL is the library's own rendering (tools/omop/ohdsi/cohort-1009.sql_server.sql, SqlRender's
SQL Server dialect), translated to PostgreSQL here with the rules that file needs (SqlRender's
translation of the same constructs): `#temp` tables become session temp tables, `DATEADD(day,n,d)`
becomes `d + n` on dates, `COUNT_BIG` becomes `COUNT`, `UPDATE STATISTICS` becomes `ANALYZE`, the
template's parameters are the schemas given, and the conditional blocks that only compute
inclusion statistics (`{...}?{...}` naming @results_database_schema) are left out, the others kept.
The cohort lands in RESULTS_SCHEMA.cohort (cohort_definition_id 1009; the table is created when
missing; default schema: CDM_SCHEMA).

Cohort 1009 reads OBSERVATION_PERIOD, DRUG_ERA and DOSE_ERA. For a source that only has the
clinical tables, --derive-eras first fills observation_period (when empty) and rebuilds drug_era
with tools/omop/derive_eras.sql (OHDSI's era rule: ingredient roll-up, 30-day persistence gap)
and completes a vocabulary shard with the MDD hierarchy codeset 18 needs
(tools/omop/vocabulary_1009.sql).
DOSE_ERA is left as it is (empty in the generated population: cohort 1009's esketamine entry,
which needs dose eras, cannot fire there).
"""
import argparse
import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
TEMPLATE = HERE / "ohdsi" / "cohort-1009.sql_server.sql"
COHORT_ID = 1009


def strip_conditional_blocks(sql):
    """Resolves SqlRender `{condition}?{body}` blocks: statistics blocks out, the others in."""
    out, i = [], 0
    while True:
        start = sql.find("{", i)
        if start < 0:
            out.append(sql[i:])
            return "".join(out)
        marker = sql.find("}?{", start)
        out.append(sql[i:start])
        depth, j = 1, marker + 3
        while depth:
            depth += {"{": 1, "}": -1}.get(sql[j], 0)
            j += 1
        body = sql[marker + 3 : j - 1]
        if "@results_database_schema" not in body:
            out.append(strip_conditional_blocks(body))
        i = j


def split_arguments(text, start):
    """The comma-separated arguments of the call whose '(' is at `start`, and the index after ')'."""
    args, depth, current = [], 0, start + 1
    for j in range(start, len(text)):
        c = text[j]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                args.append(text[current:j])
                return args, j + 1
        elif c == "," and depth == 1:
            args.append(text[current:j])
            current = j + 1
    raise ValueError("unbalanced DATEADD")


def translate_dateadd(sql):
    pattern = re.compile(r"DATEADD\s*\(", re.IGNORECASE)
    while (m := pattern.search(sql)) :
        args, end = split_arguments(sql, m.end() - 1)
        unit, amount, date = (a.strip() for a in args)
        if unit.lower() != "day":
            raise ValueError(f"DATEADD unit {unit} not translated")
        sql = f"{sql[:m.start()]}(({translate_dateadd(date)}) + ({amount}))::date{sql[end:]}"
    return sql


def render(cdm_schema, results_schema):
    sql = strip_conditional_blocks(TEMPLATE.read_text())
    sql = translate_dateadd(sql)
    sql = re.sub(r"CREATE TABLE #", "CREATE TEMP TABLE ", sql, flags=re.IGNORECASE)
    sql = re.sub(r"(?<!INSERT )\bINTO #", "INTO TEMP TABLE ", sql, flags=re.IGNORECASE)
    sql = re.sub(r"UPDATE STATISTICS #(\w+)", r"ANALYZE \1", sql, flags=re.IGNORECASE)
    sql = re.sub(r"#(\w+)", r"\1", sql)
    sql = re.sub(r"\bcount_big\b", "COUNT", sql, flags=re.IGNORECASE)
    for name, value in (
        ("@target_database_schema.@target_cohort_table", f"{results_schema}.cohort"),
        ("@cdm_database_schema", cdm_schema),
        ("@vocabulary_database_schema", cdm_schema),
        ("@target_cohort_id", str(COHORT_ID)),
    ):
        sql = sql.replace(name, value)
    leftover = re.findall(r"@\w+", sql)
    if leftover:
        raise ValueError(f"untranslated template parameters: {sorted(set(leftover))}")
    # The correlated-criteria joins (same person, date windows) are estimated at one row each, and
    # the nested loops the planner then picks run for many minutes on 10,000 persons; hash and
    # merge joins take seconds.
    planner = "SET enable_nestloop = off;\n"
    create = (
        f"CREATE TABLE IF NOT EXISTS {results_schema}.cohort (cohort_definition_id integer NOT NULL, "
        "subject_id bigint NOT NULL, cohort_start_date date NOT NULL, cohort_end_date date NOT NULL);\n"
    )
    return planner + create + sql


def psql(uri, sql, *extra):
    result = subprocess.run(
        ["psql", uri, "-X", "-q", "-v", "ON_ERROR_STOP=1", *extra, "-f", "-"],
        input=sql, text=True, capture_output=True)
    if result.returncode != 0:
        sys.exit(f"cohort_1009: psql failed: {result.stderr.strip()}")
    return result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("uri")
    parser.add_argument("cdm_schema")
    parser.add_argument("--results-schema")
    parser.add_argument("--derive-eras", action="store_true")
    parser.add_argument("--print-sql", action="store_true")
    args = parser.parse_args()
    for schema in (args.cdm_schema, args.results_schema or args.cdm_schema):
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", schema):
            sys.exit(f"cohort_1009: schema must be a lower-case SQL name: {schema}")
    sql = render(args.cdm_schema, args.results_schema or args.cdm_schema)
    if args.print_sql:
        print(sql)
        return
    if args.derive_eras:
        for script in ("vocabulary_1009.sql", "derive_eras.sql"):
            psql(args.uri, (HERE / script).read_text().replace("@cdm_database_schema", args.cdm_schema))
    psql(args.uri, sql)
    ids = psql(args.uri, f"SELECT DISTINCT subject_id FROM {args.results_schema or args.cdm_schema}.cohort "
               f"WHERE cohort_definition_id = {COHORT_ID} ORDER BY 1", "-At")
    sys.stdout.write(ids)


if __name__ == "__main__":
    main()
