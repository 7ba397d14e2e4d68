package dev.stevedore.sandbox;

import dev.stevedore.posix.Errno;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Runs a classic BPF seccomp program over a {@code struct seccomp_data}, as the kernel would,
 * for the instructions libseccomp and {@link EnosysStub} emit: {@code ld [k]} (32-bit absolute
 * loads), {@code ld #k}, {@code and #k}, {@code or #k}, {@code ja}, {@code jeq}, {@code jgt},
 * {@code jge} and {@code jset} with constants, and {@code ret #k}. Anything else, a load outside
 * {@code seccomp_data}, a jump out of the program or running off its end fails the test.
 */
final class BpfInterpreter {
    /** {@code AUDIT_ARCH_X86_64}. */
    static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    /** {@code AUDIT_ARCH_I386}. */
    static final int AUDIT_ARCH_I386 = 0x40000003;
    /** {@code AUDIT_ARCH_AARCH64}: an architecture no x86 filter covers. */
    static final int AUDIT_ARCH_AARCH64 = 0xC00000B7;

    private static final int SECCOMP_DATA_SIZE = 64;
    private static final int LD_IMM = 0x00;
    private static final int ALU_AND_K = 0x54;
    private static final int ALU_OR_K = 0x44;

    private final List<SockFilter> program;

    private BpfInterpreter(List<SockFilter> program) {
        this.program = List.copyOf(program);
    }

    static BpfInterpreter of(byte[] program) {
        return new BpfInterpreter(SockFilter.decode(program));
    }

    static BpfInterpreter of(List<SockFilter> program) {
        return new BpfInterpreter(program);
    }

    /** Runs the program for a call on x86-64, with up to six arguments (the rest are 0). */
    int call(int nr, long... args) {
        return callOn(AUDIT_ARCH_X86_64, nr, args);
    }

    /** Runs the program for a call of an architecture ({@code AUDIT_ARCH_*}), with up to six arguments. */
    int callOn(int arch, int nr, long... args) {
        if (args.length > 6) {
            throw new IllegalArgumentException("at most 6 arguments");
        }
        ByteBuffer data = ByteBuffer.allocate(SECCOMP_DATA_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(0, nr).putInt(4, arch).putLong(8, 0x401000L);
        for (int i = 0; i < args.length; i++) {
            data.putLong(16 + 8 * i, args[i]);
        }
        return execute(data);
    }

    private int execute(ByteBuffer data) {
        int a = 0;
        int pc = 0;
        while (true) {
            if (pc < 0 || pc >= program.size()) {
                throw new AssertionError("BPF program ran off its end at instruction " + pc);
            }
            SockFilter insn = program.get(pc);
            int next = pc + 1;
            switch (insn.code()) {
                case SockFilter.LD_W_ABS -> {
                    if (insn.k() < 0 || insn.k() % 4 != 0 || insn.k() + 4 > SECCOMP_DATA_SIZE) {
                        throw new AssertionError("load outside seccomp_data at " + pc + ": " + insn);
                    }
                    a = data.getInt(insn.k());
                }
                case LD_IMM -> a = insn.k();
                case ALU_AND_K -> a &= insn.k();
                case ALU_OR_K -> a |= insn.k();
                case SockFilter.JA -> next = jump(pc, Integer.toUnsignedLong(insn.k()));
                case SockFilter.JEQ_K -> next = branch(pc, insn, a == insn.k());
                case SockFilter.JGT_K -> next = branch(pc, insn, Integer.compareUnsigned(a, insn.k()) > 0);
                case SockFilter.JGE_K -> next = branch(pc, insn, Integer.compareUnsigned(a, insn.k()) >= 0);
                case SockFilter.JSET_K -> next = branch(pc, insn, (a & insn.k()) != 0);
                case SockFilter.RET_K -> {
                    return insn.k();
                }
                default -> throw new AssertionError("unsupported BPF instruction at " + pc + ": " + insn);
            }
            pc = next;
        }
    }

    private int branch(int pc, SockFilter insn, boolean condition) {
        return jump(pc, condition ? insn.jt() : insn.jf());
    }

    private int jump(int pc, long offset) {
        long target = pc + 1 + offset;
        if (target >= program.size()) {
            throw new AssertionError("jump from " + pc + " past the end of the program: " + offset);
        }
        return (int) target;
    }

    /** A filter result as text: {@code ALLOW}, {@code ERRNO(EPERM)}, {@code KILL_THREAD}, {@code TRACE(7)}... */
    static String describe(int ret) {
        int data = ret & 0xffff;
        return switch (ret & 0xffff0000) {
            case 0x80000000 -> "KILL_PROCESS";
            case 0x00000000 -> "KILL_THREAD";
            case 0x00030000 -> "TRAP";
            case 0x00050000 -> "ERRNO(" + Errno.of(data).name() + ")";
            case 0x7fc00000 -> "USER_NOTIF";
            case 0x7ff00000 -> "TRACE(" + data + ")";
            case 0x7ffc0000 -> "LOG";
            case 0x7fff0000 -> "ALLOW";
            default -> String.format("unknown 0x%08x", ret);
        };
    }
}
