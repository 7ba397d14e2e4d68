package dev.stevedore.registry;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Turns an error response into the typed exception for its status and distribution error codes. */
final class ErrorMapper {
    private ErrorMapper() {
    }

    /** Reads at most 64 KiB of the body (a longer one is ignored), closes it, and builds the exception. */
    static RegistryException map(Response response, Action action, List<String> scopes, Clock clock) {
        List<RegistryError> errors;
        String note = "";
        try (response) {
            Optional<byte[]> body = Bodies.readAtMost(response.body(), Bodies.SMALL_LIMIT);
            errors = body.map(Bodies::errors).orElse(List.of());
            if (body.isEmpty()) {
                note = " (error body over " + Bodies.SMALL_LIMIT + " bytes ignored)";
            }
        } catch (IOException e) {
            errors = List.of();
        }
        int status = response.status();
        String description = action.description();
        String target = action.target();
        String code = errors.isEmpty() ? "" : errors.get(0).code();
        if (status == 401 || code.equals("UNAUTHORIZED")) {
            return new UnauthorizedException(description, target, status, errors, String.join(" ", scopes), note);
        }
        if (status == 403 || code.equals("DENIED")) {
            return new DeniedException(description, target, status, errors, note);
        }
        if (status == 404 || code.endsWith("_UNKNOWN")) {
            return new NotFoundException(description, target, status, errors, note);
        }
        if (status == 429 || code.equals("TOOMANYREQUESTS")) {
            Optional<Duration> retryAfter = RetryPolicy.retryAfter(response.headers(), clock);
            return new TooManyRequestsException(description, target, status, errors, retryAfter, note);
        }
        return new RegistryResponseException(description, target, status, errors, note);
    }
}
