#!/usr/bin/env bash
# pg_dump_restore_test.sh ROUNDTRIP: the PostgreSQL backup procedure of include/refract/store/backup.h.
# Populates a fresh database through the store, dumps it with pg_dump --format=custom, restores it
# with pg_restore into another empty database and checks that everything is there and the audit
# chain verifies. Needs REFRACT_TEST_PG (scripts/with-postgres); exits 77 (skipped) without it.
set -euo pipefail
roundtrip=$1
if [ -z "${REFRACT_TEST_PG:-}" ]; then
  echo "REFRACT_TEST_PG is not set: PostgreSQL dump/restore skipped" >&2
  exit 77
fi
bin=/usr/lib/postgresql/15/bin
[ -x "$bin/pg_dump" ] || bin=$(dirname "$(command -v pg_dump)")

with_db() {  # the server URI naming database $1 (query parameters override the path)
  case "$REFRACT_TEST_PG" in
    *\?*) echo "$REFRACT_TEST_PG&dbname=$1" ;;
    *) echo "$REFRACT_TEST_PG?dbname=$1" ;;
  esac
}

suffix=$$_$RANDOM
source_db=refract_dump_source_$suffix
target_db=refract_dump_target_$suffix
work=$(mktemp -d)
cleanup() {
  "$bin/psql" -q "$REFRACT_TEST_PG" -c "DROP DATABASE IF EXISTS $source_db" \
    -c "DROP DATABASE IF EXISTS $target_db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"$bin/psql" -q -v ON_ERROR_STOP=1 "$REFRACT_TEST_PG" -c "CREATE DATABASE $source_db" \
  -c "CREATE DATABASE $target_db"
"$roundtrip" populate "$(with_db "$source_db")"
"$bin/pg_dump" --format=custom --file="$work/refract.dump" "$(with_db "$source_db")"
"$bin/pg_restore" --no-owner --exit-on-error --dbname="$(with_db "$target_db")" "$work/refract.dump"
"$roundtrip" check "$(with_db "$target_db")"
echo "pg_dump/pg_restore round trip: ok"
