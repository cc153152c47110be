package ke.co.datacare.whatsapp.app.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import javax.sql.DataSource;

/**
 * Imported by a test whose application context needs a database of its own ({@link TestDatabase.Own}): one created
 * when the context starts, so that no other context of the run processes the same events.
 */
@TestConfiguration(proxyBeanMethods = false)
public class OwnDatabase {

    @Bean
    @Primary
    DataSource ownDataSource() {
        return new TestDatabase.Own("own").dataSource();
    }
}
