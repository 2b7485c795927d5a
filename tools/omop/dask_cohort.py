#!/usr/bin/env python3
"""Stages an OMOP CSV population on a Dask cluster and writes the same results file as the
single-process `refract cohort --source csv:DIR --out OUT.csv` (byte for byte).

  PYTHONPATH=build/python tools/omop/dask_cohort.py CSV_DIR OUT.csv [--workers N] [--partitions P]
      [--rule both|scores|treatment-sequence] [--scheduler ADDRESS] [--work DIR]

1. Partition: person ids (PERSON.csv) are cut into P contiguous ranges of equal size; every person
   table (person_id column) is split into P directories in one pass per table, one Dask task per
   table; the vocabulary tables (no person_id) are linked into each. The files stay sorted by
   person_id, as the CSV source requires.
2. Stage: one task per partition calls the Python module's Engine.stage_omop("csv:PART") (the
   engine's RunCohort, as `refract cohort` does), one Engine per worker process.
3. Gather: the partitions' results, in partition order (= person order), after the CSV header.

Without --scheduler a LocalCluster of N worker processes (one thread each) runs on this machine;
with it the job goes to a running cluster (dask-scheduler / dask-worker, docs/omop.md), whose
workers must see --work and CSV_DIR at the same path (shared storage) and import the module.
The synthetic data only; nothing of a person is logged.
"""
import argparse
import bisect
import csv
import os
import pathlib
import shutil
import sys
import tempfile
import time

PERSON_TABLES = ("CONDITION_OCCURRENCE", "DRUG_EXPOSURE", "PROCEDURE_OCCURRENCE", "MEASUREMENT",
                 "OBSERVATION")


def table_files(csv_dir):
    return {p.stem.upper(): p for p in pathlib.Path(csv_dir).iterdir() if p.suffix.lower() == ".csv"}


def person_bounds(person_csv, partitions):
    """The first person id of partitions 1..P-1 (equal person counts)."""
    with open(person_csv, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        column = next(reader).index("person_id")
        ids = [int(row[column]) for row in reader]
    ids.sort()
    step = max(1, -(-len(ids) // partitions))
    return [ids[i] for i in range(step, len(ids), step)][: partitions - 1]


def split_table(path, bounds, part_dirs):
    """Writes each row of `path` to the partition of its person id (one pass, rows kept in order)."""
    outs = [open(os.path.join(d, path.name), "w", newline="", encoding="utf-8") for d in part_dirs]
    try:
        with open(path, newline="", encoding="utf-8") as f:
            header = f.readline()
            column = next(csv.reader([header])).index("person_id")
            for out in outs:
                out.write(header)
            simple = column == 0 or column == 1  # id before any quoted field: split without csv
            for line in f:
                if simple:
                    person = int(line.split(",", column + 1)[column])
                else:
                    person = int(next(csv.reader([line]))[column])
                outs[bisect.bisect_right(bounds, person)].write(line)
    finally:
        for out in outs:
            out.close()
    return path.name


def link_table(path, part_dirs):
    for d in part_dirs:
        os.symlink(os.path.abspath(path), os.path.join(d, path.name))
    return path.name


_ENGINE = None


def stage_partition(part_dir, rule, module_dir):
    """Runs on a worker: the results rows (CSV, no header) of one partition."""
    global _ENGINE
    if module_dir and module_dir not in sys.path:
        sys.path.insert(0, module_dir)
    import refract  # noqa: E402 (the worker's import path is set above)
    if _ENGINE is None:
        _ENGINE = refract.Engine()
    return _ENGINE.stage_omop("csv:" + part_dir, rule=rule, format="csv")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv_dir")
    parser.add_argument("out")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partitions", type=int)
    parser.add_argument("--rule", default="both", choices=["both", "scores", "treatment-sequence"])
    parser.add_argument("--scheduler")
    parser.add_argument("--work")
    args = parser.parse_args()
    partitions = args.partitions or args.workers * 4
    import refract  # fails early, here, when PYTHONPATH does not name the module
    module_dir = os.path.dirname(os.path.abspath(refract.__file__))
    from dask.distributed import Client, LocalCluster

    files = table_files(args.csv_dir)
    if "PERSON" not in files:
        sys.exit(f"dask_cohort: no PERSON.csv in {args.csv_dir}")
    work = tempfile.mkdtemp(prefix="refract-dask-", dir=args.work)
    cluster = None
    try:
        if args.scheduler:
            client = Client(args.scheduler)
        else:
            cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        started = time.monotonic()
        bounds = person_bounds(files["PERSON"], partitions)
        part_dirs = [os.path.join(work, f"part-{i:04d}") for i in range(len(bounds) + 1)]
        for d in part_dirs:
            os.makedirs(d)
        splits = [client.submit(split_table, path, bounds, part_dirs, pure=False)
                  for name, path in files.items() if name in PERSON_TABLES or name == "PERSON"]
        links = [client.submit(link_table, path, part_dirs, pure=False)
                 for name, path in files.items() if name not in PERSON_TABLES and name != "PERSON"]
        client.gather(splits + links)
        partitioned = time.monotonic()
        staged = client.gather([client.submit(stage_partition, d, args.rule, module_dir, pure=False)
                                for d in part_dirs])
        done = time.monotonic()
        with open(args.out + ".partial", "w", encoding="utf-8", newline="") as f:
            f.write(refract.OMOP_CSV_HEADER)
            for text in staged:
                f.write(text)
        os.replace(args.out + ".partial", args.out)
        client.close()
        print(f"dask_cohort: {len(part_dirs)} partitions on {args.workers if not args.scheduler else 'the'} "
              f"workers; partition {partitioned - started:.2f} s, stage {done - partitioned:.2f} s")
    finally:
        if cluster is not None:
            cluster.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
