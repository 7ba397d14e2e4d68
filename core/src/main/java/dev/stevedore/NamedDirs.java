package dev.stevedore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/** Lists the entries of a directory holding one subdirectory per named object (networks, volumes). */
final class NamedDirs {
    private NamedDirs() {
    }

    /**
     * Reads every validly named subdirectory of {@code root}, in name order.
     *
     * @param root the directory; missing means none
     * @param what what the entries are, for the error message ("networks")
     * @param read reads one entry by name; empty skips it
     * @return what {@code read} returned
     */
    static <T> List<T> list(Path root, String what, Function<String, Optional<T>> read) {
        List<T> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.sorted().toList()) {
                String name = d.getFileName().toString();
                if (ContainerNames.VALID.matcher(name).matches()) {
                    read.apply(name).ifPresent(out::add);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new StevedoreException("Tried to list " + what + " in " + root + " but failed because: "
                    + e.getMessage(), e);
        }
        return out;
    }
}
