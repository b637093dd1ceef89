package dev.sluice.client;

/**
 * The API's path of one collection, job, key or webhook, its name or id percent-encoded as one path
 * segment; a null or empty one throws {@link IllegalArgumentException}. Stateless and thread-safe.
 */
final class ApiPaths {
    private ApiPaths() {
    }

    static String collection(String name) {
        return "/v1/collections/" + Transport.segment(name);
    }

    static String job(String id) {
        return "/v1/imports/" + Transport.segment(id);
    }

    static String key(String id) {
        return "/v1/keys/" + Transport.segment(id);
    }

    static String webhook(String id) {
        return "/v1/webhooks/" + Transport.segment(id);
    }
}
