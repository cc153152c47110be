package ke.co.datacare.whatsapp.api.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Change a contact's tags, custom attributes and marketing consent in one step: all of it, or (when any part is not
 * valid) none of it. Tags are normalised (trimmed, lower case); {@code setAttributes} is applied in its iteration
 * order; {@code optedOut} null leaves the consent as it is, false (back in after an opt-out) needs a {@code reason}.
 * Anything already so is not recorded again. Answers the number of changes recorded.
 */
public record UpdateContact(@TargetAggregateIdentifier ContactId contactId, List<String> addTags,
                            List<String> removeTags, Map<String, String> setAttributes, List<String> removeAttributes,
                            Boolean optedOut, String reason, String by, Instant at) {

    public UpdateContact {
        addTags = addTags == null ? List.of() : addTags;
        removeTags = removeTags == null ? List.of() : removeTags;
        setAttributes = setAttributes == null ? Map.of() : setAttributes;
        removeAttributes = removeAttributes == null ? List.of() : removeAttributes;
    }
}
