package dev.stevedore.registry;

import java.util.List;

/**
 * The registry refused the request for lack of valid credentials (401, or a token server that
 * would not issue a token); names the scope that was needed.
 *
 * <pre>{@code catch (UnauthorizedException e) { e.scope(); // "repository:app:pull,push" }}</pre>
 */
public final class UnauthorizedException extends RegistryResponseException {
    private static final long serialVersionUID = 1L;

    /** The token scope the request needed. */
    private final String scope;

    UnauthorizedException(String action, String reference, int status, List<RegistryError> errors, String scope,
            String why) {
        super(action, reference, status, errors, "; needed scope " + scope + why);
        this.scope = scope;
    }

    /**
     * Returns the scope the request needed.
     *
     * @return a scope such as {@code repository:app:pull}
     */
    public String scope() {
        return scope;
    }
}
