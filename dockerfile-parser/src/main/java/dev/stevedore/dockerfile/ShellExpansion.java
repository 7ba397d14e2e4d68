package dev.stevedore.dockerfile;

import java.util.Locale;
import java.util.Set;

/**
 * Which Dockerfile instructions expand variables in their arguments.
 *
 * <p>BuildKit expands {@code ADD}, {@code ARG}, {@code COPY}, {@code ENV}, {@code EXPOSE},
 * {@code FROM} (with the global {@code ARG}s only), {@code LABEL}, {@code STOPSIGNAL},
 * {@code USER}, {@code VOLUME} and {@code WORKDIR}, and {@code ONBUILD} when its trigger is one
 * of these and runs in the child build. Flag values of those instructions expand as well
 * ({@code COPY --chown=$UID}, {@code ADD --checksum=$SUM}), as do the {@code --mount} flags of
 * {@code RUN}. The command text of {@code RUN}, {@code CMD}, {@code ENTRYPOINT},
 * {@code SHELL} and {@code HEALTHCHECK} is never expanded: the shell in the container does that.
 *
 * <pre>{@code
 * ShellExpansion.expands("workdir");   // true
 * ShellExpansion.expands("RUN");       // false
 * }</pre>
 */
public final class ShellExpansion {

    /** Upper-case keywords of the instructions whose arguments are expanded. */
    public static final Set<String> EXPANDING_INSTRUCTIONS = Set.of("ADD", "ARG", "COPY", "ENV", "EXPOSE", "FROM",
            "LABEL", "ONBUILD", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");

    private ShellExpansion() {}

    /**
     * Whether an instruction's arguments are expanded.
     *
     * @param keyword an instruction keyword, in any case
     * @return true if it is in {@link #EXPANDING_INSTRUCTIONS}
     */
    public static boolean expands(String keyword) {
        return EXPANDING_INSTRUCTIONS.contains(keyword.toUpperCase(Locale.ROOT));
    }
}
