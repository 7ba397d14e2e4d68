package dev.stevedore.dockerfile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One Dockerfile instruction, typed. Every record keeps the source as written: its
 * {@link #location()}, the {@link #keyword()} in its original case, the {@link #comments()}
 * right above it, its raw {@link #flags()} and unexpanded arguments. Typed views of the
 * flags ({@link Run#mounts()}, {@link Copy#from()}, {@link Healthcheck#interval()}...) are
 * methods. The constructors check what BuildKit checks when it parses, so a record that
 * exists is valid.
 *
 * <pre>{@code
 * Dockerfile df = Dockerfile.parse("Dockerfile", "FROM alpine AS base\nRUN --network=none make\n");
 * for (Instruction i : df.instructions()) {
 *     if (i instanceof Instruction.Run run) {
 *         run.network();            // Optional[NONE]
 *         run.command().arguments(); // [make]
 *     }
 * }
 * }</pre>
 */
public sealed interface Instruction permits Instruction.From, Instruction.Run, Instruction.Cmd,
        Instruction.Entrypoint, Instruction.Shell, Instruction.Label, Instruction.Maintainer, Instruction.Expose,
        Instruction.Env, Instruction.Add, Instruction.Copy, Instruction.Volume, Instruction.User,
        Instruction.Workdir, Instruction.Arg, Instruction.Onbuild, Instruction.Stopsignal, Instruction.Healthcheck {

    /**
     * Returns where the instruction is, heredoc bodies included.
     *
     * @return the first and last line
     */
    Location location();

    /**
     * Returns the instruction word as written, for example {@code "run"} or {@code "Run"}.
     *
     * @return the keyword
     */
    String keyword();

    /**
     * Returns the comment lines directly above the instruction, without {@code #}; an empty
     * comment line ({@code #} alone) ends a run of comments, blank lines do not.
     *
     * @return the comments, oldest first
     */
    List<String> comments();

    /**
     * Returns the flags as written before the arguments, quotes and escapes removed, such as
     * {@code "--mount=type=cache,target=/root/.cache"}.
     *
     * @return the flags in order
     */
    List<String> flags();

    /**
     * Returns the instruction's canonical name.
     *
     * @return for example {@code "RUN"}
     */
    default String name() {
        return Rules.upperName(getClass());
    }

    /**
     * {@code FROM [--platform=...] image [AS name]}: starts a build stage.
     *
     * @param location where it is
     * @param keyword the keyword as written
     * @param comments the comments above it
     * @param flags the flags ({@code --platform})
     * @param image the base image or stage, unexpanded
     * @param alias the {@code AS name} part, if present
     */
    record From(Location location, String keyword, List<String> comments, List<String> flags, String image,
            Optional<Alias> alias) implements Instruction {

        /**
         * The {@code AS name} of a {@code FROM}, both words as written.
         *
         * @param asKeyword {@code AS} in its original case
         * @param name the stage name in its original case
         */
        public record Alias(String asKeyword, String name) {
            /**
             * Checks the alias as BuildKit does.
             *
             * @param asKeyword {@code AS} in its original case
             * @param name the stage name in its original case
             * @throws DockerfileException if the name, in lower case, does not match [a-z][a-z0-9-_.]*
             */
            public Alias {
                Objects.requireNonNull(name, "name");
                if (!asKeyword.equalsIgnoreCase("as")) {
                    throw new IllegalArgumentException("expected AS, got " + asKeyword);
                }
                if (!validStageName(GoText.toLower(name))) {
                    throw DockerfileException.unlocated("invalid name for build stage: " + GoText.quote(name)
                            + ", name can't start with a number or contain symbols", name);
                }
            }

            private static boolean validStageName(String name) {
                if (name.isEmpty() || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
                    return false;
                }
                for (int i = 1; i < name.length(); i++) {
                    char c = name.charAt(i);
                    boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                    if (!ok) {
                        return false;
                    }
                }
                return true;
            }
        }

        /**
         * Checks the flags; the alias checks itself.
         *
         * @param location where it is
         * @param keyword the keyword as written
         * @param comments the comments above it
         * @param flags the flags ({@code --platform})
         * @param image the base image or stage, unexpanded
         * @param alias the {@code AS name} part, if present
         */
        public From {
            Rules.common("FROM", location, keyword, comments, flags);
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(alias, "alias");
            comments = List.copyOf(comments);
            flags = List.copyOf(flags);
            FlagSpec.FROM.parse(flags);
        }

        /**
         * Returns the {@code --platform} value, unexpanded.
         *
         * @return the platform, if given and not empty
         */
        public Optional<String> platform() {
            return Rules.nonEmpty(FlagSpec.FROM.parse(flags).string("platform"));
        }

        /**
         * Returns the stage name in lower case, as BuildKit uses it.
         *
         * @return the name, if the stage has one
         */
        public Optional<String> stageName() {
            return alias.map(a -> GoText.toLower(a.name()));
        }
    }

    /**
     * {@code RUN [--mount=...] [--network=...] [--security=...] command}.
     *
     * @param location where it is, heredoc bodies included
     * @param keyword the keyword as written
     * @param comments the comments above it
     * @param flags the flags ({@code --mount}, {@code --network}, {@code --security}, {@code --device})
     * @param command the shell script or exec array
     * @param heredocs the heredocs with their bodies
     */
    record Run(Location location, String keyword, List<String> comments, List<String> flags, CommandLine command,
            List<Heredoc> heredocs) implements Instruction {

        /**
         * Checks the flags and every mount, network, security and device value that needs no expansion.
         *
         * @param location where it is, heredoc bodies included
         * @param keyword the keyword as written
         * @param comments the comments above it
         * @param flags the flags ({@code --mount}, {@code --network}, {@code --security}, {@code --device})
         * @param command the shell script or exec array
         * @param heredocs the heredocs with their bodies
         */
        public Run {
            Rules.common("RUN", location, keyword, comments, flags);
            Objects.requireNonNull(command, "command");
            comments = List.copyOf(comments);
            flags = List.copyOf(flags);
            heredocs = List.copyOf(heredocs);
            FlagSpec.Values values = FlagSpec.RUN.parse(flags);
            values.strings("device").forEach(Device::parse);
            values.strings("mount").forEach(MountParser::check);
            values.string("network").ifPresent(NetworkMode::of);
            values.string("security").ifPresent(SecurityMode::of);
        }

        /**
         * Returns the {@code --mount} values as written, for {@link Mount#parse(String, UnaryOperator)}.
         *
         * @return the mount specs in order
         */
        public List<String> mountSpecs() {
            return FlagSpec.RUN.parse(flags).strings("mount");
        }

        /**
         * Returns the mounts, reading values as written (no variable expansion).
         *
         * @return the mounts in order
         * @throws DockerfileException if a value is only valid after expansion, e.g. {@code uid=$UID};
         *     use {@link #mounts(UnaryOperator)} then
         */
        public List<Mount> mounts() {
            return mounts(UnaryOperator.identity());
        }

        /**
         * Returns the mounts, expanding each option value with {@code expander}.
         *
         * @param expander expands one word with the stage's variables
         * @return the mounts in order
         * @throws DockerfileException if a mount is invalid after expansion
         */
        public List<Mount> mounts(UnaryOperator<String> expander) {
            return mountSpecs().stream().map(spec -> Mount.parse(spec, expander)).toList();
        }

        /**
         * Returns the {@code --network} value.
         *
         * @return the mode, if the flag is given
         */
        public Optional<NetworkMode> network() {
            return FlagSpec.RUN.parse(flags).string("network").map(NetworkMode::of);
        }

        /**
         * Returns the {@code --security} value.
         *
         * @return the mode, if the flag is given
         */
        public Optional<SecurityMode> security() {
            return FlagSpec.RUN.parse(flags).string("security").map(SecurityMode::of);
        }

        /**
         * Returns the {@code --device} values.
         *
         * @return the devices in order
         */
        public List<Device> devices() {
            return FlagSpec.RUN.parse(flags).strings("device").stream().map(Device::parse).toList();
        }
    }

    /**
     * {@code CMD command}: the default command of the image.
     *
     * @param location where it is
     * @param keyword the keyword as written
     * @param comments the comments above it
     * @param flags the flags (none are valid)
     * @param command the shell script or exec array; may be empty ({@code CMD []})
     */
    record Cmd(Location location, String keyword, List<String> comments, List<String> flags, CommandLine command)
            implements Instruction {
        /**
         * Checks that there are no flags.
         *
         * @param location where it is
         * @param keyword the keyword as written
         * @param comments the comments above it
         * @param flags the flags (none are valid)
         * @param command the shell script or exec array; may be empty ({@code CMD []})
         */
        public Cmd {
            Rules.common("CMD", location, keyword, comments, flags);
            Objects.requireNonNull(command, "command");
            comments = List.copyOf(comments);
            flags = List.copyOf(flags);
            FlagSpec.NONE.parse(flags);
        }
    }

    /**
     * {@code ENTRYPOINT command}.
     *
     * @param location where it is
     * @param keyword the keyword as written
     * @param comments the comments above it
     * @param flags the flags (none are valid)
     * @param command the shell script or exec array; empty resets the entrypoint
     */
    record Entrypoint(Location location, String keyword, List<String> comments, List<String> flags,
            CommandLine command) implements Instruction {
        /**
         * Checks that there are no flags.
         *
         * @param location where it is
         * @param keyword the keyword as written
         * @param comments the comments above it
         * @param flags the flags (none are valid)
         * @param command the shell script or exec array; empty resets the entrypoint
         */
        public Entrypoint {
            Rules.common("ENTRYPOINT", location, keyword, comments, flags);
            Objects.requireNonNull(command, "command");
            comments = List.copyOf(comments);
            flags = List.copyOf(flags);
            FlagSpec.NONE.parse(flags);
        }
    }

    /**
     * {@code SHELL ["executable", "parameters"]}: JSON form only.
     *
     * @param location where it is
     * @param keyword the keyword as written
     * @param comments the comments above it
     * @param flags the flags (none are valid)
     * @param shell the shell's argument vector, not empty
     */
    record Shell(Location location, String keyword, List<String> comments, List<String> flags, List<String> shell)
            implements Instruction {
        /**
         * Checks that there are no flags and the shell is not empty.
         *
         * @param location where it is
         * @param keyword the keyword as written
         * @param comments the comments above it
         * @param flags the flags (none are valid)
         * @param shell the shell's argument vector, not empty
         */
        public Shell {
            Rules.common("SHELL", location, keyword, comments, flags);
            comments = List.copyOf(comments);
            flags = List.copyOf(flags);
            shell = List.copyOf(shell);
            FlagSpec.NONE.parse(flags);
            if (shell.isEmpty()) {
                throw Rules.atLeastOne("SHELL");
            }
        }
    }

    /**
     * {@code LABEL key=value ...}, or the legacy {@code LABEL key value}.
     *
     * @param location where it is
     * @param keyword the keyword as written
     * @param comments the comments above it
     * @param flags the flags (none are valid)
     * @param labels the pairs, as written
     * @param legacyForm whether written as {@code LABEL key value} (lint rule LegacyKeyValueFormat)
     */
    record Label(Location location, String keyword, List<String> comments, List<String> flags,
            List<KeyValue> labels, boolean legacyForm) implements Instruction {
        /**
         * Checks flags, that there is a pair, and that no key is blank.
         *
         * @param location where it is
         * @param keyword the keyword as written
         * @param comments the comments above it
         * @param flags the flags (none are valid)
         * @param labels the pairs, as written
         * @param legacyForm whether written as {@code LABEL key value} (lint rule LegacyKeyValueFormat)
         */
        public Label {
            Rules.common("LABEL", location, keyword, comments, flags);
            comments = List.copyOf(comments);
            flags = List.copyOf(flags);
            labels = List.copyOf(labels);
            FlagSpec.NONE.parse(flags);
            Rules.keyValues("LABEL", labels, legacyForm);
        }
    }

    /**
     * {@code MAINTAINER name} (deprecated).
     *
     * @param location where it is
     * @param keyword the keyword as written
     * @param comments the comments above it
     * @param flags the flags (none are valid)
     * @param maintainer the rest of the line
     */
    record Maintainer(Location location, String keyword, List<String> comments, List<String> flags,
            String maintainer) implements Instruction {
        /**
         * Checks that there are no flags.
         *
         * @param location where it is
         * @param keyword the keyword as written
         * @param comments the comments above it
         * @param flags the flags (none are valid)
         * @param maintainer the rest of the line
         */
        public Maintainer {
            Rules.common("MAINTAINER", location, keyword, comments, flags);
            Objects.requireNonNull(maintainer, "maintainer");
            comments = List.copyOf(comments);
            flags = List.copyOf(flags);
            FlagSpec.NONE.parse(flags);
        }
    }

    /**
     * {@code EXPOSE port[/proto] ...}.
     *
     * @param location where it is
     * @param keyword the keyword as written
     * @param comments the comments above it
     * @param flags the flags (none are valid)
     * @param ports the ports as written, in source order (BuildKit sorts them)
     */
    record Expose(Location location, String keyword, List<String> comments, List<String> flags, List<String> ports)
            implements Instruction {
        /**
         * Checks that there is a port and no flag.
         *
         * @param location where it is
         * @param keyword the keyword as written
         * @param comments the comments above it
         * @param flags the flags (none are valid)
         * @param ports the ports as written, in source order (BuildKit sorts them)
         */
        public Expose {
            Rules.common("EXPOSE", location, keyword, comments, flags);
            comments = List.copyOf(comments);
            flags = List.copyOf(flags);
            ports = List.copyOf(ports);
            if (ports.isEmpty()) {
                throw Rules.atLeastOne("EXPOSE");
            }
            FlagSpec.NONE.parse(flags);
        }
    }

    /**
     * {@code ENV key=value ...}, or the legacy {@code ENV key value}.
     *
     * @param location where it is
     * @param keyword the keyword as written
     * @param comments the comments above it
     * @param flags the flags (none are valid)
     * @param variables the pairs, as written
     * @param legacyForm whether written as {@code ENV key value} (lint rule LegacyKeyValueFormat)
     */
    record Env(Location location, String keyword, List<String> comments, List<String> flags,
            List<KeyValue> variables, boolean legacyForm) implements Instruction {
        /**
         * Checks flags, that there is a pair, and that no key is blank.
         *
         * @param location where it is
         * @param keyword the keyword as written
         * @param comments the comments above it
         * @param flags the flags (none are valid)
         * @param variables the pairs, as written
         * @param legacyForm whether written as {@code ENV key value} (lint rule LegacyKeyValueFormat)
         */
        public Env {
            Rules.common("ENV", location, keyword, comments, flags);
            comments = List.copyOf(comments);
            flags = List.copyOf(flags);
            variables = List.copyOf(variables);
            FlagSpec.NONE.parse(flags);
            Rules.keyValues("ENV", variables, legacyForm);
        }
    }

    /**
     * {@code ADD [flags] src... dest}.
     *
     * @param location where it is, heredoc bodies included
     * @param keyword the keyword as written
     * @param comments the comments above it
     * @param flags the flags ({@code --chown --chmod --link --keep-git-dir --checksum --unpack --exclude})
     * @param sources the sources as written, heredoc markers ({@code <<EOF}) included
     * @param destination the destination as written
     * @param json whether the arguments were a JSON array
     * @param heredocs the heredocs with their bodies
     */
    record Add(Location location, String keyword, List<String> comments, List<String> flags, List<String> sources,
            String destination, boolean json, List<Heredoc> heredocs) implements Instruction {
        /**
         * Checks the arguments and flags, and a literal --chmod.
         *
         * @param location where it is, heredoc bodies included
         * @param keyword the keyword as written
         * @param comments the comments above it
         * @param flags the flags ({@code --chown --chmod --link --keep-git-dir --checksum --unpack --exclude})
         * @param sources the sources as written, heredoc markers ({@code <<EOF}) included
         * @param destination the destination as written
         * @param json whether the arguments were a JSON array
         * @param heredocs the heredocs with their bodies
         */
        public Add {
            Rules.common("ADD", location, keyword, comments, flags);
            Objects.requireNonNull(destination, "destination");
            comments = List.copyOf(comments);
            flags = List.copyOf(flags);
            sources = List.copyOf(sources);
            heredocs = List.copyOf(heredocs);
            if (sources.isEmpty()) {
                throw Rules.noDestination("ADD");
            }
            Rules.destinationAndChmod("ADD", destination, FlagSpec.ADD.parse(flags));
        }

        private FlagSpec.Values options() {
            return FlagSpec.ADD.parse(flags);
        }

        /**
         * Returns {@code --chown}, unexpanded.
         *
         * @return the owner, if given and not empty
         */
        public Optional<String> chown() {
            return Rules.nonEmpty(options().string("chown"));
        }

        /**
         * Returns {@code --chmod}, unexpanded; see {@link Chmod}.
         *
         * @return the mode, if given and not empty
         */
        public Optional<String> chmod() {
            return Rules.nonEmpty(options().string("chmod"));
        }

        /**
         * Returns {@code --link}.
         *
         * @return whether the files are copied into a layer of their own
         */
        public boolean link() {
            return options().bool("link").orElse(false);
        }

        /**
         * Returns {@code --keep-git-dir}.
         *
         * @return the value, if the flag is given
         */
        public Optional<Boolean> keepGitDir() {
            return options().bool("keep-git-dir");
        }

        /**
         * Returns {@code --checksum}, unexpanded.
         *
         * @return the checksum, if given and not empty
         */
        public Optional<String> checksum() {
            return Rules.nonEmpty(options().string("checksum"));
        }

        /**
         * Returns {@code --unpack}.
         *
         * @return the value, if the flag is given
         */
        public Optional<Boolean> unpack() {
            return options().bool("unpack");
        }

        /**
         * Returns the {@code --exclude} patterns, unexpanded.
         *
         * @return the patterns in order
         */
        public List<String> excludes() {
            return options().strings("exclude");
        }

        /**
         * Returns the sources that are paths or URLs (not heredocs).
         *
         * @return the sources, unexpanded
         */
        public List<String> sourcePaths() {
            return Rules.sourcePaths(sources);
        }

        /**
         * Returns the heredoc sources, each with the body of the heredoc of its name.
         *
         * @return the inline files in source order
         */
        public List<Heredoc> heredocSources() {
            return Rules.heredocSources(sources, heredocs);
        }
    }

    /**
     * {@code COPY [flags] src... dest}.
     *
     * @param location where it is, heredoc bodies included
     * @param keyword the keyword as written
     * @param comments the comments above it
     * @param flags the flags ({@code --from --chown --chmod --link --parents --exclude})
     * @param sources the sources as written, heredoc markers ({@code <<EOF}) included
     * @param destination the destination as written
     * @param json whether the arguments were a JSON array
     * @param heredocs the heredocs with their bodies
     */
    record Copy(Location location, String keyword, List<String> comments, List<String> flags, List<String> sources,
            String destination, boolean json, List<Heredoc> heredocs) implements Instruction {
        /**
         * Checks the arguments and flags, and a literal --chmod.
         *
         * @param location where it is, heredoc bodies included
         * @param keyword the keyword as written
         * @param comments the comments above it
         * @param flags the flags ({@code --from --chown --chmod --link --parents --exclude})
         * @param sources the sources as written, heredoc markers ({@code <<EOF}) included
         * @param destination the destination as written
         * @param json whether the arguments were a JSON array
         * @param heredocs the heredocs with their bodies
         */
        public Copy {
            Rules.common("COPY", location, keyword, comments, flags);
            Objects.requireNonNull(destination, "destination");
            comments = List.copyOf(comments);
            flags = List.copyOf(flags);
            sources = List.copyOf(sources);
            heredocs = List.copyOf(heredocs);
            if (sources.isEmpty()) {
                throw Rules.noDestination("COPY");
            }
            Rules.destinationAndChmod("COPY", destination, FlagSpec.COPY.parse(flags));
        }

        private FlagSpec.Values options() {
            return FlagSpec.COPY.parse(flags);
        }

        /**
         * Returns {@code --from}: a stage name, stage index or image, unexpanded.
         *
         * @return the source, if given and not empty
         */
        public Optional<String> from() {
            return Rules.nonEmpty(options().string("from"));
        }

        /**
         * Returns {@code --chown}, unexpanded.
         *
         * @return the owner, if given and not empty
         */
        public Optional<String> chown() {
            return Rules.nonEmpty(options().string("chown"));
        }

        /**
         * Returns {@code --chmod}, unexpanded; see {@link Chmod}.
         *
         * @return the mode, if given and not empty
         */
        public Optional<String> chmod() {
            return Rules.nonEmpty(options().string("chmod"));
        }

        /**
         * Returns {@code --link}.
         *
         * @return whether the files are copied into a layer of their own
         */
        public boolean link() {
            return options().bool("link").orElse(false);
        }

        /**
         * Returns {@code --parents}.
         *
         * @return whether source directories are kept below the destination
         */
        public boolean parents() {
            return options().bool("parents").orElse(false);
        }

        /**
         * Returns the {@code --exclude} patterns, unexpanded.
         *
         * @return the patterns in order
         */
        public List<String> excludes() {
            return options().strings("exclude");
        }

        /**
         * Returns the sources that are paths (not heredocs).
         *
         * @return the sources, unexpanded
         */
        public List<String> sourcePaths() {
            return Rules.sourcePaths(sources);
        }

        /**
         * Returns the heredoc sources, each with the body of the heredoc of its name.
         *
         * @return the inline files in source order
         */
        public List<Heredoc> heredocSources() {
            return Rules.heredocSources(sources, heredocs);
        }
    }

    /**
     * {@code VOLUME path ...} or {@code VOLUME ["path", ...]}.
     *
     * @param location where it is
     * @param keyword the keyword as written
     * @param comments the comments above it
     * @param flags the flags (none are valid)
     * @param paths the paths as written (BuildKit trims white space around each when building)
     * @param json whether the paths were a JSON array
     */
    record Volume(Location location, String keyword, List<String> comments, List<String> flags, List<String> paths,
            boolean json) implements Instruction {
        /**
         * Checks that there is a path, no flag, and no blank path.
         *
         * @param location where it is
         * @param keyword the keyword as written
         * @param comments the comments above it
         * @param flags the flags (none are valid)
         * @param paths the paths as written (BuildKit trims white space around each when building)
         * @param json whether the paths were a JSON array
         */
        public Volume {
            Rules.common("VOLUME", location, keyword, comments, flags);
            comments = List.copyOf(comments);
            flags = List.copyOf(flags);
            paths = List.copyOf(paths);
            if (paths.isEmpty()) {
                throw Rules.atLeastOne("VOLUME");
            }
            FlagSpec.NONE.parse(flags);
            for (String path : paths) {
                if (GoText.trimSpace(path).isEmpty()) {
                    throw DockerfileException.unlocated("VOLUME specified can not be an empty string", "");
                }
            }
        }
    }

    /**
     * {@code USER user[:group]}.
     *
     * @param location where it is
     * @param keyword the keyword as written
     * @param comments the comments above it
     * @param flags the flags (none are valid)
     * @param user the rest of the line, unexpanded
     */
    record User(Location location, String keyword, List<String> comments, List<String> flags, String user)
            implements Instruction {
        /**
         * Checks that there are no flags.
         *
         * @param location where it is
         * @param keyword the keyword as written
         * @param comments the comments above it
         * @param flags the flags (none are valid)
         * @param user the rest of the line, unexpanded
         */
        public User {
            Rules.common("USER", location, keyword, comments, flags);
            Objects.requireNonNull(user, "user");
            comments = List.copyOf(comments);
            flags = List.copyOf(flags);
            FlagSpec.NONE.parse(flags);
        }
    }

    /**
     * {@code WORKDIR path}.
     *
     * @param location where it is
     * @param keyword the keyword as written
     * @param comments the comments above it
     * @param flags the flags (none are valid)
     * @param path the rest of the line, unexpanded
     */
    record Workdir(Location location, String keyword, List<String> comments, List<String> flags, String path)
            implements Instruction {
        /**
         * Checks that there are no flags.
         *
         * @param location where it is
         * @param keyword the keyword as written
         * @param comments the comments above it
         * @param flags the flags (none are valid)
         * @param path the rest of the line, unexpanded
         */
        public Workdir {
            Rules.common("WORKDIR", location, keyword, comments, flags);
            Objects.requireNonNull(path, "path");
            comments = List.copyOf(comments);
            flags = List.copyOf(flags);
            FlagSpec.NONE.parse(flags);
        }
    }

    /**
     * {@code ARG name[=default] ...}. As in BuildKit, flags are not read (and so not rejected).
     *
     * @param location where it is
     * @param keyword the keyword as written
     * @param comments the comments above it (a comment starting with a name documents it)
     * @param flags the flags, ignored
     * @param declarations the names with their defaults
     */
    record Arg(Location location, String keyword, List<String> comments, List<String> flags,
            List<ArgDeclaration> declarations) implements Instruction {
        /**
         * Checks that there is a name.
         *
         * @param location where it is
         * @param keyword the keyword as written
         * @param comments the comments above it (a comment starting with a name documents it)
         * @param flags the flags, ignored
         * @param declarations the names with their defaults
         */
        public Arg {
            Rules.common("ARG", location, keyword, comments, flags);
            comments = List.copyOf(comments);
            flags = List.copyOf(flags);
            declarations = List.copyOf(declarations);
            if (declarations.isEmpty()) {
                throw Rules.atLeastOne("ARG");
            }
        }
    }

    /**
     * {@code ONBUILD instruction}: a trigger for builds that use this image as their base.
     *
     * @param location where it is
     * @param keyword the keyword as written
     * @param comments the comments above it
     * @param flags the flags (none are valid)
     * @param trigger the instruction to run later; not ONBUILD, FROM or MAINTAINER
     */
    record Onbuild(Location location, String keyword, List<String> comments, List<String> flags,
            Instruction trigger) implements Instruction {
        /**
         * Checks that there are no flags and the trigger is allowed.
         *
         * @param location where it is
         * @param keyword the keyword as written
         * @param comments the comments above it
         * @param flags the flags (none are valid)
         * @param trigger the instruction to run later; not ONBUILD, FROM or MAINTAINER
         */
        public Onbuild {
            Rules.common("ONBUILD", location, keyword, comments, flags);
            Objects.requireNonNull(trigger, "trigger");
            comments = List.copyOf(comments);
            flags = List.copyOf(flags);
            FlagSpec.NONE.parse(flags);
            checkTrigger(trigger.name());
        }

        static void checkTrigger(String upperName) {
            switch (upperName) {
                case "ONBUILD" -> throw DockerfileException.unlocated(
                        "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", "");
                case "MAINTAINER", "FROM" -> throw DockerfileException.unlocated(
                        upperName + " isn't allowed as an ONBUILD trigger", "");
                default -> {
                }
            }
        }
    }

    /**
     * {@code STOPSIGNAL signal}. As in BuildKit, flags are not read (and so not rejected).
     *
     * @param location where it is
     * @param keyword the keyword as written
     * @param comments the comments above it
     * @param flags the flags, ignored
     * @param signal the rest of the line, unexpanded
     */
    record Stopsignal(Location location, String keyword, List<String> comments, List<String> flags, String signal)
            implements Instruction {
        /**
         * Checks for nulls.
         *
         * @param location where it is
         * @param keyword the keyword as written
         * @param comments the comments above it
         * @param flags the flags, ignored
         * @param signal the rest of the line, unexpanded
         */
        public Stopsignal {
            Rules.common("STOPSIGNAL", location, keyword, comments, flags);
            Objects.requireNonNull(signal, "signal");
            comments = List.copyOf(comments);
            flags = List.copyOf(flags);
        }
    }

    /**
     * {@code HEALTHCHECK [flags] CMD command} or {@code HEALTHCHECK NONE}.
     *
     * @param location where it is
     * @param keyword the keyword as written
     * @param comments the comments above it
     * @param flags the flags ({@code --interval --timeout --start-period --start-interval --retries});
     *     not read for {@code NONE}, as in BuildKit
     * @param type {@code CMD} or {@code NONE} as written (any case)
     * @param command the check's command; empty for {@code NONE}
     */
    record Healthcheck(Location location, String keyword, List<String> comments, List<String> flags, String type,
            CommandLine command) implements Instruction {
        /**
         * Checks the type, the command, the flags and their durations and retry count.
         *
         * @param location where it is
         * @param keyword the keyword as written
         * @param comments the comments above it
         * @param flags the flags ({@code --interval --timeout --start-period --start-interval --retries}); not read
         *     for {@code NONE}, as in BuildKit
         * @param type {@code CMD} or {@code NONE} as written (any case)
         * @param command the check's command; empty for {@code NONE}
         */
        public Healthcheck {
            Rules.common("HEALTHCHECK", location, keyword, comments, flags);
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(command, "command");
            comments = List.copyOf(comments);
            flags = List.copyOf(flags);
            String upper = GoText.toUpper(type);
            if (upper.equals("NONE")) {
                if (!command.isEmpty()) {
                    throw DockerfileException.unlocated("HEALTHCHECK NONE takes no arguments", "");
                }
            } else {
                FlagSpec.Values values = FlagSpec.HEALTHCHECK.parse(flags);
                if (!upper.equals("CMD")) {
                    throw DockerfileException.unlocated("Unknown type " + GoText.quote(upper)
                            + " in HEALTHCHECK (try CMD)", type);
                }
                if (command.isEmpty()) {
                    throw DockerfileException.unlocated("Missing command after HEALTHCHECK CMD", type);
                }
                for (String name : List.of("interval", "timeout", "start-period", "start-interval")) {
                    interval(values, name);
                }
                retries(values);
            }
        }

        private static Duration interval(FlagSpec.Values values, String name) {
            String value = values.string(name).orElse("");
            if (value.isEmpty()) {
                return Duration.ZERO;
            }
            Duration d = GoDuration.parse(value);
            if (d.isZero()) {
                return d;
            }
            if (d.compareTo(Duration.ofMillis(1)) < 0) {
                throw DockerfileException.unlocated("Interval " + GoText.quote(name) + " cannot be less than 1ms",
                        "--" + name);
            }
            return d;
        }

        private static int retries(FlagSpec.Values values) {
            String value = values.string("retries").orElse("");
            if (value.isEmpty()) {
                return 0;
            }
            int n = GoNumbers.parseInt32(value);
            if (n < 0) {
                throw DockerfileException.unlocated("--retries cannot be negative (" + n + ")", "--retries");
            }
            return n;
        }

        /**
         * Returns whether this is {@code HEALTHCHECK NONE}, which disables an inherited check.
         *
         * @return true for {@code NONE}
         */
        public boolean isNone() {
            return GoText.toUpper(type).equals("NONE");
        }

        private Duration duration(String name) {
            return isNone() ? Duration.ZERO : interval(FlagSpec.HEALTHCHECK.parse(flags), name);
        }

        /**
         * Returns {@code --interval}.
         *
         * @return the interval, {@link Duration#ZERO} when not given (the runtime's default)
         */
        public Duration interval() {
            return duration("interval");
        }

        /**
         * Returns {@code --timeout}.
         *
         * @return the timeout, {@link Duration#ZERO} when not given
         */
        public Duration timeout() {
            return duration("timeout");
        }

        /**
         * Returns {@code --start-period}.
         *
         * @return the start period, {@link Duration#ZERO} when not given
         */
        public Duration startPeriod() {
            return duration("start-period");
        }

        /**
         * Returns {@code --start-interval}.
         *
         * @return the start interval, {@link Duration#ZERO} when not given
         */
        public Duration startInterval() {
            return duration("start-interval");
        }

        /**
         * Returns {@code --retries}.
         *
         * @return the retry count, 0 when not given
         */
        public int retries() {
            return isNone() ? 0 : retries(FlagSpec.HEALTHCHECK.parse(flags));
        }

        /**
         * Returns the image config's {@code Healthcheck.Test}: {@code [NONE]},
         * {@code [CMD, arg...]} or {@code [CMD-SHELL, script]}.
         *
         * @return the test
         */
        public List<String> test() {
            if (isNone()) {
                return List.of("NONE");
            }
            List<String> test = new ArrayList<>();
            if (command.execForm()) {
                test.add("CMD");
                test.addAll(command.arguments());
            } else {
                test.add("CMD-SHELL");
                test.add(String.join(" ", command.arguments()));
            }
            return List.copyOf(test);
        }
    }
}
