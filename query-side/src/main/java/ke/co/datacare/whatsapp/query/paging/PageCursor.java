package ke.co.datacare.whatsapp.query.paging;

import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Where a keyset page ends: the sort time and the tie-breaking key of its last row. The next page starts right after
 * it, read from an index in order, so page 1,000 costs what page 1 costs. Handed out opaque (base64url).
 */
public record PageCursor(Instant at, String key) {

    public String encode() {
        String plain = at.getEpochSecond() + "." + at.getNano() + "|" + key;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back; null when absent; refused (field {@code cursor}) when not one of ours. */
    public static PageCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            int dot = plain.indexOf('.');
            if (bar < 0 || dot < 0 || dot > bar) {
                throw invalid();
            }
            Instant at = Instant.ofEpochSecond(Long.parseLong(plain.substring(0, dot)),
                    Long.parseLong(plain.substring(dot + 1, bar)));
            return new PageCursor(at, plain.substring(bar + 1));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw invalid();
        }
    }

    public static DomainException invalid() {
        return new DomainException(ErrorCode.VALIDATION_FAILED, "The request is not valid: cursor is not one this "
                + "service handed out", Map.of("errors", List.of(new FieldViolation("cursor", "not a cursor of this list"))));
    }
}
