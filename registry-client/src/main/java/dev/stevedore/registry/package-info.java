/**
 * The OCI distribution protocol over {@code java.net.http}: authentication, pull, push,
 * tags and referrers. Knows nothing of the disk store: blobs stream into a sink the
 * caller provides.
 */
package dev.stevedore.registry;
