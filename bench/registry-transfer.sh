#!/usr/bin/env bash
# Registry transfers, side by side in one run on one loopback docker-registry (test-support's
# LocalRegistry: the same YAML the tests use) and one image of incompressible layers:
#
#   stevedore-pull   RegistryClient.pull into an OCI layout on disk (temp file, fsync, rename -- as skopeo does)
#   skopeo-pull      skopeo copy docker://HOST/bench/image:1 oci:DIR:latest   (its defaults)
#   skopeo-pull-pd   the same with --preserve-digests (skopeo then does less digest work)
#   curl-ceiling     one curl per blob, all at once, into files: what the registry itself can serve
#   stevedore-push   RegistryClient.push from the OCI layout into a fresh registry
#   skopeo-push      skopeo copy --preserve-digests oci:DIR:latest docker://HOST/bench/image:1 into a fresh registry
#
# The whole comparison runs twice: once on disk (pull destinations, the registries' storage and the
# image under /var/tmp and /tmp) and once on tmpfs (all of it under /dev/shm). On disk both pullers
# fsync every blob before renaming it (skopeo does; so does the benchmark's sink), which bounds both
# by the disk's writeback; tmpfs shows the transfer work itself. Report both.
#
# Every run is cold: pulls go to a fresh directory; pushes go to a freshly started, empty registry
# (so neither tool can mount or reuse a blob it saw before). Rounds are interleaved (the order
# flips every round) after a warm-up round; medians in MB/s (10^6 bytes). The driver runs with a
# small heap (XMX, default 128m) and reports Stevedore's peak heap, to show it does not grow with
# the layer size. Besides wall time, each contestant's CPU seconds per GB are reported (the JVM's own
# process CPU; GNU time's user+system for skopeo): on a shared machine they are the steadier figure.
#
#   bench/registry-transfer.sh                      # 6 layers x 100 MiB, 5 rounds, disk and tmpfs
#   ROUNDS=9 LAYERS=6 LAYER_MIB=100 bench/registry-transfer.sh
#   WHERE=tmpfs bench/registry-transfer.sh          # only tmpfs (or: disk)
#   JAVA_OPTS=-Djdk.httpclient.bufsize=262144 bench/registry-transfer.sh   # a JDK tuning knob, off by default
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
LAYERS=${LAYERS:-6}
LAYER_MIB=${LAYER_MIB:-100}
XMX=${XMX:-128m}
WHERE=${WHERE:-"disk tmpfs"}
JAVA_OPTS=${JAVA_OPTS:-}

for tool in docker-registry skopeo curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool (Debian packages docker-registry, skopeo, curl)" >&2; exit 1; }
done
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -Pbench -pl bench -DskipTests package >&2

disk=$(mktemp -d /var/tmp/stevedore-registry-bench.XXXXXX)
shm=$(mktemp -d /dev/shm/stevedore-registry-bench.XXXXXX)
trap 'rm -rf "$disk" "$shm"' EXIT
# a private copy, so that a rebuild of the bench module during the run cannot change it
cp bench/target/benchmarks.jar "$disk/benchmarks.jar"

echo "machine: $(nproc) cores, $(uname -r), $(skopeo --version), docker-registry $(dpkg-query -W -f='${Version}' docker-registry 2>/dev/null), $(java -version 2>&1 | head -1)"
for where in $WHERE; do
  case "$where" in
    disk) work=$disk/work; tmp=/tmp ;;
    tmpfs) work=$shm/work; tmp=$shm/tmp ;;
    *) echo "unknown location $where" >&2; exit 1 ;;
  esac
  mkdir -p "$work" "$tmp"
  echo "== $where: work $work, registry storage under $tmp"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  # shellcheck disable=SC2086
  java -Xmx"$XMX" $JAVA_OPTS -Djava.io.tmpdir="$tmp" -cp "$disk/benchmarks.jar" dev.stevedore.bench.RegistryTransferBench \
      "$work" "$ROUNDS" "$LAYERS" "$LAYER_MIB" true
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews wall times; compare per-round ratios)"
  rm -rf "$work"
  echo
done
