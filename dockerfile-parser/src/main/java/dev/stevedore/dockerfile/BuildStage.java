package dev.stevedore.dockerfile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A build stage: a {@code FROM} and the instructions after it up to the next {@code FROM}.
 * Only the grouping; resolving stage references and build arguments is the builder's job.
 *
 * <pre>{@code
 * Dockerfile df = Dockerfile.parse("Dockerfile", "FROM golang AS build\nRUN make\nFROM scratch\n");
 * df.stages().get(0).name();          // Optional[build]
 * df.stages().get(0).instructions();  // [Run[...]]
 * }</pre>
 *
 * @param index the stage's position, 0 for the first
 * @param from the stage's {@code FROM}
 * @param instructions the stage's other instructions, in order
 */
public record BuildStage(int index, Instruction.From from, List<Instruction> instructions) {
    /**
     * Checks the parts.
     *
     * @param index the stage's position, 0 for the first
     * @param from the stage's {@code FROM}
     * @param instructions the stage's other instructions, in order
     * @throws IllegalArgumentException if the index is negative or an instruction is a FROM
     */
    public BuildStage {
        Objects.requireNonNull(from, "from");
        instructions = List.copyOf(instructions);
        if (index < 0) {
            throw new IllegalArgumentException("stage index must not be negative: " + index);
        }
        for (Instruction i : instructions) {
            if (i instanceof Instruction.From) {
                throw new IllegalArgumentException("a FROM starts a new stage: " + i.location());
            }
        }
    }

    /**
     * Returns the stage's name in lower case.
     *
     * @return the name after {@code AS}, if any
     */
    public Optional<String> name() {
        return from.stageName();
    }
}
