package dev.stevedore.layerstore;

import java.util.regex.Pattern;

/** The {@code org.opencontainers.image.ref.name} grammar of the OCI image-layout spec. */
final class RefNames {
    private static final String COMPONENT = "[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*";
    private static final Pattern REF = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final int MAX_LENGTH = 4096;

    private RefNames() {
    }

    static boolean isValid(String name) {
        return name != null && name.length() <= MAX_LENGTH && REF.matcher(name).matches();
    }

    static String check(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("not a valid ref name (letters and digits joined by - . _ : @ +"
                    + " or --, components separated by /): \"" + name + "\"");
        }
        return name;
    }
}
