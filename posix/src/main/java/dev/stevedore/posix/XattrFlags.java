package dev.stevedore.posix;

/**
 * Flags for {@link XattrCalls#lsetxattr} and {@link XattrCalls#fsetxattr}
 * ({@code XATTR_*} from {@code <sys/xattr.h>}); 0 creates or replaces.
 *
 * <pre>{@code
 * sys.lsetxattr(dir, "trusted.overlay.opaque", "y".getBytes(US_ASCII), XattrFlags.XATTR_CREATE);
 * }</pre>
 */
public final class XattrFlags {
    /** Fail with {@code EEXIST} if the attribute exists. */
    public static final int XATTR_CREATE = 1;
    /** Fail with {@code ENODATA} unless the attribute exists. */
    public static final int XATTR_REPLACE = 2;

    private XattrFlags() {}
}
