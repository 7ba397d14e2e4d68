package dev.stevedore.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The start line and header fields of one HTTP/1.1 message, in arrival order and spelling,
 * as the fault proxy reads and rewrites them. Names compare case-insensitively.
 */
final class HttpHead {
    /** Headers that describe one connection, never forwarded (RFC 9110 section 7.6.1). */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "upgrade", "http2-settings");
    private static final int MAX_HEAD_BYTES = 256 * 1024;

    private String startLine;
    private final List<String[]> fields;

    HttpHead(String startLine, List<String[]> fields) {
        this.startLine = startLine;
        this.fields = new ArrayList<>(fields);
    }

    /** Reads a head; empty on a clean end of stream before the first byte. */
    static Optional<HttpHead> read(InputStream in) throws IOException {
        String start = line(in, true);
        if (start == null) {
            return Optional.empty();
        }
        List<String[]> fields = new ArrayList<>();
        int size = start.length();
        for (String line = line(in, false); !line.isEmpty(); line = line(in, false)) {
            size += line.length();
            if (size > MAX_HEAD_BYTES) {
                throw new IOException("HTTP head over " + MAX_HEAD_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + line);
            }
            fields.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
        }
        return Optional.of(new HttpHead(start, fields));
    }

    /** One line without its CR LF; null at end of stream if {@code eofAllowed} and nothing was read. */
    private static String line(InputStream in, boolean eofAllowed) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (eofAllowed && line.size() == 0) {
                    return null;
                }
                throw new IOException("connection closed in the middle of an HTTP head");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() > MAX_HEAD_BYTES) {
                throw new IOException("HTTP head line over " + MAX_HEAD_BYTES + " bytes");
            }
            line.write(b);
        }
    }

    String startLine() {
        return startLine;
    }

    void startLine(String line) {
        this.startLine = line;
    }

    /** The request method ({@code GET}), or for a response the protocol version. */
    String word(int index) {
        String[] words = startLine.split(" ", 3);
        return index < words.length ? words[index] : "";
    }

    /** A response's status code. */
    int status() throws IOException {
        try {
            return Integer.parseInt(word(1));
        } catch (NumberFormatException e) {
            throw new IOException("malformed status line: " + startLine);
        }
    }

    Optional<String> get(String name) {
        return fields.stream().filter(f -> f[0].equalsIgnoreCase(name)).map(f -> f[1]).findFirst();
    }

    boolean hasToken(String name, String token) {
        return fields.stream().filter(f -> f[0].equalsIgnoreCase(name))
                .flatMap(f -> List.of(f[1].split(",")).stream())
                .anyMatch(t -> t.trim().equalsIgnoreCase(token));
    }

    void add(String name, String value) {
        fields.add(new String[] {name, value});
    }

    void remove(String name) {
        fields.removeIf(f -> f[0].equalsIgnoreCase(name));
    }

    /** Replaces every field called {@code name} with one holding {@code value}, keeping the first one's place. */
    void set(String name, String value) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i)[0].equalsIgnoreCase(name)) {
                fields.set(i, new String[] {fields.get(i)[0], value});
                String keep = fields.get(i)[0];
                int kept = i;
                List<String[]> others = fields.subList(kept + 1, fields.size());
                others.removeIf(f -> f[0].equalsIgnoreCase(keep));
                return;
            }
        }
        fields.add(new String[] {name, value});
    }

    /** Drops hop-by-hop fields and those named in {@code Connection}. */
    void removeHopByHop() {
        List<String> named = new ArrayList<>();
        fields.stream().filter(f -> f[0].equalsIgnoreCase("Connection"))
                .forEach(f -> List.of(f[1].split(",")).forEach(t -> named.add(t.trim().toLowerCase(Locale.ROOT))));
        fields.removeIf(f -> HOP_BY_HOP.contains(f[0].toLowerCase(Locale.ROOT))
                || named.contains(f[0].toLowerCase(Locale.ROOT)));
    }

    /** The fields as a multimap in arrival order (keys as first spelled). */
    Map<String, List<String>> asMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String[] field : fields) {
            String key = map.keySet().stream().filter(k -> k.equalsIgnoreCase(field[0])).findFirst().orElse(field[0]);
            map.computeIfAbsent(key, k -> new ArrayList<>()).add(field[1]);
        }
        return map;
    }

    void writeTo(OutputStream out) throws IOException {
        StringBuilder head = new StringBuilder(startLine).append("\r\n");
        for (String[] field : fields) {
            head.append(field[0]).append(": ").append(field[1]).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public String toString() {
        return startLine;
    }
}
