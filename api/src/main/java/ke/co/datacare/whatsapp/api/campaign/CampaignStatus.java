package ke.co.datacare.whatsapp.api.campaign;

/** draft -> scheduled -> running -> (paused <-> running) -> completed; cancelled at any point before completion. */
public enum CampaignStatus {
    DRAFT, SCHEDULED, RUNNING, PAUSED, COMPLETED, CANCELLED
}
