package ke.co.datacare.whatsapp.app.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Creates the first admin on a database without users, from {@code ADMIN_EMAIL}/{@code ADMIN_PASSWORD};
 * without a password, a generated one is printed once.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserAccounts users;
    private final SecurityProperties properties;

    AdminBootstrap(UserAccounts users, SecurityProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        String password = properties.adminPassword();
        boolean generated = password == null || password.isBlank();
        if (generated) {
            byte[] random = new byte[15];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        try {
            users.create(properties.adminEmail(), password, "Administrator", Role.ADMIN, generated);
        } catch (DuplicateKeyException anotherInstanceWasFirst) {
            // instances starting together on an empty database: one creates the admin, the others start as well
            log.info("The first admin {} was created by another instance", properties.adminEmail());
            return;
        }
        if (generated) {
            log.warn("Created the first admin {} with the generated password {} (shown once; "
                            + "it must be changed at first login; set ADMIN_PASSWORD to choose it)",
                    properties.adminEmail(), password);
        } else {
            log.info("Created the first admin {}", properties.adminEmail());
        }
    }
}
