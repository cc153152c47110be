package ke.co.datacare.whatsapp.app.notifications;

import ke.co.datacare.whatsapp.app.security.Role;
import ke.co.datacare.whatsapp.app.security.UserAccounts;
import ke.co.datacare.whatsapp.app.security.UserAccounts.UserAccount;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Who is told about what: a named user and/or the admins, each only if enabled and wanting that kind of email. */
@Component
class NotificationRecipients {

    private final UserAccounts users;
    private final NotificationPreferences preferences;

    NotificationRecipients(UserAccounts users, NotificationPreferences preferences) {
        this.users = users;
        this.preferences = preferences;
    }

    /** The user with this id (when there is one) and every admin, once each. */
    List<UserAccount> userAndAdmins(String userId, NotificationKind kind) {
        Map<String, UserAccount> recipients = new LinkedHashMap<>();
        Optional.ofNullable(userId).flatMap(users::byId).ifPresent(user -> recipients.put(user.id(), user));
        users.all().stream().filter(user -> user.role() == Role.ADMIN).forEach(user -> recipients.putIfAbsent(user.id(), user));
        return recipients.values().stream()
                .filter(UserAccount::enabled)
                .filter(user -> kind.wantedBy(preferences.of(user.id())))
                .toList();
    }

    List<UserAccount> admins(NotificationKind kind) {
        return userAndAdmins(null, kind);
    }
}
