package dev.stevedore.registry;

import java.time.Instant;

/** A bearer token and when it stops being used; {@link #toString()} hides it. */
record Token(String value, Instant expires) {
    boolean validAt(Instant now) {
        return now.isBefore(expires);
    }

    @Override
    public String toString() {
        return "Token[***, expires " + expires + "]";
    }
}
