#!/usr/bin/env python3
"""Extract the articles of WARC files with Spark and write them as Parquet.

    python examples/spark_warc.py --output articles.parquet a.warc.gz b.warc.gz
    python examples/spark_warc.py --output articles.parquet --paths warc.paths
    spark-submit --master yarn examples/spark_warc.py --output s3a://bucket/out --paths list.txt

One Spark task per WARC file (gleaner.spark.extract_warcs); the driver only reads the list
of paths. Executors need the gleaner package installed. Without --master (or
spark-submit), it runs on a local Spark with one worker thread per core.
"""

import argparse
import os
import sys


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("warcs", nargs="*", help="WARC files (.warc or .warc.gz)")
    ap.add_argument("--paths", help="a text file listing WARC paths, one per line")
    ap.add_argument("--output", "-o", required=True, help="Parquet output directory")
    ap.add_argument("--master", help="Spark master (default: spark-submit's, else local[*])")
    ap.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                    help="a Spark setting (repeatable)")
    ap.add_argument("--articles-only", action="store_true",
                    help="drop the records of pages without an article")
    ap.add_argument("--min-words", type=int, help="minimum body length in words")
    args = ap.parse_args(argv)

    paths = list(args.warcs)
    if args.paths:
        with open(args.paths, encoding="utf-8") as f:
            paths += [line.strip() for line in f if line.strip() and not line.startswith("#")]
    if not paths:
        ap.error("no WARC paths given")

    # Local runs: executors use this interpreter (the one gleaner is installed in).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    from gleaner.spark import extract_warcs

    builder = SparkSession.builder.appName("gleaner-warc")
    if args.master:
        builder = builder.master(args.master)
    for kv in args.conf:
        key, _, value = kv.partition("=")
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    try:
        options = {} if args.min_words is None else {"min_words": args.min_words}
        df = extract_warcs(spark, paths, **options)
        if args.articles_only:
            df = df.where(df.error.isNull())
        df.write.mode("overwrite").parquet(args.output)
        n = spark.read.parquet(args.output).count()
        print(f"wrote {n} records from {len(paths)} WARC files to {args.output}", file=sys.stderr)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
