package dev.sluice.client;

/**
 * The unchecked base of everything {@link SluiceClient} throws: the server could not be reached, the
 * exchange broke off, the calling thread was interrupted, or the answer was not one the API gives.
 * {@link SluiceApiException} is the server's own refusal; {@link SluiceTimeoutException} is a wait that ran out.
 * Immutable and thread-safe.
 */
public class SluiceClientException extends RuntimeException {

    public SluiceClientException(String message) {
        super(message);
    }

    public SluiceClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
