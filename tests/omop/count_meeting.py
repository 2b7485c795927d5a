#!/usr/bin/env python3
"""count_meeting.py MODEL < DUMP: the number of persons in a refract_omop_source_dump output whose
assessment says they meet staging model MODEL (staging.MODEL.meets is true)."""
import json
import sys

model = sys.argv[1]
count = 0
for line in sys.stdin:
    fields = line.rstrip("\n").split("\t")
    if len(fields) == 5 and fields[4].startswith("{"):
        count += json.loads(fields[4])["staging"].get(model, {}).get("meets") is True
print(count)
