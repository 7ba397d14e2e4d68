package dev.stevedore.dockerfile;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The lint checks BuildKit runs while dispatching an instruction, and the {@code EXPOSE}
 * port rules they sit in ({@code dockerfile2llb/validations.go}, {@code convert_expose.go}).
 */
final class ScopeChecks {
    private static final Pattern SECRET = Pattern.compile("(?:_|^)(?:apikey|auth|credential|credentials|key|password"
            + "|pword|passwd|secret|token)(?:_|$)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern ALLOWED = Pattern.compile("(?:_|^)(?:public|file|version)(?:_|$)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile("^(?:" + OCTET + "\\.){3}" + OCTET + "$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]+$");

    private ScopeChecks() {
    }

    /** Where a finding is reported, and the comments whose {@code # check=} applies to it. */
    record At(Location location, List<String> comments) {
    }

    /** {@code SecretsUsedInArgOrEnv}. */
    static void secret(String instruction, String key, At at, LintSink lint) {
        if (lint.active() && SECRET.matcher(key).find() && !ALLOWED.matcher(key).find()) {
            lint.report(LintRule.SECRETS_USED_IN_ARG_OR_ENV, at.location(), at.comments(),
                    LintMessages.secretsUsedInArgOrEnv(instruction, key));
        }
    }

    /** BuildKit's {@code system.IsAbs} for a {@code WORKDIR} on {@code os}. */
    static boolean isAbsolute(String path, String os) {
        if (!os.equals("windows")) {
            return path.startsWith("/");
        }
        String p = path;
        if (p.length() >= 2 && p.charAt(1) == ':') {
            if (Character.toLowerCase(p.charAt(0)) != 'c') {
                return false;
            }
            p = p.substring(2);
        }
        return p.replace('\\', '/').startsWith("/");
    }

    /**
     * Reads the ports of an {@code EXPOSE} after expansion as BuildKit's {@code parsePorts},
     * reporting {@code ExposeProtoCasing} and {@code ExposeInvalidFormat}.
     *
     * @throws DockerfileException (unlocated) for a port BuildKit rejects
     */
    static void ports(List<String> ports, At at, LintSink lint) {
        for (String raw : ports) {
            if (raw.isEmpty()) {
                continue;
            }
            String[] parts = raw.split(":", -1);
            String ip = "";
            String hostPort = "";
            String containerPort = parts[parts.length - 1];
            if (parts.length == 2) {
                hostPort = parts[0];
            } else if (parts.length > 2) {
                hostPort = parts[parts.length - 2];
                ip = String.join(":", List.of(parts).subList(0, parts.length - 2));
            }
            int slash = containerPort.indexOf('/');
            String port = slash < 0 ? containerPort : containerPort.substring(0, slash);
            String proto = slash < 0 ? "" : containerPort.substring(slash + 1);
            if (port.isEmpty()) {
                throw fail("invalid port: " + GoText.quote(raw) + ": no port specified");
            }
            String lowerProto = StageSources.lower(proto);
            switch (lowerProto) {
                case "", "tcp", "udp", "sctp" -> {
                }
                default -> throw fail("invalid port: " + GoText.quote(raw) + ": invalid proto: " + proto);
            }
            if (!proto.equals(lowerProto)) {
                lint.report(LintRule.EXPOSE_PROTO_CASING, at.location(), at.comments(),
                        LintMessages.exposeProtoCasing(raw));
            }
            if (!ip.isEmpty() || !hostPort.isEmpty()) {
                lint.report(LintRule.EXPOSE_INVALID_FORMAT, at.location(), at.comments(),
                        LintMessages.exposeInvalidFormat(raw));
            }
            checkIp(ip);
            int[] container = range(port);
            if (container == null) {
                throw fail("invalid containerPort: " + port);
            }
            if (!hostPort.isEmpty()) {
                int[] host = range(hostPort);
                if (host == null) {
                    throw fail("invalid hostPort: " + hostPort);
                }
                if (container[1] - container[0] != host[1] - host[0] && container[1] != container[0]) {
                    throw fail("invalid ranges specified for container and host Ports: " + port + " and "
                            + hostPort);
                }
            }
        }
    }

    private static void checkIp(String ip) {
        if (ip.isEmpty()) {
            return;
        }
        String address = ip;
        if (ip.charAt(0) == '[') {
            int close = ip.indexOf(']');
            if (close != ip.length() - 1) {
                throw fail("invalid IP address " + ip);
            }
            address = ip.substring(1, close);
        }
        boolean valid = IPV4.matcher(address).matches()
                || (address.indexOf(':') >= 0 && IPV6.matcher(address).matches() && validIpv6(address));
        if (!valid) {
            throw fail("invalid IP address: " + address);
        }
    }

    private static boolean validIpv6(String address) {
        try {
            // a bracketed literal is parsed, never looked up
            return java.net.InetAddress.getByName("[" + address + "]") != null;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** {@code start[-end]} as BuildKit's {@code parsePortRange}; null if invalid. */
    private static int[] range(String ports) {
        if (ports.isEmpty()) {
            return null;
        }
        int dash = ports.indexOf('-');
        String start = dash < 0 ? ports : ports.substring(0, dash);
        int from = number(start);
        if (from < 0) {
            return null;
        }
        if (dash < 0 || start.equals(ports.substring(dash + 1))) {
            return new int[] {from, from};
        }
        int to = number(ports.substring(dash + 1));
        return to < 0 || to < from ? null : new int[] {from, to};
    }

    private static int number(String s) {
        Long n = StageSources.atoi(s);
        return n == null || n < 0 || n > 65535 ? -1 : n.intValue();
    }

    private static DockerfileException fail(String reason) {
        return DockerfileException.unlocated(reason, "");
    }
}
