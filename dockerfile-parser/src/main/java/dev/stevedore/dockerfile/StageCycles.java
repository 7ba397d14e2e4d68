package dev.stevedore.dockerfile;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BuildKit's {@code validateCircularDependency}: a depth-first walk from each stage in order
 * over the stages its instructions read; the first walk that comes back to a stage on its
 * path fails, naming the stage it started from.
 */
final class StageCycles {
    private StageCycles() {
    }

    static void check(String fileName, List<BuildStage> stages, List<List<StageGraphBuilder.Owned>> owned) {
        Set<Integer> visited = new HashSet<>();
        Set<Integer> path = new HashSet<>();
        for (BuildStage stage : stages) {
            Location first = visit(stage.index(), null, owned, visited, path);
            if (first != null) {
                throw ScopeErrors.at(fileName, first, "circular dependency detected on stage: "
                        + stage.name().orElse("stage-" + stage.index()));
            }
        }
    }

    /** Returns the location of the first instruction on the path to a cycle, or null. */
    private static Location visit(int stage, Location first, List<List<StageGraphBuilder.Owned>> owned,
            Set<Integer> visited, Set<Integer> path) {
        if (!visited.add(stage)) {
            return null;
        }
        path.add(stage);
        Map<Integer, Location> deps = new LinkedHashMap<>();
        for (StageGraphBuilder.Owned o : owned.get(stage)) {
            if (o.dependency().source() instanceof StageSource.Stage s) {
                deps.putIfAbsent(s.index(), o.dependency().location());
            }
        }
        for (Map.Entry<Integer, Location> dep : deps.entrySet()) {
            Location at = first == null ? dep.getValue() : first;
            if (path.contains(dep.getKey())) {
                return at;
            }
            Location found = visit(dep.getKey(), at, owned, visited, path);
            if (found != null) {
                return found;
            }
        }
        path.remove(stage);
        return null;
    }
}
