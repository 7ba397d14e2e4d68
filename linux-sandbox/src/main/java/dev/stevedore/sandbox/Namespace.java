package dev.stevedore.sandbox;

/** The Linux namespaces a sandbox can have of its own or join. */
public enum Namespace {
    /** Process ids: the workload is PID 1 and cannot see host processes. */
    PID(0x20000000, "pid"),
    /** Mounts: always of its own, since the sandbox pivots into its root. */
    MOUNT(0x00020000, "mnt"),
    /** Host name. */
    UTS(0x04000000, "uts"),
    /** System V IPC and POSIX message queues. */
    IPC(0x08000000, "ipc"),
    /** Network devices, addresses, ports. */
    NET(0x40000000, "net"),
    /** The cgroup tree: /sys/fs/cgroup shows the sandbox's own cgroup as its root. */
    CGROUP(0x02000000, "cgroup");

    private final int cloneFlag;
    private final String procName;

    Namespace(int cloneFlag, String procName) {
        this.cloneFlag = cloneFlag;
        this.procName = procName;
    }

    /** @return the {@code CLONE_NEW*} flag */
    public int cloneFlag() {
        return cloneFlag;
    }

    /** @return the name under {@code /proc/<pid>/ns/} */
    public String procName() {
        return procName;
    }
}
