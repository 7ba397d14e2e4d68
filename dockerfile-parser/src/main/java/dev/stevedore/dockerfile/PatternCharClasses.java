package dev.stevedore.dockerfile;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The named character classes of Go's RE2 syntax: Perl {@code \d \s \w}, POSIX
 * {@code [:alpha:]} and friends (ASCII only, as in Go), and Unicode {@code \p{...}}
 * (general categories, scripts and {@code Any}).
 */
final class PatternCharClasses {
    private static final Map<String, IntPredicate> POSIX = new HashMap<>();
    private static final Map<String, Integer> CATEGORY_CODES = new HashMap<>();

    static {
        POSIX.put("alnum", ranges('0', '9', 'A', 'Z', 'a', 'z'));
        POSIX.put("alpha", ranges('A', 'Z', 'a', 'z'));
        POSIX.put("ascii", ranges(0, 0x7F));
        POSIX.put("blank", ranges('\t', '\t', ' ', ' '));
        POSIX.put("cntrl", ranges(0, 0x1F, 0x7F, 0x7F));
        POSIX.put("digit", ranges('0', '9'));
        POSIX.put("graph", ranges('!', '~'));
        POSIX.put("lower", ranges('a', 'z'));
        POSIX.put("print", ranges(' ', '~'));
        POSIX.put("punct", ranges('!', '/', ':', '@', '[', '`', '{', '~'));
        POSIX.put("space", ranges('\t', '\r', ' ', ' '));
        POSIX.put("upper", ranges('A', 'Z'));
        POSIX.put("word", ranges('0', '9', 'A', 'Z', 'a', 'z', '_', '_'));
        POSIX.put("xdigit", ranges('0', '9', 'A', 'F', 'a', 'f'));

        int[][] types = {
            {Character.CONTROL, 'C', 'c'}, {Character.FORMAT, 'C', 'f'}, {Character.PRIVATE_USE, 'C', 'o'},
            {Character.SURROGATE, 'C', 's'}, {Character.LOWERCASE_LETTER, 'L', 'l'},
            {Character.MODIFIER_LETTER, 'L', 'm'}, {Character.OTHER_LETTER, 'L', 'o'},
            {Character.TITLECASE_LETTER, 'L', 't'}, {Character.UPPERCASE_LETTER, 'L', 'u'},
            {Character.COMBINING_SPACING_MARK, 'M', 'c'}, {Character.ENCLOSING_MARK, 'M', 'e'},
            {Character.NON_SPACING_MARK, 'M', 'n'}, {Character.DECIMAL_DIGIT_NUMBER, 'N', 'd'},
            {Character.LETTER_NUMBER, 'N', 'l'}, {Character.OTHER_NUMBER, 'N', 'o'},
            {Character.CONNECTOR_PUNCTUATION, 'P', 'c'}, {Character.DASH_PUNCTUATION, 'P', 'd'},
            {Character.END_PUNCTUATION, 'P', 'e'}, {Character.FINAL_QUOTE_PUNCTUATION, 'P', 'f'},
            {Character.INITIAL_QUOTE_PUNCTUATION, 'P', 'i'}, {Character.OTHER_PUNCTUATION, 'P', 'o'},
            {Character.START_PUNCTUATION, 'P', 's'}, {Character.CURRENCY_SYMBOL, 'S', 'c'},
            {Character.MODIFIER_SYMBOL, 'S', 'k'}, {Character.MATH_SYMBOL, 'S', 'm'},
            {Character.OTHER_SYMBOL, 'S', 'o'}, {Character.LINE_SEPARATOR, 'Z', 'l'},
            {Character.PARAGRAPH_SEPARATOR, 'Z', 'p'}, {Character.SPACE_SEPARATOR, 'Z', 's'},
        };
        for (int[] t : types) {
            String major = String.valueOf((char) t[1]);
            CATEGORY_CODES.merge(major, 1 << t[0], (a, b) -> a | b);
            CATEGORY_CODES.put(major + (char) t[2], 1 << t[0]);
        }
    }

    private PatternCharClasses() {}

    /** {@code \d \D \s \S \w \W}, or null for any other letter. */
    static IntPredicate perl(int letter) {
        IntPredicate p;
        switch (Character.toLowerCase(letter)) {
            case 'd':
                p = POSIX.get("digit");
                break;
            case 's':
                p = ranges('\t', '\n', '\f', '\r', ' ', ' ');
                break;
            case 'w':
                p = POSIX.get("word");
                break;
            default:
                return null;
        }
        return Character.isUpperCase(letter) ? p.negate() : p;
    }

    /** {@code [:name:]} or {@code [:^name:]} as written including brackets, or null if unknown. */
    static IntPredicate posix(String bracketed) {
        String name = bracketed.substring(2, bracketed.length() - 2);
        boolean negated = name.startsWith("^");
        IntPredicate p = POSIX.get(negated ? name.substring(1) : name);
        return p == null ? null : negated ? p.negate() : p;
    }

    /** The class named in {@code \p{name}}: {@code Any}, a category such as {@code Lu}, or a script such as {@code Greek}. */
    static IntPredicate unicode(String name) {
        if (name.equals("Any")) {
            return cp -> true;
        }
        Integer mask = CATEGORY_CODES.get(name);
        if (mask != null) {
            int m = mask;
            return cp -> (m & (1 << Character.getType(cp))) != 0;
        }
        for (Character.UnicodeScript script : Character.UnicodeScript.values()) {
            if (script != Character.UnicodeScript.UNKNOWN && goScriptName(script).equals(name)) {
                return cp -> Character.UnicodeScript.of(cp) == script;
            }
        }
        return null;
    }

    /** Go spells scripts {@code Old_Italic} where Java has {@code OLD_ITALIC}. */
    private static String goScriptName(Character.UnicodeScript script) {
        if (script.name().equals("SIGNWRITING")) {
            return "SignWriting";
        }
        StringBuilder name = new StringBuilder();
        for (String part : script.name().split("_")) {
            if (name.length() > 0) {
                name.append('_');
            }
            name.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    /** A predicate over inclusive {@code lo, hi} pairs. */
    static IntPredicate ranges(int... loHi) {
        int[] r = loHi.clone();
        return cp -> {
            for (int k = 0; k < r.length; k += 2) {
                if (cp >= r[k] && cp <= r[k + 1]) {
                    return true;
                }
            }
            return false;
        };
    }
}
