#!/usr/bin/env bash
# Image build, side by side in one run: Stevedore (library from a warm JVM, and the `stevedore
# build` command, a new JVM each time) against `buildah bud`, on one reference multi-stage
# Dockerfile generated in a temp dir (see BuildBench.DOCKERFILE): a build stage FROM busybox
# with RUNs writing 2000 + 3000 small files and a 50 MiB random file, a COPY of a ~3000-file
# context and RUNs reading it; a final stage FROM busybox with four COPY --from and a CMD.
# No network: busybox comes from test-support's OCI layout, imported into each Stevedore home
# and pulled (oci:DIR:latest, tagged busybox:latest) into each buildah root, outside the timing.
#
# Per round, tools interleaved: cold build (fresh home / root), rebuild after editing one
# context file, fully cached rebuild (Stevedore: warm engine; buildah: a process as always),
# fully cached rebuild through scripts/stevedore. Medians; one warm-up round not counted.
# buildah runs with --isolation chroot --network host (chroot isolation refuses any other
# network; Stevedore RUNs default to the host network too) --layers --pull-never and the overlay
# storage driver (vfs if overlay cannot be used: BUILDAH_DRIVER=vfs forces it).
#
# Before each timed build, `sync` writes back what the previous one left dirty (outside the
# timing), so neither tool pays for the other's writeback. WORK=tmpfs puts everything (context,
# Stevedore homes, buildah roots) on a tmpfs mounted for the run; the default is the disk under
# /var/tmp. Report both: this disk is slow to create files right after many deletions.
#
#   bench/build.sh                 # 5 rounds, on disk
#   ROUNDS=3 SKIP_BUILD=1 bench/build.sh
#   ROUNDS=3 SKIP_BUILD=1 WORK=tmpfs bench/build.sh
#
# Needs root, and examples/target/stevedore.jar (mvn -B -q -pl examples package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-1}

[ "$(id -u)" = 0 ] || { echo "bench/build.sh needs root" >&2; exit 1; }
command -v buildah >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q buildah >/dev/null
[ -f examples/target/stevedore.jar ] || { echo "missing examples/target/stevedore.jar: mvn -B -q -pl examples package -DskipTests" >&2; exit 1; }
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -Pbench -pl bench -DskipTests package >&2

# lower case: buildah names an image pulled from oci:DIR after DIR, and references must be lower case
work=$(mktemp -u /var/tmp/stevedore-build-bench.XXXXXX | tr 'A-Z' 'a-z')
mkdir -m 700 "$work"
if [ "${WORK:-disk}" = tmpfs ]; then
  mount -t tmpfs -o size=8g,mode=700 tmpfs "$work"
fi
cleanup() {
  for r in "$work"/bh-root-*; do
    [ -d "$r" ] || continue
    buildah --root "$r" --runroot "${r/bh-root-/bh-runroot-}" --storage-driver "${driver:-overlay}" rm --all >/dev/null 2>&1 || true
  done
  # buildah's overlay driver bind-mounts its home; unmount everything under the work dir, deepest first
  awk -v w="$work" '$5 ~ "^"w {print $5}' /proc/self/mountinfo | sort -r | while read -r m; do umount -l "$m" || true; done
  rm -rf "$work"
}
trap cleanup EXIT
# a private copy, so that a rebuild of the bench module during the run cannot change it
JAR=$work/benchmarks.jar
cp bench/target/benchmarks.jar "$JAR"

# which storage driver buildah can use here
driver=${BUILDAH_DRIVER:-overlay}
if [ "$driver" = overlay ]; then
  probe=$work/probe
  if ! buildah --root "$probe/root" --runroot "$probe/run" --storage-driver overlay images >/dev/null 2>"$work/probe.err"; then
    echo "buildah: overlay storage driver unusable here ($(head -c 300 "$work/probe.err")); using vfs" >&2
    driver=vfs
  fi
  buildah --root "$probe/root" --runroot "$probe/run" --storage-driver overlay rm --all >/dev/null 2>&1 || true
  awk -v w="$probe" '$5 ~ "^"w {print $5}' /proc/self/mountinfo | sort -r | while read -r m; do umount -l "$m" || true; done
  rm -rf "$probe"
fi

echo "machine: $(nproc) cores, $(uname -r), $(buildah --version), $(java -version 2>&1 | head -1)"
echo "buildah storage driver: $driver; work dir $work ($(df -T "$work" | awk 'NR==2{print $2}'))"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java ${BENCH_JAVA_OPTS:-} -Dbuildah.driver="$driver" -Dwarmup="$WARMUP" -cp "$JAR" dev.stevedore.bench.BuildBench "$work" "$ROUNDS" "$PWD/scripts/stevedore"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
