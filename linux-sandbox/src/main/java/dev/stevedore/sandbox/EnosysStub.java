package dev.stevedore.sandbox;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The BPF prologue that makes system calls newer than a profile fail with {@code ENOSYS}
 * instead of the profile's default action, as runc does: a C library probing for a new call
 * (say {@code clone3} or {@code faccessat2}) then falls back to the old one instead of giving up
 * on {@code EPERM}.
 *
 * <p>For each architecture the stub knows the highest call number the profile names there. It
 * loads {@code seccomp_data.arch}; for {@code AUDIT_ARCH_X86_64} it splits x86-64 calls from x32
 * calls by {@link SeccompArch#X32_SYSCALL_BIT} and compares each against its own maximum; for
 * {@code AUDIT_ARCH_I386} against the i386 maximum. A number above the maximum returns
 * {@code SECCOMP_RET_ERRNO | ENOSYS}; everything else, and every architecture the stub does not
 * know, falls through to the first instruction after the stub. libseccomp's program is appended
 * unchanged: classic BPF jumps are relative and forward only, so it runs exactly as it would
 * alone, and its own architecture check handles what the stub let through.
 *
 * <pre>
 *        ld  [4]                       ; arch
 *        jeq #AUDIT_ARCH_X86_64, x86_64
 *        jeq #AUDIT_ARCH_I386, i386
 *        ja  filter
 * x86_64: ld [0]                       ; nr
 *        jset #0x40000000, x32        ; (to filter when x32 is not in the profile)
 *        jgt #max_x86_64, enosys, filter
 * x32:   jgt #max_x32, enosys, filter
 * i386:  ld  [0]
 *        jgt #max_i386, enosys, filter
 * enosys: ret #SECCOMP_RET_ERRNO|ENOSYS
 * filter: ...libseccomp's program...
 * </pre>
 */
final class EnosysStub {
    /** {@code SECCOMP_RET_ERRNO | ENOSYS}. */
    static final int RET_ENOSYS = SeccompAction.errno(SeccompAction.ENOSYS).value();

    private EnosysStub() {}

    /**
     * The stub for these maxima; sections for architectures without a maximum are left out, and
     * no maxima at all give no stub.
     *
     * @param maxima the highest call number named per architecture (x32 numbers with bit 30 set)
     */
    static List<SockFilter> build(Map<SeccompArch, Integer> maxima) {
        if (maxima.isEmpty()) {
            return List.of();
        }
        boolean x86Family64 = maxima.containsKey(SeccompArch.X86_64) || maxima.containsKey(SeccompArch.X32);
        boolean i386 = maxima.containsKey(SeccompArch.X86);
        Assembler a = new Assembler();
        a.load(SockFilter.ARCH_OFFSET);
        if (x86Family64) {
            a.jump(SockFilter.JEQ_K, SeccompArch.X86_64.audit(), Label.X86_64, Label.NEXT);
        }
        if (i386) {
            a.jump(SockFilter.JEQ_K, SeccompArch.X86.audit(), Label.I386, Label.NEXT);
        }
        a.always(Label.FILTER);
        if (x86Family64) {
            a.mark(Label.X86_64);
            a.load(SockFilter.NR_OFFSET);
            Label x32 = maxima.containsKey(SeccompArch.X32) ? Label.X32 : Label.FILTER;
            a.jump(SockFilter.JSET_K, SeccompArch.X32_SYSCALL_BIT, x32, Label.NEXT);
            if (maxima.containsKey(SeccompArch.X86_64)) {
                a.jump(SockFilter.JGT_K, maxima.get(SeccompArch.X86_64), Label.ENOSYS, Label.FILTER);
            } else {
                a.always(Label.FILTER);
            }
            if (maxima.containsKey(SeccompArch.X32)) {
                a.mark(Label.X32);
                a.jump(SockFilter.JGT_K, maxima.get(SeccompArch.X32), Label.ENOSYS, Label.FILTER);
            }
        }
        if (i386) {
            a.mark(Label.I386);
            a.load(SockFilter.NR_OFFSET);
            a.jump(SockFilter.JGT_K, maxima.get(SeccompArch.X86), Label.ENOSYS, Label.FILTER);
        }
        a.mark(Label.ENOSYS);
        a.ret(RET_ENOSYS);
        return a.assemble();
    }

    /** Jump targets; {@link #NEXT} is the following instruction, {@link #FILTER} the first after the stub. */
    private enum Label { NEXT, X86_64, X32, I386, ENOSYS, FILTER }

    /** Collects instructions with symbolic targets, then resolves them to relative offsets. */
    private static final class Assembler {
        private record Pending(int code, int k, Label jt, Label jf) {}

        private final List<Pending> pending = new ArrayList<>();
        private final Map<Label, Integer> labels = new EnumMap<>(Label.class);

        void load(int offset) {
            pending.add(new Pending(SockFilter.LD_W_ABS, offset, Label.NEXT, Label.NEXT));
        }

        void jump(int code, int k, Label jt, Label jf) {
            pending.add(new Pending(code, k, jt, jf));
        }

        void always(Label target) {
            pending.add(new Pending(SockFilter.JA, 0, target, Label.NEXT));
        }

        void ret(int value) {
            pending.add(new Pending(SockFilter.RET_K, value, Label.NEXT, Label.NEXT));
        }

        void mark(Label label) {
            labels.put(label, pending.size());
        }

        List<SockFilter> assemble() {
            labels.put(Label.FILTER, pending.size());
            List<SockFilter> out = new ArrayList<>(pending.size());
            for (int i = 0; i < pending.size(); i++) {
                Pending p = pending.get(i);
                if (p.code == SockFilter.JA) {
                    out.add(new SockFilter(p.code, 0, 0, offset(p.jt, i)));
                } else {
                    out.add(new SockFilter(p.code, offset(p.jt, i), offset(p.jf, i), p.k));
                }
            }
            return List.copyOf(out);
        }

        private int offset(Label label, int at) {
            if (label == Label.NEXT) {
                return 0;
            }
            int offset = labels.get(label) - at - 1;
            if (offset < 0 || offset > 255) {
                throw new IllegalStateException("stub jump from " + at + " to " + label + " out of range: " + offset);
            }
            return offset;
        }
    }
}
