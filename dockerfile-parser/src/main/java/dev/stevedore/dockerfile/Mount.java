package dev.stevedore.dockerfile;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * One {@code RUN --mount=...} with its options read and checked as BuildKit does
 * ({@code instructions/commands_runmount.go}).
 *
 * <p>The Dockerfile keeps mount specs unexpanded ({@link Instruction.Run#mountSpecs()});
 * the builder expands each option value with the stage's variables while parsing:
 *
 * <pre>{@code
 * Mount m = Mount.parse("type=cache,target=$HOME/.cache,sharing=locked", word -> expand(word, env));
 * m.type();     // Mount.Type.CACHE
 * m.target();   // Optional[/root/.cache]
 * m.readOnly(); // false: caches are writable unless ro is given
 * }</pre>
 *
 * @param type the mount type; {@code bind} when not given
 * @param from the stage or image to take the source from ({@code from=})
 * @param source the path in {@code from}, or the secret's name ({@code source=}, {@code src=})
 * @param target where to mount ({@code target=}, {@code dst=}, {@code destination=})
 * @param readOnly whether the mount is read-only; by default only cache and tmpfs are writable
 * @param sizeLimit the tmpfs size in bytes ({@code size=}), 0 for no limit
 * @param id the cache, secret or SSH agent id ({@code id=})
 * @param sharing how concurrent builds share a cache ({@code sharing=})
 * @param required whether a missing secret or SSH agent fails the step ({@code required})
 * @param env the environment variable to expose a secret as; present but empty for {@code env=}
 * @param mode the file mode of a secret, SSH socket or cache directory ({@code mode=}, octal)
 * @param uid the owner's user id ({@code uid=})
 * @param gid the owner's group id ({@code gid=})
 */
public record Mount(Type type, Optional<String> from, Optional<String> source, Optional<String> target,
        boolean readOnly, long sizeLimit, Optional<String> id, Optional<Sharing> sharing, boolean required,
        Optional<String> env, OptionalLong mode, OptionalLong uid, OptionalLong gid) {

    /** A mount type. */
    public enum Type {
        /** A directory from the build context, a stage or an image. */
        BIND("bind"),
        /** A persistent cache directory. */
        CACHE("cache"),
        /** An in-memory file system. */
        TMPFS("tmpfs"),
        /** A secret file. */
        SECRET("secret"),
        /** An SSH agent socket. */
        SSH("ssh");

        private final String value;

        Type(String value) {
            this.value = value;
        }

        /**
         * Returns the word used in the Dockerfile.
         *
         * @return for example {@code cache}
         */
        public String value() {
            return value;
        }
    }

    /** How concurrent builds share a cache mount. */
    public enum Sharing {
        /** Used by all writers at once (the default). */
        SHARED("shared"),
        /** A new cache for each concurrent writer. */
        PRIVATE("private"),
        /** Writers wait for each other. */
        LOCKED("locked");

        private final String value;

        Sharing(String value) {
            this.value = value;
        }

        /**
         * Returns the word used in the Dockerfile.
         *
         * @return for example {@code locked}
         */
        public String value() {
            return value;
        }
    }

    /**
     * Checks for nulls and a negative size.
     *
     * @param type the mount type; {@code bind} when not given
     * @param from the stage or image to take the source from ({@code from=})
     * @param source the path in {@code from}, or the secret's name ({@code source=}, {@code src=})
     * @param target where to mount ({@code target=}, {@code dst=}, {@code destination=})
     * @param readOnly whether the mount is read-only; by default only cache and tmpfs are writable
     * @param sizeLimit the tmpfs size in bytes ({@code size=}), 0 for no limit
     * @param id the cache, secret or SSH agent id ({@code id=})
     * @param sharing how concurrent builds share a cache ({@code sharing=})
     * @param required whether a missing secret or SSH agent fails the step ({@code required})
     * @param env the environment variable to expose a secret as; present but empty for {@code env=}
     * @param mode the file mode of a secret, SSH socket or cache directory ({@code mode=}, octal)
     * @param uid the owner's user id ({@code uid=})
     * @param gid the owner's group id ({@code gid=})
     */
    public Mount {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sharing, "sharing");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(gid, "gid");
        if (sizeLimit < 0) {
            throw new IllegalArgumentException("size limit must not be negative: " + sizeLimit);
        }
    }

    /**
     * Parses a mount spec whose values need no expansion.
     *
     * @param spec the text after {@code --mount=}
     * @return the mount
     * @throws DockerfileException if the spec is invalid, or only valid after expansion
     */
    public static Mount parse(String spec) {
        return parse(spec, UnaryOperator.identity());
    }

    /**
     * Parses a mount spec, expanding each option value first, as BuildKit does when it
     * runs the step.
     *
     * @param spec the text after {@code --mount=}
     * @param expander expands one word with the stage's variables
     * @return the mount
     * @throws DockerfileException if the spec is invalid
     */
    public static Mount parse(String spec, UnaryOperator<String> expander) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(expander, "expander");
        return MountParser.parse(spec, expander);
    }
}
