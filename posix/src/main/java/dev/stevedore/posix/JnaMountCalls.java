package dev.stevedore.posix;

import static dev.stevedore.posix.Call.hex;
import static dev.stevedore.posix.Call.raw;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import dev.stevedore.posix.Structs.MountAttrStruct;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;

/** {@link MountCalls} through glibc's {@code mount}/{@code umount2} and raw system calls. */
final class JnaMountCalls implements MountCalls {
    private static final int ENODATA = 61;
    private static final int LOG_MESSAGE_MAX = 4096;
    /** The kernel keeps the last eight messages of a filesystem context. */
    private static final int LOG_MESSAGES_KEPT = 8;

    private interface C extends Library {
        int mount(String source, String target, String fsType, long flags, String data) throws LastErrorException;

        int umount2(String target, int flags) throws LastErrorException;

        long read(int fd, byte[] buffer, long count) throws LastErrorException;
    }

    private final C c = LibC.load(C.class);

    @Override
    public void mount(String source, Path target, String fsType, long flags, String data) {
        String src = nullIfEmpty(source);
        String type = nullIfEmpty(fsType);
        String options = nullIfEmpty(data);
        try {
            c.mount(src, target.toString(), type, flags, options);
        } catch (LastErrorException e) {
            throw Call.failed(e, "mount", src, target, type, hex(flags), options);
        }
    }

    @Override
    public void umount2(Path target, int flags) {
        try {
            c.umount2(target.toString(), flags);
        } catch (LastErrorException e) {
            throw Call.failed(e, "umount2", target, hex(flags));
        }
    }

    @Override
    public Fd fsopen(String fsName, int flags) {
        try {
            return Fd.adopt((int) Kernel.syscall(Kernel.SYS_FSOPEN, fsName, (long) flags));
        } catch (LastErrorException e) {
            throw Call.failed(e, "fsopen", fsName, hex(flags));
        }
    }

    @Override
    public void fsconfigString(Fd context, String key, String value) {
        fsconfig(context, MountApi.FSCONFIG_SET_STRING, key, value);
    }

    @Override
    public void fsconfigFlag(Fd context, String key) {
        fsconfig(context, MountApi.FSCONFIG_SET_FLAG, key, null);
    }

    @Override
    public void fsconfigCommand(Fd context, int command) {
        fsconfig(context, command, null, null);
    }

    private void fsconfig(Fd context, int command, String key, String value) {
        try {
            Kernel.syscall(Kernel.SYS_FSCONFIG, (long) context.number(), (long) command, key, value, 0L);
        } catch (LastErrorException e) {
            throw Call.failedWithDetail(kernelLog(context), e, "fsconfig", context, command, key, value, 0);
        }
    }

    @Override
    public Fd fsmount(Fd context, int flags, int attributes) {
        try {
            return Fd.adopt((int) Kernel.syscall(Kernel.SYS_FSMOUNT, (long) context.number(), (long) flags,
                    (long) attributes));
        } catch (LastErrorException e) {
            throw Call.failedWithDetail(kernelLog(context), e, "fsmount", context, hex(flags), hex(attributes));
        }
    }

    @Override
    public void moveMount(Fd fromDir, Path fromPath, Fd toDir, Path toPath, int flags) {
        try {
            Kernel.syscall(Kernel.SYS_MOVE_MOUNT, (long) fromDir.number(), fromPath.toString(),
                    (long) toDir.number(), toPath.toString(), (long) flags);
        } catch (LastErrorException e) {
            throw Call.failed(e, "move_mount", fromDir, fromPath, toDir, toPath, hex(flags));
        }
    }

    @Override
    public Fd openTree(Fd dir, Path path, int flags) {
        try {
            return Fd.adopt((int) Kernel.syscall(Kernel.SYS_OPEN_TREE, (long) dir.number(), path.toString(),
                    (long) flags));
        } catch (LastErrorException e) {
            throw Call.failed(e, "open_tree", dir, path, hex(flags));
        }
    }

    @Override
    public void mountSetattr(Fd dir, Path path, int flags, MountAttributes attributes) {
        try {
            Kernel.syscall(Kernel.SYS_MOUNT_SETATTR, (long) dir.number(), path.toString(), (long) flags,
                    new MountAttrStruct(attributes), MountAttrStruct.SIZE);
        } catch (LastErrorException e) {
            throw Call.failed(e, "mount_setattr", dir, path, hex(flags), raw("{attr_set=" + hex(attributes.set())
                    + ", attr_clr=" + hex(attributes.clear()) + ", propagation=" + hex(attributes.propagation())
                    + "}"), MountAttrStruct.SIZE);
        }
    }

    /**
     * The messages the kernel queued on a filesystem context ("e overlayfs: ..."), read one
     * per {@code read} until {@code ENODATA}; empty if there are none or they cannot be read.
     */
    private String kernelLog(Fd context) {
        if (!isFsContext(context)) {
            return "";
        }
        StringJoiner log = new StringJoiner("; ");
        byte[] buffer = new byte[LOG_MESSAGE_MAX];
        try {
            for (int i = 0; i < LOG_MESSAGES_KEPT; i++) {
                long n = c.read(context.number(), buffer, buffer.length);
                if (n <= 0) {
                    break;
                }
                log.add(new String(buffer, 0, (int) n, StandardCharsets.UTF_8).strip());
            }
        } catch (LastErrorException e) {
            if (e.getErrorCode() != ENODATA) {
                log.add("(kernel log unreadable: " + Errno.describe(e.getErrorCode()) + ")");
            }
        }
        return log.length() == 0 ? "" : "kernel: " + log;
    }

    /** Only a filesystem context may be read here: reading a pipe or socket could block. */
    private static boolean isFsContext(Fd fd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(fd.number())))
                    .toString().equals("anon_inode:[fscontext]");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String nullIfEmpty(String s) {
        return s.isEmpty() ? null : s;
    }
}
