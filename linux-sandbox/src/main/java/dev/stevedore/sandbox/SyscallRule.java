package dev.stevedore.sandbox;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of a profile's {@code syscalls}: the action for the named calls when all argument
 * conditions hold, if the entry applies to this container and host.
 *
 * @param names system call names; names libseccomp does not know are skipped when compiling
 * @param action what the filter does
 * @param args argument conditions, all of which must hold
 * @param includes when the entry applies
 * @param excludes when it does not
 */
record SyscallRule(List<String> names, SeccompAction action, List<ArgCondition> args,
        Optional<RuleFilter> includes, Optional<RuleFilter> excludes) {
    /** Freezes the lists; names must not be empty. */
    SyscallRule {
        names = List.copyOf(names);
        args = List.copyOf(args);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a rule needs at least one system call name");
        }
    }

    /** Whether the entry applies: excludes checked first, then includes (moby's order). */
    boolean appliesTo(Set<Capability> caps, KernelVersion kernel) {
        if (excludes.isPresent() && excludes.get().excludes(caps, kernel)) {
            return false;
        }
        return includes.isEmpty() || includes.get().includes(caps, kernel);
    }

    /** Whether two conditions test the same argument: then runc adds one rule per condition. */
    boolean repeatsAnArgument() {
        return args.stream().map(ArgCondition::index).distinct().count() < args.size();
    }
}
