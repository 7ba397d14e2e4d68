/**
 * Isolated, supervised processes: namespaces, cgroups v1, v2 and hybrid, rootfs mounts,
 * the native shim and init, limits, hardening and seccomp. Knows nothing of images.
 */
package dev.stevedore.sandbox;
