package dev.stevedore.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes the configuration stevedore-init reads: records of
 * {@code [u16 tag][u16 0][u32 length][value]}, little-endian, strings NUL-terminated. The tags
 * match {@code enum tag} in {@code src/main/c/config.c}.
 */
final class ConfigWriter {
    static final int MODE = 1, ID = 2, STATE_DIR = 3, ROOTFS = 4, LOWER = 5, UPPER = 6, WORK = 7,
            ROOTFS_READONLY = 8, MOUNT = 9, DEFAULT_MOUNTS = 10, CGROUP_MOUNT = 11, MASKED = 12, READONLY = 13,
            SYSCTL = 14, ARG = 15, ENV = 16, CWD = 17, USER = 18, UMASK = 19, RLIMIT = 20, INIT = 21, DETACHED = 22,
            STDIO = 23, STDIN_OPEN = 24, LOG_MAX_SIZE = 25, LOG_MAX_FILES = 26, HOSTNAME = 27, CLONE_FLAGS = 28,
            JOIN = 29, CGROUP_TASKS = 30, OOM_FILE = 31, CAPS = 32, NO_NEW_PRIVS = 33, SECCOMP = 34, PORT = 35,
            TARGET_PID = 36, OVERLAY_LEGACY = 37, CGROUP_V2 = 38;

    /** The largest configuration stevedore-init accepts (CONFIG_MAX). */
    static final int MAX_SIZE = 1024 * 1024;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);

    ConfigWriter u32(int tag, long value) {
        header(tag, 4);
        le32((int) value);
        return this;
    }

    ConfigWriter u64(int tag, long value) {
        header(tag, 8);
        le64(value);
        return this;
    }

    ConfigWriter string(int tag, String value) {
        byte[] b = cstring(value);
        header(tag, b.length);
        out.writeBytes(b);
        return this;
    }

    ConfigWriter strings(int tag, List<String> values) {
        for (String v : values) {
            string(tag, v);
        }
        return this;
    }

    ConfigWriter bytes(int tag, byte[] value) {
        header(tag, value.length);
        out.writeBytes(value);
        return this;
    }

    /** A mount record: kind, flags, propagation, then source, target, fstype and data strings. */
    ConfigWriter mount(int kind, long flags, int propagation, String source, String target, String fstype, String data) {
        ByteArrayOutputStream strs = new ByteArrayOutputStream();
        for (String s : List.of(source, target, fstype, data)) {
            strs.writeBytes(cstring(s));
        }
        header(MOUNT, 16 + strs.size());
        le32(kind);
        le64(flags);
        le32(propagation);
        out.writeBytes(strs.toByteArray());
        return this;
    }

    ConfigWriter rlimit(int resource, long soft, long hard) {
        header(RLIMIT, 20);
        le32(resource);
        le64(soft);
        le64(hard);
        return this;
    }

    ConfigWriter join(int cloneFlag, String path) {
        byte[] p = cstring(path);
        header(JOIN, 4 + p.length);
        le32(cloneFlag);
        out.writeBytes(p);
        return this;
    }

    ConfigWriter caps(long bounding, long effective, long permitted, long inheritable, long ambient) {
        header(CAPS, 40);
        le64(bounding);
        le64(effective);
        le64(permitted);
        le64(inheritable);
        le64(ambient);
        return this;
    }

    ConfigWriter port(int proto, int hostPort, int containerPort, String hostIp) {
        byte[] ip = cstring(hostIp);
        header(PORT, 12 + ip.length);
        le32(proto);
        le32(hostPort);
        le32(containerPort);
        out.writeBytes(ip);
        return this;
    }

    /** The whole configuration as one CONFIG frame: [u8 1][u32 length][records]. */
    byte[] frame() {
        byte[] body = out.toByteArray();
        if (body.length > MAX_SIZE) {
            throw new SandboxException("sandbox configuration is " + body.length + " bytes; at most " + MAX_SIZE
                    + " fit (too many arguments, environment entries or layers?)");
        }
        byte[] frame = new byte[5 + body.length];
        frame[0] = 1;
        putLe32(frame, 1, body.length);
        System.arraycopy(body, 0, frame, 5, body.length);
        return frame;
    }

    private void header(int tag, int length) {
        out.write(tag & 0xff);
        out.write((tag >>> 8) & 0xff);
        out.write(0);
        out.write(0);
        le32(length);
    }

    private void le32(int v) {
        out.write(v & 0xff);
        out.write((v >>> 8) & 0xff);
        out.write((v >>> 16) & 0xff);
        out.write((v >>> 24) & 0xff);
    }

    private void le64(long v) {
        le32((int) v);
        le32((int) (v >>> 32));
    }

    static void putLe32(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    private static byte[] cstring(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("strings passed to the sandbox must not contain NUL: " + s.replace('\0', '?'));
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[b.length + 1];
        System.arraycopy(b, 0, z, 0, b.length);
        return z;
    }
}
