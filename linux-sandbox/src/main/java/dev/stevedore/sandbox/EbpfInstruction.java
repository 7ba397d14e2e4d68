package dev.stevedore.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * One eBPF instruction ({@code struct bpf_insn}, {@code linux/bpf.h}): an opcode byte, the
 * destination register in the low and the source register in the high nibble of the next
 * byte, a signed 16-bit offset and a signed 32-bit immediate, little-endian on x86-64. Only the
 * few instructions the device filter needs have factories.
 *
 * <pre>{@code
 * byte[] program = EbpfInstruction.encode(List.of(EbpfInstruction.movImm(0, 1), EbpfInstruction.exit()));
 * }</pre>
 *
 * @param opcode the operation: class, size or source, and mode or operation bits
 * @param dst the destination register, 0 to 10
 * @param src the source register, 0 to 10
 * @param offset the memory offset, or for jumps the instructions to skip after this one
 * @param imm the immediate operand
 */
record EbpfInstruction(int opcode, int dst, int src, int offset, int imm) {
    /** {@code BPF_LDX | BPF_MEM | BPF_W}: load 32 bits from memory, zero-extended. */
    static final int LDX_MEM_W = 0x61;
    /** {@code BPF_ALU64 | BPF_AND | BPF_K}. */
    static final int ALU64_AND_K = 0x57;
    /** {@code BPF_ALU64 | BPF_RSH | BPF_K}: logical shift right. */
    static final int ALU64_RSH_K = 0x77;
    /** {@code BPF_ALU64 | BPF_MOV | BPF_K}. */
    static final int ALU64_MOV_K = 0xb7;
    /** {@code BPF_ALU64 | BPF_MOV | BPF_X}: copy a register. */
    static final int ALU64_MOV_X = 0xbf;
    /** {@code BPF_JMP | BPF_JEQ | BPF_K}: jump if the register equals the immediate. */
    static final int JMP_JEQ_K = 0x15;
    /** {@code BPF_JMP | BPF_JNE | BPF_K}: jump if the register differs from the immediate. */
    static final int JMP_JNE_K = 0x55;
    /** {@code BPF_JMP | BPF_JSET | BPF_K}: jump if the register and the immediate share a bit. */
    static final int JMP_JSET_K = 0x45;
    /** {@code BPF_JMP | BPF_EXIT}: return {@code r0}. */
    static final int JMP_EXIT = 0x95;

    /** Checks that each field fits its bits. */
    EbpfInstruction {
        if (opcode < 0 || opcode > 0xff) {
            throw new IllegalArgumentException("opcode must fit in a byte: " + opcode);
        }
        if (dst < 0 || dst > 10 || src < 0 || src > 10) {
            throw new IllegalArgumentException("eBPF has registers r0 to r10, got r" + dst + " and r" + src);
        }
        if (offset < Short.MIN_VALUE || offset > Short.MAX_VALUE) {
            throw new IllegalArgumentException("offset must fit in 16 bits: " + offset);
        }
    }

    /** {@code dst = *(u32 *)(src + offset)}. */
    static EbpfInstruction loadWord(int dst, int src, int offset) {
        return new EbpfInstruction(LDX_MEM_W, dst, src, offset, 0);
    }

    /** {@code dst &= imm} (the immediate sign-extended to 64 bits). */
    static EbpfInstruction andImm(int dst, int imm) {
        return new EbpfInstruction(ALU64_AND_K, dst, 0, 0, imm);
    }

    /** {@code dst >>= imm}, unsigned. */
    static EbpfInstruction rshImm(int dst, int imm) {
        return new EbpfInstruction(ALU64_RSH_K, dst, 0, 0, imm);
    }

    /** {@code dst = imm}. */
    static EbpfInstruction movImm(int dst, int imm) {
        return new EbpfInstruction(ALU64_MOV_K, dst, 0, 0, imm);
    }

    /** {@code dst = src}. */
    static EbpfInstruction movReg(int dst, int src) {
        return new EbpfInstruction(ALU64_MOV_X, dst, src, 0, 0);
    }

    /** {@code if (dst == imm) skip the next skip instructions}. */
    static EbpfInstruction jumpIfEqual(int dst, int imm, int skip) {
        return new EbpfInstruction(JMP_JEQ_K, dst, 0, skip, imm);
    }

    /** {@code if (dst != imm) skip the next skip instructions}. */
    static EbpfInstruction jumpIfNotEqual(int dst, int imm, int skip) {
        return new EbpfInstruction(JMP_JNE_K, dst, 0, skip, imm);
    }

    /** {@code if (dst & imm) skip the next skip instructions}. */
    static EbpfInstruction jumpIfAnyBit(int dst, int imm, int skip) {
        return new EbpfInstruction(JMP_JSET_K, dst, 0, skip, imm);
    }

    /** {@code return r0}. */
    static EbpfInstruction exit() {
        return new EbpfInstruction(JMP_EXIT, 0, 0, 0, 0);
    }

    /** This instruction with another jump offset, for filling in a forward jump once its target is known. */
    EbpfInstruction withOffset(int newOffset) {
        return new EbpfInstruction(opcode, dst, src, newOffset, imm);
    }

    /** Whether this is a conditional jump, whose offset counts instructions. */
    boolean isConditionalJump() {
        return opcode == JMP_JNE_K || opcode == JMP_JSET_K || opcode == JMP_JEQ_K;
    }

    /**
     * The program in the kernel's binary form, eight bytes per instruction.
     *
     * @param program the instructions in order
     * @return the bytes for {@code BPF_PROG_LOAD}
     */
    static byte[] encode(List<EbpfInstruction> program) {
        ByteBuffer out = ByteBuffer.allocate(program.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (EbpfInstruction i : program) {
            out.put((byte) i.opcode).put((byte) (i.dst | i.src << 4)).putShort((short) i.offset).putInt(i.imm);
        }
        return out.array();
    }

    /**
     * Reads back a program written by {@link #encode}.
     *
     * @param bytes eight bytes per instruction
     * @return the instructions in order
     */
    static List<EbpfInstruction> decode(byte[] bytes) {
        if (bytes.length % 8 != 0) {
            throw new IllegalArgumentException("an eBPF program has 8 bytes per instruction, got " + bytes.length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        EbpfInstruction[] program = new EbpfInstruction[bytes.length / 8];
        for (int n = 0; n < program.length; n++) {
            int opcode = in.get() & 0xff;
            int registers = in.get() & 0xff;
            program[n] = new EbpfInstruction(opcode, registers & 0xf, registers >>> 4, in.getShort(), in.getInt());
        }
        return List.of(program);
    }
}
