package dev.stevedore;

import dev.stevedore.dockerfile.Instruction;
import dev.stevedore.oci.Platform;
import java.util.Optional;

/**
 * {@code FROM --platform=<p>}: the value is expanded with the global ARGs (including
 * {@code BUILDPLATFORM} and {@code TARGETPLATFORM}) and normalized as containerd does
 * ({@code linux/amd64/v1} is {@code linux/amd64}, {@code linux/armhf} is {@code linux/arm/v7}).
 * The engine's own platform builds as usual; any other fails the step, since 0.1 has no
 * emulation.
 */
final class BuildFromPlatform {
    private BuildFromPlatform() {
    }

    /** Fails the FROM step unless its {@code --platform} (if any) names the engine's platform. */
    static void check(BuildStep step, Instruction.From from, BuildScope scope, Platform engine) {
        Optional<String> word = from.platform();
        if (word.isEmpty()) {
            return;
        }
        String expanded = scope.expandGlobal(word.get()).strip();
        if (expanded.isEmpty()) {
            return; // BuildKit treats an empty value as no flag
        }
        dev.stevedore.dockerfile.Platform wanted;
        try {
            wanted = dev.stevedore.dockerfile.Platform.parse(expanded);
        } catch (IllegalArgumentException e) {
            throw BuildStageRunner.fail(step, "invalid --platform \"" + expanded + "\": " + e.getMessage(), e);
        }
        dev.stevedore.dockerfile.Platform host = normalized(engine);
        if (!wanted.format().equals(host.format())) {
            throw BuildStageRunner.fail(step, "--platform=" + wanted.format() + " is not the engine's platform "
                    + host.format() + ": building for another platform (emulation) is not supported in 0.1", null);
        }
    }

    /** The engine's platform in the parser's normalized form. */
    static dev.stevedore.dockerfile.Platform normalized(Platform engine) {
        return new dev.stevedore.dockerfile.Platform(engine.os(), engine.architecture(), engine.variant().orElse(""));
    }
}
