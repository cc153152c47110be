package ke.co.datacare.whatsapp.api.query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What Meta charges for our messages in the period, by the rate card in configuration: in total, per period, per
 * category (marketing, utility, authentication, service), per sender (bot, agent, campaign, survey, other) and per
 * campaign. Only delivered messages are charged, and only those Meta prices as {@code regular};
 * {@code unpricedMarkets} lists the markets of charged messages the rate card has no price for (their cost is left out).
 */
public record CostAnalytics(LocalDate from, LocalDate to, String timeZone, String currency, MessageCost total,
                            List<CostPeriod> periods, List<CostGroup> categories, List<CostGroup> senders,
                            List<CostGroup> campaigns, List<String> unpricedMarkets) {

    /**
     * @param messages  our messages Meta priced (sent or delivered with a pricing block)
     * @param delivered of those, delivered
     * @param charged   of those, delivered and charged
     * @param cost      what the charged ones cost
     */
    public record MessageCost(long messages, long delivered, long charged, BigDecimal cost) {
    }

    public record CostPeriod(LocalDate start, LocalDate end, MessageCost cost) {
    }

    public record CostGroup(String name, MessageCost cost) {
    }
}
