package dev.stevedore.layerstore;

/** Checks every walker applies to what it finds. */
final class TarWalks {
    private TarWalks() {}

    /** Refuses a real file whose name OCI reserves for whiteouts: applied, it would delete instead. */
    static void checkName(TarDirectory dir, TarSourceFile file) {
        if (TarNames.isReserved(file.name())) {
            throw new LayerWriterException(dir.path(file.name()), "names starting with \"" + TarNames.WHITEOUT_PREFIX
                    + "\" are reserved for OCI whiteouts and cannot be carried in a layer");
        }
    }
}
