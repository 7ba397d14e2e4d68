package dev.stevedore.testing;

/** What an {@link InjectedFault} does to a request it matches. */
sealed interface FaultAction {
    /** Answer with a canned response; the registry never sees the request. */
    record Respond(CannedResponse response) implements FaultAction {}

    /** Answer 307 with a Location elsewhere; the registry never sees the request. */
    record Redirect(Target target) implements FaultAction {
        /** Where to. */
        enum Target { SECOND_HOST, PLAIN_HTTP, LOOP }
    }

    /** Forward, send the head and {@code bytes} body bytes, then close the connection. */
    record DropAfter(long bytes) implements FaultAction {}

    /** Forward, send the head and {@code bytes} body bytes, then send nothing more, keeping the connection open. */
    record StallAfter(long bytes) implements FaultAction {}

    /** Forward, inverting every bit of the body byte at {@code offset}. */
    record FlipByte(long offset) implements FaultAction {}

    /** Forward the whole body, declaring {@code delta} more (or fewer) bytes in Content-Length, then close. */
    record LengthOffBy(long delta) implements FaultAction {}

    /** Forward, with response header {@code name} set to {@code value}. */
    record SetHeader(String name, String value) implements FaultAction {}
}
