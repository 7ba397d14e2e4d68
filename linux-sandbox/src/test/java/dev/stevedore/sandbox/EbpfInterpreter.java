package dev.stevedore.sandbox;

import java.util.List;

/**
 * Runs a cgroup device program the way the kernel would, for the instructions
 * {@link EbpfInstruction} offers: r1 points at a {@code struct bpf_cgroup_dev_ctx} of three
 * u32 (access_type, major, minor), and the program returns r0. Fails on anything else, on
 * reading an unset register, on a backward jump and on running off the end.
 */
final class EbpfInterpreter {
    private static final long CTX = 0x1000;

    private EbpfInterpreter() {}

    /**
     * Whether the program lets the access through.
     *
     * @param program the compiled device filter, encoded and decoded again
     * @param type 'b' or 'c'
     * @param access letters of r, w, m
     */
    static boolean allows(List<EbpfInstruction> program, char type, int major, int minor, String access) {
        int devType = type == 'b' ? DeviceFilter.DEV_BLOCK : DeviceFilter.DEV_CHAR;
        int[] ctx = {DeviceFilter.accessBits(access) << 16 | devType, major, minor};
        long result = run(EbpfInstruction.decode(EbpfInstruction.encode(program)), ctx);
        if (result != 0 && result != 1) {
            throw new AssertionError("a device program returns 0 or 1, not " + result);
        }
        return result == 1;
    }

    private static long run(List<EbpfInstruction> program, int[] ctx) {
        long[] r = new long[11];
        boolean[] set = new boolean[11];
        r[1] = CTX;
        set[1] = true;
        int pc = 0;
        while (true) {
            if (pc < 0 || pc >= program.size()) {
                throw new AssertionError("ran off the program at " + pc);
            }
            EbpfInstruction i = program.get(pc);
            int next = pc + 1;
            switch (i.opcode()) {
                case EbpfInstruction.LDX_MEM_W -> {
                    check(set, i.src());
                    long address = r[i.src()] + i.offset();
                    if (r[i.src()] != CTX || i.offset() % 4 != 0 || i.offset() < 0 || i.offset() > 8) {
                        throw new AssertionError("bad context read at " + pc + ": " + address);
                    }
                    r[i.dst()] = Integer.toUnsignedLong(ctx[i.offset() / 4]);
                    set[i.dst()] = true;
                }
                case EbpfInstruction.ALU64_AND_K -> {
                    check(set, i.dst());
                    r[i.dst()] &= i.imm();
                }
                case EbpfInstruction.ALU64_RSH_K -> {
                    check(set, i.dst());
                    r[i.dst()] >>>= i.imm();
                }
                case EbpfInstruction.ALU64_MOV_K -> {
                    r[i.dst()] = i.imm();
                    set[i.dst()] = true;
                }
                case EbpfInstruction.ALU64_MOV_X -> {
                    check(set, i.src());
                    r[i.dst()] = r[i.src()];
                    set[i.dst()] = true;
                }
                case EbpfInstruction.JMP_JNE_K -> next = jump(pc, i, r, set, r[i.dst()] != i.imm());
                case EbpfInstruction.JMP_JEQ_K -> next = jump(pc, i, r, set, r[i.dst()] == i.imm());
                case EbpfInstruction.JMP_JSET_K -> next = jump(pc, i, r, set, (r[i.dst()] & i.imm()) != 0);
                case EbpfInstruction.JMP_EXIT -> {
                    check(set, 0);
                    return r[0];
                }
                default -> throw new AssertionError("unexpected opcode 0x" + Integer.toHexString(i.opcode()));
            }
            pc = next;
        }
    }

    private static int jump(int pc, EbpfInstruction i, long[] r, boolean[] set, boolean taken) {
        check(set, i.dst());
        if (i.offset() <= 0) {
            throw new AssertionError("jump at " + pc + " does not go forward: " + i.offset());
        }
        return taken ? pc + 1 + i.offset() : pc + 1;
    }

    private static void check(boolean[] set, int register) {
        if (!set[register]) {
            throw new AssertionError("r" + register + " read before it is set");
        }
    }
}
