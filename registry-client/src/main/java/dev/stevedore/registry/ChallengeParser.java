package dev.stevedore.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses {@code WWW-Authenticate} values per RFC 7235: several challenges per value, separated
 * by commas, each a scheme followed by a token68 or by {@code name=value} parameters whose
 * values are tokens or quoted strings (with backslash escapes).
 *
 * <pre>{@code
 * ChallengeParser.parse("Bearer realm=\"https://auth/token\",service=\"reg\", Basic realm=\"x\"")
 * // [Challenge[bearer, {realm=..., service=reg}], Challenge[basic, {realm=x}]]
 * }</pre>
 */
final class ChallengeParser {
    private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";
    private static final String TOKEN68_CHARS = "-._~+/";

    private final String text;
    private int pos;

    private ChallengeParser(String text) {
        this.text = text;
    }

    /**
     * Parses one header value.
     *
     * @throws IllegalArgumentException naming the problem if the value is malformed
     */
    static List<Challenge> parse(String value) {
        return new ChallengeParser(value).challenges();
    }

    /** Parses every value of a repeated header. */
    static List<Challenge> parseAll(List<String> values) {
        List<Challenge> all = new ArrayList<>();
        values.forEach(v -> all.addAll(parse(v)));
        return all;
    }

    private List<Challenge> challenges() {
        List<Challenge> challenges = new ArrayList<>();
        skipCommasAndSpaces();
        while (pos < text.length()) {
            String scheme = token();
            if (scheme.isEmpty()) {
                throw malformed("expected an auth scheme");
            }
            Map<String, String> params = new LinkedHashMap<>();
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) != ',') {
                if (isToken68Ahead()) {
                    params.put("token68", token68());
                } else {
                    params(params);
                }
            }
            challenges.add(new Challenge(scheme, params));
            skipCommasAndSpaces();
        }
        if (challenges.isEmpty()) {
            throw malformed("no challenge");
        }
        return challenges;
    }

    private void params(Map<String, String> params) {
        while (true) {
            String name = token();
            if (name.isEmpty()) {
                throw malformed("expected a parameter name");
            }
            skipSpaces();
            if (pos >= text.length() || text.charAt(pos) != '=') {
                throw malformed("expected '=' after parameter " + name);
            }
            pos++;
            skipSpaces();
            String value;
            if (pos < text.length() && text.charAt(pos) == '"') {
                value = quoted();
            } else {
                value = token();
                if (value.isEmpty()) {
                    throw malformed("parameter " + name + " has no value");
                }
            }
            if (params.put(name.toLowerCase(Locale.ROOT), value) != null) {
                throw malformed("parameter " + name + " appears twice");
            }
            skipSpaces();
            if (pos >= text.length()) {
                return;
            }
            if (text.charAt(pos) != ',') {
                throw malformed("expected ',' after parameter " + name);
            }
            int save = pos;
            skipCommasAndSpaces();
            int start = pos;
            String next = token();
            skipSpaces();
            boolean isParam = !next.isEmpty() && pos < text.length() && text.charAt(pos) == '=';
            if (!isParam) {
                pos = next.isEmpty() ? Math.max(save, start) : start;
                return;
            }
            pos = start;
        }
    }

    /** A token68 is token68 characters, then '=' padding, then the end or a comma (never "name=value"). */
    private boolean isToken68Ahead() {
        int end = pos;
        while (end < text.length() && isToken68Char(text.charAt(end))) {
            end++;
        }
        if (end == pos) {
            return false;
        }
        while (end < text.length() && text.charAt(end) == '=') {
            end++;
        }
        while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
            end++;
        }
        return end >= text.length() || text.charAt(end) == ',';
    }

    private String token68() {
        int start = pos;
        while (pos < text.length() && (isToken68Char(text.charAt(pos)) || text.charAt(pos) == '=')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private String token() {
        int start = pos;
        while (pos < text.length() && isTokenChar(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private String quoted() {
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                c = text.charAt(pos++);
            }
            value.append(c);
        }
        throw malformed("unterminated quoted string");
    }

    private void skipSpaces() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private void skipCommasAndSpaces() {
        while (pos < text.length() && (text.charAt(pos) == ',' || text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || TOKEN_CHARS.indexOf(c) >= 0;
    }

    private static boolean isToken68Char(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || TOKEN68_CHARS.indexOf(c) >= 0;
    }

    private IllegalArgumentException malformed(String problem) {
        return new IllegalArgumentException("malformed WWW-Authenticate at position " + pos + ": " + problem);
    }
}
