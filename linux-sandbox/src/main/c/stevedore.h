/*
 * stevedore-init: the per-sandbox shim (outside the container) and the container's init.
 *
 * One static binary, always executed by the JVM from a sealed memfd. The JVM writes a
 * configuration in the TLV format of config.c to our stdin and reads framed events from
 * our stdout (proto.c). After fork() a child allocates nothing and only calls
 * async-signal-safe functions; all buffers are static.
 */
#ifndef STEVEDORE_H
#define STEVEDORE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define MAX_ARGS 256
#define MAX_ENV 512
#define MAX_MOUNTS 64
#define MAX_LOWERS 500
#define MAX_JOIN 8
#define MAX_CGROUPS 16
#define MAX_RLIMITS 16
#define MAX_PATHS 32
#define MAX_SYSCTLS 16
#define MAX_PORTS 32
#define CONFIG_MAX (1024 * 1024)

/* Steps reported back to the JVM with an errno when something fails. Keep in sync with SandboxStep.java. */
enum step {
    STEP_NONE = 0,
    STEP_CONFIG = 1,
    STEP_STATE_DIR = 2,
    STEP_LOCK = 3,
    STEP_PIPE = 4,
    STEP_CLONE = 5,
    STEP_SETNS = 6,
    STEP_CGROUP_JOIN = 7,
    STEP_UNSHARE_CGROUP = 8,
    STEP_MOUNT_PRIVATE = 9,
    STEP_OVERLAY = 10,
    STEP_ROOTFS = 11,
    STEP_MOUNT = 12,
    STEP_MOUNT_TARGET = 13,
    STEP_DEVICES = 14,
    STEP_PIVOT_ROOT = 15,
    STEP_HOSTNAME = 16,
    STEP_SYSCTL = 17,
    STEP_LOOPBACK = 18,
    STEP_MASK_PATHS = 19,
    STEP_READONLY_PATHS = 20,
    STEP_USER = 21,
    STEP_SETGROUPS = 22,
    STEP_SETGID = 23,
    STEP_SETUID = 24,
    STEP_CAPABILITIES = 25,
    STEP_RLIMIT = 26,
    STEP_NO_NEW_PRIVS = 27,
    STEP_SECCOMP = 28,
    STEP_CWD = 29,
    STEP_CLOSE_FDS = 30,
    STEP_EXEC_NOT_FOUND = 31,
    STEP_EXEC_DENIED = 32,
    STEP_EXEC = 33,
    STEP_PORT = 34,
    STEP_PTY = 35,
    STEP_FORK = 36,
    STEP_SETSID = 37,
    STEP_LOG = 38,
    STEP_DAEMON = 39,
    STEP_ROOTFS_READONLY = 40,
    STEP_TARGET = 41,
};

/* Event frames we send to the JVM on stdout: [u8 type][u32 length][payload]. */
enum event {
    EV_READY = 1,   /* u32 container pid (host view), u32 shim pid, u32 dumpable, then per port: u32 proto, u32 container port, u32 host port */
    EV_ERROR = 2,   /* u32 step, i32 errno, string detail */
    EV_STDOUT = 3,
    EV_STDERR = 4,
    EV_EXIT = 5,    /* i32 exit code, i32 signal (0 if none), u32 oom killed */
    EV_DETACHED = 6 /* u32 pid of the daemonized shim */
};

/* Frames the JVM sends us on stdin after the configuration. */
enum command {
    CMD_CONFIG = 1,
    CMD_STDIN = 2,
    CMD_STDIN_CLOSE = 3,
    CMD_RESIZE = 4 /* u16 rows, u16 cols */
};

enum mount_kind { MK_BIND = 1, MK_TMPFS = 2, MK_PROC = 3, MK_SYSFS = 4, MK_DEVPTS = 5, MK_MQUEUE = 6, MK_OTHER = 7 };

struct mount_spec {
    uint32_t kind;
    uint64_t flags;       /* MS_* flags */
    uint32_t propagation; /* MS_PRIVATE, MS_SLAVE, MS_SHARED or 0 */
    const char *source;
    const char *target;   /* absolute, inside the container */
    const char *fstype;
    const char *data;
};

struct join_spec {
    uint32_t nstype; /* CLONE_NEW* */
    const char *path;
};

struct rlimit_spec {
    uint32_t resource;
    uint64_t soft, hard;
};

struct port_spec {
    uint32_t proto; /* 6 tcp, 17 udp */
    uint32_t host_port;
    uint32_t container_port;
    const char *host_ip;
};

enum stdio_mode { STDIO_PIPE = 0, STDIO_LOG = 1, STDIO_TTY = 2 };
enum run_mode { MODE_RUN = 1, MODE_EXEC = 2 };

struct config {
    uint32_t mode;
    const char *id;
    const char *state_dir;
    /* root file system */
    const char *rootfs;          /* the directory to pivot into (overlay target when lowers are set) */
    const char *lowers[MAX_LOWERS];
    int nlowers;
    const char *upper, *work;
    uint32_t rootfs_readonly;
    /* mounts beyond the defaults */
    struct mount_spec mounts[MAX_MOUNTS];
    int nmounts;
    uint32_t default_mounts;     /* bit set: see DM_* */
    const char *cgroup_mounts[MAX_CGROUPS]; /* "v1:<opts>:<name>" or "v2" entries for /sys/fs/cgroup */
    int ncgroup_mounts;
    const char *masked[MAX_PATHS];
    int nmasked;
    const char *readonly[MAX_PATHS];
    int nreadonly;
    const char *sysctls[MAX_SYSCTLS]; /* key=value, key as in /proc/sys with dots */
    int nsysctls;
    /* process */
    const char *argv[MAX_ARGS + 1];
    int argc;
    const char *envp[MAX_ENV + 2];
    int nenv;
    const char *cwd;
    const char *user;
    uint32_t umask_value;
    uint32_t has_umask;
    struct rlimit_spec rlimits[MAX_RLIMITS];
    int nrlimits;
    uint32_t init;               /* pid 1 is our init: reaps and forwards signals */
    uint32_t detached;
    uint32_t stdio;
    uint32_t stdin_open;
    uint64_t log_max_size;
    uint32_t log_max_files;
    const char *hostname;
    uint32_t clone_flags;        /* CLONE_NEW* to create */
    struct join_spec joins[MAX_JOIN];
    int njoins;
    const char *cgroup_tasks[MAX_CGROUPS]; /* v1: each hierarchy's tasks file */
    int ncgroup_tasks;
    const char *cgroup_v2;                 /* the cgroup2 directory, if any */
    const char *oom_file;
    uint64_t cap_bounding, cap_effective, cap_permitted, cap_inheritable, cap_ambient;
    uint32_t no_new_privs;
    const unsigned char *seccomp;
    uint32_t seccomp_len;
    struct port_spec ports[MAX_PORTS];
    int nports;
    uint32_t target_pid;         /* exec mode: pid 1 of the sandbox to join */
    uint32_t overlay_legacy;     /* mount the overlay with mount(2) options, as kernels before 6.8 must */
};

#define DM_PROC 0x1
#define DM_DEV 0x2
#define DM_DEVPTS 0x4
#define DM_SHM 0x8
#define DM_MQUEUE 0x10
#define DM_SYSFS 0x20
#define DM_CGROUP 0x40
#define DM_SYSFS_BIND 0x80 /* bind the host /sys (read-only) when the network namespace is shared */

/* config.c */
int config_parse(struct config *c, const unsigned char *buf, size_t len, const char **why);

/* proto.c: frames to the JVM (fd 1 at start) */
extern int jvm_out;
int send_frame(int type, const void *payload, uint32_t len);
int send_error(int step, int err, const char *detail);
int read_full(int fd, void *buf, size_t len);
int write_full(int fd, const void *buf, size_t len);

/* util.c: async-signal-safe helpers */
size_t s_len(const char *s);
int s_eq(const char *a, const char *b);
int s_startswith(const char *s, const char *prefix);
char *s_copy(char *dst, size_t cap, const char *src);      /* NUL-terminated, truncating; returns dst */
char *s_cat(char *dst, size_t cap, const char *src);
int s_fmt_u64(char *dst, size_t cap, uint64_t v);          /* returns length */
int s_parse_u64(const char *s, uint64_t *out);
const char *env_get(const char *const *envp, const char *name);

/* child.c: the container side, after clone */
struct report {
    int fd; /* the error socket; CLOEXEC so a successful exec closes it */
};
void report_failure(int fd, int step, int err, const char *detail) __attribute__((noreturn));
void close_all_except(const int *keep, int n);
int container_main(struct config *c, int report_fd, int in_v2) __attribute__((noreturn));
void join_cgroups(struct config *c, int report_fd, int in_v2);
int kernel_has_clone_into_cgroup(void);
pid_t clone_into_cgroup(unsigned long flags, int cgroup_fd, int *in_v2);
int exec_main(struct config *c, int report_fd) __attribute__((noreturn));

/* rootfs.c */
int setup_rootfs(struct config *c, int report_fd);
int enter_rootfs(struct config *c, int report_fd);
int finish_rootfs(struct config *c, int report_fd);

/* identity.c */
struct identity {
    uid_t uid;
    gid_t gid;
    gid_t groups[64];
    int ngroups;
    char home[256];
};
int resolve_user(const char *spec, struct identity *out, char *why, size_t whycap);
void apply_process(struct config *c, int report_fd, int pty_slave) __attribute__((noreturn));
void drop_to_kill_only(void);

/* shim.c */
int shim_main(struct config *c);
int exec_shim_main(struct config *c);

/* logfile.c */
struct logfile;
int log_open(const char *dir, uint64_t max_size, uint32_t max_files);
void log_write(int stream, const char *data, size_t len);
void log_flush_partial(void);
void log_close(void);

/* ports.c */
int ports_listen(struct config *c, char *why, size_t whycap);
int ports_bound(uint32_t index, uint32_t *proto, uint32_t *container_port, uint32_t *host_port);
void ports_set_netns(int fd);
int ports_fill_pollfds(void *pfds, int max);
void ports_handle(void *pfds, int n);
void ports_close(void);
int ports_count(void);

#endif
