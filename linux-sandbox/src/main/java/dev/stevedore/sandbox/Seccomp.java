package dev.stevedore.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The system call filter of a sandbox: Docker's default profile, none at all, or a custom
 * profile in Docker's JSON format. A profile is checked when it is created; it is compiled to
 * BPF (with libseccomp) when a sandbox starts, once per capability set, and the program is kept
 * for the life of this object, so share one instance between sandboxes.
 *
 * <p>Evaluation follows Docker and runc: {@code includes} and {@code excludes} are checked
 * against the container's capabilities, the host architecture ({@code amd64}) and the running
 * kernel; names libseccomp does not know are skipped; calls newer than every call the profile
 * names fail with {@code ENOSYS} rather than the default action, so C libraries fall back to
 * older calls. A profile with neither {@code defaultAction} nor {@code syscalls} (such as
 * {@code {}}) means no filter, as in Docker.
 *
 * <pre>{@code
 * Seccomp filter = Seccomp.dockerDefault();
 * Seccomp custom = Seccomp.profile(Path.of("build/seccomp.json"));
 * }</pre>
 */
public final class Seccomp {
    private static final Seccomp UNCONFINED = new Seccomp("unconfined", Optional.empty());

    private final String source;
    private final Optional<SeccompProfile> profile;
    private final ConcurrentMap<Key, byte[]> programs = new ConcurrentHashMap<>();
    private final AtomicInteger compilations = new AtomicInteger();

    private record Key(Set<Capability> caps, KernelVersion kernel) {}

    private Seccomp(String source, Optional<SeccompProfile> profile) {
        this.source = source;
        this.profile = profile;
    }

    /**
     * Docker's default profile (moby/profiles {@code seccomp/default.json}, shipped unmodified in
     * this jar): denies with {@code EPERM} what containers should not do, such as {@code mount},
     * {@code unshare} and {@code keyctl}, unless the container holds the capability that makes
     * the call legitimate. One shared instance.
     *
     * <pre>{@code
     * Seccomp filter = Seccomp.dockerDefault(); // the same instance every time
     * }</pre>
     *
     * @return the shared default
     */
    public static Seccomp dockerDefault() {
        return DockerDefault.INSTANCE;
    }

    /**
     * No filter ({@code --security-opt seccomp=unconfined}).
     *
     * @return the shared instance
     */
    public static Seccomp unconfined() {
        return UNCONFINED;
    }

    /**
     * A custom profile in Docker's format, checked now.
     *
     * <pre>{@code
     * Seccomp.profile("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"mkdir\"],"
     *         + " \"action\": \"SCMP_ACT_ERRNO\"}]}", "no-mkdir")
     * }</pre>
     *
     * @param json the profile
     * @param sourceName what to call it in error messages, such as a file name
     * @return the filter
     * @throws SeccompProfileException if the JSON is malformed (with line and column), or a field
     *     is of the wrong type or has an unknown value (with its path), or asks for what Stevedore
     *     does not offer ({@code SCMP_ACT_NOTIFY}, listeners, filter flags)
     */
    public static Seccomp profile(String json, String sourceName) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(sourceName, "sourceName");
        return new Seccomp(sourceName, ProfileParser.parse(json, sourceName));
    }

    /**
     * A custom profile read from a UTF-8 file, checked now; the path names it in errors.
     *
     * <pre>{@code
     * Seccomp.profile(Path.of("/etc/docker/seccomp.json"))
     * }</pre>
     *
     * @param file the profile
     * @return the filter
     * @throws SeccompProfileException if the file cannot be read or the profile is invalid
     */
    public static Seccomp profile(Path file) {
        String source = file.toString();
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SeccompProfileException(source, "no such file", e);
        } catch (CharacterCodingException e) {
            throw new SeccompProfileException(source, "not UTF-8 text", e);
        } catch (IOException e) {
            throw new SeccompProfileException(source, "cannot read the file: " + e, e);
        }
        return profile(json, source);
    }

    /**
     * Where the profile came from: {@code docker-default}, {@code unconfined}, a file path or the
     * name given to {@link #profile(String, String)}.
     *
     * @return the name
     */
    public String source() {
        return source;
    }

    /**
     * Whether this filters anything; {@code false} for {@link #unconfined()} and for profiles
     * that disable seccomp.
     *
     * @return {@code true} if a BPF program will be installed
     */
    public boolean confined() {
        return profile.isPresent();
    }

    /**
     * The BPF program for a container with these effective capabilities on the running kernel:
     * {@code struct sock_filter} entries, 8 bytes each, little-endian, for x86-64. Compiled on
     * first use for each capability set, then served from this object.
     *
     * @return a copy of the program; empty if unconfined
     * @throws SeccompProfileException if libseccomp rejects the profile
     * @throws SandboxException if libseccomp cannot be loaded
     */
    Optional<byte[]> compile(Set<Capability> effectiveCaps) {
        return compile(effectiveCaps, KernelVersion.running());
    }

    /** As {@link #compile(Set)}, for a given kernel version ({@code minKernel}). */
    Optional<byte[]> compile(Set<Capability> effectiveCaps, KernelVersion kernel) {
        if (profile.isEmpty()) {
            return Optional.empty();
        }
        Key key = new Key(Set.copyOf(effectiveCaps), kernel);
        byte[] program = programs.computeIfAbsent(key, k -> {
            compilations.incrementAndGet();
            return FilterCompiler.compile(profile.get(), k.caps(), k.kernel(), source);
        });
        return Optional.of(program.clone());
    }

    /** How many programs this object compiled (not served from its cache). */
    int compilations() {
        return compilations.get();
    }

    /** The checked profile; empty if unconfined. */
    Optional<SeccompProfile> parsedProfile() {
        return profile;
    }

    /** Equal when from the same source with the same content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Seccomp s && s.source.equals(source) && s.profile.equals(profile);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, profile);
    }

    /** The source name, e.g. {@code Seccomp[docker-default]}. */
    @Override
    public String toString() {
        return "Seccomp[" + source + "]";
    }

    private static final class DockerDefault {
        static final String RESOURCE = "seccomp-default.json";
        static final Seccomp INSTANCE = load();

        private static Seccomp load() {
            try (InputStream in = Seccomp.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new SandboxException("the jar lacks " + RESOURCE + ", Docker's default seccomp profile");
                }
                String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Seccomp("docker-default", ProfileParser.parse(json, "docker-default"));
            } catch (IOException e) {
                throw new SandboxException("cannot read " + RESOURCE + " from the jar", e);
            }
        }
    }
}
