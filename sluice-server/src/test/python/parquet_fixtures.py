#!/usr/bin/env python3
"""Writes the Parquet files the tests read (docs/parquet.md), with pyarrow, into the folder given.

    python3 parquet_fixtures.py target/parquet-fixtures

Every file is made here from fixed values, so the tests know each value they must read back.
Needs pyarrow: pip install --break-system-packages pyarrow
"""
import datetime
import decimal
import os
import sys
import uuid

import pyarrow as pa
import pyarrow.parquet as pq

UTC = datetime.timezone.utc


def every_type():
    """Two rows of every type docs/parquet.md maps, the second all null."""
    ts = datetime.datetime(2024, 3, 5, 6, 7, 8, 123456, tzinfo=UTC)
    return pa.table({
        "id": pa.array([1, 2], pa.int64()),
        "small": pa.array([-7, None], pa.int32()),
        "ratio": pa.array([0.25, None], pa.float32()),
        "score": pa.array([1.5e300, None], pa.float64()),
        "price": pa.array([decimal.Decimal("12345678.91"), None], pa.decimal128(10, 2)),
        "big_price": pa.array([decimal.Decimal("-123456789012345678901234.5678"), None], pa.decimal128(38, 4)),
        "active": pa.array([True, None], pa.bool_()),
        "born": pa.array([datetime.date(1999, 12, 31), None], pa.date32()),
        "at_ms": pa.array([ts.replace(microsecond=123000), None], pa.timestamp("ms", tz="UTC")),
        "at_us": pa.array([ts, None], pa.timestamp("us", tz="UTC")),
        "at_ns": pa.array([ts, None], pa.timestamp("ns", tz="UTC")),
        "local_us": pa.array([ts.replace(tzinfo=None), None], pa.timestamp("us")),
        "name": pa.array(["Zoë \"quoted\", with comma", None], pa.string()),
        "code": pa.array(["007", None], pa.string()).dictionary_encode(),
        "ref": pa.array([uuid.UUID("0190f0b4-8f2e-7c3a-9d4e-5f6a7b8c9d0e").bytes, None], pa.uuid()),
        "tags": pa.array([["a", None, "c"], None], pa.list_(pa.string())),
        "attrs": pa.array([[("k1", 1), ("k2", 2)], None], pa.map_(pa.string(), pa.int32())),
        "point": pa.array([{"x": 1.5, "y": -2.0}, None], pa.struct([("x", pa.float64()), ("y", pa.float64())])),
        "nested": pa.array([[{"n": 1, "l": [1, 2]}], None],
                           pa.list_(pa.struct([("n", pa.int32()), ("l", pa.list_(pa.int64()))]))),
    })


def many_rows(n):
    return pa.table({
        "id": pa.array(range(1, n + 1), pa.int64()),
        "name": pa.array(["name-%d" % i for i in range(1, n + 1)], pa.string()),
    })


def flat_and_nested(n):
    """Flat columns with nulls beside a list column, over several row groups and small pages."""
    return pa.table({
        "id": pa.array(range(1, n + 1), pa.int64()),
        "maybe": pa.array([None if i % 7 == 0 else i * 10 for i in range(1, n + 1)], pa.int32()),
        "tags": pa.array([None if i % 5 == 0 else ["t%d" % i] * (i % 3) for i in range(1, n + 1)],
                         pa.list_(pa.string())),
        "label": pa.array(["l%d" % (i % 11) for i in range(1, n + 1)], pa.string()),
    })


def mixed_codes():
    """A string column whose third value is not a number: it fails when read into an integer field."""
    return pa.table({
        "id": pa.array([1, 2, 3, 4], pa.int64()),
        "code": pa.array(["10", "20", "abc", "40"], pa.string()),
    })


def main(out):
    os.makedirs(out, exist_ok=True)
    table = every_type()
    pq.write_table(table, os.path.join(out, "types.parquet"))  # SNAPPY, pyarrow's default
    for codec in ("gzip", "zstd", "none"):
        pq.write_table(table, os.path.join(out, "types-%s.parquet" % codec), compression=codec)
    pq.write_table(table, os.path.join(out, "types-v2.parquet"), data_page_version="2.0", use_dictionary=False)
    pq.write_table(many_rows(10_000), os.path.join(out, "groups.parquet"), row_group_size=1_000)
    pq.write_table(mixed_codes(), os.path.join(out, "mixed.parquet"))
    pq.write_table(flat_and_nested(5_000), os.path.join(out, "flat-and-nested.parquet"), row_group_size=2_500,
                   data_page_size=4_096)
    with open(os.path.join(out, "types.parquet"), "rb") as f:
        whole = f.read()
    footer_length = int.from_bytes(whole[-8:-4], "little")
    footer_start = len(whole) - 8 - footer_length
    corrupt = whole[:footer_start] + b"\xff" * footer_length + whole[-8:]
    with open(os.path.join(out, "corrupt-footer.parquet"), "wb") as f:
        f.write(corrupt)
    with open(os.path.join(out, "truncated.parquet"), "wb") as f:
        f.write(whole[: len(whole) // 2])
    with open(os.path.join(out, "done"), "w") as f:
        f.write("pyarrow %s\n" % pa.__version__)


if __name__ == "__main__":
    main(sys.argv[1])
