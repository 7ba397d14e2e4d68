package dev.stevedore.sandbox;

/**
 * One argument test of a seccomp rule: {@code args[index] op value}, or for
 * {@link Comparison#MASKED_EQ} {@code (args[index] & value) == valueTwo}. Values are unsigned
 * 64-bit numbers held in a {@code long}'s bits.
 *
 * @param index which argument, 0 to 5
 * @param op the comparison
 * @param value the first operand (libseccomp's {@code datum_a})
 * @param valueTwo the second operand ({@code datum_b}), used by {@link Comparison#MASKED_EQ} only
 */
record ArgCondition(int index, Comparison op, long value, long valueTwo) {
    /** System calls take at most six arguments. */
    static final int MAX_ARGS = 6;

    /** Checks the index. */
    ArgCondition {
        if (index < 0 || index >= MAX_ARGS) {
            throw new IllegalArgumentException("argument index must be 0 to 5, not " + index);
        }
    }
}
