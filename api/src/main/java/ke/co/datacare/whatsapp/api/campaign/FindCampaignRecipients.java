package ke.co.datacare.whatsapp.api.campaign;

/**
 * A campaign's recipients in the order they were queued, optionally of one status ({@code queued}, {@code sent},
 * {@code delivered}, {@code read}, {@code failed}, {@code replied}, {@code excluded}); answered with a
 * {@link CampaignRecipientPage}.
 */
public record FindCampaignRecipients(String campaignId, String status, int page, int size) {
}
