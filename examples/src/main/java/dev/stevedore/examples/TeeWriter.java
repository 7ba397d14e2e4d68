package dev.stevedore.examples;

import java.io.PrintStream;
import java.io.Writer;

/** Writes to a writer and a stream at once (the tutorial captures what it also shows). */
final class TeeWriter extends Writer {
    private final Writer first;
    private final PrintStream second;

    TeeWriter(Writer first, PrintStream second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws java.io.IOException {
        first.write(buffer, offset, length);
        second.print(new String(buffer, offset, length));
    }

    @Override
    public void flush() throws java.io.IOException {
        first.flush();
        second.flush();
    }

    @Override
    public void close() throws java.io.IOException {
        flush();
    }
}
