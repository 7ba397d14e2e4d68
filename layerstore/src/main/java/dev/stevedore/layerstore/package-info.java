/**
 * The content-addressed image store: blobs in the OCI image-layout format, refs, leases
 * and holds, garbage collection, layer writing and applying, and snapshots.
 */
package dev.stevedore.layerstore;
