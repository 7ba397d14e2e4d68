package dev.stevedore;

import java.util.Objects;

/**
 * One step of a build as a build reports it: the stage, the step's number within the stage
 * ({@code FROM} is step 1) and the instruction as written.
 *
 * <pre>{@code
 * step.label();        // "[build 2/4]"
 * step.instruction();  // "RUN make"
 * }</pre>
 *
 * @param stage the stage's name, or {@code stage-N} for an unnamed one
 * @param number the step's number in its stage, from 1
 * @param count the number of steps of the stage
 * @param instruction the instruction, as written (first line)
 * @param line the instruction's first line in the Dockerfile
 */
public record BuildStep(String stage, int number, int count, String instruction, int line) {
    /**
     * Checks the fields.
     *
     * @param stage the stage's name, or {@code stage-N} for an unnamed one
     * @param number the step's number in its stage, from 1
     * @param count the number of steps of the stage
     * @param instruction the instruction, as written (first line)
     * @param line the instruction's first line in the Dockerfile
     */
    public BuildStep {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(instruction, "instruction");
        if (number < 1 || number > count) {
            throw new IllegalArgumentException("step " + number + " of " + count);
        }
    }

    /**
     * Returns the step's label as Docker prints it.
     *
     * @return such as {@code [build 2/4]}
     */
    public String label() {
        return "[" + stage + " " + number + "/" + count + "]";
    }

    @Override
    public String toString() {
        return label() + " " + instruction;
    }
}
