package dev.stevedore.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one description of the busybox root file system that both {@link BusyboxRootfs} (on
 * disk) and {@link BusyboxImage} (as a layer) are made from, sorted by path so every parent
 * comes before its children.
 */
final class BusyboxTree {
    /** Where Debian's {@code busybox-static} puts the binary. */
    static final Path HOST_BUSYBOX = Path.of("/bin/busybox");

    static final List<String> APPLETS = List.of(
            "[", "awk", "base64", "basename", "cat", "chgrp", "chmod", "chown", "chroot", "cmp", "cp", "cut",
            "date", "dd", "df", "diff", "dirname", "dmesg", "du", "echo", "egrep", "env", "expr", "false",
            "fgrep", "find", "free", "grep", "groups", "gunzip", "gzip", "head", "hexdump", "hostname", "httpd",
            "id", "ifconfig", "ip", "kill", "killall", "less", "ln", "ls", "md5sum", "mkdir", "mkfifo", "mknod",
            "mktemp", "more", "mount", "mv", "nc", "netstat", "nproc", "nslookup", "od", "pidof", "ping",
            "printf", "ps", "pwd", "readlink", "realpath", "rm", "rmdir", "route", "sed", "seq", "setsid", "sh",
            "sha256sum", "sleep", "sort", "stat", "sync", "tac", "tail", "tar", "tee", "test", "timeout", "top",
            "touch", "tr", "true", "truncate", "umount", "uname", "uniq", "unshare", "uptime", "usleep", "vi",
            "wc", "wget", "which", "whoami", "xargs", "yes", "zcat");

    static final String PASSWD = String.join("\n",
            "root:x:0:0:root:/root:/bin/sh",
            "app:x:1000:1000:app:/home/app:/bin/sh",
            "nobody:x:65534:65534:nobody:/nonexistent:/bin/false",
            "");

    static final String GROUP = String.join("\n",
            "root:x:0:",
            "staff:x:50:app",
            "app:x:1000:",
            "nogroup:x:65534:",
            "");

    private BusyboxTree() {}

    /** The entries, sorted by path; reads the host's busybox binary. */
    static List<TreeEntry> entries() {
        byte[] busybox = readBusybox();
        List<TreeEntry> entries = new ArrayList<>();
        entries.add(TreeEntry.directory("bin", 0755));
        entries.add(TreeEntry.file("bin/busybox", 0755, busybox));
        for (String applet : APPLETS) {
            entries.add(TreeEntry.symlink("bin/" + applet, "busybox"));
        }
        entries.add(TreeEntry.directory("dev", 0755));
        entries.add(TreeEntry.directory("etc", 0755));
        entries.add(TreeEntry.file("etc/group", 0644, GROUP.getBytes(StandardCharsets.US_ASCII)));
        entries.add(TreeEntry.file("etc/hostname", 0644, new byte[0]));
        entries.add(TreeEntry.file("etc/hosts", 0644, new byte[0]));
        entries.add(TreeEntry.file("etc/passwd", 0644, PASSWD.getBytes(StandardCharsets.US_ASCII)));
        entries.add(TreeEntry.file("etc/resolv.conf", 0644, new byte[0]));
        entries.add(TreeEntry.directory("home", 0755));
        entries.add(TreeEntry.directory("home/app", 0755, BusyboxRootfs.APP_UID, BusyboxRootfs.APP_GID));
        entries.add(TreeEntry.directory("proc", 0555));
        entries.add(TreeEntry.directory("root", 0700));
        entries.add(TreeEntry.directory("sys", 0555));
        entries.add(TreeEntry.directory("tmp", 01777));
        entries.add(TreeEntry.directory("usr", 0755));
        entries.add(TreeEntry.directory("usr/bin", 0755));
        entries.add(TreeEntry.directory("usr/sbin", 0755));
        entries.add(TreeEntry.directory("var", 0755));
        entries.add(TreeEntry.directory("var/tmp", 01777));
        entries.sort(Comparator.comparing(TreeEntry::path));
        return List.copyOf(entries);
    }

    private static byte[] readBusybox() {
        Preconditions.requiresCommand("busybox", "busybox-static");
        if (!Files.isRegularFile(HOST_BUSYBOX)) {
            throw new FixtureException("Tried to read " + HOST_BUSYBOX + " but failed because it is missing: install "
                    + "the Debian package busybox-static");
        }
        try {
            return Files.readAllBytes(HOST_BUSYBOX);
        } catch (IOException e) {
            throw new FixtureException("Tried to read " + HOST_BUSYBOX + " but failed because: " + e.getMessage(), e);
        }
    }
}
