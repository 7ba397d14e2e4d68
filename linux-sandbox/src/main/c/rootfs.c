/*
 * The container's file system, built inside its new mount namespace: private propagation,
 * the root (an overlay or a bind of a directory), Docker's default mounts, the caller's
 * mounts, pivot_root, then masked and read-only paths. Every mount target is resolved
 * inside the root with openat2(RESOLVE_IN_ROOT) and mounted through /proc/self/fd, so a
 * symlink in the image can never redirect a mount to the host.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "stevedore.h"

#ifndef FSOPEN_CLOEXEC
#define FSOPEN_CLOEXEC 0x00000001
#define FSCONFIG_SET_STRING 1
#define FSCONFIG_CMD_CREATE 6
#define FSMOUNT_CLOEXEC 0x00000001
#define MOVE_MOUNT_F_EMPTY_PATH 0x00000004
#endif

static int root_fd = -1; /* the new root, before pivot_root */

static int sys_openat2(int dirfd, const char *path, uint64_t flags, uint64_t resolve) {
    struct open_how how = {.flags = flags, .mode = 0, .resolve = resolve};
    return (int)syscall(SYS_openat2, dirfd, path, &how, sizeof(how));
}

/* Lexically cleans an absolute path into a relative one without "." or ".." (which stop at the root). */
static int clean_path(const char *in, char *out, size_t cap) {
    size_t n = 0;
    const char *p = in;
    while (*p) {
        while (*p == '/') p++;
        if (!*p) break;
        const char *start = p;
        while (*p && *p != '/') p++;
        size_t len = (size_t)(p - start);
        if (len == 1 && start[0] == '.') continue;
        if (len == 2 && start[0] == '.' && start[1] == '.') {
            while (n > 0 && out[n - 1] != '/') n--;
            if (n > 0) n--;
            continue;
        }
        if (n + len + 2 > cap) return -1;
        if (n > 0) out[n++] = '/';
        for (size_t i = 0; i < len; i++) out[n++] = start[i];
    }
    if (n == 0) {
        if (cap < 2) return -1;
        out[n++] = '.';
    }
    out[n] = 0;
    return 0;
}

/*
 * Opens `target` (absolute, inside the container) as an O_PATH descriptor confined to the
 * root, creating missing directories (and, when `file` is set, a missing last component as
 * an empty file). With `no_symlinks`, any symlink on the way is refused (ELOOP).
 */
static int open_in_root(const char *target, int file, int no_symlinks) {
    static char rel[4096];
    uint64_t resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS | (no_symlinks ? RESOLVE_NO_SYMLINKS : 0);
    if (clean_path(target, rel, sizeof(rel)) < 0) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = sys_openat2(root_fd, rel, O_PATH | O_CLOEXEC, resolve);
    if (fd >= 0 || errno != ENOENT) return fd;
    /* Walk the prefixes, creating what is missing inside the confined parent. */
    int parent = fcntl(root_fd, F_DUPFD_CLOEXEC, 3);
    if (parent < 0) return -1;
    size_t len = s_len(rel);
    size_t at = 0;
    while (at < len) {
        size_t end = at;
        while (end < len && rel[end] != '/') end++;
        char saved = rel[end];
        rel[end] = 0;
        int last = end >= len;
        int next = sys_openat2(root_fd, rel, O_PATH | O_CLOEXEC, resolve);
        if (next < 0 && errno == ENOENT) {
            const char *name = rel + at;
            int made;
            if (last && file) {
                made = openat(parent, name, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644);
                if (made >= 0) close(made);
            } else {
                made = mkdirat(parent, name, 0755);
            }
            if (made < 0 && errno != EEXIST) {
                int e = errno;
                close(parent);
                errno = e;
                return -1;
            }
            next = sys_openat2(root_fd, rel, O_PATH | O_CLOEXEC, resolve);
        }
        rel[end] = saved;
        if (next < 0) {
            int e = errno;
            close(parent);
            errno = e;
            return -1;
        }
        close(parent);
        parent = next;
        at = end + 1;
    }
    return parent;
}

static void fd_path(int fd, char *buf, size_t cap) {
    char num[16];
    s_fmt_u64(num, sizeof(num), (uint64_t)fd);
    s_copy(buf, cap, "/proc/self/fd/");
    s_cat(buf, cap, num);
}

/* Mounts onto `target` inside the root; for a bind mount, `source` is a host path. */
static void mount_in_root(int rfd, const char *source, const char *target, const char *fstype,
                          unsigned long flags, const char *data, int file, int no_symlinks) {
    char proc[32];
    int fd = open_in_root(target, file, no_symlinks);
    if (fd < 0) report_failure(rfd, STEP_MOUNT_TARGET, errno, target);
    fd_path(fd, proc, sizeof(proc));
    unsigned long first = flags;
    if (flags & MS_BIND) first = flags & (MS_BIND | MS_REC);
    if (mount(source, proc, fstype, first, data) < 0) report_failure(rfd, STEP_MOUNT, errno, target);
    close(fd);
    if ((flags & MS_BIND) && (flags & ~(MS_BIND | MS_REC))) {
        /* Bind mounts take their flags only on a remount of the new mount. */
        fd = open_in_root(target, file, 0);
        if (fd < 0) report_failure(rfd, STEP_MOUNT_TARGET, errno, target);
        fd_path(fd, proc, sizeof(proc));
        if (mount(0, proc, 0, MS_REMOUNT | MS_BIND | (flags & ~(MS_BIND | MS_REC)), 0) < 0)
            report_failure(rfd, STEP_MOUNT, errno, target);
        close(fd);
    }
}

static void set_propagation(int rfd, const char *target, uint32_t propagation) {
    char proc[32];
    if (!propagation) return;
    int fd = open_in_root(target, 0, 0);
    if (fd < 0) report_failure(rfd, STEP_MOUNT_TARGET, errno, target);
    fd_path(fd, proc, sizeof(proc));
    if (mount(0, proc, 0, propagation, 0) < 0) report_failure(rfd, STEP_MOUNT, errno, target);
    close(fd);
}

static int overlay_fsconfig(struct config *c) {
    int fs = (int)syscall(SYS_fsopen, "overlay", FSOPEN_CLOEXEC);
    if (fs < 0) return -1;
    for (int i = 0; i < c->nlowers; i++) {
        if (syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "lowerdir+", c->lowers[i], 0) < 0) goto fail;
    }
    if (syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "upperdir", c->upper, 0) < 0) goto fail;
    if (syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "workdir", c->work, 0) < 0) goto fail;
    if (syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "redirect_dir", "off", 0) < 0) goto fail;
    if (syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "index", "off", 0) < 0) goto fail;
    if (syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "metacopy", "off", 0) < 0) goto fail;
    if (syscall(SYS_fsconfig, fs, FSCONFIG_CMD_CREATE, 0, 0, 0) < 0) goto fail;
    int mnt = (int)syscall(SYS_fsmount, fs, FSMOUNT_CLOEXEC, 0);
    if (mnt < 0) goto fail;
    close(fs);
    if (syscall(SYS_move_mount, mnt, "", AT_FDCWD, c->rootfs, MOVE_MOUNT_F_EMPTY_PATH) < 0) {
        int e = errno;
        close(mnt);
        errno = e;
        return -1;
    }
    close(mnt);
    return 0;
fail:;
    int e = errno;
    close(fs);
    errno = e;
    return -1;
}

/* The classic mount(2) data string; paths relative to the lowers' common parent keep it short. */
static int overlay_legacy(struct config *c) {
    static char data[65536];
    static char parent[4096];
    /* Find the longest common directory prefix of all paths. */
    s_copy(parent, sizeof(parent), c->lowers[0]);
    const char *all[MAX_LOWERS + 2];
    int n = 0;
    for (int i = 0; i < c->nlowers; i++) all[n++] = c->lowers[i];
    all[n++] = c->upper;
    all[n++] = c->work;
    size_t plen = s_len(parent);
    for (int i = 0; i < n; i++) {
        size_t j = 0;
        while (j < plen && all[i][j] == parent[j]) j++;
        plen = j;
    }
    while (plen > 0 && parent[plen - 1] != '/') plen--;
    parent[plen] = 0;
    data[0] = 0;
    s_cat(data, sizeof(data), "lowerdir=");
    for (int i = 0; i < c->nlowers; i++) {
        if (i) s_cat(data, sizeof(data), ":");
        s_cat(data, sizeof(data), c->lowers[i] + plen);
    }
    s_cat(data, sizeof(data), ",upperdir=");
    s_cat(data, sizeof(data), c->upper + plen);
    s_cat(data, sizeof(data), ",workdir=");
    s_cat(data, sizeof(data), c->work + plen);
    s_cat(data, sizeof(data), ",redirect_dir=off,index=off,metacopy=off");
    if (s_len(data) >= 4095) {
        errno = E2BIG;
        return -1;
    }
    int cwd = open(".", O_PATH | O_CLOEXEC | O_DIRECTORY);
    if (plen > 0 && chdir(parent) < 0) return -1;
    int rc = mount("overlay", c->rootfs, "overlay", 0, data);
    int e = errno;
    if (cwd >= 0) {
        if (fchdir(cwd) < 0) e = errno;
        close(cwd);
    }
    errno = e;
    return rc;
}

static void make_device(int rfd, int devfd, const char *name, unsigned maj, unsigned min) {
    if (mknodat(devfd, name, S_IFCHR | 0666, makedev(maj, min)) < 0 && errno != EEXIST)
        report_failure(rfd, STEP_DEVICES, errno, name);
    if (fchmodat(devfd, name, 0666, 0) < 0) report_failure(rfd, STEP_DEVICES, errno, name);
}

static void default_mounts(struct config *c, int rfd) {
    const unsigned long common = MS_NOSUID | MS_NOEXEC | MS_NODEV;
    uint32_t dm = c->default_mounts;
    if (dm & DM_PROC) mount_in_root(rfd, "proc", "/proc", "proc", common, 0, 0, 1);
    if (dm & DM_DEV) {
        mount_in_root(rfd, "tmpfs", "/dev", "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k", 0, 1);
        int dev = open_in_root("/dev", 0, 1);
        if (dev < 0) report_failure(rfd, STEP_DEVICES, errno, "/dev");
        char proc[32];
        fd_path(dev, proc, sizeof(proc));
        int devdir = open(proc, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (devdir < 0) report_failure(rfd, STEP_DEVICES, errno, "/dev");
        make_device(rfd, devdir, "null", 1, 3);
        make_device(rfd, devdir, "zero", 1, 5);
        make_device(rfd, devdir, "full", 1, 7);
        make_device(rfd, devdir, "random", 1, 8);
        make_device(rfd, devdir, "urandom", 1, 9);
        make_device(rfd, devdir, "tty", 5, 0);
        static const char *const links[][2] = {
            {"/proc/self/fd", "fd"}, {"/proc/self/fd/0", "stdin"}, {"/proc/self/fd/1", "stdout"},
            {"/proc/self/fd/2", "stderr"}, {"pts/ptmx", "ptmx"}};
        for (unsigned i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
            if (symlinkat(links[i][0], devdir, links[i][1]) < 0 && errno != EEXIST)
                report_failure(rfd, STEP_DEVICES, errno, links[i][1]);
        }
        close(devdir);
        close(dev);
    }
    if (dm & DM_DEVPTS)
        mount_in_root(rfd, "devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC,
                      "newinstance,ptmxmode=0666,mode=0620,gid=5", 0, 1);
    if (dm & DM_SHM) mount_in_root(rfd, "shm", "/dev/shm", "tmpfs", common, "mode=1777,size=65536k", 0, 1);
    if (dm & DM_MQUEUE) mount_in_root(rfd, "mqueue", "/dev/mqueue", "mqueue", common, 0, 0, 1);
    if (dm & DM_SYSFS) mount_in_root(rfd, "sysfs", "/sys", "sysfs", common | MS_RDONLY, 0, 0, 1);
    if (dm & DM_SYSFS_BIND) mount_in_root(rfd, "/sys", "/sys", 0, MS_BIND | MS_REC | MS_RDONLY | common, 0, 0, 1);
}

/* /sys/fs/cgroup: after the sandbox has joined its cgroups and made its cgroup namespace. */
static void cgroup_mounts(struct config *c, int rfd) {
    const unsigned long common = MS_NOSUID | MS_NOEXEC | MS_NODEV;
    if ((c->default_mounts & DM_CGROUP) && c->ncgroup_mounts > 0) {
        /* v2 alone: one cgroup2 mount. v1 or hybrid: a tmpfs holding one mount per hierarchy. */
        if (c->ncgroup_mounts == 1 && s_eq(c->cgroup_mounts[0], "v2::")) {
            mount_in_root(rfd, "cgroup2", "/sys/fs/cgroup", "cgroup2", common | MS_RDONLY, 0, 0, 1);
        } else {
            mount_in_root(rfd, "tmpfs", "/sys/fs/cgroup", "tmpfs", common, "mode=755", 0, 1);
            for (int i = 0; i < c->ncgroup_mounts; i++) {
                /* "v1:<options>:<dir>" or "v2::<dir>" */
                static char spec[512], target[600];
                s_copy(spec, sizeof(spec), c->cgroup_mounts[i]);
                char *opts = spec + 3, *dir = opts;
                while (*dir && *dir != ':') dir++;
                if (!*dir) report_failure(rfd, STEP_MOUNT, EINVAL, c->cgroup_mounts[i]);
                *dir++ = 0;
                s_copy(target, sizeof(target), "/sys/fs/cgroup/");
                s_cat(target, sizeof(target), dir);
                if (spec[1] == '2')
                    mount_in_root(rfd, "cgroup2", target, "cgroup2", common | MS_RDONLY, 0, 0, 1);
                else
                    mount_in_root(rfd, "cgroup", target, "cgroup", common | MS_RDONLY, opts, 0, 1);
            }
            int fd = open_in_root("/sys/fs/cgroup", 0, 1);
            char proc[32];
            fd_path(fd, proc, sizeof(proc));
            if (fd < 0 || mount(0, proc, 0, MS_REMOUNT | MS_BIND | MS_RDONLY | common, 0) < 0)
                report_failure(rfd, STEP_MOUNT, errno, "/sys/fs/cgroup");
            close(fd);
        }
    }
}

int setup_rootfs(struct config *c, int rfd) {
    if (mount(0, "/", 0, MS_REC | MS_PRIVATE, 0) < 0) report_failure(rfd, STEP_MOUNT_PRIVATE, errno, "/");
    if (c->nlowers > 0) {
        if (c->overlay_legacy || overlay_fsconfig(c) < 0) {
            int first = c->overlay_legacy ? EINVAL : errno;
            if (overlay_legacy(c) < 0) report_failure(rfd, STEP_OVERLAY, first == EINVAL ? errno : first, c->rootfs);
        }
    } else if (mount(c->rootfs, c->rootfs, 0, MS_BIND | MS_REC, 0) < 0) {
        report_failure(rfd, STEP_ROOTFS, errno, c->rootfs);
    }
    root_fd = open(c->rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (root_fd < 0) report_failure(rfd, STEP_ROOTFS, errno, c->rootfs);

    default_mounts(c, rfd);
    for (int i = 0; i < c->nmounts; i++) {
        struct mount_spec *m = &c->mounts[i];
        int file = 0;
        if (m->kind == MK_BIND) {
            struct stat st;
            if (stat(m->source, &st) < 0) report_failure(rfd, STEP_MOUNT, errno, m->source);
            file = !S_ISDIR(st.st_mode);
        }
        mount_in_root(rfd, m->source[0] ? m->source : m->fstype, m->target, m->fstype[0] ? m->fstype : 0,
                      (unsigned long)m->flags, m->data[0] ? m->data : 0, file, 0);
        set_propagation(rfd, m->target, m->propagation);
    }
    return 0;
}

/* Mounts /sys/fs/cgroup (the sandbox must be in its cgroup namespace by now), then pivots into the root. */
int enter_rootfs(struct config *c, int rfd) {
    cgroup_mounts(c, rfd);

    /* pivot_root into the new root; chroot only where pivot_root cannot work (a ramfs root). */
    if (fchdir(root_fd) < 0) report_failure(rfd, STEP_PIVOT_ROOT, errno, c->rootfs);
    if (syscall(SYS_pivot_root, ".", ".") == 0) {
        if (umount2(".", MNT_DETACH) < 0) report_failure(rfd, STEP_PIVOT_ROOT, errno, "old root");
    } else if (errno == EINVAL) {
        if (mount(".", "/", 0, MS_MOVE, 0) < 0) report_failure(rfd, STEP_PIVOT_ROOT, errno, c->rootfs);
        if (chroot(".") < 0) report_failure(rfd, STEP_PIVOT_ROOT, errno, c->rootfs);
    } else {
        report_failure(rfd, STEP_PIVOT_ROOT, errno, c->rootfs);
    }
    if (chdir("/") < 0) report_failure(rfd, STEP_PIVOT_ROOT, errno, "/");
    close(root_fd);
    root_fd = -1;
    return 0;
}

static int is_dir(const char *path, int *exists) {
    struct stat st;
    if (lstat(path, &st) < 0) {
        *exists = 0;
        return 0;
    }
    *exists = 1;
    return S_ISDIR(st.st_mode);
}

/* After pivot_root: masked and read-only paths, sysctls already written, then the read-only root. */
int finish_rootfs(struct config *c, int rfd) {
    for (int i = 0; i < c->nmasked; i++) {
        int exists;
        int dir = is_dir(c->masked[i], &exists);
        if (!exists) continue;
        int rc = dir ? mount("tmpfs", c->masked[i], "tmpfs", MS_RDONLY, 0)
                     : mount("/dev/null", c->masked[i], 0, MS_BIND, 0);
        if (rc < 0) report_failure(rfd, STEP_MASK_PATHS, errno, c->masked[i]);
    }
    for (int i = 0; i < c->nreadonly; i++) {
        int exists;
        is_dir(c->readonly[i], &exists);
        if (!exists) continue;
        if (mount(c->readonly[i], c->readonly[i], 0, MS_BIND | MS_REC, 0) < 0 ||
            mount(0, c->readonly[i], 0, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, 0) < 0)
            report_failure(rfd, STEP_READONLY_PATHS, errno, c->readonly[i]);
    }
    if (c->rootfs_readonly && mount(0, "/", 0, MS_REMOUNT | MS_BIND | MS_RDONLY, 0) < 0)
        report_failure(rfd, STEP_ROOTFS_READONLY, errno, "/");
    return 0;
}
