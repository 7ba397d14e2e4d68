package dev.stevedore.layerstore;

/**
 * A ref name that is not in the store, where one was required (exporting, for instance).
 */
public final class RefNotFoundException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** The missing name. */
    private final String name;

    /**
     * Creates the exception.
     *
     * @param name the ref name that was looked up
     */
    public RefNotFoundException(String name) {
        super("no ref named \"" + name + "\" in the store");
        this.name = name;
    }

    /** @return the ref name that was looked up */
    public String name() {
        return name;
    }
}
