package dev.stevedore.sandbox;

import java.util.Optional;
import java.util.Set;

/**
 * The seccomp architectures a process on an x86-64 kernel can present, with libseccomp's
 * {@code SCMP_ARCH_*} token and the {@code AUDIT_ARCH_*} value the kernel puts in
 * {@code seccomp_data.arch}. x32 shares x86-64's audit value and marks its calls with bit 30 of
 * the call number.
 */
enum SeccompArch {
    /** 64-bit x86, the native architecture. */
    X86_64(0xC000003E, 0xC000003E),
    /** 32-bit x86 (i386) processes. */
    X86(0x40000003, 0x40000003),
    /** The x32 ABI: 64-bit mode with 32-bit pointers. */
    X32(0x4000003E, 0xC000003E);

    /** {@code __X32_SYSCALL_BIT}: set in the call number of every x32 call. */
    static final int X32_SYSCALL_BIT = 0x40000000;

    /** Every {@code SCMP_ARCH_*} name a profile may use; the ones not in this enum never occur on x86-64. */
    private static final Set<String> KNOWN = Set.of("SCMP_ARCH_X86", "SCMP_ARCH_X86_64", "SCMP_ARCH_X32",
            "SCMP_ARCH_ARM", "SCMP_ARCH_AARCH64", "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64", "SCMP_ARCH_MIPS64N32",
            "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PPC", "SCMP_ARCH_PPC64",
            "SCMP_ARCH_PPC64LE", "SCMP_ARCH_S390", "SCMP_ARCH_S390X", "SCMP_ARCH_PARISC", "SCMP_ARCH_PARISC64",
            "SCMP_ARCH_RISCV64", "SCMP_ARCH_LOONGARCH64", "SCMP_ARCH_M68K", "SCMP_ARCH_SH", "SCMP_ARCH_SHEB");

    private final int token;
    private final int audit;

    SeccompArch(int token, int audit) {
        this.token = token;
        this.audit = audit;
    }

    /** libseccomp's {@code SCMP_ARCH_*} value. */
    int token() {
        return token;
    }

    /** The kernel's {@code AUDIT_ARCH_*} value for calls of this architecture. */
    int audit() {
        return audit;
    }

    /** The profile name, e.g. {@code SCMP_ARCH_X86_64}. */
    String profileName() {
        return "SCMP_ARCH_" + name();
    }

    /** Whether a profile may name this architecture. */
    static boolean known(String profileName) {
        return KNOWN.contains(profileName);
    }

    /** The x86 architecture a profile name stands for; empty for other machines' architectures. */
    static Optional<SeccompArch> ofProfileName(String profileName) {
        for (SeccompArch a : values()) {
            if (a.profileName().equals(profileName)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
