package dev.stevedore;

/**
 * When a build's {@code FROM} (and {@code COPY --from}) image is pulled, as
 * {@code docker build --pull}.
 *
 * <pre>{@code
 * engine.images().build(dir).pull(PullPolicy.ALWAYS).build();
 * }</pre>
 */
public enum PullPolicy {
    /** Use the local image, pull only when it is missing (the default). */
    MISSING,
    /** Always ask the registry for the newest image of the reference. */
    ALWAYS,
    /** Never pull: a missing image fails the build. */
    NEVER
}
