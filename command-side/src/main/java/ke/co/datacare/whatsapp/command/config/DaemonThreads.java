package ke.co.datacare.whatsapp.command.config;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import java.util.concurrent.ThreadFactory;

/** Daemon threads named {@code <name>-<n>} (Spring's {@link CustomizableThreadFactory}): none holds the JVM open. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    public static ThreadFactory named(String name) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(name + "-");
        threads.setDaemon(true);
        return threads;
    }
}
