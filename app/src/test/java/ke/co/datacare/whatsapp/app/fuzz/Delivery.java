package ke.co.datacare.whatsapp.app.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * One POST to the webhook as the fuzz test sends it: a body of some kind, how it is signed and the
 * content type it claims.
 */
record Delivery(String kind, byte[] body, Signing signing, String contentType) {

    enum Signing {
        /** {@code sha256=} and the lowercase hex HMAC-SHA256 of the raw bytes, keyed with the App Secret. */
        VALID(true),
        /** The same with the prefix and the hex in capitals (the service reads both). */
        VALID_UPPER_CASE(true),
        WRONG_SECRET(false),
        OF_ANOTHER_BODY(false),
        MISSING(false),
        NOT_HEX(false),
        OTHER_ALGORITHM(false);

        final boolean valid;

        Signing(boolean valid) {
            this.valid = valid;
        }
    }

    @Override
    public String toString() {
        String text = new String(body, StandardCharsets.UTF_8);
        return kind + " [" + signing + ", " + contentType + ", " + body.length + " bytes] "
                + (text.length() > 3000 ? text.substring(0, 3000) + "..." : text);
    }
}
