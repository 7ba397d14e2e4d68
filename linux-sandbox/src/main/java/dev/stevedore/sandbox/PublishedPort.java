package dev.stevedore.sandbox;

/**
 * A port the shim is listening on for a running sandbox.
 *
 * @param protocol TCP or UDP
 * @param hostIp the host address it listens on
 * @param hostPort the host port actually bound (never 0)
 * @param containerPort the port inside the sandbox it forwards to
 */
public record PublishedPort(PortMapping.Protocol protocol, String hostIp, int hostPort, int containerPort) {}
