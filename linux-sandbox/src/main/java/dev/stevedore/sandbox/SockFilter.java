package dev.stevedore.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One classic BPF instruction, {@code struct sock_filter} from {@code linux/filter.h}: a 16-bit
 * opcode, two 8-bit relative jump offsets and a 32-bit constant; 8 bytes, in the machine's byte
 * order (little-endian on x86-64). Conditional jumps go {@code jt} or {@code jf} instructions
 * past the next one; {@code BPF_JA} goes {@code k} past it.
 *
 * @param code the opcode, 0 to 0xffff
 * @param jt the jump when the condition holds, 0 to 255
 * @param jf the jump when it does not, 0 to 255
 * @param k the constant
 */
record SockFilter(int code, int jt, int jf, int k) {
    /** The size of one instruction in bytes. */
    static final int SIZE = 8;
    /** {@code BPF_MAXINSNS}: the kernel rejects longer programs. */
    static final int MAX_INSTRUCTIONS = 4096;

    /** {@code BPF_LD | BPF_W | BPF_ABS}: load the 32-bit word at offset k of {@code seccomp_data}. */
    static final int LD_W_ABS = 0x20;
    /** {@code BPF_JMP | BPF_JA}: jump k instructions. */
    static final int JA = 0x05;
    /** {@code BPF_JMP | BPF_JEQ | BPF_K}. */
    static final int JEQ_K = 0x15;
    /** {@code BPF_JMP | BPF_JGT | BPF_K} (unsigned). */
    static final int JGT_K = 0x25;
    /** {@code BPF_JMP | BPF_JGE | BPF_K} (unsigned). */
    static final int JGE_K = 0x35;
    /** {@code BPF_JMP | BPF_JSET | BPF_K}: jump if {@code A & k} is not zero. */
    static final int JSET_K = 0x45;
    /** {@code BPF_RET | BPF_K}: return k. */
    static final int RET_K = 0x06;

    /** {@code offsetof(struct seccomp_data, nr)}. */
    static final int NR_OFFSET = 0;
    /** {@code offsetof(struct seccomp_data, arch)}. */
    static final int ARCH_OFFSET = 4;

    /** Checks the field widths. */
    SockFilter {
        if (code < 0 || code > 0xffff || jt < 0 || jt > 0xff || jf < 0 || jf > 0xff) {
            throw new IllegalArgumentException("sock_filter field out of range: " + code + ", " + jt + ", " + jf);
        }
    }

    /** Lays instructions out as the kernel reads them. */
    static byte[] encode(List<SockFilter> program) {
        ByteBuffer out = ByteBuffer.allocate(program.size() * SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (SockFilter f : program) {
            out.putShort((short) f.code).put((byte) f.jt).put((byte) f.jf).putInt(f.k);
        }
        return out.array();
    }

    /**
     * Reads instructions laid out as the kernel reads them.
     *
     * @throws IllegalArgumentException if the length is not a multiple of {@link #SIZE}
     */
    static List<SockFilter> decode(byte[] program) {
        if (program.length % SIZE != 0) {
            throw new IllegalArgumentException("a BPF program is a multiple of 8 bytes, not " + program.length);
        }
        ByteBuffer in = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        List<SockFilter> out = new ArrayList<>(program.length / SIZE);
        while (in.hasRemaining()) {
            out.add(new SockFilter(Short.toUnsignedInt(in.getShort()), Byte.toUnsignedInt(in.get()),
                    Byte.toUnsignedInt(in.get()), in.getInt()));
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format("{0x%02x, %d, %d, 0x%08x}", code, jt, jf, k);
    }
}
