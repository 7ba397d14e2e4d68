package dev.stevedore.sandbox;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON value as read by {@link #parse}: an object, array, string, number, boolean or
 * {@code null}. Values are immutable; objects keep their members in document order.
 *
 * <pre>{@code
 * Json.Obj state = Json.parse("{\"pid\": 42}").asObject();
 * long pid = state.get("pid").orElseThrow().asNumber().longValueExact();
 * }</pre>
 */
sealed interface Json permits Json.Obj, Json.Arr, Json.Str, Json.Num, Json.Bool, Json.Null {
    /** The one {@code null} value. */
    Null NULL = new Null();

    /**
     * Parses one JSON document (RFC 8259), strictly: no comments, trailing commas, duplicate
     * keys, leading zeros, unescaped control characters, lone surrogates or trailing content,
     * and nesting at most {@link JsonReader#MAX_DEPTH} deep.
     *
     * @param text the document
     * @return its value
     * @throws JsonException naming the line and column of the first problem
     */
    static Json parse(String text) {
        return new JsonReader(text).document();
    }

    /**
     * What kind of value this is, for error messages.
     *
     * @return {@code object}, {@code array}, {@code string}, {@code number}, {@code boolean} or {@code null}
     */
    String kind();

    /**
     * This value as an object.
     *
     * @return this
     * @throws ClassCastException if it is another kind
     */
    default Obj asObject() {
        return (Obj) this;
    }

    /**
     * This value as an array.
     *
     * @return this
     * @throws ClassCastException if it is another kind
     */
    default Arr asArray() {
        return (Arr) this;
    }

    /**
     * This value as a string.
     *
     * @return the string
     * @throws ClassCastException if it is another kind
     */
    default String asString() {
        return ((Str) this).value();
    }

    /**
     * This value as a number.
     *
     * @return this
     * @throws ClassCastException if it is another kind
     */
    default Num asNumber() {
        return (Num) this;
    }

    /**
     * This value as a boolean.
     *
     * @return the boolean
     * @throws ClassCastException if it is another kind
     */
    default boolean asBoolean() {
        return ((Bool) this).value();
    }

    /**
     * An object; members in document order, keys unique.
     *
     * @param members the members
     */
    record Obj(Map<String, Json> members) implements Json {
        /** Freezes the members, keeping their order. */
        public Obj {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        /**
         * The member named {@code key}; a member whose value is {@code null} is present.
         *
         * @param key the name
         * @return its value, or empty if the object has no such member
         */
        public Optional<Json> get(String key) {
            return Optional.ofNullable(members.get(key));
        }

        @Override
        public String kind() {
            return "object";
        }
    }

    /**
     * An array.
     *
     * @param items the elements in order
     */
    record Arr(List<Json> items) implements Json {
        /** Freezes the elements. */
        public Arr {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "array";
        }
    }

    /**
     * A string, escapes resolved.
     *
     * @param value the text
     */
    record Str(String value) implements Json {
        @Override
        public String kind() {
            return "string";
        }
    }

    /**
     * A number, exactly as written (so 64-bit unsigned values survive).
     *
     * @param value the number
     */
    record Num(BigDecimal value) implements Json {
        private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

        /**
         * The number as an unsigned 64-bit integer, returned in a {@code long}'s bits.
         *
         * @return the value; numbers from 2^63 come back negative
         * @throws ArithmeticException if it is not an integer in 0 to 2^64 - 1
         */
        public long unsignedLongValueExact() {
            BigInteger exact = integer(20).filter(i -> i.signum() >= 0 && i.compareTo(TWO_TO_64) < 0)
                    .orElseThrow(() -> new ArithmeticException("not an unsigned 64-bit integer: " + value));
            return exact.longValue();
        }

        /**
         * The number as a signed 64-bit integer.
         *
         * @return the value
         * @throws ArithmeticException if it is not an integer in the range of {@code long}
         */
        public long longValueExact() {
            BigInteger exact = integer(19).filter(i -> i.bitLength() <= 63)
                    .orElseThrow(() -> new ArithmeticException("not a 64-bit integer: " + value));
            return exact.longValue();
        }

        /** The value if it is an integer of at most {@code digits} digits, never expanding a huge exponent. */
        private Optional<BigInteger> integer(int digits) {
            BigDecimal stripped = value.stripTrailingZeros();
            if (stripped.scale() > 0 || stripped.precision() - stripped.scale() > digits) {
                return Optional.empty();
            }
            return Optional.of(stripped.toBigIntegerExact());
        }

        @Override
        public String kind() {
            return "number";
        }
    }

    /**
     * {@code true} or {@code false}.
     *
     * @param value the boolean
     */
    record Bool(boolean value) implements Json {
        @Override
        public String kind() {
            return "boolean";
        }
    }

    /** {@code null}; use {@link Json#NULL}. */
    record Null() implements Json {
        @Override
        public String kind() {
            return "null";
        }
    }
}
