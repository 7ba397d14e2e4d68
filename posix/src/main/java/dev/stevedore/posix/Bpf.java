package dev.stevedore.posix;

/**
 * Constants for {@link BpfCalls} ({@code BPF_*} from {@code <linux/bpf.h>}): program types,
 * attach types and attach flags. Only what Stevedore uses is spelled out.
 *
 * <pre>{@code
 * try (Fd prog = sys.bpfProgLoad(Bpf.BPF_PROG_TYPE_CGROUP_DEVICE, instructions, "Apache-2.0", "devices")) {
 *     sys.bpfProgAttach(cgroupDir, prog, Bpf.BPF_CGROUP_DEVICE, Bpf.BPF_F_ALLOW_MULTI);
 * }
 * }</pre>
 */
public final class Bpf {
    /** Program type: a socket filter, the simplest type any privileged caller may load. */
    public static final int BPF_PROG_TYPE_SOCKET_FILTER = 1;
    /** Program type: decides device access for a cgroup v2 ({@code struct bpf_cgroup_dev_ctx}). */
    public static final int BPF_PROG_TYPE_CGROUP_DEVICE = 15;

    /** Attach type: the device access check of a cgroup v2. */
    public static final int BPF_CGROUP_DEVICE = 6;

    /** Attach flag: a descendant cgroup may replace this program with its own. */
    public static final int BPF_F_ALLOW_OVERRIDE = 1;
    /** Attach flag: several programs may be attached; all of them must allow (run in attach order). */
    public static final int BPF_F_ALLOW_MULTI = 2;
    /** Attach flag: replace the program given as {@code replace_bpf_fd} (not offered by this binding). */
    public static final int BPF_F_REPLACE = 4;

    /** Query flag: list the programs in effect (inherited from ancestors too), not only those attached here. */
    public static final int BPF_F_QUERY_EFFECTIVE = 1;

    /** The size of one eBPF instruction ({@code struct bpf_insn}) in bytes. */
    public static final int INSTRUCTION_SIZE = 8;

    private Bpf() {}
}
