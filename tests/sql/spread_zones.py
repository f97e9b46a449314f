"""Rewrites a generated timezones.csv so that its stores are spread over
every zone whose UTC offset changes in the week before END (with Python's
own zone data; a name the command does not know would only fall back to the
default zone, on both sides of the comparison).

    python3 tests/sql/spread_zones.py timezones.csv 2023-10-31T06:00:00Z
"""

import csv
import sys
import zoneinfo
from datetime import datetime, timedelta, timezone


def changing_zones(end):
    start = end - timedelta(days=9)
    names = []
    for name in sorted(zoneinfo.available_timezones()):
        zone = zoneinfo.ZoneInfo(name)
        offsets = {(start + timedelta(hours=h)).astimezone(zone).utcoffset() for h in range(0, 11 * 24)}
        if len(offsets) > 1:
            names.append(name)
    return names


def main():
    path, end = sys.argv[1], datetime.fromisoformat(sys.argv[2].replace("Z", "+00:00")).astimezone(timezone.utc)
    zones = changing_zones(end)
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    column = [h.strip().lower() for h in header].index("timezone_str")
    for i, row in enumerate(body):
        row[column] = zones[i % len(zones)]
    with open(path, "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header] + body)
    print(f"{len(body)} stores spread over {len(zones)} zones that change their offset", file=sys.stderr)


if __name__ == "__main__":
    main()
