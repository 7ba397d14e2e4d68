package dev.stevedore.examples.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-item lines redrawn in place on a terminal, as {@code docker pull} draws its layers: the
 * first update of an id starts a new line at the bottom (a newline, so the terminal scrolls
 * if it must); every update then moves the cursor up to that id's line ({@code ESC[nA}), clears
 * it ({@code ESC[2K}), writes the text and moves back down ({@code ESC[nB}), where the cursor
 * rests at the start of the line below the block. Text is cut to the terminal's width so a line never wraps (a wrapped
 * line would break the counting).
 *
 * <pre>{@code
 * TerminalLines lines = new TerminalLines(out, 80);
 * lines.update("5aca51a9b7cc", "5aca51a9b7cc: Pulling fs layer");
 * lines.update("5aca51a9b7cc", "5aca51a9b7cc: Downloading " + TerminalLines.bar(1_200_000, 4_500_000, 80));
 * }</pre>
 */
final class TerminalLines {
    static final String CLEAR_LINE = "\r\033[2K";

    private final PrintWriter out;
    private final int width;
    private final Map<String, Integer> lines = new LinkedHashMap<>();
    private final Map<String, String> shown = new HashMap<>();
    private int rows;

    /**
     * @param out the terminal
     * @param width its width in columns (at least 20 is used)
     */
    TerminalLines(PrintWriter out, int width) {
        this.out = out;
        this.width = Math.max(20, width);
    }

    /** Shows {@code text} on {@code key}'s line; nothing if that is already shown. */
    synchronized void update(String key, String text) {
        String fitted = fit(text);
        if (fitted.equals(shown.put(key, fitted))) {
            return;
        }
        Integer line = lines.get(key);
        if (line == null) {
            line = rows++;
            lines.put(key, line);
            out.print("\n");
        }
        int up = rows - line;
        StringBuilder b = new StringBuilder();
        b.append("\033[").append(up).append('A').append(CLEAR_LINE).append(fitted)
                .append("\r\033[").append(up).append('B');
        out.print(b);
        out.flush();
    }

    /** Prints a line of its own below the block (a warning); the lines above stay live. */
    synchronized void println(String text) {
        out.print(fit(text) + "\n");
        out.flush();
        rows++;
    }

    /**
     * Forgets the lines drawn so far; the cursor already rests at the start of the line below
     * them, so what is printed next follows the block.
     */
    synchronized void finish() {
        lines.clear();
        shown.clear();
        rows = 0;
    }

    private String fit(String text) {
        return text.length() < width ? text : text.substring(0, width - 1);
    }

    /**
     * A progress bar and sizes, {@code [=====>     ]  1.2MB/4.5MB}, with as many cells as the
     * width allows ({@code width - 60}, at most 50); just the sizes below 10 cells, or when the
     * size is unknown.
     */
    static String bar(long bytes, long size, int width) {
        int cells = Math.min(50, width - 60);
        if (size <= 0) {
            return Human.size(bytes);
        }
        String sizes = Human.size(bytes) + "/" + Human.size(size);
        if (cells < 10) {
            return sizes;
        }
        int filled = (int) Math.min(cells, Math.max(0, bytes) * cells / size);
        if (filled == cells) {
            return "[" + "=".repeat(cells) + "]  " + sizes;
        }
        int head = Math.max(1, filled); // the arrow takes the last filled cell, or the first
        return "[" + "=".repeat(head - 1) + ">" + " ".repeat(cells - head) + "]  " + sizes;
    }
}
