package dev.stevedore.layerstore;

import java.util.Objects;

/**
 * How {@link LayerApplier} writes a layer. Start from {@link #of(ApplyMode)} and change what you
 * need:
 *
 * <pre>{@code
 * ApplyOptions strict = ApplyOptions.of(ApplyMode.IN_PLACE)
 *         .withDevices(ApplyDevices.REFUSE)
 *         .withKeepSetuid(false)
 *         .withLimits(ApplyLimits.defaults().withMaxEntries(50_000));
 * }</pre>
 *
 * <p>What is not an option: {@code trusted.*} extended attributes from a tar are always dropped
 * (they are overlayfs's own, and a layer could forge an opaque directory or a redirect with them);
 * every other namespace is applied, {@code security.capability} included. Owners are applied
 * when running as root and left as the current user otherwise. Paths never leave the target
 * and nothing is ever changed through a symbolic link.
 *
 * @param mode overlay format or in place
 * @param devices what to do with device nodes
 * @param keepSetuid whether set-user-ID and set-group-ID bits of files are kept (Docker keeps them);
 *     when {@code false} they are cleared, on files only (a set-group-ID directory only passes its group on)
 * @param limits size and count caps
 */
public record ApplyOptions(ApplyMode mode, ApplyDevices devices, boolean keepSetuid, ApplyLimits limits) {
    /**
     * Checks the values.
     *
     * @param mode overlay format or in place
     * @param devices what to do with device nodes
     * @param keepSetuid whether set-user-ID and set-group-ID bits are kept
     * @param limits size and count caps
     */
    public ApplyOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(limits, "limits");
    }

    /**
     * The defaults for a mode: devices created when running as root and skipped otherwise,
     * set-user-ID bits kept, {@link ApplyLimits#defaults()}.
     *
     * @param mode overlay format or in place
     * @return the options
     */
    public static ApplyOptions of(ApplyMode mode) {
        ApplyDevices devices = ApplyIdentity.current().root() ? ApplyDevices.CREATE : ApplyDevices.SKIP;
        return new ApplyOptions(mode, devices, true, ApplyLimits.defaults());
    }

    /** @param value the mode @return these options with the mode changed */
    public ApplyOptions withMode(ApplyMode value) {
        return new ApplyOptions(value, devices, keepSetuid, limits);
    }

    /** @param value what to do with devices @return these options with that changed */
    public ApplyOptions withDevices(ApplyDevices value) {
        return new ApplyOptions(mode, value, keepSetuid, limits);
    }

    /** @param value whether to keep set-user-ID and set-group-ID bits @return these options with that changed */
    public ApplyOptions withKeepSetuid(boolean value) {
        return new ApplyOptions(mode, devices, value, limits);
    }

    /** @param value the limits @return these options with the limits changed */
    public ApplyOptions withLimits(ApplyLimits value) {
        return new ApplyOptions(mode, devices, keepSetuid, value);
    }
}
