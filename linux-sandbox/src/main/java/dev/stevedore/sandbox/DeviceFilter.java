package dev.stevedore.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a device access list into a {@code BPF_PROG_TYPE_CGROUP_DEVICE} program, the way
 * cgroup v2 controls devices. The kernel runs it on every open and mknod of a device node with
 * a {@code struct bpf_cgroup_dev_ctx {u32 access_type; u32 major; u32 minor;}}, the low 16 bits
 * of {@code access_type} the device type (block 1, char 2), the high 16 bits the access
 * (mknod 1, read 2, write 4); returning 1 allows, 0 denies.
 *
 * <p>Semantics follow the v1 devices cgroup after {@code devices.deny "a"}: everything is
 * denied unless a rule matches, and the last matching rule decides. A rule matches when its
 * type is the device's (or {@code a}) and its numbers are the device's (or
 * {@link DeviceRule#ANY}); an allowing rule must also grant every access asked for (a read-write
 * open needs {@code rw}), while a denying rule matches if it names any of them. The program
 * tests the rules from last to first and returns at the first match:
 *
 * <pre>{@code
 * r2 = ctx->access_type & 0xffff;  r3 = ctx->access_type >> 16;  r4 = ctx->major;  r5 = ctx->minor;
 * // per rule, last first: skip to the next rule on any mismatch
 * if (r2 != 2) goto next;  if (r3 & ~6) goto next;  if (r4 != 1) goto next;  if (r5 != 3) goto next;
 * r0 = 1; return r0;      // c 1:3 rw
 * next: ...
 * r0 = 0; return r0;      // nothing matched
 * }</pre>
 */
final class DeviceFilter {
    /** {@code BPF_DEVCG_DEV_BLOCK}. */
    static final int DEV_BLOCK = 1;
    /** {@code BPF_DEVCG_DEV_CHAR}. */
    static final int DEV_CHAR = 2;
    /** {@code BPF_DEVCG_ACC_MKNOD}. */
    static final int ACC_MKNOD = 1;
    /** {@code BPF_DEVCG_ACC_READ}. */
    static final int ACC_READ = 2;
    /** {@code BPF_DEVCG_ACC_WRITE}. */
    static final int ACC_WRITE = 4;

    private static final int R0 = 0;
    private static final int CTX = 1;
    private static final int TYPE = 2;
    private static final int ACCESS = 3;
    private static final int MAJOR = 4;
    private static final int MINOR = 5;

    private DeviceFilter() {}

    /**
     * The program for a rule list.
     *
     * @param rules the access list, in order; empty denies every device
     * @return the instructions
     * @throws IllegalArgumentException if a rule's major or minor number does not fit 31 bits
     */
    static List<EbpfInstruction> compile(List<DeviceRule> rules) {
        List<EbpfInstruction> program = new ArrayList<>(List.of(
                EbpfInstruction.loadWord(TYPE, CTX, 0),
                EbpfInstruction.andImm(TYPE, 0xffff),
                EbpfInstruction.loadWord(ACCESS, CTX, 0),
                EbpfInstruction.rshImm(ACCESS, 16),
                EbpfInstruction.loadWord(MAJOR, CTX, 4),
                EbpfInstruction.loadWord(MINOR, CTX, 8)));
        for (int i = rules.size() - 1; i >= 0; i--) {
            List<EbpfInstruction> block = ruleBlock(rules.get(i));
            program.addAll(block);
            if (isUnconditional(rules.get(i))) {
                // An unconditional rule decides everything; what follows could never run, and the
                // verifier refuses unreachable instructions.
                return List.copyOf(program);
            }
        }
        program.add(EbpfInstruction.movImm(R0, 0));
        program.add(EbpfInstruction.exit());
        return List.copyOf(program);
    }

    /**
     * Whether the list lets every access to every device through, so that no program is needed.
     *
     * @param rules the access list
     * @return true if its last rule allows all access to all devices
     */
    static boolean allowsEverything(List<DeviceRule> rules) {
        if (rules.isEmpty()) {
            return false;
        }
        DeviceRule last = rules.get(rules.size() - 1);
        return last.allow() && isUnconditional(last);
    }

    /** The tests of one rule, each jumping past the block on a mismatch, then its verdict. */
    private static List<EbpfInstruction> ruleBlock(DeviceRule rule) {
        List<EbpfInstruction> tests = new ArrayList<>();
        if (rule.type() != 'a') {
            tests.add(EbpfInstruction.jumpIfNotEqual(TYPE, rule.type() == 'b' ? DEV_BLOCK : DEV_CHAR, 0));
        }
        if (!rule.access().equals("rwm") && rule.allow()) {
            // an access outside the rule's letters: not granted here
            tests.add(EbpfInstruction.jumpIfAnyBit(ACCESS, ~accessBits(rule.access()), 0));
        } else if (!rule.access().equals("rwm")) {
            // none of the rule's letters asked for: not denied here
            tests.add(EbpfInstruction.movReg(R0, ACCESS));
            tests.add(EbpfInstruction.andImm(R0, accessBits(rule.access())));
            tests.add(EbpfInstruction.jumpIfEqual(R0, 0, 0));
        }
        if (rule.major() != DeviceRule.ANY) {
            tests.add(EbpfInstruction.jumpIfNotEqual(MAJOR, number(rule.major(), rule), 0));
        }
        if (rule.minor() != DeviceRule.ANY) {
            tests.add(EbpfInstruction.jumpIfNotEqual(MINOR, number(rule.minor(), rule), 0));
        }
        List<EbpfInstruction> block = new ArrayList<>();
        int size = tests.size() + 2;
        for (int k = 0; k < tests.size(); k++) {
            EbpfInstruction test = tests.get(k);
            block.add(test.isConditionalJump() ? test.withOffset(size - k - 1) : test);
        }
        block.add(EbpfInstruction.movImm(R0, rule.allow() ? 1 : 0));
        block.add(EbpfInstruction.exit());
        return block;
    }

    private static boolean isUnconditional(DeviceRule rule) {
        return rule.type() == 'a' && rule.major() == DeviceRule.ANY && rule.minor() == DeviceRule.ANY
                && rule.access().equals("rwm");
    }

    /** The {@code BPF_DEVCG_ACC_*} bits of access letters such as {@code rw}. */
    static int accessBits(String access) {
        int bits = 0;
        for (char c : access.toCharArray()) {
            bits |= switch (c) {
                case 'm' -> ACC_MKNOD;
                case 'r' -> ACC_READ;
                case 'w' -> ACC_WRITE;
                default -> throw new IllegalArgumentException("unknown device access '" + c + "'");
            };
        }
        return bits;
    }

    private static int number(long n, DeviceRule rule) {
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("device number " + n + " is too large in rule " + rule.cgroupV1Syntax());
        }
        return (int) n;
    }
}
