package dev.stevedore.posix;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link Syscalls} for Linux on x86-64: one instance, made on first use, that hands each call
 * to the JNA implementation of its area. The delegations follow the order of {@link Syscalls}'s
 * interfaces, one line each.
 */
final class LinuxSyscalls implements Syscalls {
    private final MountCalls mounts = new JnaMountCalls();
    private final FileCalls files = new JnaFileCalls();
    private final MetadataCalls metadata = new JnaMetadataCalls();
    private final IoCalls io = new JnaIoCalls();
    private final XattrCalls xattrs = new JnaXattrCalls();
    private final ProcessCalls processes = new JnaProcessCalls();
    private final PrctlCalls prctl = new JnaPrctlCalls();
    private final MemfdCalls memfds = new JnaMemfdCalls();
    private final BpfCalls bpf = new JnaBpfCalls();
    private final SpawnCalls spawns = new JnaSpawnCalls();

    private static final class Holder {
        static final LinuxSyscalls INSTANCE = new LinuxSyscalls();
    }

    private LinuxSyscalls() {}

    static LinuxSyscalls instance() {
        LibC.requireSupported();
        return Holder.INSTANCE;
    }

    @Override public void mount(String source, Path target, String fsType, long flags, String data) { mounts.mount(source, target, fsType, flags, data); }
    @Override public void umount2(Path target, int flags) { mounts.umount2(target, flags); }
    @Override public Fd fsopen(String fsName, int flags) { return mounts.fsopen(fsName, flags); }
    @Override public void fsconfigString(Fd context, String key, String value) { mounts.fsconfigString(context, key, value); }
    @Override public void fsconfigFlag(Fd context, String key) { mounts.fsconfigFlag(context, key); }
    @Override public void fsconfigCommand(Fd context, int command) { mounts.fsconfigCommand(context, command); }
    @Override public Fd fsmount(Fd context, int flags, int attributes) { return mounts.fsmount(context, flags, attributes); }
    @Override public void moveMount(Fd fromDir, Path fromPath, Fd toDir, Path toPath, int flags) { mounts.moveMount(fromDir, fromPath, toDir, toPath, flags); }
    @Override public Fd openTree(Fd dir, Path path, int flags) { return mounts.openTree(dir, path, flags); }
    @Override public void mountSetattr(Fd dir, Path path, int flags, MountAttributes attributes) { mounts.mountSetattr(dir, path, flags, attributes); }

    @Override public Fd openat(Fd dir, Path path, int flags, int mode) { return files.openat(dir, path, flags, mode); }
    @Override public Fd openat2(Fd dir, Path path, OpenHow how) { return files.openat2(dir, path, how); }
    @Override public void mknodat(Fd dir, Path path, int mode, long device) { files.mknodat(dir, path, mode, device); }
    @Override public void mkdirat(Fd dir, Path path, int mode) { files.mkdirat(dir, path, mode); }
    @Override public void symlinkat(String target, Fd dir, Path link) { files.symlinkat(target, dir, link); }
    @Override public void linkat(Fd oldDir, Path oldPath, Fd newDir, Path newPath, int flags) { files.linkat(oldDir, oldPath, newDir, newPath, flags); }
    @Override public void unlinkat(Fd dir, Path path, int flags) { files.unlinkat(dir, path, flags); }
    @Override public void renameat2(Fd oldDir, Path oldPath, Fd newDir, Path newPath, int flags) { files.renameat2(oldDir, oldPath, newDir, newPath, flags); }
    @Override public String readlinkat(Fd dir, Path path) { return files.readlinkat(dir, path); }

    @Override public FileStat fstat(Fd fd) { return metadata.fstat(fd); }
    @Override public FileStat fstatat(Fd dir, Path path, int flags) { return metadata.fstatat(dir, path, flags); }
    @Override public void fchownat(Fd dir, Path path, int uid, int gid, int flags) { metadata.fchownat(dir, path, uid, gid, flags); }
    @Override public void fchown(Fd fd, int uid, int gid) { metadata.fchown(fd, uid, gid); }
    @Override public void fchmodat(Fd dir, Path path, int mode, int flags) { metadata.fchmodat(dir, path, mode, flags); }
    @Override public void fchmod(Fd fd, int mode) { metadata.fchmod(fd, mode); }
    @Override public void utimensat(Fd dir, Path path, Instant atime, Instant mtime, int flags) { metadata.utimensat(dir, path, atime, mtime, flags); }
    @Override public void futimens(Fd fd, Instant atime, Instant mtime) { metadata.futimens(fd, atime, mtime); }
    @Override public FileSystemStat statfs(Path path) { return metadata.statfs(path); }
    @Override public FileSystemStat fstatfs(Fd fd) { return metadata.fstatfs(fd); }

    @Override public int read(Fd fd, byte[] buffer, int offset, int length) { return io.read(fd, buffer, offset, length); }
    @Override public int pread(Fd fd, byte[] buffer, int offset, int length, long position) { return io.pread(fd, buffer, offset, length, position); }
    @Override public int write(Fd fd, byte[] buffer, int offset, int length) { return io.write(fd, buffer, offset, length); }
    @Override public int pwrite(Fd fd, byte[] buffer, int offset, int length, long position) { return io.pwrite(fd, buffer, offset, length, position); }
    @Override public void ftruncate(Fd fd, long length) { io.ftruncate(fd, length); }
    @Override public void syncfs(Fd fd) { io.syncfs(fd); }

    @Override public Optional<byte[]> lgetxattr(Path path, String name) { return xattrs.lgetxattr(path, name); }
    @Override public void lsetxattr(Path path, String name, byte[] value, int flags) { xattrs.lsetxattr(path, name, value, flags); }
    @Override public List<String> llistxattr(Path path) { return xattrs.llistxattr(path); }
    @Override public void lremovexattr(Path path, String name) { xattrs.lremovexattr(path, name); }
    @Override public Optional<byte[]> fgetxattr(Fd fd, String name) { return xattrs.fgetxattr(fd, name); }
    @Override public void fsetxattr(Fd fd, String name, byte[] value, int flags) { xattrs.fsetxattr(fd, name, value, flags); }
    @Override public List<String> flistxattr(Fd fd) { return xattrs.flistxattr(fd); }
    @Override public void fremovexattr(Fd fd, String name) { xattrs.fremovexattr(fd, name); }

    @Override public void setns(Fd namespace, int nstype) { processes.setns(namespace, nstype); }
    @Override public Fd pidfdOpen(long pid, int flags) { return processes.pidfdOpen(pid, flags); }
    @Override public void pidfdSendSignal(Fd pidfd, int signal) { processes.pidfdSendSignal(pidfd, signal); }
    @Override public void kill(long pid, int signal) { processes.kill(pid, signal); }
    @Override public int getuid() { return processes.getuid(); }
    @Override public int geteuid() { return processes.geteuid(); }
    @Override public int getgid() { return processes.getgid(); }
    @Override public int getegid() { return processes.getegid(); }

    @Override public long prctl(int option, long arg2, long arg3, long arg4, long arg5) { return prctl.prctl(option, arg2, arg3, arg4, arg5); }
    @Override public void setParentDeathSignal(int signal) { prctl.setParentDeathSignal(signal); }
    @Override public int parentDeathSignal() { return prctl.parentDeathSignal(); }
    @Override public void setDumpable(boolean dumpable) { prctl.setDumpable(dumpable); }
    @Override public boolean isDumpable() { return prctl.isDumpable(); }
    @Override public void setNoNewPrivileges() { prctl.setNoNewPrivileges(); }
    @Override public boolean hasNoNewPrivileges() { return prctl.hasNoNewPrivileges(); }
    @Override public void setChildSubreaper(boolean subreaper) { prctl.setChildSubreaper(subreaper); }
    @Override public boolean isChildSubreaper() { return prctl.isChildSubreaper(); }

    @Override public Fd memfdCreate(String name, int flags) { return memfds.memfdCreate(name, flags); }
    @Override public void addSeals(Fd fd, int seals) { memfds.addSeals(fd, seals); }
    @Override public int seals(Fd fd) { return memfds.seals(fd); }

    @Override public Fd bpfProgLoad(int programType, byte[] instructions, String license, String name) { return bpf.bpfProgLoad(programType, instructions, license, name); }
    @Override public void bpfProgAttach(Fd target, Fd program, int attachType, int flags) { bpf.bpfProgAttach(target, program, attachType, flags); }
    @Override public void bpfProgDetach(Fd target, Fd program, int attachType) { bpf.bpfProgDetach(target, program, attachType); }
    @Override public List<Long> bpfProgQuery(Fd target, int attachType, int queryFlags) { return bpf.bpfProgQuery(target, attachType, queryFlags); }

    @Override public Fd[] pipe(int flags) { return spawns.pipe(flags); }
    @Override public long spawn(String path, java.util.List<String> argv, java.util.List<String> env, java.util.List<Fd> childFds) { return spawns.spawn(path, argv, env, childFds); }
    @Override public int waitpid(long pid, int options) { return spawns.waitpid(pid, options); }
}
