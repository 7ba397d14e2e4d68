package dev.stevedore.posix;

import static dev.stevedore.posix.Call.hex;
import static dev.stevedore.posix.Call.raw;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.stevedore.posix.Structs.BpfProgAttachAttr;
import dev.stevedore.posix.Structs.BpfProgLoadAttr;
import dev.stevedore.posix.Structs.BpfProgQueryAttr;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link BpfCalls} through the raw {@code bpf(2)} system call. Buffers the kernel reads or
 * writes (instructions, license, verifier log, program ids) live in JNA {@link Memory} that is
 * kept reachable until the call returns; the attr structs carry their addresses.
 */
final class JnaBpfCalls implements BpfCalls {
    private static final long BPF_PROG_LOAD = 5;
    private static final long BPF_PROG_ATTACH = 8;
    private static final long BPF_PROG_DETACH = 9;
    private static final long BPF_PROG_QUERY = 16;
    private static final int ENOSPC = 28;
    /** Verifier log level 1: the instructions it walked and why it stopped. */
    private static final int LOG_LEVEL_BASIC = 1;
    private static final int LOG_SIZE = 256 * 1024;
    /** How much of a long verifier log the exception keeps: its end, where the reason is. */
    private static final int LOG_KEPT = 4000;
    private static final int QUERY_CAPACITY = 64;

    @Override
    public Fd bpfProgLoad(int programType, byte[] instructions, String license, String name) {
        if (instructions.length == 0 || instructions.length % Bpf.INSTRUCTION_SIZE != 0) {
            throw new IllegalArgumentException("an eBPF program is a non-empty sequence of "
                    + Bpf.INSTRUCTION_SIZE + "-byte instructions, got " + instructions.length + " bytes");
        }
        if (!name.matches("[A-Za-z0-9_.]{0," + (BpfProgLoadAttr.NAME_SIZE - 1) + "}")) {
            throw new IllegalArgumentException("an eBPF program name has at most 15 letters, digits, _ or ., got \""
                    + name + "\"");
        }
        Memory code = new Memory(instructions.length);
        code.write(0, instructions, 0, instructions.length);
        Memory licenseText = new Memory(license.getBytes(StandardCharsets.UTF_8).length + 1L);
        licenseText.setString(0, license, StandardCharsets.UTF_8.name());
        BpfProgLoadAttr attr = new BpfProgLoadAttr(programType, instructions.length / Bpf.INSTRUCTION_SIZE,
                Pointer.nativeValue(code), Pointer.nativeValue(licenseText), name.getBytes(StandardCharsets.US_ASCII));
        try {
            return Fd.adopt((int) Kernel.syscall(Kernel.SYS_BPF, BPF_PROG_LOAD, attr, BpfProgLoadAttr.SIZE));
        } catch (LastErrorException first) {
            return loadWithLog(attr, first, license, name);
        } finally {
            Reference.reachabilityFence(code);
            Reference.reachabilityFence(licenseText);
        }
    }

    /** Loads again with a verifier log: returns the program if the kernel takes it now, else throws with the log. */
    private static Fd loadWithLog(BpfProgLoadAttr attr, LastErrorException first, String license, String name) {
        Memory log = new Memory(LOG_SIZE);
        log.clear();
        attr.log_level = LOG_LEVEL_BASIC;
        attr.log_size = LOG_SIZE;
        attr.log_buf = Pointer.nativeValue(log);
        String text;
        try {
            return Fd.adopt((int) Kernel.syscall(Kernel.SYS_BPF, BPF_PROG_LOAD, attr, BpfProgLoadAttr.SIZE));
        } catch (LastErrorException second) {
            text = log.getString(0, StandardCharsets.UTF_8.name()).strip();
        } finally {
            Reference.reachabilityFence(log);
        }
        String detail = text.isEmpty() ? "" : "verifier: "
                + (text.length() > LOG_KEPT ? "..." + text.substring(text.length() - LOG_KEPT) : text);
        throw Call.failedWithDetail(detail, first, "bpf", raw("BPF_PROG_LOAD"), raw("{prog_type=" + attr.prog_type
                + ", insn_cnt=" + attr.insn_cnt + ", license=\"" + license + "\", prog_name=\"" + name + "\"}"),
                BpfProgLoadAttr.SIZE);
    }

    @Override
    public void bpfProgAttach(Fd target, Fd program, int attachType, int flags) {
        BpfProgAttachAttr attr = new BpfProgAttachAttr(target.number(), program.number(), attachType, flags);
        try {
            Kernel.syscall(Kernel.SYS_BPF, BPF_PROG_ATTACH, attr, BpfProgAttachAttr.SIZE);
        } catch (LastErrorException e) {
            throw Call.failed(e, "bpf", raw("BPF_PROG_ATTACH"), raw("{target_fd=" + target + ", attach_bpf_fd="
                    + program + ", attach_type=" + attachType + ", attach_flags=" + hex(flags) + "}"),
                    BpfProgAttachAttr.SIZE);
        }
    }

    @Override
    public void bpfProgDetach(Fd target, Fd program, int attachType) {
        BpfProgAttachAttr attr = new BpfProgAttachAttr(target.number(), program.number(), attachType, 0);
        try {
            Kernel.syscall(Kernel.SYS_BPF, BPF_PROG_DETACH, attr, BpfProgAttachAttr.SIZE);
        } catch (LastErrorException e) {
            throw Call.failed(e, "bpf", raw("BPF_PROG_DETACH"), raw("{target_fd=" + target + ", attach_bpf_fd="
                    + program + ", attach_type=" + attachType + "}"), BpfProgAttachAttr.SIZE);
        }
    }

    @Override
    public List<Long> bpfProgQuery(Fd target, int attachType, int queryFlags) {
        int capacity = QUERY_CAPACITY;
        while (true) {
            Memory ids = new Memory(4L * capacity);
            BpfProgQueryAttr attr = new BpfProgQueryAttr(target.number(), attachType, queryFlags,
                    Pointer.nativeValue(ids), capacity);
            try {
                Kernel.syscall(Kernel.SYS_BPF, BPF_PROG_QUERY, attr, BpfProgQueryAttr.SIZE);
                attr.read();
                List<Long> result = new ArrayList<>(attr.prog_cnt);
                for (int i = 0; i < attr.prog_cnt; i++) {
                    result.add(Integer.toUnsignedLong(ids.getInt(4L * i)));
                }
                return List.copyOf(result);
            } catch (LastErrorException e) {
                // ENOSPC: more programs than room; prog_cnt now says how many there are.
                attr.read();
                if (e.getErrorCode() != ENOSPC || attr.prog_cnt <= capacity) {
                    throw Call.failed(e, "bpf", raw("BPF_PROG_QUERY"), raw("{target_fd=" + target
                            + ", attach_type=" + attachType + ", query_flags=" + hex(queryFlags) + "}"),
                            BpfProgQueryAttr.SIZE);
                }
                capacity = attr.prog_cnt;
            } finally {
                Reference.reachabilityFence(ids);
            }
        }
    }
}
