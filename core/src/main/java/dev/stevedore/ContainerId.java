package dev.stevedore;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import java.util.regex.Pattern;

/** Container ids as Docker makes them: 64 random hex digits whose 12-digit short form is never all digits. */
final class ContainerId {
    static final Pattern FULL = Pattern.compile("[0-9a-f]{64}");
    static final int SHORT_LENGTH = 12;
    private static final Random RANDOM = new SecureRandom();

    private ContainerId() {}

    static String generate() {
        return generate(RANDOM);
    }

    static String generate(Random random) {
        byte[] bytes = new byte[32];
        while (true) {
            random.nextBytes(bytes);
            String id = HexFormat.of().formatHex(bytes);
            if (!shortOf(id).chars().allMatch(Character::isDigit)) {
                return id;
            }
        }
    }

    static String shortOf(String id) {
        return id.substring(0, Math.min(SHORT_LENGTH, id.length()));
    }

    static boolean isFull(String s) {
        return FULL.matcher(s).matches();
    }
}
