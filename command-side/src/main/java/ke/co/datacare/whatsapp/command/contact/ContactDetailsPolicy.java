package ke.co.datacare.whatsapp.command.contact;

import ke.co.datacare.whatsapp.api.contact.UpdateContact;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a contact's tags and custom attributes may be. A tag is trimmed and lower-cased, then 1 to 50 of
 * {@code a-z 0-9 _ - : .} and space; an attribute name is a letter followed by up to 39 letters, digits or
 * underscores (case kept); a value is a string of at most 500 characters. A contact has at most 50 of each. Opting a
 * contact back in needs a reason of at most 500 characters.
 */
public final class ContactDetailsPolicy {

    public static final int MAX_TAGS = 50;
    public static final int MAX_ATTRIBUTES = 50;
    public static final int MAX_TAG_LENGTH = 50;
    public static final int MAX_VALUE_LENGTH = 500;

    private static final Pattern TAG = Pattern.compile("[a-z0-9_\\-:. ]{1," + MAX_TAG_LENGTH + "}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

    public static final String TAG_RULE = "1 to " + MAX_TAG_LENGTH + " of a-z, 0-9, '_', '-', ':', '.' and space";
    public static final String NAME_RULE = "a letter, then up to 39 letters, digits or '_'";
    public static final String VALUE_RULE = "a string of at most " + MAX_VALUE_LENGTH + " characters";
    public static final String REASON_RULE = "why the contact is opted back in: 1 to " + MAX_VALUE_LENGTH + " characters";

    private ContactDetailsPolicy() {
    }

    /** The tag as it is stored (trimmed, lower case), or null when it is not a valid tag. */
    public static String normalTag(String tag) {
        if (tag == null) {
            return null;
        }
        String normal = tag.strip().toLowerCase(Locale.ROOT);
        return TAG.matcher(normal).matches() ? normal : null;
    }

    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static boolean validValue(String value) {
        return value != null && value.length() <= MAX_VALUE_LENGTH;
    }

    /** Everything wrong with an update on its own, before the contact's current details are looked at. */
    public static List<FieldViolation> problemsWith(UpdateContact update) {
        List<FieldViolation> problems = new ArrayList<>();
        Set<String> added = tags("tags.add", update.addTags(), problems);
        Set<String> removed = tags("tags.remove", update.removeTags(), problems);
        added.stream().filter(removed::contains).sorted().forEach(tag ->
                problems.add(new FieldViolation("tags", "'" + tag + "' is both added and removed")));
        if (added.size() > MAX_TAGS) {
            problems.add(new FieldViolation("tags.add", "at most " + MAX_TAGS + " tags per contact"));
        }
        for (Map.Entry<String, String> attribute : update.setAttributes().entrySet()) {
            if (!validName(attribute.getKey())) {
                problems.add(new FieldViolation("attributes.set", "'" + shortened(attribute.getKey()) + "': " + NAME_RULE));
            } else if (!validValue(attribute.getValue())) {
                problems.add(new FieldViolation("attributes.set." + attribute.getKey(), VALUE_RULE));
            }
        }
        if (update.setAttributes().size() > MAX_ATTRIBUTES) {
            problems.add(new FieldViolation("attributes.set", "at most " + MAX_ATTRIBUTES + " attributes per contact"));
        }
        for (String name : update.removeAttributes()) {
            if (!validName(name)) {
                problems.add(new FieldViolation("attributes.remove", "'" + shortened(name) + "': " + NAME_RULE));
            } else if (update.setAttributes().containsKey(name)) {
                problems.add(new FieldViolation("attributes", "'" + name + "' is both set and removed"));
            }
        }
        if (Boolean.FALSE.equals(update.optedOut())
                && (update.reason() == null || update.reason().isBlank() || !validValue(update.reason()))) {
            problems.add(new FieldViolation("reason", REASON_RULE));
        }
        return problems;
    }

    private static Set<String> tags(String field, List<String> tags, List<FieldViolation> problems) {
        Set<String> normal = new HashSet<>();
        for (String tag : tags) {
            String valid = normalTag(tag);
            if (valid == null) {
                problems.add(new FieldViolation(field, "'" + shortened(tag) + "': " + TAG_RULE));
            } else {
                normal.add(valid);
            }
        }
        return normal;
    }

    private static String shortened(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 60 ? value : value.substring(0, 60) + "...";
    }
}
