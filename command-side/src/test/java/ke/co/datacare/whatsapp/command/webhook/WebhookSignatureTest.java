package ke.co.datacare.whatsapp.command.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Meta signs the raw body bytes, in which non-ASCII text is written as backslash-u escapes. The
 * expected signatures here are computed with {@link Mac} directly, not with the class under test.
 */
class WebhookSignatureTest {

    private static final String APP_SECRET = "7d1f0c9a4b2e8f6a3c5d7e9f1a2b4c6d";
    private static final String VERIFY_TOKEN = "datacare-verify-2025";
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");

    private final WebhookSignature signature = new WebhookSignature(APP_SECRET);
    private final byte[] emojiBody = WebhookFixtures.bytes("text-emoji.json");
    private final String metaHeader = "sha256=" + hmacHex("HmacSHA256", APP_SECRET, emojiBody);

    @Test
    void the_emoji_fixture_carries_its_emoji_as_unicode_escapes_like_meta_sends_them() {
        String raw = new String(emojiBody, StandardCharsets.UTF_8);

        assertThat(raw).contains("\\ud83d\\ude00").doesNotContain("\uD83D\uDE00");
        assertThat(raw.chars()).allMatch(c -> c < 0x80);
    }

    @Test
    void accepts_the_signature_meta_computes_over_the_raw_bytes_of_an_emoji_message() {
        assertThat(signature.matches(emojiBody, metaHeader)).isTrue();
        assertThat(signature.sign(emojiBody)).isEqualTo(metaHeader);
    }

    @Test
    void refuses_the_original_header_once_jackson_has_reserialised_the_same_json() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String reserialised = json.writeValueAsString(json.readTree(emojiBody));
        String raw = new String(emojiBody, StandardCharsets.UTF_8);

        assertThat(json.readTree(reserialised)).isEqualTo(json.readTree(emojiBody));
        assertThat(reserialised)
                .as("the same JSON, with the emoji written as characters instead of escapes")
                .isEqualTo(unescapeUnicode(raw))
                .isNotEqualTo(raw);
        assertThat(signature.matches(reserialised.getBytes(StandardCharsets.UTF_8), metaHeader)).isFalse();
    }

    @Test
    void refuses_the_original_header_for_jacksons_utf8_byte_output_of_the_same_json() throws Exception {
        ObjectMapper json = new ObjectMapper();
        byte[] reserialised = json.writeValueAsBytes(json.readTree(emojiBody));

        assertThat(json.readTree(reserialised)).isEqualTo(json.readTree(emojiBody));
        assertThat(reserialised).isNotEqualTo(emojiBody);
        assertThat(signature.matches(reserialised, metaHeader)).isFalse();
    }

    @Test
    void refuses_a_body_changed_by_a_single_byte() {
        byte[] tampered = emojiBody.clone();
        int digit = new String(tampered, StandardCharsets.US_ASCII).indexOf("1764057660") + 9;
        tampered[digit] = '1';

        assertThat(signature.matches(tampered, metaHeader)).isFalse();
    }

    @Test
    void accepts_the_digest_in_uppercase_hex() {
        String upper = "sha256=" + hmacHex("HmacSHA256", APP_SECRET, emojiBody).toUpperCase(Locale.ROOT);

        assertThat(signature.matches(emojiBody, upper)).isTrue();
    }

    @Test
    void accepts_the_prefix_in_any_case() {
        assertThat(signature.matches(emojiBody, "SHA256=" + hmacHex("HmacSHA256", APP_SECRET, emojiBody))).isTrue();
    }

    @Test
    void refuses_a_digest_without_the_sha256_prefix() {
        String digest = hmacHex("HmacSHA256", APP_SECRET, emojiBody);

        assertThat(signature.matches(emojiBody, digest)).isFalse();
        assertThat(signature.matches(emojiBody, "sha256" + digest)).isFalse();
        assertThat(signature.matches(emojiBody, "sha512=" + digest)).isFalse();
    }

    @Test
    void refuses_the_legacy_sha1_signature_of_the_same_body() {
        assertThat(signature.matches(emojiBody, "sha1=" + hmacHex("HmacSHA1", APP_SECRET, emojiBody))).isFalse();
    }

    @Test
    void refuses_a_missing_or_empty_header() {
        assertThat(signature.matches(emojiBody, null)).isFalse();
        assertThat(signature.matches(emojiBody, "")).isFalse();
        assertThat(signature.matches(emojiBody, "sha256=")).isFalse();
    }

    @Test
    void refuses_a_signature_keyed_with_another_secret() {
        assertThat(signature.matches(emojiBody, "sha256=" + hmacHex("HmacSHA256", VERIFY_TOKEN, emojiBody))).isFalse();
        assertThat(new WebhookSignature(VERIFY_TOKEN).matches(emojiBody, metaHeader)).isFalse();
    }

    @Test
    void refuses_a_truncated_digest() {
        assertThat(signature.matches(emojiBody, metaHeader.substring(0, metaHeader.length() - 2))).isFalse();
        assertThat(signature.matches(emojiBody, metaHeader.substring(0, metaHeader.length() - 1))).isFalse();
        assertThat(signature.matches(emojiBody, metaHeader.substring(0, "sha256=".length() + 32))).isFalse();
    }

    @Test
    void refuses_a_digest_that_is_not_hex() {
        String lastCharReplaced = metaHeader.substring(0, metaHeader.length() - 1) + "g";

        assertThat(signature.matches(emojiBody, lastCharReplaced)).isFalse();
        assertThat(signature.matches(emojiBody, "sha256=" + "z".repeat(64))).isFalse();
        assertThat(signature.matches(emojiBody, metaHeader + "00")).isFalse();
    }

    private static String hmacHex(String algorithm, String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            StringBuilder hex = new StringBuilder();
            for (byte b : mac.doFinal(body)) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unescapeUnicode(String raw) {
        Matcher escape = UNICODE_ESCAPE.matcher(raw);
        StringBuilder decoded = new StringBuilder();
        while (escape.find()) {
            escape.appendReplacement(decoded,
                    Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(escape.group(1), 16))));
        }
        return escape.appendTail(decoded).toString();
    }
}
