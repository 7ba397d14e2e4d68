/**
 * The Linux system calls the JDK lacks, bound through JNA behind Java interfaces: mounting
 * (classic and the new {@code fsopen}/{@code fsmount} API, overlay {@code lowerdir+}),
 * {@code openat2} confinement, the {@code *at} calls (devices, FIFOs, whiteouts, links,
 * renames without replacing), ownership, permissions and times without following links,
 * extended attributes of every namespace, {@code setns}, pidfds and signals, {@code prctl},
 * sealed memfds, {@code statfs}, and loading and attaching eBPF programs ({@code bpf}).
 *
 * <p>{@link dev.stevedore.posix.Syscalls#linux()} is the entry point; it extends one narrow
 * interface per area ({@link dev.stevedore.posix.MountCalls},
 * {@link dev.stevedore.posix.FileCalls}, {@link dev.stevedore.posix.MetadataCalls},
 * {@link dev.stevedore.posix.IoCalls}, {@link dev.stevedore.posix.XattrCalls},
 * {@link dev.stevedore.posix.ProcessCalls}, {@link dev.stevedore.posix.PrctlCalls},
 * {@link dev.stevedore.posix.MemfdCalls}, {@link dev.stevedore.posix.BpfCalls}). Descriptors
 * are {@link dev.stevedore.posix.Fd}s; flags are the C names as constants in small holder
 * classes ({@code MountFlags.MS_BIND}, {@code OpenHow.RESOLVE_IN_ROOT}, {@code Bpf.BPF_F_ALLOW_MULTI});
 * values are records ({@link dev.stevedore.posix.FileStat}, {@link dev.stevedore.posix.OpenHow}).
 *
 * <pre>{@code
 * Syscalls sys = Syscalls.linux();
 * try (Fd root = sys.openat(Fd.cwd(), rootfs, OpenFlags.O_PATH | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, 0);
 *      Fd passwd = sys.openat2(root, Path.of("/etc/passwd"), OpenHow.of(OpenFlags.O_RDONLY, OpenHow.RESOLVE_IN_ROOT))) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Every failure is a {@link dev.stevedore.posix.PosixException} that names the call, its
 * arguments (paths included) and the errno by name and number
 * ({@link dev.stevedore.posix.Errno}). Linux on x86-64 only; the JNA bindings and C struct
 * layouts are package-private.
 */
package dev.stevedore.posix;
