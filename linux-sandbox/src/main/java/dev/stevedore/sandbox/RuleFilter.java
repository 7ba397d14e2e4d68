package dev.stevedore.sandbox;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A profile entry's {@code includes} or {@code excludes}: capabilities, host architectures and a
 * minimum kernel, evaluated as Docker does against the container's capabilities and the host.
 *
 * <p>Architectures are Docker's host names ({@code amd64}, {@code arm64}, {@code x86}, ...): on
 * an x86-64 host {@code amd64} matches, and {@code x86_64} is accepted as its alias; {@code x86}
 * and {@code x32} name other hosts and never match here (Docker does the same on amd64).
 * Capability names are compared exactly ({@code CAP_SYS_ADMIN}); a name no capability has is
 * never held.
 *
 * @param caps capability names
 * @param arches host architecture names
 * @param minKernel the kernel from which the filter holds, if any
 */
record RuleFilter(List<String> caps, List<String> arches, Optional<KernelVersion> minKernel) {
    private static final Set<String> HOST_ARCHES = Set.of("amd64", "x86_64");

    /** Freezes the lists. */
    RuleFilter {
        caps = List.copyOf(caps);
        arches = List.copyOf(arches);
    }

    /** {@code includes}: every condition given must hold (all capabilities held). */
    boolean includes(Set<Capability> held, KernelVersion kernel) {
        boolean arch = arches.isEmpty() || arches.stream().anyMatch(HOST_ARCHES::contains);
        boolean allCaps = caps.stream().allMatch(c -> holds(held, c));
        boolean version = minKernel.map(kernel::atLeast).orElse(true);
        return arch && allCaps && version;
    }

    /** {@code excludes}: any condition given that holds excludes (any capability held). */
    boolean excludes(Set<Capability> held, KernelVersion kernel) {
        boolean arch = arches.stream().anyMatch(HOST_ARCHES::contains);
        boolean anyCap = caps.stream().anyMatch(c -> holds(held, c));
        boolean version = minKernel.map(kernel::atLeast).orElse(false);
        return arch || anyCap || version;
    }

    private static boolean holds(Set<Capability> held, String name) {
        return held.stream().anyMatch(c -> c.name().equals(name));
    }
}
