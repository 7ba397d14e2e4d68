#!/usr/bin/env bash
# Layer unpack, side by side in one run: Stevedore's LayerApplier (overlay format, computing the
# diff ID, from a warm JVM) against `pigz -dc | tar -x`, on the same ~500 MB layer (a generated
# tree of mixed files, tarred once with `tar -c | pigz -6`), each extraction into a fresh
# directory, interleaved (A B, B A, ...), `sync` and the layer's pages read before every run, the
# extracted trees deleted after the timed runs; on tmpfs (/dev/shm) and on disk (/var/tmp), reported
# apart. Prints wall-clock medians and the CPU (user+sys) each side used.
#
#   bench/layer-unpack.sh                    # 7 rounds, 500 MB
#   ROUNDS=11 SIZE_MB=1000 bench/layer-unpack.sh
#   SKIP_BUILD=1 bench/layer-unpack.sh      # reuse bench/target/benchmarks.jar
#
# Run as root (GNU tar then restores owners too, as the applier does).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-7}
SIZE_MB=${SIZE_MB:-500}

for pkg in pigz:pigz tar:tar; do
  command -v "${pkg%%:*}" >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${pkg#*:}" >/dev/null; }
done
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q -pl layerstore -DskipTests install >&2
  mvn -B -q -Pbench -pl bench -DskipTests package >&2
fi
JAR=bench/target/benchmarks.jar

disk=$(mktemp -d /var/tmp/stevedore-unpack.XXXXXX)
shm=$(mktemp -d /dev/shm/stevedore-unpack.XXXXXX)
trap 'rm -rf "$disk" "$shm"' EXIT

java -cp "$JAR" dev.stevedore.bench.LayerUnpackBench generate "$disk/tree" "$SIZE_MB"
tar -C "$disk/tree" -c . | pigz -6 > "$disk/layer.tar.gz"
rm -rf "$disk/tree"
diffid="sha256:$(pigz -dc "$disk/layer.tar.gz" | sha256sum | cut -d' ' -f1)"
echo "$(nproc) CPUs, $(uname -r), $(java -version 2>&1 | head -1), pigz $(pigz --version 2>&1 | cut -d' ' -f2), $(tar --version | head -1)"

java -Xms1g -Xmx1g -cp "$JAR" dev.stevedore.bench.LayerUnpackBench run "$disk/layer.tar.gz" "$diffid" "$ROUNDS" \
  tmpfs="$shm/runs" disk="$disk/runs"
