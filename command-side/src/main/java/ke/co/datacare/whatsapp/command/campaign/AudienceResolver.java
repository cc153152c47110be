package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.api.campaign.CampaignId;
import ke.co.datacare.whatsapp.api.campaign.ExcludedEntry;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.contact.IdentityType;
import ke.co.datacare.whatsapp.command.contact.PhoneNumbers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
 * the audience), {@code OPTED_OUT} (the contact opted out of marketing, table {@code contact_consent}). A phone
 * number that is not a contact yet becomes one when its turn comes, with the id the contact directory would give it.
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

    AudienceResolver(JdbcTemplate jdbc, ContactTags tags) {
        this.jdbc = jdbc;
        this.tags = tags;
    }

    record Entry(String kind, String value) {
    }

    /** One audience entry's outcome: a contact (and its phone number when it is new), or a reason to exclude it. */
    record Outcome(String entry, String contactId, String newWaId, String excludedFor) {
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

    Resolution resolve(CampaignId campaign) {
        List<Entry> entries = entries(campaign);
        Map<String, String> contactByWaId = contactsByIdentity(entries.stream().filter(e -> e.kind().equals("phone"))
                .map(e -> waIdOf(e.value())).filter(waId -> waId != null).distinct().toList());
        Set<String> reachable = reachable(entries.stream().filter(e -> e.kind().equals("contact"))
                .map(Entry::value).distinct().toList());
        List<Outcome> candidates = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            candidates.add(candidate(entry, contactByWaId, reachable));
        }
        Set<String> optedOut = optedOut(candidates.stream().map(Outcome::contactId).filter(id -> id != null)
                .distinct().toList());
        Set<String> seen = new HashSet<>();
        List<Outcome> outcomes = new ArrayList<>(candidates.size());
        for (Outcome candidate : candidates) {
            if (candidate.excludedFor() != null) {
                outcomes.add(candidate);
            } else if (!seen.add(candidate.contactId())) {
                outcomes.add(new Outcome(candidate.entry(), candidate.contactId(), null, DUPLICATE));
            } else if (optedOut.contains(candidate.contactId())) {
                outcomes.add(new Outcome(candidate.entry(), candidate.contactId(), null, OPTED_OUT));
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
                    outcome.newWaId(), outcome.excludedFor() == null ? "pending" : "excluded", outcome.excludedFor(),
                    RecipientPartitions.keyOf(outcome.contactId())});
        }
        for (int from = 0; from < rows.size(); from += 1_000) {
            jdbc.batchUpdate("insert into campaign_recipient (campaign_id, seq, entry, contact_id, wa_id, state, reason, "
                    + "partition_key) values (?, ?, ?, ?, ?, ?, ?, ?)", rows.subList(from, Math.min(rows.size(), from + 1_000)));
        }
    }

    private Outcome candidate(Entry entry, Map<String, String> contactByWaId, Set<String> reachable) {
        if (entry.kind().equals("phone")) {
            String waId = waIdOf(entry.value());
            if (waId == null) {
                return new Outcome(entry.value(), null, null, INVALID_PHONE_NUMBER);
            }
            String known = contactByWaId.get(waId);
            return known != null ? new Outcome(entry.value(), known, null, null)
                    : new Outcome(entry.value(), ContactId.derivedFrom(IdentityType.WA_ID.key(waId)).value(), waId, null);
        }
        return reachable.contains(entry.value()) ? new Outcome(entry.value(), entry.value(), null, null)
                : new Outcome(entry.value(), null, null, NO_WHATSAPP_IDENTITY);
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

    private Map<String, String> contactsByIdentity(List<String> waIds) {
        Map<String, String> found = new HashMap<>();
        for (List<String> chunk : chunks(waIds)) {
            jdbc.query("select identity, contact_id from contact_identity where identity in (" + marks(chunk) + ")",
                    rs -> {
                        found.put(rs.getString(1).substring(IdentityType.WA_ID.key("").length()), rs.getString(2));
                    }, chunk.stream().map(IdentityType.WA_ID::key).toArray());
        }
        return found;
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
