#!/usr/bin/env bash
# tools/omop/load_postgres.sh [--no-indices] URI SCHEMA CSV_DIR: loads OMOP CDM 5.4 CSV files (the
# Eunomia layout: one TABLE.csv per table, upper or lower case, a header row naming the columns,
# empty field = NULL) into SCHEMA of the PostgreSQL database URI with the official OHDSI 5.4 DDL
# (tests/data/omop/cdm-5.4-ddl), then adds the official primary keys and (unless --no-indices)
# the official indices, after the data, which is the fast order for bulk loads. The foreign-key
# constraints are not added: Eunomia breaks 42 of them (its vocabulary is a shard). SCHEMA is
# dropped first if it exists. A CSV that names no CDM table is skipped with a warning; a row that
# breaks the DDL (type, NOT NULL, primary key) stops the load with psql's message.
set -euo pipefail
indices=yes
if [ "${1:-}" = "--no-indices" ]; then
  indices=no
  shift
fi
[ $# -eq 3 ] || { echo "usage: tools/omop/load_postgres.sh [--no-indices] URI SCHEMA CSV_DIR" >&2; exit 2; }
uri=$1 schema=$2 csv_dir=$3
[[ "$schema" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "load_postgres: SCHEMA must be a lower-case SQL name: $schema" >&2; exit 2; }
[ -d "$csv_dir" ] || { echo "load_postgres: no directory $csv_dir" >&2; exit 2; }
ddl_dir="$(cd "$(dirname "$0")/../.." && pwd)/tests/data/omop/cdm-5.4-ddl"

run_sql_file() {  # the official file with its schema placeholder replaced
  sed "s/@cdmDatabaseSchema/$schema/g" "$ddl_dir/OMOPCDM_postgresql_5.4_$1.sql" |
    psql "$uri" -q -v ON_ERROR_STOP=1 -f - >/dev/null
}

psql "$uri" -q -v ON_ERROR_STOP=1 -c "DROP SCHEMA IF EXISTS $schema CASCADE" -c "CREATE SCHEMA $schema" >/dev/null 2>&1
run_sql_file ddl
tables=$(psql "$uri" -At -c "SELECT table_name FROM information_schema.tables WHERE table_schema = '$schema'")
loaded=0
for csv in "$csv_dir"/*.csv "$csv_dir"/*.CSV; do
  [ -f "$csv" ] || continue
  table=$(basename "$csv"); table=${table%.*}; table=${table,,}
  if ! grep -qx "$table" <<<"$tables"; then
    echo "load_postgres: skipped $csv (no CDM 5.4 table $table)" >&2
    continue
  fi
  # quoted, since a CDM column may be a keyword (note_nlp."offset")
  columns=$(head -n 1 "$csv" | tr -d '\r"' | tr 'A-Z' 'a-z' | sed 's/[^,]*/"&"/g')
  psql "$uri" -q -v ON_ERROR_STOP=1 \
    -c "\\copy $schema.$table ($columns) FROM '$csv' WITH (FORMAT csv, HEADER true)"
  loaded=$((loaded + 1))
done
run_sql_file primary_keys
[ "$indices" = no ] || run_sql_file indices
psql "$uri" -q -c "ANALYZE" >/dev/null
echo "load_postgres: $loaded tables loaded into schema $schema" >&2
