#!/usr/bin/env python3
"""A deliberately plain implementation of docs/SPEC.md, to check the engine.

What is independent of the Rust engine: the language, the CSV parser
(Python's csv module), time arithmetic (datetime), the timezone database
(the system's, through zoneinfo) and the local-time rule: zoneinfo's fold=0
resolves local times exactly as the contract asks (an ambiguous time is the
earlier instant; a skipped one is read with the offset before the change).

What is not: it is a port of the Rust test support's reference
(tests/support/mod.rs), so it shares that code's reading of the contract:
the local dates considered, how a period's end is placed (end == start,
23:59:59, past midnight), merging periods, and status before the first poll.
A misreading shared by both would not be caught here; the contract tests'
hand-computed figures (engine/tests/contract.rs) are the check on that, and
their files are fed to this script too (tests/data/edge/). Rows are assumed
valid: rejected rows are not modelled. Timestamps are read by
datetime.fromisoformat (the data set's own format and ISO 8601).

Prints the report as CSV, in minutes, unrounded (six decimals).

    uptime.py [--now TIMESTAMP] STATUS [HOURS] [TIMEZONES]
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
    parsed = datetime.fromisoformat(text.removesuffix(" UTC"))
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def clock(text):
    return time.fromisoformat(text if text.count(":") == 2 else text + ":00")


def main(status_path, hours_path=None, zones_path=None, now=None):
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

    now = utc(now) if now else max(t for store in polls.values() for t, _ in store)
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
    # By value when every id is an integer (ties by text), otherwise as text.
    numeric = all(s.removeprefix("-").isdigit() for s in polls)
    for store in sorted(polls, key=lambda s: (int(s), s) if numeric else (0, s.encode())):
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
    args = sys.argv[1:]
    now = None
    if args[:1] == ["--now"]:
        now, args = args[1], args[2:]
    main(*args, now=now)
