package dev.stevedore.posix;

import com.sun.jna.Structure;
import java.time.Instant;

/**
 * The C structs this package passes to the kernel, spelled out for x86-64 (LP64: C
 * {@code long} is 64 bits and maps to Java {@code long}).
 *
 * <p>They are {@code public} classes nested in this package-private one because JNA reads and
 * writes their fields reflectively from its own package: fields of a package-private class are
 * out of its reach, while the enclosing class still keeps them out of the public API.
 */
final class Structs {
    private Structs() {}

    /**
     * {@code struct stat} as the x86-64 kernel ({@code asm/stat.h}, {@code newfstatat}) and glibc
     * lay it out: 144 bytes, {@code st_nlink} before {@code st_mode}, a 4-byte pad after
     * {@code st_gid}, {@code struct timespec} as two 64-bit words, three reserved words.
     */
    @Structure.FieldOrder({"st_dev", "st_ino", "st_nlink", "st_mode", "st_uid", "st_gid", "pad0", "st_rdev",
            "st_size", "st_blksize", "st_blocks", "st_atime", "st_atime_nsec", "st_mtime", "st_mtime_nsec",
            "st_ctime", "st_ctime_nsec", "reserved"})
    public static final class StatStruct extends Structure {
        static final int SIZE = 144;

        public long st_dev;
        public long st_ino;
        public long st_nlink;
        public int st_mode;
        public int st_uid;
        public int st_gid;
        public int pad0;
        public long st_rdev;
        public long st_size;
        public long st_blksize;
        public long st_blocks;
        public long st_atime;
        public long st_atime_nsec;
        public long st_mtime;
        public long st_mtime_nsec;
        public long st_ctime;
        public long st_ctime_nsec;
        public long[] reserved = new long[3];

        FileStat toFileStat() {
            return new FileStat(st_dev, st_ino, st_mode, st_nlink, st_uid, st_gid, st_rdev, st_size, st_blksize,
                    st_blocks, Instant.ofEpochSecond(st_atime, st_atime_nsec),
                    Instant.ofEpochSecond(st_mtime, st_mtime_nsec), Instant.ofEpochSecond(st_ctime, st_ctime_nsec));
        }
    }

    /**
     * {@code struct statfs} of glibc on x86-64 ({@code bits/statfs.h}): 120 bytes, every
     * {@code __fsword_t} a C {@code long}, {@code f_fsid} two {@code int}s, four spare words.
     */
    @Structure.FieldOrder({"f_type", "f_bsize", "f_blocks", "f_bfree", "f_bavail", "f_files", "f_ffree", "f_fsid",
            "f_namelen", "f_frsize", "f_flags", "f_spare"})
    public static final class StatfsStruct extends Structure {
        static final int SIZE = 120;

        public long f_type;
        public long f_bsize;
        public long f_blocks;
        public long f_bfree;
        public long f_bavail;
        public long f_files;
        public long f_ffree;
        public int[] f_fsid = new int[2];
        public long f_namelen;
        public long f_frsize;
        public long f_flags;
        public long[] f_spare = new long[4];

        FileSystemStat toFileSystemStat() {
            return new FileSystemStat(f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree, f_namelen,
                    f_frsize, f_flags);
        }
    }

    /** {@code struct open_how} ({@code linux/openat2.h}): three {@code __u64}, 24 bytes. */
    @Structure.FieldOrder({"flags", "mode", "resolve"})
    public static final class OpenHowStruct extends Structure {
        static final long SIZE = 24;

        public long flags;
        public long mode;
        public long resolve;

        OpenHowStruct(OpenHow how) {
            this.flags = how.flags();
            this.mode = how.mode();
            this.resolve = how.resolve();
        }
    }

    /**
     * {@code struct mount_attr} ({@code linux/mount.h}): four {@code __u64}, 32 bytes
     * ({@code MOUNT_ATTR_SIZE_VER0}).
     */
    @Structure.FieldOrder({"attr_set", "attr_clr", "propagation", "userns_fd"})
    public static final class MountAttrStruct extends Structure {
        static final long SIZE = 32;

        public long attr_set;
        public long attr_clr;
        public long propagation;
        public long userns_fd;

        MountAttrStruct(MountAttributes attributes) {
            this.attr_set = attributes.set();
            this.attr_clr = attributes.clear();
            this.propagation = attributes.propagation();
        }
    }

    /**
     * {@code struct timespec times[2]} for {@code utimensat(2)}: access then modification time,
     * each {@code time_t tv_sec} and {@code long tv_nsec}, both 64 bits on x86-64.
     */
    @Structure.FieldOrder({"atime_sec", "atime_nsec", "mtime_sec", "mtime_nsec"})
    public static final class TimespecPair extends Structure {
        public long atime_sec;
        public long atime_nsec;
        public long mtime_sec;
        public long mtime_nsec;

        TimespecPair(Instant atime, Instant mtime) {
            this.atime_sec = atime.getEpochSecond();
            this.atime_nsec = atime.getNano();
            this.mtime_sec = mtime.getEpochSecond();
            this.mtime_nsec = mtime.getNano();
        }
    }

    /**
     * The part of {@code union bpf_attr} ({@code linux/bpf.h}) that {@code BPF_PROG_LOAD} reads,
     * up to {@code expected_attach_type}: 72 bytes, pointers as {@code __aligned_u64} addresses.
     */
    @Structure.FieldOrder({"prog_type", "insn_cnt", "insns", "license", "log_level", "log_size", "log_buf",
            "kern_version", "prog_flags", "prog_name", "prog_ifindex", "expected_attach_type"})
    public static final class BpfProgLoadAttr extends Structure {
        static final long SIZE = 72;
        /** {@code BPF_OBJ_NAME_LEN}: the name's bytes, its NUL included. */
        static final int NAME_SIZE = 16;

        public int prog_type;
        public int insn_cnt;
        public long insns;
        public long license;
        public int log_level;
        public int log_size;
        public long log_buf;
        public int kern_version;
        public int prog_flags;
        public byte[] prog_name = new byte[NAME_SIZE];
        public int prog_ifindex;
        public int expected_attach_type;

        BpfProgLoadAttr(int programType, int instructionCount, long instructions, long license, byte[] name) {
            this.prog_type = programType;
            this.insn_cnt = instructionCount;
            this.insns = instructions;
            this.license = license;
            System.arraycopy(name, 0, this.prog_name, 0, Math.min(name.length, NAME_SIZE - 1));
        }
    }

    /**
     * The part of {@code union bpf_attr} that {@code BPF_PROG_ATTACH} and {@code BPF_PROG_DETACH}
     * read: five {@code __u32}, 20 bytes (the later relative-attachment fields stay zero).
     */
    @Structure.FieldOrder({"target_fd", "attach_bpf_fd", "attach_type", "attach_flags", "replace_bpf_fd"})
    public static final class BpfProgAttachAttr extends Structure {
        static final long SIZE = 20;

        public int target_fd;
        public int attach_bpf_fd;
        public int attach_type;
        public int attach_flags;
        public int replace_bpf_fd;

        BpfProgAttachAttr(int target, int program, int attachType, int flags) {
            this.target_fd = target;
            this.attach_bpf_fd = program;
            this.attach_type = attachType;
            this.attach_flags = flags;
        }
    }

    /**
     * The part of {@code union bpf_attr} that {@code BPF_PROG_QUERY} reads and writes, up to
     * {@code prog_cnt} and its padding: 32 bytes ({@code prog_attach_flags} and later stay unset).
     */
    @Structure.FieldOrder({"target_fd", "attach_type", "query_flags", "attach_flags", "prog_ids", "prog_cnt", "pad"})
    public static final class BpfProgQueryAttr extends Structure {
        static final long SIZE = 32;

        public int target_fd;
        public int attach_type;
        public int query_flags;
        public int attach_flags;
        public long prog_ids;
        public int prog_cnt;
        public int pad;

        BpfProgQueryAttr(int target, int attachType, int queryFlags, long programIds, int capacity) {
            this.target_fd = target;
            this.attach_type = attachType;
            this.query_flags = queryFlags;
            this.prog_ids = programIds;
            this.prog_cnt = capacity;
        }
    }
}
