package dev.stevedore.dockerfile;

import java.util.Objects;

/**
 * One {@code RUN --device=...}: a CDI device to expose to the step, as BuildKit reads it
 * ({@code instructions/commands_rundevice.go}). BuildKit's stable frontend parses the flag
 * but builds it only with the labs channel.
 *
 * <pre>{@code
 * Device.parse("vendor1.com/device=foo,required");  // Device[name=vendor1.com/device=foo, required=true]
 * }</pre>
 *
 * @param name the device name
 * @param required whether a missing device fails the step
 */
public record Device(String name, boolean required) {
    /**
     * Checks for null.
     *
     * @param name the device name
     * @param required whether a missing device fails the step
     */
    public Device {
        Objects.requireNonNull(name, "name");
    }

    /**
     * Parses the text after {@code --device=}.
     *
     * @param spec comma-separated: the name (bare or {@code name=}), optionally {@code required[=bool]}
     * @return the device
     * @throws DockerfileException if the spec is invalid
     */
    public static Device parse(String spec) {
        String name = "";
        boolean required = false;
        for (String field : CsvFields.split(spec, "devices")) {
            int eq = field.indexOf('=');
            String key = GoText.toLower(eq >= 0 ? field.substring(0, eq) : field);
            if (eq < 0) {
                if (key.equals("required")) {
                    required = true;
                } else if (name.isEmpty()) {
                    name = field;
                } else {
                    throw DockerfileException.unlocated("invalid field '" + field + "' must be a key=value pair", spec);
                }
                continue;
            }
            String value = field.substring(eq + 1);
            switch (key) {
                case "name" -> {
                    if (!name.isEmpty()) {
                        throw DockerfileException.unlocated("device name already set to " + name, spec);
                    }
                    name = value;
                }
                case "required" -> required = GoNumbers.parseBool(value).orElseThrow(() ->
                        DockerfileException.unlocated("invalid value for " + key + ": " + value, spec));
                default -> {
                    if (!name.isEmpty()) {
                        throw DockerfileException.unlocated(Suggestions.wrap("unexpected key '" + key + "' in '"
                                + field + "'", key, java.util.List.of("name", "required"), true), spec);
                    }
                    name = field;
                }
            }
        }
        return new Device(name, required);
    }
}
