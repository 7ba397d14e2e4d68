package dev.stevedore.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The platforms a machine can run, best first, following containerd's {@code Only} matcher:
 * the platform itself, then older variants of its architecture, then the 32-bit architecture
 * it also runs.
 */
final class PlatformPreference {
    private static final int OLDEST_ARM = 5;

    private PlatformPreference() {
    }

    static List<Platform> of(Platform platform) {
        Platform self = platform.normalized();
        List<Platform> order = new ArrayList<>();
        order.add(self);
        switch (self.architecture()) {
            case "amd64":
                int level = version(self.variant().orElse("v1"));
                for (int v = level - 1; v >= 1; v--) {
                    order.add(with(self, "amd64", v == 1 ? "" : "v" + v));
                }
                order.add(with(self, "386", ""));
                break;
            case "arm":
                int arm = version(self.variant().orElse("v7"));
                for (int v = arm - 1; v >= OLDEST_ARM; v--) {
                    order.add(with(self, "arm", "v" + v));
                }
                break;
            case "arm64":
                addOlderArm64(self, order);
                order.addAll(of(with(self, "arm", "v8")));
                break;
            default:
                break;
        }
        return List.copyOf(order);
    }

    /** arm64 v9.x runs v9.0 to v9.(x-1) and v8.0 to v8.(x+5); v8.x runs v8.0 to v8.(x-1). */
    private static void addOlderArm64(Platform self, List<Platform> order) {
        String variant = self.variant().orElse("v8");
        String[] majorMinor = variant.substring(variant.startsWith("v") ? 1 : 0).split("\\.", 2);
        int major;
        int minor;
        try {
            major = Integer.parseInt(majorMinor[0]);
            minor = majorMinor.length > 1 ? Integer.parseInt(majorMinor[1]) : 0;
        } catch (NumberFormatException e) {
            return;
        }
        if (major == 9) {
            for (int m = minor - 1; m >= 0; m--) {
                order.add(with(self, "arm64", m == 0 ? "v9" : "v9." + m));
            }
            major = 8;
            minor = minor + 5;
            order.add(with(self, "arm64", "v8." + minor));
        }
        if (major != 8) {
            return;
        }
        for (int m = minor - 1; m >= 0; m--) {
            order.add(with(self, "arm64", m == 0 ? "" : "v8." + m));
        }
    }

    private static int version(String variant) {
        try {
            return Integer.parseInt(variant.startsWith("v") ? variant.substring(1) : variant);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Platform with(Platform self, String architecture, String variant) {
        return new Platform(self.os(), architecture, Optional.of(variant), self.osVersion(), self.osFeatures());
    }
}
