package dev.stevedore.sandbox;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import dev.stevedore.posix.Errno;
import java.util.List;
import java.util.Map;

/**
 * The part of libseccomp 2 that compiles filters, bound through JNA. Only the runtime library is
 * needed ({@code libseccomp.so.2} from Debian's {@code libseccomp2}); it is loaded on first use.
 * libseccomp is not documented as thread-safe, so callers serialise on the class.
 *
 * <p>libseccomp returns negative errno values; every wrapper here turns one into a
 * {@link SandboxException} naming the call.
 */
final class Libseccomp {
    /** {@code SCMP_FLTATR_CTL_NNP}: whether {@code seccomp_load} sets no_new_privs. */
    static final int SCMP_FLTATR_CTL_NNP = 3;
    /** {@code __NR_SCMP_ERROR}: what name resolution returns for a name libseccomp does not know. */
    static final int NR_SCMP_ERROR = -1;

    private static final List<String> NAMES = List.of("libseccomp.so.2", "seccomp");

    /**
     * {@code struct scmp_arg_cmp} from {@code seccomp.h} on x86-64: {@code unsigned int arg} at 0,
     * {@code enum scmp_compare op} (an {@code int}) at 4, {@code scmp_datum_t datum_a} and
     * {@code datum_b} ({@code uint64_t}) at 8 and 16; 24 bytes, no padding needed. Public only
     * because JNA fills it reflectively.
     */
    @Structure.FieldOrder({"arg", "op", "datum_a", "datum_b"})
    public static final class ScmpArgCmp extends Structure {
        static final int SIZE = 24;

        public int arg;
        public int op;
        public long datum_a;
        public long datum_b;

        /** Where a field lies in the struct, for checking the layout. */
        int offsetOf(String field) {
            return fieldOffset(field);
        }

        void set(ArgCondition condition) {
            arg = condition.index();
            op = condition.op().code();
            datum_a = condition.value();
            datum_b = condition.valueTwo();
        }
    }

    private interface Api extends Library {
        Pointer seccomp_init(int defaultAction);

        void seccomp_release(Pointer ctx);

        int seccomp_arch_native();

        int seccomp_arch_add(Pointer ctx, int arch);

        int seccomp_arch_remove(Pointer ctx, int arch);

        int seccomp_attr_set(Pointer ctx, int attribute, int value);

        int seccomp_syscall_resolve_name_arch(int arch, String name);

        int seccomp_rule_add_array(Pointer ctx, int action, int syscall, int count, ScmpArgCmp[] args);

        int seccomp_export_bpf(Pointer ctx, int fd);
    }

    private static final class Holder {
        static final Api API = load();
    }

    private Libseccomp() {}

    /** The architecture libseccomp was built for, as an {@code SCMP_ARCH_*} token. */
    static int nativeArch() {
        return Holder.API.seccomp_arch_native();
    }

    /**
     * The number of a system call on an architecture: for an x86 family architecture a real
     * number (x32 numbers include {@link SeccompArch#X32_SYSCALL_BIT}), a negative pseudo-number
     * for a call this architecture lacks but libseccomp knows, or {@link #NR_SCMP_ERROR}.
     */
    static int resolve(int arch, String name) {
        return Holder.API.seccomp_syscall_resolve_name_arch(arch, name);
    }

    /**
     * A filter under construction ({@code scmp_filter_ctx}): created with its default action and
     * the native architecture, released on {@link #close()}.
     */
    static final class Filter implements AutoCloseable {
        private final Api api = Holder.API;
        private Pointer ctx;

        Filter(int defaultAction) {
            ctx = api.seccomp_init(defaultAction);
            if (ctx == null) {
                throw new SandboxException("seccomp_init(" + hex(defaultAction) + ") failed: libseccomp "
                        + "or the kernel does not support that action");
            }
        }

        /** Adds an architecture; one already present is fine. */
        void addArch(int arch) {
            int rc = api.seccomp_arch_add(ctx, arch);
            if (rc < 0 && rc != -Errno.EEXIST.number()) {
                throw failed(rc, "seccomp_arch_add(" + hex(arch) + ")");
            }
        }

        void removeArch(int arch) {
            check(api.seccomp_arch_remove(ctx, arch), "seccomp_arch_remove(" + hex(arch) + ")");
        }

        void setAttribute(int attribute, int value) {
            check(api.seccomp_attr_set(ctx, attribute, value), "seccomp_attr_set(" + attribute + ", " + value + ")");
        }

        /**
         * Adds a rule ({@code seccomp_rule_add_array}), translated by libseccomp to every
         * architecture in the filter that has the call.
         *
         * @return 0, or the negative errno libseccomp returned
         */
        int addRule(int action, int syscall, List<ArgCondition> conditions) {
            if (conditions.isEmpty()) {
                return api.seccomp_rule_add_array(ctx, action, syscall, 0, null);
            }
            ScmpArgCmp[] array = (ScmpArgCmp[]) new ScmpArgCmp().toArray(conditions.size());
            for (int i = 0; i < array.length; i++) {
                array[i].set(conditions.get(i));
            }
            return api.seccomp_rule_add_array(ctx, action, syscall, array.length, array);
        }

        /** Writes the compiled program, an array of {@code struct sock_filter}, to a descriptor. */
        void exportBpf(int fd) {
            check(api.seccomp_export_bpf(ctx, fd), "seccomp_export_bpf");
        }

        @Override
        public void close() {
            if (ctx != null) {
                api.seccomp_release(ctx);
                ctx = null;
            }
        }
    }

    static SandboxException failed(int rc, String call) {
        return new SandboxException(call + " failed: " + Errno.describe(-rc));
    }

    private static void check(int rc, String call) {
        if (rc < 0) {
            throw failed(rc, call);
        }
    }

    private static String hex(int value) {
        return "0x" + Integer.toHexString(value);
    }

    private static Api load() {
        UnsatisfiedLinkError last = new UnsatisfiedLinkError("libseccomp not found");
        for (String name : NAMES) {
            try {
                return Native.load(name, Api.class, Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
            } catch (UnsatisfiedLinkError e) {
                last = e;
            }
        }
        throw new SandboxException("cannot load libseccomp (" + NAMES.get(0) + "), which compiles seccomp "
                + "profiles; install libseccomp2", last);
    }
}
