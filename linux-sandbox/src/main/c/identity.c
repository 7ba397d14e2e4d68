/*
 * Who the workload runs as, and with what: user and groups from the container's own
 * /etc/passwd and /etc/group (read after pivot_root, so a hostile image cannot point us at
 * host files), rlimits, umask, capabilities, no_new_privs, seccomp, the working directory,
 * closing stray descriptors, and finally exec with a PATH search.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "stevedore.h"

#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_RAISE 2
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif

#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

static char file_buf[256 * 1024];

/* Reads a whole small file into file_buf; returns its length or -1. */
static ssize_t slurp(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    size_t n = 0;
    for (;;) {
        if (n + 1 >= sizeof(file_buf)) {
            close(fd);
            errno = EFBIG;
            return -1;
        }
        ssize_t r = read(fd, file_buf + n, sizeof(file_buf) - 1 - n);
        if (r < 0) {
            if (errno == EINTR) continue;
            close(fd);
            return -1;
        }
        if (r == 0) break;
        n += (size_t)r;
    }
    close(fd);
    file_buf[n] = 0;
    return (ssize_t)n;
}

/* Splits one colon-separated line (in place) into at most `max` fields; returns the count. */
static int fields(char *line, char **out, int max) {
    int n = 0;
    out[n++] = line;
    for (char *p = line; *p && n < max; p++) {
        if (*p == ':') {
            *p = 0;
            out[n++] = p + 1;
        }
    }
    return n;
}

static int is_number(const char *s) {
    uint64_t v;
    return s_parse_u64(s, &v) == 0 && v <= 0xfffffffeu;
}

/* Next line of file_buf starting at *at (NUL-terminated in place), or 0 at the end. */
static char *next_line(size_t *at, size_t len) {
    while (*at < len) {
        char *line = file_buf + *at;
        size_t end = *at;
        while (end < len && file_buf[end] != '\n') end++;
        file_buf[end] = 0;
        *at = end + 1;
        if (line[0] && line[0] != '#') return line;
    }
    return 0;
}

int resolve_user(const char *spec, struct identity *out, char *why, size_t whycap) {
    static char user[256], group[256];
    const char *colon = spec;
    while (*colon && *colon != ':') colon++;
    size_t ulen = (size_t)(colon - spec);
    if (ulen == 0 || ulen >= sizeof(user)) {
        s_copy(why, whycap, "invalid user");
        return EINVAL;
    }
    for (size_t i = 0; i < ulen; i++) user[i] = spec[i];
    user[ulen] = 0;
    int has_group = *colon == ':';
    s_copy(group, sizeof(group), has_group ? colon + 1 : "");
    if (has_group && !group[0]) {
        s_copy(why, whycap, "invalid group");
        return EINVAL;
    }

    out->uid = 0;
    out->gid = 0;
    out->ngroups = 0;
    s_copy(out->home, sizeof(out->home), "/");
    int found = 0;
    uint64_t num;
    ssize_t len = slurp("/etc/passwd");
    if (len >= 0) {
        size_t at = 0;
        char *line;
        while ((line = next_line(&at, (size_t)len)) != 0) {
            char *f[7];
            if (fields(line, f, 7) < 7) continue;
            uint64_t uid, gid;
            if (s_parse_u64(f[2], &uid) < 0 || s_parse_u64(f[3], &gid) < 0) continue;
            if (s_eq(f[0], user) || (is_number(user) && s_parse_u64(user, &num) == 0 && num == uid)) {
                out->uid = (uid_t)uid;
                out->gid = (gid_t)gid;
                s_copy(out->home, sizeof(out->home), f[5][0] ? f[5] : "/");
                s_copy(user, sizeof(user), f[0]);
                found = 1;
                break;
            }
        }
    }
    if (!found) {
        if (!is_number(user)) {
            s_copy(why, whycap, "unable to find user ");
            s_cat(why, whycap, user);
            s_cat(why, whycap, ": no matching entries in passwd file");
            return ENOENT;
        }
        s_parse_u64(user, &num);
        out->uid = (uid_t)num;
        user[0] = 0; /* a bare uid belongs to no group by name */
    }

    int group_found = 0;
    len = slurp("/etc/group");
    if (len >= 0) {
        size_t at = 0;
        char *line;
        while ((line = next_line(&at, (size_t)len)) != 0) {
            char *f[4];
            if (fields(line, f, 4) < 4) continue;
            uint64_t gid;
            if (s_parse_u64(f[2], &gid) < 0) continue;
            if (has_group && !group_found &&
                (s_eq(f[0], group) || (is_number(group) && s_parse_u64(group, &num) == 0 && num == gid))) {
                out->gid = (gid_t)gid;
                group_found = 1;
            }
            if (user[0]) {
                /* members: comma-separated names */
                char *m = f[3];
                while (*m) {
                    char *end = m;
                    while (*end && *end != ',') end++;
                    char saved = *end;
                    *end = 0;
                    if (s_eq(m, user) && out->ngroups < 64) out->groups[out->ngroups++] = (gid_t)gid;
                    *end = saved;
                    m = saved ? end + 1 : end;
                }
            }
        }
    }
    if (has_group && !group_found) {
        if (!is_number(group)) {
            s_copy(why, whycap, "unable to find group ");
            s_cat(why, whycap, group);
            s_cat(why, whycap, ": no matching entries in group file");
            return ENOENT;
        }
        s_parse_u64(group, &num);
        out->gid = (gid_t)num;
    }
    return 0;
}

static int capset_all(uint64_t eff, uint64_t perm, uint64_t inh) {
    struct __user_cap_header_struct head = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct data[2] = {
        {.effective = (uint32_t)eff, .permitted = (uint32_t)perm, .inheritable = (uint32_t)inh},
        {.effective = (uint32_t)(eff >> 32), .permitted = (uint32_t)(perm >> 32), .inheritable = (uint32_t)(inh >> 32)}};
    return (int)syscall(SYS_capset, &head, data);
}

static void drop_bounding(int rfd, uint64_t keep) {
    for (int cap = 0; cap < 64; cap++) {
        if (keep & (1ULL << cap)) continue;
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0) {
            if (errno == EINVAL) break; /* past the kernel's last capability */
            report_failure(rfd, STEP_CAPABILITIES, errno, "bounding set");
        }
    }
}

/* Init keeps only CAP_KILL, to forward signals to a workload that runs as another user. */
void drop_to_kill_only(void) {
    uint64_t kill = 1ULL << CAP_KILL;
    for (int cap = 0; cap < 64; cap++) {
        if (cap != CAP_KILL && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno == EINVAL) break;
    }
    capset_all(kill, kill, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
}

static void install_seccomp(struct config *c, int rfd) {
    if (!c->seccomp_len) return;
    struct sock_fprog prog = {.len = (unsigned short)(c->seccomp_len / 8), .filter = (struct sock_filter *)c->seccomp};
    if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) < 0) report_failure(rfd, STEP_SECCOMP, errno, 0);
}

/* Closes every descriptor but 0, 1, 2 and the report socket (which is close-on-exec). */
static int close_stray_fds(int rfd) {
    int keep = rfd;
    if (rfd != 3) {
        keep = fcntl(rfd, F_DUPFD_CLOEXEC, 3);
        if (keep < 0) return -1;
        if (keep != 3) {
            if (dup3(keep, 3, O_CLOEXEC) < 0) return -1;
            keep = 3;
        }
    }
    if (syscall(SYS_close_range, 4, ~0U, 0) == 0) return keep;
    for (int fd = 4; fd < 65536; fd++) close(fd);
    return keep;
}

static void mkdir_all(const char *path) {
    static char buf[4096];
    s_copy(buf, sizeof(buf), path);
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = 0;
            mkdir(buf, 0755);
            *p = '/';
        }
    }
    mkdir(buf, 0755);
}

/* execve with a PATH search; reports 127 when nothing is found and 126 when found but not executable. */
static void exec_workload(struct config *c, int rfd, char *const envp[]) __attribute__((noreturn));
static void exec_workload(struct config *c, int rfd, char *const envp[]) {
    static char candidate[4096];
    const char *name = c->argv[0];
    for (const char *p = name; *p; p++) {
        if (*p == '/') {
            execve(name, (char *const *)c->argv, envp);
            report_failure(rfd, errno == ENOENT ? STEP_EXEC_NOT_FOUND
                                : (errno == EACCES || errno == EPERM || errno == ENOEXEC) ? STEP_EXEC_DENIED
                                                                                           : STEP_EXEC,
                           errno, name);
        }
    }
    const char *path = env_get((const char *const *)envp, "PATH");
    if (!path) path = DEFAULT_PATH;
    int denied = 0, last = ENOENT;
    while (*path) {
        const char *end = path;
        while (*end && *end != ':') end++;
        size_t n = (size_t)(end - path);
        if (n == 0) {
            candidate[0] = '.';
            n = 1;
        } else {
            if (n >= sizeof(candidate) - 2) n = sizeof(candidate) - 2;
            for (size_t i = 0; i < n; i++) candidate[i] = path[i];
        }
        candidate[n] = '/';
        candidate[n + 1] = 0;
        s_cat(candidate, sizeof(candidate), name);
        execve(candidate, (char *const *)c->argv, envp);
        if (errno == EACCES || errno == EPERM) {
            denied = 1;
            last = errno;
        } else if (errno != ENOENT && errno != ENOTDIR) {
            last = errno;
        }
        path = *end ? end + 1 : end;
    }
    report_failure(rfd, denied ? STEP_EXEC_DENIED : STEP_EXEC_NOT_FOUND, denied ? last : ENOENT, name);
}

void apply_process(struct config *c, int rfd, int pty_slave) {
    static struct identity id;
    static char why[256];
    static const char *env[MAX_ENV + 2];
    static char home_var[300];

    /* stdio: a pty slave, or what the shim gave us. */
    if (pty_slave >= 0) {
        if (dup2(pty_slave, 0) < 0 || dup2(pty_slave, 1) < 0 || dup2(pty_slave, 2) < 0)
            report_failure(rfd, STEP_PTY, errno, "stdio");
        if (pty_slave > 2) close(pty_slave);
    }
    if (c->user) {
        int err = resolve_user(c->user, &id, why, sizeof(why));
        if (err) report_failure(rfd, STEP_USER, err, why);
    } else {
        int err = resolve_user("0", &id, why, sizeof(why));
        if (err) report_failure(rfd, STEP_USER, err, why);
    }
    int n = 0;
    for (; n < c->nenv; n++) env[n] = c->envp[n];
    if (!env_get(c->envp, "HOME")) {
        s_copy(home_var, sizeof(home_var), "HOME=");
        s_cat(home_var, sizeof(home_var), id.home);
        env[n++] = home_var;
    }
    env[n] = 0;

    for (int i = 0; i < c->nrlimits; i++) {
        struct rlimit rl = {.rlim_cur = c->rlimits[i].soft, .rlim_max = c->rlimits[i].hard};
        if (setrlimit((int)c->rlimits[i].resource, &rl) < 0) report_failure(rfd, STEP_RLIMIT, errno, 0);
    }
    const char *cwd = c->cwd ? c->cwd : "/";
    mkdir_all(cwd);
    umask(c->has_umask ? (mode_t)c->umask_value : 022);
    if (c->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
        report_failure(rfd, STEP_NO_NEW_PRIVS, errno, 0);
    drop_bounding(rfd, c->cap_bounding);
    if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0) report_failure(rfd, STEP_CAPABILITIES, errno, "keepcaps");
    /* Without no_new_privs, installing a filter needs CAP_SYS_ADMIN: do it before dropping it. */
    if (!c->no_new_privs) install_seccomp(c, rfd);
    if (setgroups((size_t)id.ngroups, id.groups) < 0) report_failure(rfd, STEP_SETGROUPS, errno, 0);
    if (setresgid(id.gid, id.gid, id.gid) < 0) report_failure(rfd, STEP_SETGID, errno, 0);
    if (setresuid(id.uid, id.uid, id.uid) < 0) report_failure(rfd, STEP_SETUID, errno, 0);
    if (capset_all(c->cap_effective, c->cap_permitted, c->cap_inheritable) < 0)
        report_failure(rfd, STEP_CAPABILITIES, errno, "capset");
    if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0) report_failure(rfd, STEP_CAPABILITIES, errno, "keepcaps");
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
        report_failure(rfd, STEP_CAPABILITIES, errno, "ambient");
    for (int cap = 0; cap < 64; cap++) {
        if ((c->cap_ambient & (1ULL << cap)) && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0)
            report_failure(rfd, STEP_CAPABILITIES, errno, "ambient raise");
    }
    /* Credentials changed, which clears the parent-death signal: set it again. */
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);

    if (chdir(cwd) < 0) report_failure(rfd, STEP_CWD, errno, cwd);
    /* The working directory must lie inside the new root (cf. CVE-2024-21626). */
    static char here[4096];
    long got = syscall(SYS_getcwd, here, sizeof(here));
    if (got < 0 || here[0] != '/') report_failure(rfd, STEP_CWD, got < 0 ? errno : EPERM, cwd);
    rfd = close_stray_fds(rfd);
    if (rfd < 0) report_failure(3, STEP_CLOSE_FDS, errno, 0);
    if (c->no_new_privs) install_seccomp(c, rfd);
    exec_workload(c, rfd, (char *const *)env);
}
