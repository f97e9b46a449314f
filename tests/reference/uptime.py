#!/usr/bin/env python3
"""An independent, deliberately plain implementation of docs/SPEC.md.

It shares nothing with the Rust engine: Python's csv module, datetime and
zoneinfo. zoneinfo's fold=0 resolves local times exactly as the contract
asks (an ambiguous time is the earlier instant; a skipped one is read with
the offset before the change), so it serves as a reference on
daylight-saving weeks. Timestamps must be in the data set's own format
(`YYYY-MM-DD HH:MM:SS[.ffffff] UTC`); rows are assumed valid. Prints the
report as CSV, in minutes, unrounded (six decimals).

    uptime.py STATUS [HOURS] [TIMEZONES]
"""

import csv
import sys
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

UTC = timezone.utc
DEFAULT_ZONE = "America/Chicago"


def rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = [h.strip().lower() for h in next(reader)]
        for row in reader:
            if row and any(field.strip() for field in row):
                yield dict(zip(header, (field.strip() for field in row)))


def utc(text):
    return datetime.fromisoformat(text.removesuffix(" UTC")).replace(tzinfo=UTC)


def clock(text):
    return time.fromisoformat(text if text.count(":") == 2 else text + ":00")


def main(status_path, hours_path=None, zones_path=None):
    polls = {}
    for row in rows(status_path):
        polls.setdefault(row["store_id"], []).append((utc(row["timestamp_utc"]), row["status"].lower() == "active"))
    hours = {}
    if hours_path:
        for row in rows(hours_path):
            day = int(row.get("day", row.get("dayofweek")))
            hours.setdefault(row["store_id"], []).append((day, clock(row["start_time_local"]), clock(row["end_time_local"])))
    zones = {}
    if zones_path:
        for row in rows(zones_path):
            zones[row["store_id"]] = row["timezone_str"]

    now = max(t for store in polls.values() for t, _ in store)
    windows = [now - timedelta(hours=1), now - timedelta(days=1), now - timedelta(days=7)]

    def business(store):
        if store not in hours:
            return [(windows[2], now)]
        tz = ZoneInfo(zones.get(store, DEFAULT_ZONE))
        spans = []
        first = (windows[2] - timedelta(days=2)).date()
        for offset in range(11):
            date = first + timedelta(days=offset)
            for day, start, end in hours[store]:
                if day != date.weekday():
                    continue
                next_day = date + timedelta(days=1)
                if end == start:
                    local_end = datetime.combine(next_day, start)
                elif end == time(23, 59, 59):
                    local_end = datetime.combine(next_day, time(0))
                elif end < start:
                    local_end = datetime.combine(next_day, end)
                else:
                    local_end = datetime.combine(date, end)
                s = datetime.combine(date, start).replace(tzinfo=tz, fold=0).astimezone(UTC)
                e = local_end.replace(tzinfo=tz, fold=0).astimezone(UTC)
                s, e = max(s, windows[2]), min(e, now)
                if s < e:
                    spans.append((s, e))
        spans.sort()
        merged = []
        for s, e in spans:
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        return merged

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["store_id", "uptime_last_hour", "downtime_last_hour", "uptime_last_day",
                  "downtime_last_day", "uptime_last_week", "downtime_last_week"])
    for store in sorted(polls, key=lambda s: (0, int(s), s) if s.lstrip("-").isdigit() else (1, 0, s)):
        ordered = sorted(polls[store], key=lambda p: p[0])  # stable: ties keep file order
        far = timedelta(days=3650)
        segments = [(ordered[0][0] - far, ordered[0][0], ordered[0][1])]
        for i, (t, active) in enumerate(ordered):
            end = ordered[i + 1][0] if i + 1 < len(ordered) else t + far
            segments.append((t, end, active))
        figures = [0.0] * 6
        for w, start in enumerate(windows):
            for bs, be in business(store):
                for ss, se, active in segments:
                    s, e = max(bs, ss, start), min(be, se, now)
                    if s < e:
                        figures[w * 2 + (0 if active else 1)] += (e - s) / timedelta(minutes=1)
        out.writerow([store] + [f"{x:.6f}" for x in figures])


if __name__ == "__main__":
    main(*sys.argv[1:])
