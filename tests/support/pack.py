#!/usr/bin/env python3
"""Packs a data set's files the ways users receive them, and makes the
hostile archives the readers must refuse; for tests/inputs.rs and the
page's end-to-end tests. Python's zipfile, gzip and codecs write them, so
the readers are checked against an independent writer.

    pack.py variants DIR OUT     every variant of DIR's CSV files in OUT/<variant>/
    pack.py hostile OUT          the hostile archives in OUT/
"""

import gzip
import os
import shutil
import struct
import sys
import zipfile


def csv_files(folder):
    return sorted(f for f in os.listdir(folder) if f.endswith(".csv"))


def variants(folder, out):
    names = csv_files(folder)
    read = lambda name: open(os.path.join(folder, name), "rb").read()

    def place(variant):
        path = os.path.join(out, variant)
        os.makedirs(path, exist_ok=True)
        return path

    for variant, method in [("zip-stored", zipfile.ZIP_STORED), ("zip-deflated", zipfile.ZIP_DEFLATED)]:
        with zipfile.ZipFile(os.path.join(place(variant), "store-monitoring-data.zip"), "w", method) as z:
            z.writestr("store-monitoring-data/", "")
            for name in names:
                z.writestr("store-monitoring-data/" + name, read(name))
                z.writestr("__MACOSX/store-monitoring-data/._" + name, b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
            z.writestr("store-monitoring-data/README.md", "# Store monitoring\n\nThree files, as exported.\n")
            z.writestr(".DS_Store", b"\x00\x00\x00\x01Bud1\x00\x00")
    for name in names:
        data = read(name)
        open(os.path.join(place("gzip"), name + ".gz"), "wb").write(gzip.compress(data))
        # Several members, cut at line ends, as split exports concatenate them.
        cuts = [0] + [data.index(b"\n", len(data) * k // 3) + 1 for k in (1, 2) if b"\n" in data[len(data) * k // 3:]] + [len(data)]
        members = b"".join(gzip.compress(data[a:b]) for a, b in zip(cuts, cuts[1:]))
        open(os.path.join(place("gzip-members"), name + ".gz"), "wb").write(members)
        text = data.decode("utf-8-sig")
        # Excel's "Unicode text": UTF-16 LE with a BOM, tabs, CRLF.
        open(os.path.join(place("utf16"), name[:-4] + ".txt"), "wb").write(
            "\ufeff".encode("utf-16-le") + text.replace(",", "\t").replace("\n", "\r\n").encode("utf-16-le"))
        # Much of Europe: semicolons.
        open(os.path.join(place("semicolons"), name), "w", encoding="utf-8").write(text.replace(",", ";"))


def local_header(name, data, flags=0, method=0):
    return struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, flags, method, 0, 0, 0, len(data), len(data),
                       len(name), 0) + name + data


def directory(entries):
    """entries: (name, size, offset, flags, method)"""
    central = b"".join(
        struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, flags, method, 0, 0, 0, size, size, len(name),
                    0, 0, 0, 0, 0, offset) + name
        for name, size, offset, flags, method in entries)
    return central


def end_record(count, central_len, central_start):
    return struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, central_len, central_start, 0)


def hostile(out):
    os.makedirs(out, exist_ok=True)
    write = lambda name, data: open(os.path.join(out, name), "wb").write(data)
    status = b"store_id,status,timestamp_utc\n1,active,2023-01-25 12:00:00 UTC\n"
    # 1 GiB of zeros in about 1 MB: gzip, and a deflated zip entry.
    zeros = b"0" * (1 << 20)
    compressor = gzip.GzipFile(os.path.join(out, "bomb.csv.gz"), "wb", compresslevel=9)
    for _ in range(1024):
        compressor.write(zeros)
    compressor.close()
    with zipfile.ZipFile(os.path.join(out, "bomb.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("status.csv", status)
        with z.open("zeros.csv", "w", force_zip64=True) as entry:
            for _ in range(1024):
                entry.write(zeros)
    # An encrypted entry (the flag is what a reader sees), beside a good one.
    body = local_header(b"secret.csv", status, flags=1)
    good = local_header(b"status.csv", status)
    entries = [(b"secret.csv", len(status), 0, 1, 0), (b"status.csv", len(status), len(body), 0, 0)]
    central = directory(entries)
    write("encrypted.zip", body + good + central + end_record(2, len(central), len(body) + len(good)))
    # Two directory entries over the same bytes.
    entries = [(b"a.csv", len(status), 0, 0, 0), (b"b.csv", len(status), 0, 0, 0)]
    central = directory(entries)
    write("overlapping.zip", good + central + end_record(2, len(central), len(good)))
    # A zip inside a zip.
    inner = good + directory([(b"status.csv", len(status), 0, 0, 0)])
    inner += end_record(1, len(inner) - len(good), len(good))
    with zipfile.ZipFile(os.path.join(out, "nested.zip"), "w") as z:
        z.writestr("inner.zip", inner)
        z.writestr("status.csv", status)
    # Cut short: gzip mid-stream, zip without its end.
    rows = b"".join(b"%d,%s,2023-01-%02d %02d:%02d:00 UTC\n" % (i % 97, b"inactive" if i % 7 == 0 else b"active",
                                                                  18 + i % 7, i % 24, i % 60) for i in range(20000))
    whole = gzip.compress(b"store_id,status,timestamp_utc\n" + rows)
    write("truncated.csv.gz", whole[: len(whole) * 2 // 3])
    full = open(os.path.join(out, "nested.zip"), "rb").read()
    write("truncated.zip", full[: len(full) - 30])
    write("no-directory.zip", good)
    # Named .gz, not gzip: plain text is read as what it is; bytes are refused.
    write("not-gzip.csv.gz", b"\x00\x01\x02\x03 this is no gzip \xff\xfe")


if __name__ == "__main__":
    if sys.argv[1] == "variants":
        variants(sys.argv[2], sys.argv[3])
    else:
        hostile(sys.argv[2])
