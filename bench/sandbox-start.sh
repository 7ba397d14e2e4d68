#!/usr/bin/env bash
# Sandbox start-up, side by side in one run: Stevedore (from a warm JVM; the bare sandbox, and the
# engine path Containers.create(image).start() on an imported busybox image), crun, runc and bwrap.
# Each run: create + start + wait of /bin/true with pid, mount, uts, ipc and net namespaces,
# a cgroup with memory (64 MiB) and pids (100) limits, the default hardening and Docker's
# seccomp profile, on the same busybox rootfs with an overlay mounted per run inside the
# timed loop. Runtimes are interleaved. Then 100 concurrent sleep sandboxes and their shims' RSS.
#
#   bench/sandbox-start.sh            # 200 rounds
#   ROUNDS=50 bench/sandbox-start.sh
#
# Needs root. On a hybrid cgroup host whose v2 hierarchy lists a controller (hugetlb here),
# crun refuses to run; the script binds that controller to its own v1 hierarchy for the run,
# as systemd does on hybrid hosts, and tries to undo it afterwards. The kernel may keep the
# emptied hierarchy alive, so the controller can stay off cgroup v2 until the next reboot:
# run this on a machine you can reboot, not before the test suite on the same boot.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-200}
CONCURRENT=${CONCURRENT:-100}
SETTLE_MS=${SETTLE_MS:-60}   # busy pause between runs, so no runtime rides on another's kernel state

for pkg in crun:crun runc:runc bwrap:bubblewrap; do
  command -v "${pkg%%:*}" >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${pkg#*:}" >/dev/null; }
done
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -Pbench -DskipTests install >&2
JAR=bench/target/benchmarks.jar

work=$(mktemp -d /var/tmp/stevedore-bench.XXXXXX)
bound_hugetlb=""
cleanup() {
  umount -R "$work"/run-*/bundle/rootfs "$work"/run-*/merged 2>/dev/null || true
  if [ -n "$bound_hugetlb" ]; then
    # empty the hierarchy first, or it lingers unmounted and the controller never returns to v2
    find /sys/fs/cgroup/hugetlb -mindepth 1 -type d | sort -r | xargs -r rmdir
    umount /sys/fs/cgroup/hugetlb && rmdir /sys/fs/cgroup/hugetlb
  fi
  rm -rf "$work"
}
trap cleanup EXIT

unified=/sys/fs/cgroup/unified/cgroup.controllers
if [ -f "$unified" ] && grep -qw hugetlb "$unified" && [ ! -d /sys/fs/cgroup/hugetlb ]; then
  mkdir -p /sys/fs/cgroup/hugetlb && mount -t cgroup -o hugetlb cgroup /sys/fs/cgroup/hugetlb
  bound_hugetlb=yes
fi

template=$work/template
mkdir -p "$template"
(cd "$template" && runc spec)
python3 - "$template/config.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["process"]["terminal"] = False
c["process"]["args"] = ["/bin/true"]
c["root"] = {"path": "rootfs", "readonly": False}
c["linux"]["resources"]["memory"] = {"limit": 64 * 1024 * 1024}
c["linux"]["resources"]["pids"] = {"limit": 100}
json.dump(c, open(sys.argv[1], "w"), indent=1)
PY
python3 bench/oci-seccomp.py linux-sandbox/src/main/resources/dev/stevedore/sandbox/seccomp-default.json "$template/config.json"
java -cp "$JAR" dev.stevedore.sandbox.SeccompExport "$template/seccomp.bpf"

echo "== start-up: create + start + wait of /bin/true, $ROUNDS rounds each (ms) =="
java -Dsettle.ms="$SETTLE_MS" -cp "$JAR" dev.stevedore.bench.SandboxStartBench "$work" "$template" "$ROUNDS" stevedore engine crun runc bwrap
echo
echo "== $CONCURRENT concurrent sleep sandboxes =="
java -cp "$JAR" dev.stevedore.bench.ShimRssBench "$work" "$CONCURRENT"
