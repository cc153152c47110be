package ke.co.datacare.whatsapp.chatbot.config;

import ke.co.datacare.whatsapp.api.query.BusinessHoursCheck;
import ke.co.datacare.whatsapp.api.query.CheckBusinessHours;
import ke.co.datacare.whatsapp.chatbot.context.ChatbotConfigHolder;
import ke.co.datacare.whatsapp.chatbot.engine.BusinessHours;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Tells other modules (analytics) whether instants fall inside the business hours configured for the bot now. */
@Component
class BusinessHoursQueries {

    private final ChatbotConfigHolder holder;

    BusinessHoursQueries(ChatbotConfigHolder holder) {
        this.holder = holder;
    }

    @QueryHandler
    BusinessHoursCheck handle(CheckBusinessHours query) {
        BusinessHours hours = new BusinessHours(holder.current().businessHours());
        return new BusinessHoursCheck(query.instants().stream().map(hours::isOpen).toList());
    }
}
