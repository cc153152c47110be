package ke.co.datacare.whatsapp.app.instances;

import ke.co.datacare.whatsapp.app.support.GraphStub;
import ke.co.datacare.whatsapp.app.support.ServiceInstance;
import ke.co.datacare.whatsapp.app.support.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/** Whole service instances on one fresh database of their own, each with its own caches; all stopped together. */
final class InstancesOnOneDatabase {

    private final String database;
    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    InstancesOnOneDatabase(String name) {
        database = TestDatabase.create(name + "_" + Long.toHexString(System.nanoTime()));
    }

    /** An instance with these settings ({@code --name=value}) besides the test's. */
    ServiceInstance start(String... settings) {
        ServiceInstance instance = ServiceInstance.start(database, settings);
        running.add(instance.context());
        return instance;
    }

    void stopAll() {
        running.forEach(ConfigurableApplicationContext::close);
        GraphStub.reset();
    }
}
