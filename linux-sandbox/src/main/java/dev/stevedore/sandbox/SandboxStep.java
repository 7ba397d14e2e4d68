package dev.stevedore.sandbox;

/**
 * The step of starting a sandbox that failed, as stevedore-init reports it. The numbers
 * match {@code enum step} in {@code src/main/c/stevedore.h}.
 */
public enum SandboxStep {
    /** Reading the configuration. */ CONFIG(1, "read the sandbox configuration"),
    /** Opening the state directory. */ STATE_DIR(2, "open the state directory"),
    /** Locking the state directory. */ LOCK(3, "lock the state directory"),
    /** Making pipes. */ PIPE(4, "create pipes"),
    /** Creating the namespaces. */ CLONE(5, "create the namespaces"),
    /** Joining a namespace. */ SETNS(6, "join a namespace"),
    /** Joining the cgroup. */ CGROUP_JOIN(7, "join the cgroup"),
    /** The cgroup namespace. */ UNSHARE_CGROUP(8, "create the cgroup namespace"),
    /** Private propagation. */ MOUNT_PRIVATE(9, "make mounts private"),
    /** The overlay. */ OVERLAY(10, "mount the overlay root file system"),
    /** The root directory. */ ROOTFS(11, "mount the root file system"),
    /** A mount. */ MOUNT(12, "mount"),
    /** A mount target. */ MOUNT_TARGET(13, "resolve a mount target inside the root"),
    /** Device nodes. */ DEVICES(14, "create device nodes"),
    /** pivot_root. */ PIVOT_ROOT(15, "pivot into the root file system"),
    /** The host name. */ HOSTNAME(16, "set the host name"),
    /** A sysctl. */ SYSCTL(17, "write a sysctl"),
    /** Loopback. */ LOOPBACK(18, "bring up the loopback interface"),
    /** Masked paths. */ MASK_PATHS(19, "mask paths"),
    /** Read-only paths. */ READONLY_PATHS(20, "make paths read-only"),
    /** The user. */ USER(21, "resolve the user"),
    /** Supplementary groups. */ SETGROUPS(22, "set supplementary groups"),
    /** The group id. */ SETGID(23, "set the group id"),
    /** The user id. */ SETUID(24, "set the user id"),
    /** Capabilities. */ CAPABILITIES(25, "set capabilities"),
    /** An rlimit. */ RLIMIT(26, "set a resource limit"),
    /** no_new_privs. */ NO_NEW_PRIVS(27, "set no_new_privs"),
    /** The seccomp filter. */ SECCOMP(28, "install the seccomp filter"),
    /** The working directory. */ CWD(29, "enter the working directory"),
    /** Closing descriptors. */ CLOSE_FDS(30, "close inherited descriptors"),
    /** The executable is missing. */ EXEC_NOT_FOUND(31, "find the executable"),
    /** The executable cannot run. */ EXEC_DENIED(32, "execute the command"),
    /** exec failed otherwise. */ EXEC(33, "execute the command"),
    /** A published port. */ PORT(34, "publish a port"),
    /** The pseudo-terminal. */ PTY(35, "set up the terminal"),
    /** Forking. */ FORK(36, "fork"),
    /** A new session. */ SETSID(37, "start a new session"),
    /** The log file. */ LOG(38, "open the log file"),
    /** Detaching. */ DAEMON(39, "detach the shim"),
    /** A read-only root. */ ROOTFS_READONLY(40, "make the root file system read-only"),
    /** The exec target. */ TARGET(41, "find the sandbox to exec into"),
    /** Anything the shim did not name. */ UNKNOWN(0, "start the sandbox");

    private final int code;
    private final String action;

    SandboxStep(int code, String action) {
        this.code = code;
        this.action = action;
    }

    /** @return what was being done, e.g. "mount the overlay root file system" */
    public String action() {
        return action;
    }

    /** @param code the number stevedore-init sent @return the step, or UNKNOWN */
    static SandboxStep of(int code) {
        for (SandboxStep s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
