package ke.co.datacare.whatsapp.api.query;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** The furthest delivery status Meta reported for an outbound message, with its error and pricing. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageStatusView(String wamid, String conversationId, String status, Instant at, Integer errorCode,
                                String errorTitle, String errorDetails, String pricingCategory, Boolean billable) {
}
