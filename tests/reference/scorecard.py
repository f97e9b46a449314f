#!/usr/bin/env python3
"""A second, plain implementation of SPEC.md's "Targets, groups and
comparison", to check the engine's scorecard and roll-up.

Independent of the Rust engine: the language, the CSV parser (Python's csv
module), time arithmetic (datetime, exact to the microsecond, which the
test data never goes below), the timezone database (zoneinfo, whose fold=0
is the contract's local-time rule), and the arithmetic: every figure is a
Fraction of minutes, rounded once when written, halves away from zero.
Business time and status follow the same reading of the contract as
uptime.py beside it. Rows are assumed valid except in the groups file,
whose rules (bad targets, empty store ids, wrong field counts, the last
row of a store winning) are modelled here.

    scorecard.py --now TS --days N [--target T] --scorecard OUT --rollup OUT
                 STATUS [--hours F] [--timezones F] [--groups F]
"""

import argparse
import csv
import re
from datetime import datetime, time, timedelta, timezone
from fractions import Fraction
from zoneinfo import ZoneInfo

UTC = timezone.utc
DEFAULT_ZONE = "America/Chicago"
NONE = "(none)"
MINUTE = timedelta(minutes=1)


def rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        raw_header = next(reader)
        header = [h.strip().lower() for h in raw_header]
        for row in reader:
            if row and any(field.strip() for field in row):
                yield raw_header, header, row


def dict_rows(path):
    for _, header, row in rows(path):
        yield dict(zip(header, (field.strip() for field in row)))


def utc(text):
    parsed = datetime.fromisoformat(text.strip().removesuffix(" UTC"))
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def clock(text):
    return time.fromisoformat(text if text.count(":") == 2 else text + ":00")


def rounded(value, decimals):
    """Halves away from zero, at most `decimals` decimals, no trailing zeros."""
    scaled = value * 10**decimals
    magnitude = abs(scaled)
    whole = magnitude.numerator // magnitude.denominator
    if magnitude - whole >= Fraction(1, 2):
        whole += 1
    sign = "-" if scaled < 0 and whole else ""
    text = str(whole).rjust(decimals + 1, "0")
    integer, fraction = text[:-decimals], text[-decimals:].rstrip("0")
    return sign + integer + ("." + fraction if fraction else "")


def minutes(value):
    return "" if value is None else rounded(value, 2)


def percent(value):
    return "" if value is None else rounded(value, 3)


def safe(text):
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"-?\d+", text):
        return "'" + text
    return text


def target_of(text):
    """The target as a Fraction, or None when it is not one."""
    if not re.fullmatch(r"(\d+(\.\d{1,3})?|\.\d{1,3})", text):
        return None
    value = Fraction(text)
    return value if 0 < value < 100 else None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("status")
    p.add_argument("--hours")
    p.add_argument("--timezones")
    p.add_argument("--groups")
    p.add_argument("--now", required=True)
    p.add_argument("--days", type=int, default=7)
    p.add_argument("--target")
    p.add_argument("--scorecard", required=True)
    p.add_argument("--rollup", required=True)
    a = p.parse_args()

    polls = {}
    for row in dict_rows(a.status):
        polls.setdefault(row["store_id"], []).append((utc(row["timestamp_utc"]), row["status"].lower() == "active"))
    hours = {}
    if a.hours:
        for row in dict_rows(a.hours):
            day = int(row.get("day", row.get("dayofweek")))
            hours.setdefault(row["store_id"], []).append((day, clock(row["start_time_local"]), clock(row["end_time_local"])))
    zones = {}
    if a.timezones:
        for row in dict_rows(a.timezones):
            zones[row["store_id"]] = row["timezone_str"]

    dimensions, group_rows = [], {}
    if a.groups:
        for raw_header, header, row in rows(a.groups):
            store_col = header.index("store_id")
            target_col = header.index("target") if "target" in header else None
            dims = [(i, raw_header[i].strip()) for i in range(len(header))
                    if i not in (store_col, target_col) and header[i]]
            dimensions = [name for _, name in dims]
            if len(row) != len(header) or not row[store_col].strip():
                continue
            own = None
            if target_col is not None and row[target_col].strip():
                own = target_of(row[target_col].strip())
            group_rows[row[store_col].strip()] = ([row[i].strip() for i, _ in dims], own)

    fleet_target = Fraction(a.target) if a.target else None
    now = utc(a.now)
    span = timedelta(days=a.days)
    current = (now - span, now)
    previous = (now - 2 * span, now - span)

    def business(store, start, end):
        if store not in hours:
            return [(start, end)]
        tz = ZoneInfo(zones.get(store, DEFAULT_ZONE))
        spans = []
        date = (start - timedelta(days=2)).date()
        while date <= (end + timedelta(days=2)).date():
            for day, s, e in hours[store]:
                if day != date.weekday():
                    continue
                next_day = date + timedelta(days=1)
                if e == s:
                    local_end = datetime.combine(next_day, s)
                elif e == time(23, 59, 59):
                    local_end = datetime.combine(next_day, time(0))
                elif e < s:
                    local_end = datetime.combine(next_day, e)
                else:
                    local_end = datetime.combine(date, e)
                bs = datetime.combine(date, s).replace(tzinfo=tz, fold=0).astimezone(UTC)
                be = local_end.replace(tzinfo=tz, fold=0).astimezone(UTC)
                bs, be = max(bs, start), min(be, end)
                if bs < be:
                    spans.append((bs, be))
            date += timedelta(days=1)
        spans.sort()
        merged = []
        for s, e in spans:
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        return merged

    def figures(store, period):
        ordered = sorted(polls[store], key=lambda p: p[0])  # stable: ties keep file order
        far = timedelta(days=3650)
        segments = [(ordered[0][0] - far, ordered[0][0], ordered[0][1])]
        for i, (t, active) in enumerate(ordered):
            end = ordered[i + 1][0] if i + 1 < len(ordered) else t + far
            segments.append((t, end, active))
        up = down = Fraction(0)
        for bs, be in business(store, *period):
            for ss, se, active in segments:
                s, e = max(bs, ss), min(be, se)
                if s < e:
                    length = Fraction((e - s) // timedelta(microseconds=1), 60_000_000)
                    if active:
                        up += length
                    else:
                        down += length
        return up, down

    numeric = all(re.fullmatch(r"-?\d+", s) for s in polls)
    order = sorted(polls, key=lambda s: (int(s), s) if numeric else (0, s.encode()))

    def pct(up, business_time):
        return None if business_time == 0 else 100 * up / business_time

    groups_of = {}
    for d in range(len(dimensions)):
        values = set()
        for store in order:
            row = group_rows.get(store)
            values.add(row[0][d] if row and row[0][d] else NONE)
        groups_of[d] = sorted(values, key=lambda g: (g == NONE, g.encode()))

    cards = []
    for store in order:
        up, down = figures(store, current)
        row = group_rows.get(store)
        target = (row[1] if row and row[1] is not None else None) or fleet_target
        prev_polls = sum(1 for t, _ in polls[store] if previous[0] <= t < previous[1])
        prev = figures(store, previous) if prev_polls else None
        b = up + down
        allowed = (100 - target) / 100 * b if target is not None else None
        budget = allowed - down if allowed is not None else None
        meets = None if target is None or b == 0 else down <= allowed
        cards.append(dict(
            store=store, b=b, up=up, down=down, pct=pct(up, b), target=target, allowed=allowed,
            budget=budget, meets=meets, prev=prev, prev_polls=prev_polls,
            prev_pct=pct(prev[0], prev[0] + prev[1]) if prev else None,
            groups=[(row[0][d] if row and row[0][d] else NONE) for d in range(len(dimensions))],
        ))

    def flag(value):
        return "" if value is None else ("true" if value else "false")

    def target_text(t):
        return "" if t is None else rounded(t, 3)

    with open(a.scorecard, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["store_id", "business_minutes", "uptime", "downtime", "uptime_percent", "target",
                      "allowed_downtime", "budget_left", "meets_target", "previous_business_minutes",
                      "previous_uptime", "previous_downtime", "previous_uptime_percent", "previous_polls",
                      "change_downtime", "change_uptime_percent"] + [safe(d) for d in dimensions])
        for c in cards:
            prev = c["prev"]
            change_down = c["down"] - prev[1] if prev else None
            change_pct = c["pct"] - c["prev_pct"] if c["pct"] is not None and c["prev_pct"] is not None else None
            out.writerow([safe(c["store"]), minutes(c["b"]), minutes(c["up"]), minutes(c["down"]), percent(c["pct"]),
                          target_text(c["target"]), minutes(c["allowed"]), minutes(c["budget"]), flag(c["meets"]),
                          minutes(prev[0] + prev[1]) if prev else "", minutes(prev[0]) if prev else "",
                          minutes(prev[1]) if prev else "", percent(c["prev_pct"]), c["prev_polls"],
                          minutes(change_down), percent(change_pct)] + [safe(g) for g in c["groups"]])

    def pool(name, group, members):
        b = sum((c["b"] for c in members), Fraction(0))
        up = sum((c["up"] for c in members), Fraction(0))
        down = sum((c["down"] for c in members), Fraction(0))
        pcts = sorted(c["pct"] for c in members if c["pct"] is not None)
        n = len(pcts)
        median = None if n == 0 else (pcts[n // 2] if n % 2 else (pcts[n // 2 - 1] + pcts[n // 2]) / 2)
        targeted = [c for c in members if c["target"] is not None]
        meeting = sum(1 for c in targeted if c["meets"] is True) if targeted else None
        missing = sum(1 for c in targeted if c["meets"] is False) if targeted else None
        allowed = sum((c["allowed"] for c in targeted), Fraction(0)) if targeted else None
        budget = sum((c["budget"] for c in targeted), Fraction(0)) if targeted else None
        with_prev = [c for c in members if c["prev"]]
        prev_up = sum((c["prev"][0] for c in with_prev), Fraction(0))
        prev_b = sum((c["prev"][0] + c["prev"][1] for c in with_prev), Fraction(0))
        now_pct, prev_pct = pct(up, b), pct(prev_up, prev_b)
        change = now_pct - prev_pct if now_pct is not None and prev_pct is not None else None
        return [safe(name), safe(group), len(members), minutes(b), minutes(up), minutes(down), percent(now_pct),
                percent(median), "" if meeting is None else meeting, "" if missing is None else missing,
                minutes(allowed), minutes(budget), percent(prev_pct), percent(change)]

    with open(a.rollup, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["dimension", "group", "stores", "business_minutes", "uptime", "downtime", "uptime_percent",
                      "median_store_uptime_percent", "stores_meeting_target", "stores_missing_target",
                      "allowed_downtime", "budget_left", "previous_uptime_percent", "change_uptime_percent"])
        out.writerow(pool("fleet", "all", cards))
        for d, name in enumerate(dimensions):
            for group in groups_of[d]:
                out.writerow(pool(name, group, [c for c in cards if c["groups"][d] == group]))


if __name__ == "__main__":
    main()
