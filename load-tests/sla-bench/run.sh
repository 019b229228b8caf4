#!/usr/bin/env bash
# Builds the deadline engine, then runs the JMH deadline benchmark on one thread.
# Usage: load-tests/sla-bench/run.sh [extra JMH options, e.g. -wi 1 -i 2]
set -euo pipefail
bench_dir="$(cd "$(dirname "$0")" && pwd)"
repo_root="$(cd "$bench_dir/../.." && pwd)"

(cd "$repo_root" && ./mvnw -B -q install -DskipTests)
(cd "$bench_dir" && "$repo_root/mvnw" -B -q -f "$bench_dir/pom.xml" package)

mkdir -p "$repo_root/load-tests/results"
java -jar "$bench_dir/target/sla-bench.jar" -t 1 -f 1 \
  -rf json -rff "$repo_root/load-tests/results/sla-bench.json" "$@"
