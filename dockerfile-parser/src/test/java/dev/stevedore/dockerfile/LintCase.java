package dev.stevedore.dockerfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One case of {@code LintCases.txt}: a Dockerfile, its build context, and the expected findings. */
record LintCase(String name, String dockerfile, LintContext context, List<String> expected, Optional<String> error) {

    @Override
    public String toString() {
        return name;
    }

    static List<LintCase> load() {
        String text;
        try (InputStream in = LintCase.class.getResourceAsStream("LintCases.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<LintCase> cases = new ArrayList<>();
        String[] blocks = text.split("(?m)^### ");
        for (int b = 1; b < blocks.length; b++) {
            cases.add(parse(blocks[b]));
        }
        return cases;
    }

    private static LintCase parse(String block) {
        List<String> lines = new ArrayList<>(List.of(block.split("\n", -1)));
        String name = lines.remove(0);
        Map<String, String> args = new LinkedHashMap<>();
        Map<String, StageImage> images = new LinkedHashMap<>();
        List<String> ignore = null;
        Optional<String> target = Optional.empty();
        Optional<String> platform = Optional.empty();
        Optional<String> error = Optional.empty();
        while (!lines.isEmpty() && lines.get(0).startsWith("@")) {
            String option = lines.remove(0);
            String[] words = option.split(" ", 2);
            String value = words.length > 1 ? words[1] : "";
            switch (words[0]) {
                case "@arg" -> args.put(value.substring(0, value.indexOf('=')),
                        value.substring(value.indexOf('=') + 1));
                case "@ignore" -> {
                    ignore = ignore == null ? new ArrayList<>() : ignore;
                    if (!value.isEmpty()) {
                        ignore.add(value);
                    }
                }
                case "@image" -> {
                    String[] parts = value.split(" ");
                    List<String> env = new ArrayList<>();
                    List<String> shell = new ArrayList<>();
                    Optional<Platform> p = Optional.empty();
                    for (int k = 1; k < parts.length; k++) {
                        if (parts[k].startsWith("platform=")) {
                            p = Optional.of(Platform.parse(parts[k].substring("platform=".length())));
                        } else if (parts[k].startsWith("SHELL=")) {
                            shell.add(parts[k].substring("SHELL=".length()));
                        } else {
                            env.add(parts[k]);
                        }
                    }
                    images.put(parts[0], new StageImage(env, shell, p));
                }
                case "@target" -> target = Optional.of(value);
                case "@platform" -> platform = Optional.of(value);
                case "@error" -> error = Optional.of(value);
                default -> throw new IllegalArgumentException("unknown option in case " + name + ": " + option);
            }
        }
        int separator = lines.indexOf("---");
        String dockerfile = String.join("\n", lines.subList(0, separator)) + "\n";
        List<String> expected = lines.subList(separator + 1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
        BuildArgs buildArgs = BuildArgs.of(args).withBuildPlatform(Platform.parse("linux/amd64"))
                .withPlatform(Platform.parse(platform.orElse("linux/amd64")));
        if (target.isPresent()) {
            buildArgs = buildArgs.withTarget(target.get());
        }
        LintContext context = LintContext.none().withArgs(buildArgs).withImages(images);
        if (ignore != null) {
            context = context.withIgnore(PatternMatcher.compile(ignore));
        }
        return new LintCase(name, dockerfile, context, expected, error);
    }
}
