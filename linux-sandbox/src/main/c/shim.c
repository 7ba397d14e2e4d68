/*
 * The shim: outside the container, one per sandbox (and one per exec). It clones the
 * container into new namespaces, reports start-up failures as (step, errno), then
 * supervises: drains stdout and stderr into the json-file log and to an attached JVM,
 * forwards published ports, passes stdin on, and records the exit status (exit code or
 * 128+signal, and whether the cgroup OOM-killed it) in <state>/exit.json.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "stevedore.h"

size_t format_now(char *p);

static int pipe_out[2] = {-1, -1}, pipe_err[2] = {-1, -1}, pipe_in[2] = {-1, -1};
static int report[2] = {-1, -1};
static int pty_master = -1;
static int sfd = -1;
static pid_t child = -1;
static int jvm_in = 0; /* commands from the JVM; -1 once it is gone */
static int detach_sync = -1; /* detached: closed once ready, which lets the JVM's child exit */
static pid_t exec_workload = -1; /* exec mode: the workload, our child through CLONE_PARENT, once reported */

static void child_failure_first(void);

static void fail(int step, int err, const char *detail) __attribute__((noreturn));
static void fail(int step, int err, const char *detail) {
    static int failing;
    /* A child that failed first (and died, breaking our pipes to it) names the real cause. */
    if (!failing++ && child > 0 && report[0] >= 0) child_failure_first();
    if (child > 0) kill(child, SIGKILL);
    if (exec_workload > 0) kill(exec_workload, SIGKILL);
    /*
     * Reap every child, not only `child` (an exec's workload is ours too, through CLONE_PARENT,
     * and may be the one that failed), and only then report: the JVM kills us once it has read
     * the error. Left unreaped, a child would be a zombie of the host's init, which may never
     * reap it, and it keeps the sandbox's cgroup busy until then.
     */
    while (waitpid(-1, 0, 0) > 0 || errno == EINTR) {
    }
    send_error(step, err, detail);
    _exit(1);
}

static uint32_t le32(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

/*
 * Reads the report socket until every copy of the child's end is closed (the workload
 * exec'd) or a failure arrives. Kind 1: failure; kind 2: pty master (with SCM_RIGHTS);
 * kind 3: a pid (exec mode). Returns 0 on success.
 */
static int read_reports(pid_t *exec_pid) {
    for (;;) {
        unsigned char rec[12 + 256];
        char control[CMSG_SPACE(sizeof(int))];
        struct iovec iov = {.iov_base = rec, .iov_len = sizeof(rec)};
        struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof(control)};
        ssize_t n = recvmsg(report[0], &msg, MSG_WAITALL | MSG_CMSG_CLOEXEC);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return 0;
        if (n != (ssize_t)sizeof(rec)) fail(STEP_CONFIG, EPROTO, "short report record");
        uint32_t kind = le32(rec);
        if (kind == 1) {
            rec[sizeof(rec) - 1] = 0;
            fail((int)le32(rec + 4), (int)le32(rec + 8), (const char *)rec + 12);
        } else if (kind == 2) {
            struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
            if (!cm || cm->cmsg_type != SCM_RIGHTS) fail(STEP_PTY, EPROTO, "no pty descriptor");
            pty_master = *(int *)CMSG_DATA(cm);
            fcntl(pty_master, F_SETFL, O_NONBLOCK); /* neither reading output nor writing stdin may block the loop */
        } else if (kind == 3 && exec_pid) {
            *exec_pid = exec_workload = (pid_t)le32(rec + 4);
        }
    }
}

/* Fails with the child's own failure record if one is waiting on the report socket already. */
static void child_failure_first(void) {
    unsigned char rec[12 + 256];
    ssize_t n = recv(report[0], rec, sizeof(rec), MSG_DONTWAIT);
    if (n == (ssize_t)sizeof(rec) && le32(rec) == 1) {
        rec[sizeof(rec) - 1] = 0;
        fail((int)le32(rec + 4), (int)le32(rec + 8), (const char *)rec + 12);
    }
}

static uint64_t oom_kills(const char *file) {
    static char buf[4096];
    if (!file) return 0;
    int fd = open(file, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    ssize_t n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (n <= 0) return 0;
    buf[n] = 0;
    /* find "oom_kill <n>" at the start of a line */
    for (char *line = buf; *line;) {
        char *end = line;
        while (*end && *end != '\n') end++;
        char saved = *end;
        *end = 0;
        if (s_startswith(line, "oom_kill ")) {
            uint64_t v;
            if (s_parse_u64(line + 9, &v) == 0) return v;
        }
        if (!saved) break;
        line = end + 1;
    }
    return 0;
}

static void write_exit_file(const char *dir, int code, int sig, int oom) {
    static char path[4200], tmp[4200], body[256];
    char num[24];
    if (!dir) return;
    s_copy(path, sizeof(path), dir);
    s_cat(path, sizeof(path), "/exit.json");
    s_copy(tmp, sizeof(tmp), path);
    s_cat(tmp, sizeof(tmp), ".tmp");
    s_copy(body, sizeof(body), "{\"exitCode\":");
    s_fmt_u64(num, sizeof(num), (uint64_t)code);
    s_cat(body, sizeof(body), num);
    s_cat(body, sizeof(body), ",\"signal\":");
    s_fmt_u64(num, sizeof(num), (uint64_t)sig);
    s_cat(body, sizeof(body), num);
    s_cat(body, sizeof(body), oom ? ",\"oomKilled\":true,\"finishedAt\":\"" : ",\"oomKilled\":false,\"finishedAt\":\"");
    size_t n = s_len(body);
    n += format_now(body + n);
    body[n] = 0;
    s_cat(body, sizeof(body), "\"}\n");
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return;
    if (write_full(fd, body, s_len(body)) == 0 && fsync(fd) == 0) {
        close(fd);
        rename(tmp, path);
    } else {
        close(fd);
    }
}

/*
 * Bytes for the workload's stdin not written yet. Its pipe (or pty) is non-blocking: a workload
 * that does not read stdin while it writes stdout must not stall the loop that drains stdout.
 * While bytes are pending, no further command is read, which holds the JVM back.
 */
static unsigned char stdin_buf[65536];
static size_t stdin_off, stdin_len;

static int stdin_target(void) {
    return pty_master >= 0 ? pty_master : pipe_in[1];
}

/* Writes what the pipe takes of the pending stdin bytes; drops them if the workload closed its stdin. */
static void flush_stdin(void) {
    while (stdin_off < stdin_len) {
        int target = stdin_target();
        ssize_t n = target < 0 ? -1 : write(target, stdin_buf + stdin_off, stdin_len - stdin_off);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EAGAIN && target >= 0) return;
        if (n < 0) {
            if (pipe_in[1] >= 0) {
                close(pipe_in[1]);
                pipe_in[1] = -1;
            }
            break;
        }
        stdin_off += (size_t)n;
    }
    stdin_off = stdin_len = 0;
}

/* Handles one command frame from the JVM; returns -1 when the JVM has gone. */
static int handle_command(void) {
    unsigned char head[5];
    if (read_full(jvm_in, head, 5) != 0) return -1;
    uint32_t len = le32(head + 1);
    if (len > sizeof(stdin_buf) || (len && read_full(jvm_in, stdin_buf, len) != 0)) return -1;
    const unsigned char *buf = stdin_buf;
    switch (head[0]) {
    case CMD_STDIN:
        stdin_off = 0;
        stdin_len = len;
        flush_stdin();
        break;
    case CMD_STDIN_CLOSE:
        if (pty_master >= 0) {
            stdin_buf[0] = 4; /* ^D at the start of a line ends input on a terminal */
            stdin_off = 0;
            stdin_len = 1;
            flush_stdin();
        } else if (pipe_in[1] >= 0) {
            close(pipe_in[1]);
            pipe_in[1] = -1;
        }
        break;
    case CMD_RESIZE:
        if (pty_master >= 0 && len >= 4) {
            struct winsize ws = {.ws_row = (unsigned short)(buf[0] | buf[1] << 8),
                                 .ws_col = (unsigned short)(buf[2] | buf[3] << 8)};
            ioctl(pty_master, TIOCSWINSZ, &ws);
        }
        break;
    default:
        break;
    }
    return 0;
}

/* Reads what is available on an output fd; returns 0 at EOF. */
static int drain(int fd, int stream, int to_log) {
    static char buf[16384];
    ssize_t n = read(fd, buf, sizeof(buf));
    if (n < 0) return (errno == EAGAIN || errno == EINTR) ? 1 : 0;
    if (n == 0) return 0;
    if (to_log) log_write(stream, buf, (size_t)n);
    if (jvm_out >= 0 && send_frame(stream == 1 ? EV_STDOUT : EV_STDERR, buf, (uint32_t)n) < 0) jvm_out = -1;
    return 1;
}

/*
 * The poll loop after start: output, commands, ports, and SIGCHLD through a signalfd.
 * Returns the workload's wait status.
 */
static int supervise(struct config *c, pid_t pid, int to_log) {
    int outs[2] = {pty_master >= 0 ? pty_master : pipe_out[0], pty_master >= 0 ? -1 : pipe_err[0]};
    int status = 0, exited = 0;
    for (;;) {
        struct pollfd p[5 + MAX_PORTS + 200];
        int n = 0;
        int pending = stdin_off < stdin_len;
        p[n++] = (struct pollfd){.fd = sfd, .events = POLLIN};
        p[n++] = (struct pollfd){.fd = outs[0], .events = POLLIN};
        p[n++] = (struct pollfd){.fd = outs[1], .events = POLLIN};
        p[n++] = (struct pollfd){.fd = pending ? -1 : jvm_in, .events = POLLIN};
        p[n++] = (struct pollfd){.fd = pending ? stdin_target() : -1, .events = POLLOUT};
        int k = ports_fill_pollfds(p + n, (int)(sizeof(p) / sizeof(p[0])) - n);
        int timeout = exited ? 100 : -1;
        int r = poll(p, (nfds_t)(n + k), timeout);
        if (r < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (r == 0 && exited) break; /* exited and nothing more to read for a while */
        if (p[0].revents) {
            struct signalfd_siginfo si;
            while (read(sfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
                if (si.ssi_signo != SIGCHLD) kill(pid, (int)si.ssi_signo);
            }
            int st;
            pid_t w;
            while ((w = waitpid(-1, &st, WNOHANG)) > 0) {
                if (w == pid) {
                    status = st;
                    exited = 1;
                }
            }
        }
        for (int i = 1; i <= 2; i++) {
            if (p[i].fd >= 0 && (p[i].revents & (POLLIN | POLLHUP | POLLERR))) {
                if (!drain(p[i].fd, i, to_log)) {
                    close(outs[i - 1]);
                    outs[i - 1] = -1;
                }
            }
        }
        if (p[4].fd >= 0 && p[4].revents) flush_stdin();
        if (p[3].fd >= 0 && (p[3].revents & (POLLIN | POLLHUP | POLLERR))) {
            if (handle_command() < 0) {
                /* The JVM is gone. An attached sandbox dies with it. */
                jvm_in = -1;
                if (!c->detached) kill(pid, SIGKILL);
            }
        }
        ports_handle(p + n, k);
        if (exited && outs[0] < 0 && outs[1] < 0) break;
    }
    return status;
}

static void open_pipes(struct config *c) {
    if (c->stdio != STDIO_TTY) {
        if (pipe2(pipe_out, O_CLOEXEC) < 0 || pipe2(pipe_err, O_CLOEXEC) < 0) fail(STEP_PIPE, errno, "stdout");
        fcntl(pipe_out[0], F_SETFL, O_NONBLOCK);
        fcntl(pipe_err[0], F_SETFL, O_NONBLOCK);
        if (c->stdin_open && pipe2(pipe_in, O_CLOEXEC) < 0) fail(STEP_PIPE, errno, "stdin");
        if (pipe_in[1] >= 0) fcntl(pipe_in[1], F_SETFL, O_NONBLOCK);
    }
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, report) < 0) fail(STEP_PIPE, errno, "report");
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGQUIT);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, 0);
    sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
    if (sfd < 0) fail(STEP_PIPE, errno, "signalfd");
    signal(SIGPIPE, SIG_IGN);
}

/* In the child: stdio onto 0, 1, 2 (or /dev/null), and no shim descriptors left but the report socket. */
static void child_stdio(struct config *c) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, 0);
    signal(SIGPIPE, SIG_DFL);
    int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (c->stdio != STDIO_TTY) {
        dup2(pipe_in[0] >= 0 ? pipe_in[0] : devnull, 0);
        dup2(pipe_out[1], 1);
        dup2(pipe_err[1], 2);
    } else {
        dup2(devnull, 0);
        dup2(devnull, 1);
        dup2(devnull, 2);
    }
    close(report[0]);
}

static void finish(struct config *c, int status, int to_log) __attribute__((noreturn));
static void finish(struct config *c, int status, int to_log) {
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    int oom = oom_kills(c->oom_file) > 0;
    if (to_log) log_close();
    ports_close();
    write_exit_file(c->mode == MODE_RUN ? c->state_dir : 0, code, sig, oom);
    unsigned char ev[12];
    put32(ev, (uint32_t)code);
    put32(ev + 4, (uint32_t)sig);
    put32(ev + 8, (uint32_t)oom);
    send_frame(EV_EXIT, ev, sizeof(ev));
    _exit(0);
}

static void send_ready(pid_t pid) {
    unsigned char ev[12 + MAX_PORTS * 12];
    put32(ev, (uint32_t)pid);
    put32(ev + 4, (uint32_t)getpid());
    put32(ev + 8, (uint32_t)prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
    uint32_t n = 12;
    for (uint32_t i = 0; i < MAX_PORTS; i++) {
        uint32_t proto, cport, hport;
        if (ports_bound(i, &proto, &cport, &hport) < 0) break;
        put32(ev + n, proto);
        put32(ev + n + 4, cport);
        put32(ev + n + 8, hport);
        n += 12;
    }
    if (send_frame(EV_READY, ev, n) < 0) jvm_out = -1;
}

int shim_main(struct config *c) {
    static char why[512];
    if (!c->detached) {
        /* An attached sandbox dies with the JVM thread that spawned us. */
        if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0) fail(STEP_DAEMON, errno, "pdeathsig");
        if (getppid() == 1) _exit(1);
        setpgid(0, 0); /* terminal signals go to the JVM, which decides */
    } else {
        /*
         * Daemonize, but keep the JVM's child alive until the daemon is ready: the JVM stops
         * reading a child's pipes once the child exits. The daemon closes `sync` when it is
         * ready (or exits on failure), and only then does the JVM's child leave.
         */
        int sync[2];
        if (pipe2(sync, O_CLOEXEC) < 0) fail(STEP_DAEMON, errno, "pipe");
        pid_t d = fork();
        if (d < 0) fail(STEP_DAEMON, errno, "fork");
        if (d > 0) {
            char b;
            close(sync[1]);
            while (read(sync[0], &b, 1) < 0 && errno == EINTR) {
            }
            _exit(0);
        }
        close(sync[0]);
        detach_sync = sync[1];
        if (setsid() < 0) fail(STEP_DAEMON, errno, "setsid");
        unsigned char ev[4];
        put32(ev, (uint32_t)getpid());
        send_frame(EV_DETACHED, ev, sizeof(ev));
    }
    int dirfd = open(c->state_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0) fail(STEP_STATE_DIR, errno, c->state_dir);
    int lock = openat(dirfd, "shim.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock < 0) fail(STEP_LOCK, errno, "shim.lock");
    /* A POSIX record lock: what Java's FileChannel.tryLock sees, and never inherited by children. */
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    if (fcntl(lock, F_SETLK, &fl) < 0) fail(STEP_LOCK, errno, "shim.lock is held by another shim");
    close(dirfd);
    int to_log = 1; /* every stdio mode writes the json-file log; a max size of 0 only means never rotate */
    if (to_log && log_open(c->state_dir, c->log_max_size, c->log_max_files) < 0) fail(STEP_LOG, errno, "container.log");
    if (ports_listen(c, why, sizeof(why)) < 0) fail(STEP_PORT, errno, why);
    open_pipes(c);

    int cgfd = -1, in_v2 = 0;
    if (c->cgroup_v2) {
        cgfd = open(c->cgroup_v2, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (cgfd < 0) fail(STEP_CGROUP_JOIN, errno, c->cgroup_v2);
    }
    uint32_t flags = c->clone_flags & ~(uint32_t)CLONE_NEWCGROUP;
    child = clone_into_cgroup(flags, cgfd, &in_v2);
    if (child < 0) fail(STEP_CLONE, errno, 0);
    if (child == 0) {
        child_stdio(c);
        container_main(c, report[1], in_v2);
    }
    if (cgfd >= 0) close(cgfd);
    close(report[1]);
    if (pipe_out[1] >= 0) close(pipe_out[1]);
    if (pipe_err[1] >= 0) close(pipe_err[1]);
    if (pipe_in[0] >= 0) close(pipe_in[0]);
    read_reports(0);
    close(report[0]);
    report[0] = -1;
    if (c->nports > 0) {
        static char ns[64];
        char num[16];
        s_fmt_u64(num, sizeof(num), (uint64_t)child);
        s_copy(ns, sizeof(ns), "/proc/");
        s_cat(ns, sizeof(ns), num);
        s_cat(ns, sizeof(ns), "/ns/net");
        int fd = open(ns, O_RDONLY | O_CLOEXEC);
        if (fd < 0) fail(STEP_PORT, errno, ns);
        ports_set_netns(fd);
    }
    send_ready(child);
    if (c->detached) {
        /* Nobody listens any more: output goes to the log only. */
        int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
        dup2(devnull, 0);
        dup2(devnull, 1);
        dup2(devnull, 2);
        close(devnull);
        jvm_out = -1;
        jvm_in = -1;
        close(detach_sync);
        detach_sync = -1;
    }
    int status = supervise(c, child, to_log);
    finish(c, status, to_log);
}

/* exec into a running sandbox: join its cgroups and namespaces, then run one more process. */
int exec_shim_main(struct config *c) {
    static const char *const names[] = {"cgroup", "ipc", "uts", "net", "pid", "mnt"};
    static const int types[] = {CLONE_NEWCGROUP, CLONE_NEWIPC, CLONE_NEWUTS, CLONE_NEWNET, CLONE_NEWPID, CLONE_NEWNS};
    int fds[6];
    static char path[64];
    char num[16];
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0) fail(STEP_DAEMON, errno, "pdeathsig");
    setpgid(0, 0);
    s_fmt_u64(num, sizeof(num), c->target_pid);
    for (int i = 0; i < 6; i++) {
        struct stat mine, theirs;
        s_copy(path, sizeof(path), "/proc/");
        s_cat(path, sizeof(path), num);
        s_cat(path, sizeof(path), "/ns/");
        s_cat(path, sizeof(path), names[i]);
        fds[i] = open(path, O_RDONLY | O_CLOEXEC);
        if (fds[i] < 0) fail(STEP_TARGET, errno, path);
        s_copy(path, sizeof(path), "/proc/self/ns/");
        s_cat(path, sizeof(path), names[i]);
        if (fstat(fds[i], &theirs) == 0 && stat(path, &mine) == 0 && mine.st_ino == theirs.st_ino) {
            close(fds[i]);
            fds[i] = -1; /* already there: nothing to join */
        }
    }
    open_pipes(c);
    child = fork();
    if (child < 0) fail(STEP_FORK, errno, 0);
    if (child == 0) {
        int rfd = report[1];
        child_stdio(c);
        /*
         * Join the cgroups while the host's paths are still visible: v1 through `tasks` (this
         * process is single-threaded, and its child inherits them); v2 when the workload is
         * cloned into it, or right now on kernels that cannot.
         */
        int cgfd = -1, in_v2 = 0;
        int clone_into = c->cgroup_v2 && kernel_has_clone_into_cgroup();
        join_cgroups(c, rfd, !c->cgroup_v2 || clone_into);
        if (clone_into) {
            cgfd = open(c->cgroup_v2, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (cgfd < 0) report_failure(rfd, STEP_CGROUP_JOIN, errno, c->cgroup_v2);
        }
        /* Every namespace but the cgroup one: clone3 may only place a child in a cgroup inside the caller's. */
        for (int i = 1; i < 6; i++) {
            if (fds[i] >= 0 && setns(fds[i], types[i]) < 0) report_failure(rfd, STEP_SETNS, errno, names[i]);
        }
        int keep[] = {rfd, cgfd, fds[0]};
        close_all_except(keep, 3);
        /* CLONE_PARENT: the workload becomes the shim's child, inside the sandbox's PID namespace. */
        pid_t w = clone_into_cgroup(CLONE_PARENT, cgfd, &in_v2);
        if (w < 0) report_failure(rfd, STEP_FORK, errno, "workload");
        if (w == 0) {
            if (cgfd >= 0) close(cgfd);
            if (clone_into && !in_v2) report_failure(rfd, STEP_CGROUP_JOIN, EOPNOTSUPP, c->cgroup_v2);
            if (fds[0] >= 0) {
                if (setns(fds[0], CLONE_NEWCGROUP) < 0) report_failure(rfd, STEP_SETNS, errno, names[0]);
                close(fds[0]);
            }
            if (setsid() < 0) report_failure(rfd, STEP_SETSID, errno, 0);
            int slave = -1;
            if (c->stdio == STDIO_TTY) {
                static char ptmx[] = "/dev/ptmx";
                int master = open(ptmx, O_RDWR | O_NOCTTY | O_CLOEXEC);
                if (master < 0) report_failure(rfd, STEP_PTY, errno, ptmx);
                int unlock = 0;
                ioctl(master, TIOCSPTLCK, &unlock);
                slave = ioctl(master, _IO('T', 0x41), O_RDWR | O_NOCTTY);
                if (slave < 0) report_failure(rfd, STEP_PTY, errno, "pty slave");
                unsigned char rec[12 + 256] = {2};
                char control[CMSG_SPACE(sizeof(int))];
                struct iovec iov = {.iov_base = rec, .iov_len = sizeof(rec)};
                struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control,
                                     .msg_controllen = sizeof(control)};
                struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
                cm->cmsg_level = SOL_SOCKET;
                cm->cmsg_type = SCM_RIGHTS;
                cm->cmsg_len = CMSG_LEN(sizeof(int));
                *(int *)CMSG_DATA(cm) = master;
                if (sendmsg(rfd, &msg, 0) < 0) report_failure(rfd, STEP_PTY, errno, "send pty");
                close(master);
                ioctl(slave, TIOCSCTTY, 0);
            }
            apply_process(c, rfd, slave);
        }
        unsigned char rec[12 + 256] = {3};
        put32(rec + 4, (uint32_t)w);
        write_full(rfd, rec, sizeof(rec));
        _exit(0);
    }
    close(report[1]);
    if (pipe_out[1] >= 0) close(pipe_out[1]);
    if (pipe_err[1] >= 0) close(pipe_err[1]);
    if (pipe_in[0] >= 0) close(pipe_in[0]);
    pid_t workload = -1;
    read_reports(&workload);
    int st;
    waitpid(child, &st, 0); /* the intermediate child */
    child = workload;
    if (workload <= 0) fail(STEP_FORK, ECHILD, "no workload pid");
    send_ready(workload);
    int status = supervise(c, workload, 0);
    finish(c, status, 0);
}
