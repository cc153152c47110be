package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.api.campaign.CampaignId;
import ke.co.datacare.whatsapp.api.campaign.ExcludedEntry;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.command.contact.ContactRegistration;
import ke.co.datacare.whatsapp.command.contact.PhoneNumbers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a started campaign's audience entries to contacts, in the order given (tags, contact ids, phone
 * numbers, then the uploaded list). Each entry either becomes a recipient or is excluded with the first reason that
 * applies: {@code INVALID_PHONE_NUMBER} (not 6 to 15 digits in international format), {@code NO_WHATSAPP_IDENTITY}
 * (a contact id we do not know, or one without phone number or user id), {@code DUPLICATE} (a contact already in
 * the audience), {@code OPTED_OUT} (the contact opted out of marketing, table {@code contact_consent}). The phone
 * numbers of the audience (an uploaded list's are contacts already) are registered as contacts here, in bulk, in the
 * resolving transaction ({@link ContactRegistration}), so every outcome names a contact id, or the entry's position
 * when it names no contact: neither the recipient rows nor {@code CampaignAudienceResolved} hold a phone number.
 */
@Component
class AudienceResolver {

    static final String OPTED_OUT = "OPTED_OUT";
    static final String DUPLICATE = "DUPLICATE";
    static final String INVALID_PHONE_NUMBER = "INVALID_PHONE_NUMBER";
    static final String NO_WHATSAPP_IDENTITY = "NO_WHATSAPP_IDENTITY";
    static final int REPORTED_EXCLUSIONS = 1_000;
    private static final int CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final ContactTags tags;
    private final ContactRegistration registration;

    AudienceResolver(JdbcTemplate jdbc, ContactTags tags, ContactRegistration registration) {
        this.jdbc = jdbc;
        this.tags = tags;
        this.registration = registration;
    }

    record Entry(String kind, String value) {
    }

    /**
     * One audience entry's outcome: a contact, or a reason to exclude it; {@code entry} names it (the contact id, or
     * {@code #<position>} when it names no contact).
     */
    record Outcome(String entry, String contactId, String excludedFor) {
    }

    record Resolution(List<Outcome> outcomes) {

        int recipients() {
            return (int) outcomes.stream().filter(outcome -> outcome.excludedFor() == null).count();
        }

        Map<String, Integer> excludedByReason() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            outcomes.stream().filter(outcome -> outcome.excludedFor() != null)
                    .forEach(outcome -> counts.merge(outcome.excludedFor(), 1, Integer::sum));
            return counts;
        }

        List<ExcludedEntry> reportedExclusions() {
            return outcomes.stream().filter(outcome -> outcome.excludedFor() != null).limit(REPORTED_EXCLUSIONS)
                    .map(outcome -> new ExcludedEntry(outcome.entry(), outcome.excludedFor())).toList();
        }
    }

    /** Digits of an international phone number, or null: see {@link PhoneNumbers#waIdOf}. */
    static String waIdOf(String phoneNumber) {
        return PhoneNumbers.waIdOf(phoneNumber);
    }

    /** In the caller's unit of work: registers the audience's new phone numbers as contacts. */
    Resolution resolve(CampaignId campaign, Instant at) {
        List<Entry> entries = entries(campaign);
        Map<String, ContactId> contactByWaId = registration.registerAll(entries.stream()
                .filter(e -> e.kind().equals("phone")).map(e -> waIdOf(e.value())).filter(waId -> waId != null)
                .distinct().toList(), at);
        Set<String> reachable = reachable(entries.stream().filter(e -> e.kind().equals("contact"))
                .map(Entry::value).distinct().toList());
        List<Outcome> candidates = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            candidates.add(candidate(entry, candidates.size() + 1, contactByWaId, reachable));
        }
        Set<String> optedOut = optedOut(candidates.stream().map(Outcome::contactId).filter(id -> id != null)
                .distinct().toList());
        Set<String> seen = new HashSet<>();
        List<Outcome> outcomes = new ArrayList<>(candidates.size());
        for (Outcome candidate : candidates) {
            if (candidate.excludedFor() != null) {
                outcomes.add(candidate);
            } else if (!seen.add(candidate.contactId())) {
                outcomes.add(new Outcome(candidate.entry(), candidate.contactId(), DUPLICATE));
            } else if (optedOut.contains(candidate.contactId())) {
                outcomes.add(new Outcome(candidate.entry(), candidate.contactId(), OPTED_OUT));
            } else {
                outcomes.add(candidate);
            }
        }
        return new Resolution(outcomes);
    }

    /** Writes the outcome as the campaign's recipient rows: pending (with its partition key), or excluded with the reason. */
    void store(CampaignId campaign, Resolution resolution) {
        jdbc.update("delete from campaign_recipient where campaign_id = ?", campaign.value());
        List<Object[]> rows = new ArrayList<>(resolution.outcomes().size());
        for (Outcome outcome : resolution.outcomes()) {
            rows.add(new Object[]{campaign.value(), rows.size(), truncate(outcome.entry()), outcome.contactId(),
                    null, outcome.excludedFor() == null ? "pending" : "excluded", outcome.excludedFor(),
                    RecipientPartitions.keyOf(outcome.contactId())});
        }
        for (int from = 0; from < rows.size(); from += 1_000) {
            jdbc.batchUpdate("insert into campaign_recipient (campaign_id, seq, entry, contact_id, wa_id, state, reason, "
                    + "partition_key) values (?, ?, ?, ?, ?, ?, ?, ?)", rows.subList(from, Math.min(rows.size(), from + 1_000)));
        }
    }

    private Outcome candidate(Entry entry, int position, Map<String, ContactId> contactByWaId, Set<String> reachable) {
        if (entry.kind().equals("phone")) {
            String waId = waIdOf(entry.value());
            if (waId == null) {
                return new Outcome("#" + position, null, INVALID_PHONE_NUMBER);
            }
            String contact = contactByWaId.get(waId).value();
            return new Outcome(contact, contact, null);
        }
        return reachable.contains(entry.value()) ? new Outcome(entry.value(), entry.value(), null)
                : new Outcome(entry.value(), null, NO_WHATSAPP_IDENTITY);
    }

    private List<Entry> entries(CampaignId campaign) {
        List<Entry> given = jdbc.query("select kind, entry from campaign_audience_entry where campaign_id = ? "
                        + "order by case source when 'spec' then 0 else 1 end, seq",
                (rs, i) -> new Entry(rs.getString(1), rs.getString(2)), campaign.value());
        List<Entry> entries = new ArrayList<>(given.size());
        for (Entry entry : given) {
            if (entry.kind().equals("tag")) {
                tags.contactsTagged(entry.value()).forEach(contact -> entries.add(new Entry("contact", contact)));
            } else {
                entries.add(entry);
            }
        }
        return entries;
    }

    private Set<String> reachable(List<String> contactIds) {
        Set<String> found = new HashSet<>();
        for (List<String> chunk : chunks(contactIds)) {
            found.addAll(jdbc.queryForList("select distinct contact_id from contact_identity where contact_id in ("
                    + marks(chunk) + ")", String.class, chunk.toArray()));
        }
        return found;
    }

    private Set<String> optedOut(List<String> contactIds) {
        Set<String> found = new HashSet<>();
        for (List<String> chunk : chunks(contactIds)) {
            found.addAll(jdbc.queryForList("select contact_id from contact_consent where opted_out = true and contact_id in ("
                    + marks(chunk) + ")", String.class, chunk.toArray()));
        }
        return found;
    }

    static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> list = List.copyOf(values);
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < list.size(); from += CHUNK) {
            chunks.add(list.subList(from, Math.min(list.size(), from + CHUNK)));
        }
        return chunks;
    }

    static String marks(List<?> values) {
        return String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
    }

    private static String truncate(String entry) {
        return entry.length() <= 128 ? entry : entry.substring(0, 128);
    }
}
