#!/usr/bin/env python3
"""Turns Docker's seccomp profile into the OCI runtime-spec form runc and crun read, evaluated
for Docker's 14 default capabilities on amd64 (includes/excludes resolved the way moby does),
and writes it into an OCI config.json. Usage: oci-seccomp.py PROFILE CONFIG_JSON"""
import json
import platform
import sys

DEFAULT_CAPS = {"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
                "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
                "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE"}


def kernel():
    parts = platform.release().split("-")[0].split(".")
    return tuple(int(p) for p in parts[:2])


def version(s):
    return tuple(int(p) for p in s.split(".")[:2])


def applies(rule):
    inc, exc = rule.get("includes") or {}, rule.get("excludes") or {}
    if any(c in DEFAULT_CAPS for c in exc.get("caps") or []):
        return False
    if "amd64" in (exc.get("arches") or []):
        return False
    if exc.get("minKernel") and kernel() >= version(exc["minKernel"]):
        return False
    if inc.get("caps") and not all(c in DEFAULT_CAPS for c in inc["caps"]):
        return False
    if inc.get("arches") and "amd64" not in inc["arches"]:
        return False
    if inc.get("minKernel") and kernel() < version(inc["minKernel"]):
        return False
    return True


profile = json.load(open(sys.argv[1]))
arches = []
for m in profile.get("archMap", []):
    if m["architecture"] == "SCMP_ARCH_X86_64":
        arches = [m["architecture"]] + m.get("subArchitectures", [])
oci = {"defaultAction": profile["defaultAction"], "architectures": arches, "syscalls": []}
if "defaultErrnoRet" in profile:
    oci["defaultErrnoRet"] = profile["defaultErrnoRet"]
for rule in profile["syscalls"]:
    if not applies(rule):
        continue
    out = {"names": rule["names"], "action": rule["action"]}
    if rule.get("args"):
        out["args"] = rule["args"]
    if "errnoRet" in rule:
        out["errnoRet"] = rule["errnoRet"]
    oci["syscalls"].append(out)
config = json.load(open(sys.argv[2]))
config["linux"]["seccomp"] = oci
json.dump(config, open(sys.argv[2], "w"), indent=1)
print("seccomp: %d rule groups for amd64" % len(oci["syscalls"]))
