package dev.stevedore.sandbox;

import java.util.List;
import java.util.Set;

/**
 * A parsed Docker-format seccomp profile, reduced to what matters on x86-64.
 *
 * @param defaultAction the action for calls no rule matches
 * @param architectures the {@code SCMP_ARCH_*} names the filter covers, from {@code architectures}
 *     or from the {@code archMap} entry for {@code SCMP_ARCH_X86_64} and its sub-architectures
 * @param syscalls the rules, in profile order
 */
record SeccompProfile(SeccompAction defaultAction, List<String> architectures, List<SyscallRule> syscalls) {
    /** Freezes the lists. */
    SeccompProfile {
        architectures = List.copyOf(architectures);
        syscalls = List.copyOf(syscalls);
    }

    /** The rules that apply to a container with these capabilities on this kernel. */
    List<SyscallRule> rulesFor(Set<Capability> caps, KernelVersion kernel) {
        return syscalls.stream().filter(r -> r.appliesTo(caps, kernel)).toList();
    }
}
