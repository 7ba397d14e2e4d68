package dev.stevedore.posix;

import java.util.List;

/**
 * Loading and attaching eBPF programs ({@code bpf(2)}): the commands {@code BPF_PROG_LOAD},
 * {@code BPF_PROG_ATTACH}, {@code BPF_PROG_DETACH} and {@code BPF_PROG_QUERY}. Loading most
 * program types needs {@code CAP_BPF} or {@code CAP_SYS_ADMIN}; attaching to a cgroup needs
 * {@code CAP_NET_ADMIN} or {@code CAP_SYS_ADMIN}.
 *
 * <p>A program stays loaded while a descriptor or an attachment refers to it: once attached to
 * a cgroup with {@link Bpf#BPF_F_ALLOW_MULTI}, its descriptor may be closed and the program
 * lives until it is detached or the cgroup is removed.
 *
 * <pre>{@code
 * try (Fd cgroup = sys.openat(Fd.cwd(), dir, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0);
 *      Fd prog = sys.bpfProgLoad(Bpf.BPF_PROG_TYPE_CGROUP_DEVICE, instructions, "Apache-2.0", "devices")) {
 *     sys.bpfProgAttach(cgroup, prog, Bpf.BPF_CGROUP_DEVICE, Bpf.BPF_F_ALLOW_MULTI);
 * }
 * }</pre>
 */
public interface BpfCalls {
    /**
     * Verifies and loads a program ({@code BPF_PROG_LOAD}). The load is tried without a
     * verifier log first; if the kernel refuses it, it is tried again with one, and the
     * verifier's log is appended to the exception's message.
     *
     * @param programType a {@code BPF_PROG_TYPE_*} of {@link Bpf}
     * @param instructions the program, {@link Bpf#INSTRUCTION_SIZE} bytes per {@code struct bpf_insn},
     *     in the machine's (little-endian) byte order
     * @param license the license the program is under, such as {@code "Apache-2.0"} (GPL-only
     *     helpers need a GPL-compatible one)
     * @param name a name shown by {@code bpftool}: up to 15 ASCII letters, digits, {@code _} or
     *     {@code .}; empty for none
     * @return the program's descriptor
     * @throws PosixException {@code EACCES} or {@code EINVAL} if the verifier rejects the program
     *     (with its log), {@code EPERM} without the capability, ...
     * @throws IllegalArgumentException if {@code instructions} is empty or not a whole number of
     *     instructions, or {@code name} is too long or has other characters
     */
    Fd bpfProgLoad(int programType, byte[] instructions, String license, String name);

    /**
     * Attaches a program to a target such as a cgroup directory ({@code BPF_PROG_ATTACH}).
     *
     * @param target the object to attach to, such as an open cgroup v2 directory
     * @param program from {@link #bpfProgLoad}
     * @param attachType a {@code BPF_*} attach type of {@link Bpf}, such as {@link Bpf#BPF_CGROUP_DEVICE}
     * @param flags {@link Bpf#BPF_F_ALLOW_MULTI}, {@link Bpf#BPF_F_ALLOW_OVERRIDE} or 0
     * @throws PosixException {@code EBADF} if the target is not a cgroup v2 directory, {@code EINVAL}
     *     if the program's type does not fit the attach type, {@code EPERM} if a program attached
     *     without flags already holds the target, ...
     */
    void bpfProgAttach(Fd target, Fd program, int attachType, int flags);

    /**
     * Detaches a program from a target ({@code BPF_PROG_DETACH}).
     *
     * @param target the object it was attached to
     * @param program the attached program (needed where several may be attached)
     * @param attachType the attach type it was attached with
     * @throws PosixException {@code ENOENT} if that program is not attached there, ...
     */
    void bpfProgDetach(Fd target, Fd program, int attachType);

    /**
     * Lists the ids of the programs attached to a target ({@code BPF_PROG_QUERY}).
     *
     * @param target the object to query, such as an open cgroup v2 directory
     * @param attachType the attach type to list
     * @param queryFlags {@link Bpf#BPF_F_QUERY_EFFECTIVE} or 0
     * @return the program ids, in the order the kernel runs them
     * @throws PosixException {@code EBADF} if the target is not a cgroup v2 directory, ...
     */
    List<Long> bpfProgQuery(Fd target, int attachType, int queryFlags);
}
