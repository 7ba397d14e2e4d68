package dev.stevedore.examples.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns tab-separated cells into columns as Go's {@code text/tabwriter} does with the
 * settings docker/cli uses for tables (minimum width 10, padding 3, spaces): every cell but a
 * line's last is padded to its column's width; the last cell is printed as it is.
 */
public final class TabWriter {
    static final int MIN_WIDTH = 10;
    static final int PADDING = 3;

    private TabWriter() {}

    /**
     * Aligns lines.
     *
     * @param lines lines whose cells are separated by tabs
     * @return the aligned text, each line ending with a newline
     */
    public static String align(List<String> lines) {
        List<String[]> rows = new ArrayList<>();
        int columns = 0;
        for (String line : lines) {
            String[] cells = line.split("\t", -1);
            rows.add(cells);
            columns = Math.max(columns, cells.length - 1);
        }
        int[] widths = new int[columns];
        for (String[] cells : rows) {
            for (int i = 0; i < cells.length - 1; i++) {
                widths[i] = Math.max(widths[i], Math.max(MIN_WIDTH, width(cells[i]) + PADDING));
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] cells : rows) {
            for (int i = 0; i < cells.length; i++) {
                b.append(cells[i]);
                if (i < cells.length - 1) {
                    b.append(" ".repeat(widths[i] - width(cells[i])));
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static int width(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}
