/*
 * The configuration the JVM sends: a sequence of records [u16 tag][u16 0][u32 length][value].
 * Strings are NUL-terminated inside their value; integers are little-endian. Pointers in
 * struct config point into the caller's buffer, which must outlive it.
 */
#include <errno.h>

#include "stevedore.h"

/* Keep in sync with ConfigTag.java. */
enum tag {
    T_MODE = 1,
    T_ID = 2,
    T_STATE_DIR = 3,
    T_ROOTFS = 4,
    T_LOWER = 5,
    T_UPPER = 6,
    T_WORK = 7,
    T_ROOTFS_READONLY = 8,
    T_MOUNT = 9,
    T_DEFAULT_MOUNTS = 10,
    T_CGROUP_MOUNT = 11,
    T_MASKED = 12,
    T_READONLY = 13,
    T_SYSCTL = 14,
    T_ARG = 15,
    T_ENV = 16,
    T_CWD = 17,
    T_USER = 18,
    T_UMASK = 19,
    T_RLIMIT = 20,
    T_INIT = 21,
    T_DETACHED = 22,
    T_STDIO = 23,
    T_STDIN_OPEN = 24,
    T_LOG_MAX_SIZE = 25,
    T_LOG_MAX_FILES = 26,
    T_HOSTNAME = 27,
    T_CLONE_FLAGS = 28,
    T_JOIN = 29,
    T_CGROUP_TASKS = 30,
    T_OOM_FILE = 31,
    T_CAPS = 32,
    T_NO_NEW_PRIVS = 33,
    T_SECCOMP = 34,
    T_PORT = 35,
    T_TARGET_PID = 36,
    T_OVERLAY_LEGACY = 37,
    T_CGROUP_V2 = 38,
};

static uint32_t u32(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t u64(const unsigned char *p) {
    return (uint64_t)u32(p) | (uint64_t)u32(p + 4) << 32;
}

/* A string value: must end with its only NUL. */
static const char *str(const unsigned char *v, uint32_t len) {
    if (len == 0 || v[len - 1] != 0) return 0;
    for (uint32_t i = 0; i + 1 < len; i++) {
        if (v[i] == 0) return 0;
    }
    return (const char *)v;
}

/* Reads `count` NUL-terminated strings packed one after another. */
static int strs(const unsigned char *v, uint32_t len, const char **out, int count) {
    uint32_t at = 0;
    for (int i = 0; i < count; i++) {
        uint32_t start = at;
        while (at < len && v[at]) at++;
        if (at >= len) return -1;
        out[i] = (const char *)v + start;
        at++;
    }
    return at == len ? 0 : -1;
}

#define NEED(cond, msg) do { if (!(cond)) { *why = msg; return -1; } } while (0)
#define ADD(arr, n, max, val, msg) do { NEED((n) < (max), msg); (arr)[(n)++] = (val); } while (0)

int config_parse(struct config *c, const unsigned char *buf, size_t len, const char **why) {
    size_t at = 0;
    const char *s;
    while (at < len) {
        NEED(len - at >= 8, "truncated record header");
        uint32_t tag = (uint32_t)buf[at] | (uint32_t)buf[at + 1] << 8;
        uint32_t vlen = u32(buf + at + 4);
        at += 8;
        NEED(vlen <= len - at, "record longer than the configuration");
        const unsigned char *v = buf + at;
        at += vlen;
        switch (tag) {
        case T_MODE: NEED(vlen == 4, "mode"); c->mode = u32(v); break;
        case T_ID: NEED((c->id = str(v, vlen)) != 0, "id"); break;
        case T_STATE_DIR: NEED((c->state_dir = str(v, vlen)) != 0, "state dir"); break;
        case T_ROOTFS: NEED((c->rootfs = str(v, vlen)) != 0, "rootfs"); break;
        case T_LOWER: NEED((s = str(v, vlen)) != 0, "lower"); ADD(c->lowers, c->nlowers, MAX_LOWERS, s, "too many lower layers"); break;
        case T_UPPER: NEED((c->upper = str(v, vlen)) != 0, "upper"); break;
        case T_WORK: NEED((c->work = str(v, vlen)) != 0, "work"); break;
        case T_ROOTFS_READONLY: NEED(vlen == 4, "rootfs readonly"); c->rootfs_readonly = u32(v); break;
        case T_MOUNT: {
            NEED(vlen >= 16, "mount");
            NEED(c->nmounts < MAX_MOUNTS, "too many mounts");
            struct mount_spec *m = &c->mounts[c->nmounts];
            const char *parts[4];
            m->kind = u32(v);
            m->flags = u64(v + 4);
            m->propagation = u32(v + 12);
            NEED(strs(v + 16, vlen - 16, parts, 4) == 0, "mount strings");
            m->source = parts[0];
            m->target = parts[1];
            m->fstype = parts[2];
            m->data = parts[3];
            NEED(m->target[0] == '/', "mount target must be absolute");
            c->nmounts++;
            break;
        }
        case T_DEFAULT_MOUNTS: NEED(vlen == 4, "default mounts"); c->default_mounts = u32(v); break;
        case T_CGROUP_MOUNT: NEED((s = str(v, vlen)) != 0, "cgroup mount"); ADD(c->cgroup_mounts, c->ncgroup_mounts, MAX_CGROUPS, s, "too many cgroup mounts"); break;
        case T_MASKED: NEED((s = str(v, vlen)) != 0, "masked"); ADD(c->masked, c->nmasked, MAX_PATHS, s, "too many masked paths"); break;
        case T_READONLY: NEED((s = str(v, vlen)) != 0, "readonly"); ADD(c->readonly, c->nreadonly, MAX_PATHS, s, "too many read-only paths"); break;
        case T_SYSCTL: NEED((s = str(v, vlen)) != 0, "sysctl"); ADD(c->sysctls, c->nsysctls, MAX_SYSCTLS, s, "too many sysctls"); break;
        case T_ARG: NEED((s = str(v, vlen)) != 0, "arg"); ADD(c->argv, c->argc, MAX_ARGS, s, "too many arguments"); break;
        case T_ENV: NEED((s = str(v, vlen)) != 0, "env"); ADD(c->envp, c->nenv, MAX_ENV, s, "too many environment variables"); break;
        case T_CWD: NEED((c->cwd = str(v, vlen)) != 0, "cwd"); break;
        case T_USER: NEED((c->user = str(v, vlen)) != 0, "user"); break;
        case T_UMASK: NEED(vlen == 4, "umask"); c->umask_value = u32(v); c->has_umask = 1; break;
        case T_RLIMIT:
            NEED(vlen == 20, "rlimit");
            NEED(c->nrlimits < MAX_RLIMITS, "too many rlimits");
            c->rlimits[c->nrlimits].resource = u32(v);
            c->rlimits[c->nrlimits].soft = u64(v + 4);
            c->rlimits[c->nrlimits].hard = u64(v + 12);
            c->nrlimits++;
            break;
        case T_INIT: NEED(vlen == 4, "init"); c->init = u32(v); break;
        case T_DETACHED: NEED(vlen == 4, "detached"); c->detached = u32(v); break;
        case T_STDIO: NEED(vlen == 4, "stdio"); c->stdio = u32(v); break;
        case T_STDIN_OPEN: NEED(vlen == 4, "stdin"); c->stdin_open = u32(v); break;
        case T_LOG_MAX_SIZE: NEED(vlen == 8, "log max size"); c->log_max_size = u64(v); break;
        case T_LOG_MAX_FILES: NEED(vlen == 4, "log max files"); c->log_max_files = u32(v); break;
        case T_HOSTNAME: NEED((c->hostname = str(v, vlen)) != 0, "hostname"); break;
        case T_CLONE_FLAGS: NEED(vlen == 4, "clone flags"); c->clone_flags = u32(v); break;
        case T_JOIN:
            NEED(vlen > 4, "join");
            NEED(c->njoins < MAX_JOIN, "too many namespaces to join");
            c->joins[c->njoins].nstype = u32(v);
            NEED((c->joins[c->njoins].path = str(v + 4, vlen - 4)) != 0, "join path");
            c->njoins++;
            break;
        case T_CGROUP_TASKS: NEED((s = str(v, vlen)) != 0, "cgroup tasks"); ADD(c->cgroup_tasks, c->ncgroup_tasks, MAX_CGROUPS, s, "too many cgroups"); break;
        case T_CGROUP_V2: NEED((c->cgroup_v2 = str(v, vlen)) != 0, "cgroup v2"); break;
        case T_OOM_FILE: NEED((c->oom_file = str(v, vlen)) != 0, "oom file"); break;
        case T_CAPS:
            NEED(vlen == 40, "caps");
            c->cap_bounding = u64(v);
            c->cap_effective = u64(v + 8);
            c->cap_permitted = u64(v + 16);
            c->cap_inheritable = u64(v + 24);
            c->cap_ambient = u64(v + 32);
            break;
        case T_NO_NEW_PRIVS: NEED(vlen == 4, "no new privs"); c->no_new_privs = u32(v); break;
        case T_SECCOMP: NEED(vlen % 8 == 0 && vlen > 0 && vlen / 8 <= 4096, "seccomp program"); c->seccomp = v; c->seccomp_len = vlen; break;
        case T_PORT:
            NEED(vlen > 12, "port");
            NEED(c->nports < MAX_PORTS, "too many ports");
            c->ports[c->nports].proto = u32(v);
            c->ports[c->nports].host_port = u32(v + 4);
            c->ports[c->nports].container_port = u32(v + 8);
            NEED((c->ports[c->nports].host_ip = str(v + 12, vlen - 12)) != 0, "port host ip");
            c->nports++;
            break;
        case T_TARGET_PID: NEED(vlen == 4, "target pid"); c->target_pid = u32(v); break;
        case T_OVERLAY_LEGACY: NEED(vlen == 4, "overlay legacy"); c->overlay_legacy = u32(v); break;
        default:
            *why = "unknown record";
            return -1;
        }
    }
    c->argv[c->argc] = 0;
    c->envp[c->nenv] = 0;
    NEED(c->mode == MODE_RUN || c->mode == MODE_EXEC, "mode must be run or exec");
    NEED(c->argc > 0, "no command to run");
    NEED(c->state_dir != 0 || c->mode == MODE_EXEC, "no state directory");
    NEED(c->mode == MODE_EXEC || c->rootfs != 0, "no root file system");
    NEED(c->mode == MODE_RUN || c->target_pid > 0, "exec needs a target pid");
    NEED(c->nlowers == 0 || (c->upper && c->work), "overlay needs upper and work directories");
    return 0;
}
