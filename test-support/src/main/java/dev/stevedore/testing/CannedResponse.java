package dev.stevedore.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A response the {@link FaultProxy} serves instead of asking the registry: a status, header
 * fields in order, and a body. {@code Content-Length} is set from the body unless given as a
 * header (then it is sent as given, true or not). Immutable: each method returns a copy.
 *
 * <pre>{@code
 * proxy.on("GET", "/v2/app/referrers/.*").respond(CannedResponse.status(200)
 *         .json("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}"));
 * proxy.on("GET", "/v2/").respond(CannedResponse.status(401).header("WWW-Authenticate", "Bearer realm=")); // malformed
 * proxy.on("GET", "/v2/.*").respond(CannedResponse.status(503).retryAfter(Duration.ofSeconds(2)));
 * }</pre>
 */
public final class CannedResponse {
    private final int status;
    private final List<Map.Entry<String, String>> headers;
    private final byte[] body;

    private CannedResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        this.status = status;
        this.headers = List.copyOf(headers);
        this.body = body;
    }

    /**
     * A response with {@code status}, no headers and an empty body.
     *
     * @param status the HTTP status, 100-599
     * @return the response
     */
    public static CannedResponse status(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status out of range: " + status);
        }
        return new CannedResponse(status, List.of(), new byte[0]);
    }

    /**
     * This response with one more header field (repeat the name for several).
     *
     * @param name the field name
     * @param value the field value, sent as given
     * @return a copy with the field added
     */
    public CannedResponse header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if ((name + value).contains("\r") || (name + value).contains("\n")) {
            throw new IllegalArgumentException("header fields cannot hold line breaks: " + name);
        }
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
        return new CannedResponse(status, more, body);
    }

    /**
     * This response with {@code Retry-After} in whole seconds.
     *
     * @param delay the delay to announce
     * @return a copy with the field added
     */
    public CannedResponse retryAfter(Duration delay) {
        return header("Retry-After", Long.toString(delay.toSeconds()));
    }

    /**
     * This response with a body and its {@code Content-Type}.
     *
     * @param contentType the media type, e.g. {@code application/vnd.oci.image.manifest.v1+json}
     * @param bytes the body
     * @return a copy with the body
     */
    public CannedResponse body(String contentType, byte[] bytes) {
        return new CannedResponse(status, headers, bytes.clone()).header("Content-Type", contentType);
    }

    /**
     * This response with a JSON body ({@code application/json}).
     *
     * @param json the body, UTF-8 encoded
     * @return a copy with the body
     */
    public CannedResponse json(String json) {
        return body("application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The status.
     *
     * @return the HTTP status
     */
    public int statusCode() {
        return status;
    }

    /**
     * The header fields in order.
     *
     * @return the fields
     */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /**
     * The body.
     *
     * @return a copy of the body bytes
     */
    public byte[] body() {
        return body.clone();
    }

    /** The head as it goes on the wire. */
    HttpHead head() {
        List<String[]> fields = new ArrayList<>();
        headers.forEach(h -> fields.add(new String[] {h.getKey(), h.getValue()}));
        HttpHead head = new HttpHead("HTTP/1.1 " + status + " " + reason(status), fields);
        if (head.get("Content-Length").isEmpty() && status != 204 && status != 304 && status / 100 != 1) {
            head.set("Content-Length", Integer.toString(body.length));
        }
        return head;
    }

    /** The raw body, not copied, for writing. */
    byte[] bodyBytes() {
        return body;
    }

    static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 201: return "Created";
            case 202: return "Accepted";
            case 204: return "No Content";
            case 206: return "Partial Content";
            case 301: return "Moved Permanently";
            case 302: return "Found";
            case 307: return "Temporary Redirect";
            case 308: return "Permanent Redirect";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 416: return "Range Not Satisfiable";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            default: return "Status";
        }
    }

    @Override
    public String toString() {
        return "CannedResponse[" + status + ", " + headers + ", " + body.length + " body bytes]";
    }
}
