package dev.stevedore.layerstore;

/**
 * A write or renewal under a lease that was closed or has expired. Content written under it
 * could be collected at any moment, so the write is refused and aborted.
 */
public final class LeaseEndedException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** The lease's id. */
    private final String leaseId;

    /**
     * Creates the exception.
     *
     * @param leaseId the lease's id
     * @param how "closed" or "expired at ..."
     */
    public LeaseEndedException(String leaseId, String how) {
        super("lease " + leaseId + " has ended (" + how + "); nothing more can be written under it");
        this.leaseId = leaseId;
    }

    /** @return the lease's id */
    public String leaseId() {
        return leaseId;
    }
}
