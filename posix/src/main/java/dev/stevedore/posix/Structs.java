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
}
