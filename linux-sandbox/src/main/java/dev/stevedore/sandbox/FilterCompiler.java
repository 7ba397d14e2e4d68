package dev.stevedore.sandbox;

import dev.stevedore.posix.Errno;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.MemfdFlags;
import dev.stevedore.posix.Syscalls;
import java.io.ByteArrayOutputStream;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a profile to the x86-64 BPF program the init installs, the way runc does: the rules
 * that apply to the container go through libseccomp, and {@link EnosysStub} is prepended.
 *
 * <ul>
 *   <li>The filter always covers x86-64 and adds the profile's x86 and x32 architectures;
 *       other machines' architectures in a profile are ignored, since no process on an x86-64
 *       kernel presents them. Calls of an architecture outside the filter get libseccomp's
 *       bad-architecture action, which kills.</li>
 *   <li>A rule whose action equals the default action is skipped (libseccomp refuses it and it
 *       changes nothing); a name libseccomp does not know is skipped (logged at debug), as runc
 *       does; a rule testing one argument twice becomes one rule per condition, as runc does.</li>
 *   <li>The filter leaves {@code no_new_privs} alone ({@code SCMP_FLTATR_CTL_NNP} off): the
 *       init decides.</li>
 *   <li>No stub when the default action lets calls through (allow, log, trace) or already
 *       returns {@code ENOSYS}, as in runc.</li>
 * </ul>
 *
 * <p>libseccomp is not known to be thread-safe, so compilations run one at a time.
 */
final class FilterCompiler {
    private static final Logger log = LoggerFactory.getLogger(FilterCompiler.class);
    private static final int SCMP_ARCH_NATIVE = 0;

    private FilterCompiler() {}

    /**
     * Compiles the rules of {@code profile} that apply to these capabilities and this kernel.
     *
     * @return the program: {@code struct sock_filter} entries, little-endian
     * @throws SeccompProfileException if libseccomp rejects a rule or the program is too long
     */
    static byte[] compile(SeccompProfile profile, Set<Capability> caps, KernelVersion kernel, String source) {
        List<SyscallRule> rules = profile.rulesFor(caps, kernel);
        Set<SeccompArch> arches = EnumSet.of(SeccompArch.X86_64);
        for (String name : profile.architectures()) {
            SeccompArch.ofProfileName(name).ifPresent(arches::add);
        }
        synchronized (FilterCompiler.class) {
            byte[] program = libseccompProgram(profile.defaultAction(), arches, rules, source);
            List<SockFilter> stub = EnosysStub.build(stubNeeded(profile.defaultAction())
                    ? maxima(arches, rules) : Map.of());
            int instructions = stub.size() + program.length / SockFilter.SIZE;
            if (instructions > SockFilter.MAX_INSTRUCTIONS) {
                throw new SeccompProfileException(source, "the compiled filter has " + instructions
                        + " instructions, more than the kernel's limit of " + SockFilter.MAX_INSTRUCTIONS);
            }
            byte[] stubBytes = SockFilter.encode(stub);
            byte[] all = new byte[stubBytes.length + program.length];
            System.arraycopy(stubBytes, 0, all, 0, stubBytes.length);
            System.arraycopy(program, 0, all, stubBytes.length, program.length);
            log.debug("compiled seccomp profile {} for {}: {} rules, {} + {} instructions", source, caps,
                    rules.size(), stub.size(), program.length / SockFilter.SIZE);
            return all;
        }
    }

    private static byte[] libseccompProgram(SeccompAction fallback, Set<SeccompArch> arches, List<SyscallRule> rules,
            String source) {
        try (Libseccomp.Filter filter = new Libseccomp.Filter(fallback.value())) {
            filter.setAttribute(Libseccomp.SCMP_FLTATR_CTL_NNP, 0);
            int nativeArch = Libseccomp.nativeArch();
            for (SeccompArch arch : arches) {
                filter.addArch(arch.token());
            }
            if (arches.stream().noneMatch(a -> a.token() == nativeArch)) {
                filter.removeArch(nativeArch);
            }
            for (SyscallRule rule : rules) {
                if (!rule.action().equals(fallback)) {
                    addRule(filter, rule, source);
                }
            }
            return export(filter);
        }
    }

    private static void addRule(Libseccomp.Filter filter, SyscallRule rule, String source) {
        for (String name : rule.names()) {
            int nr = Libseccomp.resolve(SCMP_ARCH_NATIVE, name);
            if (nr == Libseccomp.NR_SCMP_ERROR) {
                log.debug("seccomp profile {}: libseccomp does not know system call {}, skipped", source, name);
                continue;
            }
            if (rule.repeatsAnArgument()) {
                for (ArgCondition condition : rule.args()) {
                    add(filter, rule.action(), nr, name, List.of(condition), source);
                }
            } else {
                add(filter, rule.action(), nr, name, rule.args(), source);
            }
        }
    }

    private static void add(Libseccomp.Filter filter, SeccompAction action, int nr, String name,
            List<ArgCondition> conditions, String source) {
        int rc = filter.addRule(action.value(), nr, conditions);
        if (rc < 0) {
            throw new SeccompProfileException(source, "libseccomp rejected the rule " + action + " for " + name
                    + " with " + conditions + ": " + Errno.describe(-rc));
        }
    }

    private static byte[] export(Libseccomp.Filter filter) {
        Syscalls sys = Syscalls.linux();
        try (Fd memfd = sys.memfdCreate("stevedore-seccomp", MemfdFlags.MFD_CLOEXEC)) {
            filter.exportBpf(memfd.number());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long position = 0;
            int n;
            while ((n = sys.pread(memfd, buffer, 0, buffer.length, position)) > 0) {
                out.write(buffer, 0, n);
                position += n;
            }
            return out.toByteArray();
        }
    }

    private static boolean stubNeeded(SeccompAction fallback) {
        return !fallback.permits() && !fallback.equals(SeccompAction.errno(SeccompAction.ENOSYS));
    }

    /** The highest number any applying rule names, per architecture; every name counts, whatever its action. */
    private static Map<SeccompArch, Integer> maxima(Set<SeccompArch> arches, List<SyscallRule> rules) {
        Map<SeccompArch, Integer> maxima = new EnumMap<>(SeccompArch.class);
        for (SeccompArch arch : arches) {
            int max = -1;
            for (SyscallRule rule : rules) {
                for (String name : rule.names()) {
                    max = Math.max(max, Libseccomp.resolve(arch.token(), name));
                }
            }
            if (max >= 0) {
                maxima.put(arch, max);
            }
        }
        return maxima;
    }
}
