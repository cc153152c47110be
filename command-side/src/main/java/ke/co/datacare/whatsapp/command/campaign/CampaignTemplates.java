package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.api.campaign.CampaignContent;
import ke.co.datacare.whatsapp.command.outbound.TemplateCatalog;

import java.util.Optional;

/** A campaign's template as the catalogue has it now, if it is still approved. */
final class CampaignTemplates {

    private final TemplateCatalog catalog;

    CampaignTemplates(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    Optional<TemplateCatalog.Template> approved(CampaignContent content) {
        return catalog.find(content.templateName(), content.language()).filter(TemplateCatalog.Template::approved);
    }
}
