package dev.stevedore.registry;

import dev.stevedore.oci.Platform;
import java.util.List;

/**
 * An index has no manifest a machine of the requested platform can run.
 *
 * <pre>{@code catch (PlatformNotFoundException e) { e.available(); // [linux/amd64, linux/arm64] }}</pre>
 */
public final class PlatformNotFoundException extends RegistryException {
    private static final long serialVersionUID = 1L;

    /** The platform asked for, as text. */
    private final String platform;
    /** The platforms the index offers, as text. */
    private final List<String> available;

    PlatformNotFoundException(String action, String reference, Platform platform, List<Platform> available) {
        super(action, reference, "the index has no manifest for " + platform + " (it has " + available + ")", null);
        this.platform = platform.toString();
        this.available = available.stream().map(Platform::toString).toList();
    }

    /**
     * Returns the platform that was asked for.
     *
     * @return such as {@code linux/arm64}
     */
    public String platform() {
        return platform;
    }

    /**
     * Returns the platforms the index offers.
     *
     * @return such as {@code [linux/amd64]}
     */
    public List<String> available() {
        return available;
    }
}
