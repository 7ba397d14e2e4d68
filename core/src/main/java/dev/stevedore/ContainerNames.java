package dev.stevedore;

import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Container names: the check Docker applies to a name the caller chooses, and Docker-style
 * generated names ({@code adjective_surname}, e.g. {@code eager_hopper}) for containers
 * created without one. The word lists are Stevedore's own.
 *
 * <pre>{@code
 * String name = ContainerNames.generate(random, taken::contains); // "gentle_noether"
 * }</pre>
 */
final class ContainerNames {
    /** Docker's rule for a container name: {@code [a-zA-Z0-9][a-zA-Z0-9_.-]+}. */
    static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    private static final List<String> ADJECTIVES = List.of(
            "agile", "amazing", "bold", "brave", "bright", "calm", "careful", "charming", "cheerful", "clever",
            "cool", "curious", "daring", "dazzling", "determined", "diligent", "eager", "earnest", "elated",
            "elegant", "eloquent", "epic", "fearless", "fervent", "festive", "focused", "fond", "friendly",
            "gallant", "generous", "gentle", "gifted", "gleeful", "graceful", "happy", "hardy", "helpful",
            "honest", "hopeful", "humble", "inspired", "jolly", "jovial", "keen", "kind", "lively", "loyal",
            "lucid", "lucky", "magical", "merry", "mindful", "modest", "nice", "nimble", "noble", "optimistic",
            "patient", "peaceful", "playful", "pleasant", "polite", "proud", "quick", "quiet", "radiant",
            "relaxed", "resolute", "serene", "sharp", "sincere", "sleepy", "smart", "spirited", "steady",
            "stoic", "sturdy", "sunny", "swift", "tender", "thoughtful", "tidy", "tranquil", "trusting",
            "upbeat", "valiant", "vibrant", "vigilant", "vivid", "warm", "wise", "witty", "youthful", "zealous");

    private static final List<String> SURNAMES = List.of(
            "agnesi", "archimedes", "babbage", "banach", "bardeen", "bernoulli", "bohr", "boole", "borg",
            "brattain", "cantor", "carson", "cauchy", "cerf", "chandrasekhar", "clarke", "colden", "conway",
            "copernicus", "curie", "darwin", "dijkstra", "dirac", "easley", "einstein", "elion", "engelbart",
            "euclid", "euler", "faraday", "fermat", "fermi", "feynman", "franklin", "galileo", "galois",
            "gauss", "germain", "goldberg", "goodall", "hamilton", "hawking", "heisenberg", "hertz", "hilbert",
            "hodgkin", "hoover", "hopper", "hubble", "hypatia", "jackson", "johnson", "joliot", "kapitsa",
            "kepler", "kilby", "knuth", "kowalevski", "lalande", "lamarr", "lamport", "leakey", "leavitt",
            "lovelace", "lumiere", "maxwell", "mayer", "mccarthy", "mcclintock", "meitner", "mendel",
            "mendeleev", "minsky", "mirzakhani", "morse", "napier", "nash", "newton", "nightingale", "nobel",
            "noether", "noyce", "pascal", "pasteur", "payne", "perlman", "pike", "planck", "poincare", "ramanujan",
            "riemann", "ritchie", "rosalind", "sammet", "shannon", "sinoussi", "snyder", "somerville", "stallman",
            "swanson", "tesla", "thompson", "torvalds", "turing", "varahamihira", "volta", "wescoff", "wiles",
            "williams", "wilson", "wing", "wozniak", "wright", "yalow", "yonath");

    private ContainerNames() {}

    /**
     * Whether {@code name} is acceptable as a container name (a leading {@code /}, as Docker
     * shows names, is allowed and ignored).
     */
    static boolean isValid(String name) {
        return VALID.matcher(strip(name)).matches();
    }

    /** The name without Docker's leading {@code /}. */
    static String strip(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    /**
     * Checks a chosen name.
     *
     * @throws IllegalArgumentException if it does not follow Docker's rule
     */
    static String check(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("invalid container name \"" + name
                    + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed, at least two characters");
        }
        return strip(name);
    }

    /**
     * A generated name not {@code taken}: {@code adjective_surname}; after a collision, Docker's
     * way of retrying, with a random digit appended; after many, a longer random suffix.
     *
     * @param random the source of randomness
     * @param taken whether a name is in use
     * @return a free name
     */
    static String generate(Random random, Predicate<String> taken) {
        for (int attempt = 0; attempt < 64; attempt++) {
            String name = ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "_"
                    + SURNAMES.get(random.nextInt(SURNAMES.size()));
            if (attempt > 0) {
                name += random.nextInt(10);
            }
            if (!taken.test(name)) {
                return name;
            }
        }
        while (true) {
            String name = ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "_"
                    + SURNAMES.get(random.nextInt(SURNAMES.size())) + "_" + Integer.toHexString(random.nextInt());
            if (!taken.test(name)) {
                return name;
            }
        }
    }

    /** How many distinct two-word names there are (for tests). */
    static int combinations() {
        return ADJECTIVES.size() * SURNAMES.size();
    }
}
