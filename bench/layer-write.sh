#!/usr/bin/env bash
# Layer creation, side by side in one run: Stevedore's LayerWriter (warm JVM) against shell
# pipelines doing equal work -- the tar's SHA-256 (diff ID) and the compressed stream's SHA-256
# (digest), nothing written to disk:
#
#   stevedore-gzip   LayerWriter, gzip -6, one thread per core
#   pigz             tar -c | tee >(sha256sum) | pigz -6 | sha256sum  (the tee target a named pipe, waited for)
#   gzip             tar -c | tee >(sha256sum) | gzip -6 | sha256sum
#   stevedore-zstd   LayerWriter, zstd level 3, one worker per core
#   zstd             tar -c | tee >(sha256sum) | zstd -3 -T0 | sha256sum
#
# on a ~500 MB tree of mixed files (24,000 small text files, 40 binaries cut from the machine's
# ELF files, 3 x 50 MiB random, 3 x 32 MiB logs) created in a fresh directory, once on disk and
# once on tmpfs, interleaved rounds after a warm-up, medians reported.
#
#   bench/layer-write.sh              # 5 rounds per tree
#   ROUNDS=9 bench/layer-write.sh
#   TREES=tmpfs bench/layer-write.sh  # only the tmpfs tree (or: disk)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
TREES=${TREES:-"disk tmpfs"}

for tool in pigz zstd gzip tar sha256sum; do
  command -v "$tool" >/dev/null || { echo "missing $tool (Debian packages pigz, zstd, gzip, tar, coreutils)" >&2; exit 1; }
done
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -Pbench -pl bench -DskipTests package >&2

disk=$(mktemp -d /var/tmp/stevedore-layer-bench.XXXXXX)
shm=$(mktemp -d /dev/shm/stevedore-layer-bench.XXXXXX)
trap 'rm -rf "$disk" "$shm"' EXIT
# a private copy, so that a rebuild of the bench module during the run cannot change it
JAR=$disk/benchmarks.jar
cp bench/target/benchmarks.jar "$JAR"

echo "machine: $(nproc) cores, $(uname -r), $(pigz --version 2>&1), $(gzip --version | head -1), $(zstd --version)"
for where in $TREES; do
  case "$where" in
    disk) tree=$disk/tree ;;
    tmpfs) tree=$shm/tree ;;
    *) echo "unknown tree location $where" >&2; exit 1 ;;
  esac
  java -cp "$JAR" dev.stevedore.bench.LayerTreeGenerator "$tree"
  sync
  tar -C "$tree" -cf - . | cat > /dev/null   # warm the page cache
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -cp "$JAR" dev.stevedore.bench.LayerWriteBench "$tree" "$ROUNDS" "$where"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews wall times; compare per-round ratios)"
  rm -rf "$tree"
  echo
done
