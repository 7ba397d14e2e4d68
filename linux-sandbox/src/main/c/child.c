/*
 * The container side: the process the shim clones into new namespaces. It joins what it
 * must, builds the root file system, and then either becomes the workload (direct mode) or
 * stays as PID 1, forking the workload and reaping every orphan (init mode).
 *
 * Everything here runs after fork(): no allocation, only async-signal-safe calls.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "stevedore.h"

#ifndef TIOCGPTPEER
#define TIOCGPTPEER _IO('T', 0x41)
#endif

/* A failure record on the report socket: kind 1, step, errno, detail. */
void report_failure(int fd, int step, int err, const char *detail) {
    unsigned char rec[12 + 256];
    uint32_t vals[3] = {1, (uint32_t)step, (uint32_t)err};
    for (int i = 0; i < 3; i++) {
        rec[i * 4] = (unsigned char)vals[i];
        rec[i * 4 + 1] = (unsigned char)(vals[i] >> 8);
        rec[i * 4 + 2] = (unsigned char)(vals[i] >> 16);
        rec[i * 4 + 3] = (unsigned char)(vals[i] >> 24);
    }
    size_t n = 0;
    if (detail) {
        while (detail[n] && n < 255) {
            rec[12 + n] = (unsigned char)detail[n];
            n++;
        }
    }
    rec[12 + n] = 0;
    (void)write_full(fd, rec, sizeof(rec));
    int code = step == STEP_EXEC_NOT_FOUND ? 127 : step == STEP_EXEC_DENIED ? 126 : 1;
    _exit(code);
}

/* Sends the pty master to the shim as a kind-2 record carrying the descriptor. */
static void send_pty(int rfd, int master) {
    unsigned char rec[12 + 256] = {2};
    char control[CMSG_SPACE(sizeof(int))];
    struct iovec iov = {.iov_base = rec, .iov_len = sizeof(rec)};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof(control)};
    struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(sizeof(int));
    *(int *)CMSG_DATA(cm) = master;
    if (sendmsg(rfd, &msg, 0) < 0) report_failure(rfd, STEP_PTY, errno, "send pty master");
}

/* Opens a pty in the container's devpts, hands the master to the shim, returns the slave. */
static int open_pty(int rfd) {
    int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) report_failure(rfd, STEP_PTY, errno, "/dev/ptmx");
    int unlock = 0;
    if (ioctl(master, TIOCSPTLCK, &unlock) < 0) report_failure(rfd, STEP_PTY, errno, "unlock pty");
    int slave = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY);
    if (slave < 0) report_failure(rfd, STEP_PTY, errno, "open pty slave");
    send_pty(rfd, master);
    close(master);
    return slave;
}

static void write_sysctls(struct config *c, int rfd) {
    static char path[512];
    for (int i = 0; i < c->nsysctls; i++) {
        const char *kv = c->sysctls[i];
        const char *eq = kv;
        while (*eq && *eq != '=') eq++;
        if (!*eq) report_failure(rfd, STEP_SYSCTL, EINVAL, kv);
        s_copy(path, sizeof(path), "/proc/sys/");
        size_t n = s_len(path);
        for (const char *k = kv; k < eq && n + 1 < sizeof(path); k++) path[n++] = *k == '.' ? '/' : *k;
        path[n] = 0;
        int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0 || write_full(fd, eq + 1, s_len(eq + 1)) < 0) report_failure(rfd, STEP_SYSCTL, errno, kv);
        close(fd);
    }
}

static void loopback_up(int rfd) {
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0) report_failure(rfd, STEP_LOOPBACK, errno, "socket");
    struct ifreq ifr = {0};
    s_copy(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
    if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0) report_failure(rfd, STEP_LOOPBACK, errno, "lo");
    ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
    if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0) report_failure(rfd, STEP_LOOPBACK, errno, "lo");
    close(s);
}

static void join_namespaces(struct config *c, int rfd) {
    for (int i = 0; i < c->njoins; i++) {
        int fd = open(c->joins[i].path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) report_failure(rfd, STEP_SETNS, errno, c->joins[i].path);
        if (setns(fd, (int)c->joins[i].nstype) < 0) report_failure(rfd, STEP_SETNS, errno, c->joins[i].path);
        close(fd);
    }
}

/* PID 1 in init mode: forward every signal to the workload, reap every child, exit like the workload. */
static void init_loop(pid_t workload) __attribute__((noreturn));
static void init_loop(pid_t workload) {
    sigset_t all;
    sigfillset(&all);
    for (;;) {
        siginfo_t info;
        int sig = sigwaitinfo(&all, &info);
        if (sig < 0) continue;
        if (sig != SIGCHLD) {
            kill(workload, sig);
            continue;
        }
        int status;
        pid_t pid;
        while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
            if (pid == workload) {
                /* Reap what is already dead, then leave: the kernel kills the rest of the namespace. */
                while (waitpid(-1, 0, WNOHANG) > 0) {
                }
                _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
            }
        }
    }
}

/* Closes every descriptor but stdio and the `n` in `keep` (negative entries ignored): nothing of the shim's may leak in. */
void close_all_except(const int *keep, int n) {
    int sorted[8];
    int m = 0;
    for (int i = 0; i < n && m < 8; i++) {
        if (keep[i] > 2) sorted[m++] = keep[i];
    }
    for (int i = 1; i < m; i++) {
        for (int j = i; j > 0 && sorted[j - 1] > sorted[j]; j--) {
            int t = sorted[j];
            sorted[j] = sorted[j - 1];
            sorted[j - 1] = t;
        }
    }
    unsigned int from = 3;
    for (int i = 0; i < m; i++) {
        if ((unsigned int)sorted[i] > from) syscall(SYS_close_range, from, (unsigned int)sorted[i] - 1, 0);
        from = (unsigned int)sorted[i] + 1;
    }
    syscall(SYS_close_range, from, ~0U, 0);
}

/*
 * Moves this (single-threaded) process into the sandbox's cgroups. On v1 it writes 0 into each
 * hierarchy's `tasks`: moving only the calling thread skips the cgroup threadgroup lock, whose
 * write side waits for an RCU grace period (about 10 ms) on every cgroup.procs write. On v2 the
 * shim created us inside the cgroup already (clone3 with CLONE_INTO_CGROUP); where the kernel
 * could not, cgroup.procs it is.
 */
void join_cgroups(struct config *c, int rfd, int in_v2) {
    for (int i = 0; i < c->ncgroup_tasks; i++) {
        int fd = open(c->cgroup_tasks[i], O_WRONLY | O_CLOEXEC);
        if (fd < 0 || write_full(fd, "0", 1) < 0) report_failure(rfd, STEP_CGROUP_JOIN, errno, c->cgroup_tasks[i]);
        close(fd);
    }
    if (c->cgroup_v2 && !in_v2) {
        static char procs[4200];
        s_copy(procs, sizeof(procs), c->cgroup_v2);
        s_cat(procs, sizeof(procs), "/cgroup.procs");
        int fd = open(procs, O_WRONLY | O_CLOEXEC);
        if (fd < 0 || write_full(fd, "0", 1) < 0) report_failure(rfd, STEP_CGROUP_JOIN, errno, procs);
        close(fd);
    }
}

/* Whether clone3 can create a process inside a cgroup2 directory (Linux 5.7 and later). */
int kernel_has_clone_into_cgroup(void) {
    struct utsname u;
    if (uname(&u) < 0) return 0;
    uint64_t major = 0, minor = 0;
    const char *p = u.release;
    while (*p >= '0' && *p <= '9') major = major * 10 + (uint64_t)(*p++ - '0');
    if (*p++ != '.') return 0;
    while (*p >= '0' && *p <= '9') minor = minor * 10 + (uint64_t)(*p++ - '0');
    return major > 5 || (major == 5 && minor >= 7);
}

/*
 * clone3 into the cgroup2 directory `cgroup_fd` (if >= 0), falling back to clone where the
 * kernel lacks clone3 or CLONE_INTO_CGROUP; *in_v2 tells the child whether it is there already.
 * Fork semantics either way: the child runs on a copy of our stack.
 */
pid_t clone_into_cgroup(unsigned long flags, int cgroup_fd, int *in_v2) {
    if (cgroup_fd >= 0) {
        /* With CLONE_PARENT the child inherits our exit signal; clone3 refuses to be told one. */
        struct clone_args args = {.flags = flags | CLONE_INTO_CGROUP,
                                  .exit_signal = (flags & CLONE_PARENT) ? 0 : SIGCHLD,
                                  .cgroup = (uint64_t)cgroup_fd};
        long r = syscall(SYS_clone3, &args, sizeof(args));
        if (r >= 0) {
            *in_v2 = 1;
            return (pid_t)r;
        }
        if (errno != ENOSYS && errno != E2BIG && errno != EINVAL) return -1;
    }
    *in_v2 = 0;
    return (pid_t)syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
}

int container_main(struct config *c, int rfd, int in_v2) {
    close_all_except(&rfd, 1);
    umask(0);
    /* If the shim dies, so does the container: nothing may outlive its supervisor. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0) report_failure(rfd, STEP_FORK, errno, "pdeathsig");
    join_namespaces(c, rfd);
    join_cgroups(c, rfd, in_v2);
    if ((c->clone_flags & CLONE_NEWCGROUP) && unshare(CLONE_NEWCGROUP) < 0)
        report_failure(rfd, STEP_UNSHARE_CGROUP, errno, "cgroup");
    setup_rootfs(c, rfd);
    enter_rootfs(c, rfd);
    if (c->hostname && sethostname(c->hostname, s_len(c->hostname)) < 0)
        report_failure(rfd, STEP_HOSTNAME, errno, c->hostname);
    write_sysctls(c, rfd);
    if (c->clone_flags & CLONE_NEWNET) loopback_up(rfd);
    finish_rootfs(c, rfd);
    if (setsid() < 0) report_failure(rfd, STEP_SETSID, errno, 0);
    int slave = -1;
    if (c->stdio == STDIO_TTY) {
        slave = open_pty(rfd);
        if (ioctl(slave, TIOCSCTTY, 0) < 0) report_failure(rfd, STEP_PTY, errno, "controlling terminal");
    }
    if (!c->init) apply_process(c, rfd, slave);

    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    pid_t workload = fork();
    if (workload < 0) report_failure(rfd, STEP_FORK, errno, "workload");
    if (workload == 0) {
        sigprocmask(SIG_SETMASK, &old, 0);
        apply_process(c, rfd, slave);
    }
    close(rfd);
    if (slave >= 0) close(slave);
    /* stdio belongs to the workload; init keeps none of it open. */
    int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (devnull >= 0) {
        dup2(devnull, 0);
        dup2(devnull, 1);
        dup2(devnull, 2);
        if (devnull > 2) close(devnull);
    }
    drop_to_kill_only();
    init_loop(workload);
}
