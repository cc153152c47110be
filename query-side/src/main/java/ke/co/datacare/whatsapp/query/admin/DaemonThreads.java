package ke.co.datacare.whatsapp.query.admin;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import java.util.concurrent.ThreadFactory;

/**
 * Daemon threads named {@code <name>-<n>} (Spring's {@link CustomizableThreadFactory}): none holds the JVM open. The
 * query side's own, as its module does not see the command side's.
 */
final class DaemonThreads {

    private DaemonThreads() {
    }

    static ThreadFactory named(String name) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(name + "-");
        threads.setDaemon(true);
        return threads;
    }
}
