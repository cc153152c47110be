package ke.co.datacare.whatsapp.chatbot.context;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** The Redis running on this machine, or a port where none listens, with the short timeouts we recommend. */
final class LocalRedis {

    static final Duration COMMAND_TIMEOUT = Duration.ofMillis(200);
    /** The live Redis gets more room: a loaded CI machine must not turn a slow answer into a failure. */
    private static final Duration LIVE_TIMEOUT = Duration.ofSeconds(3);

    private LocalRedis() {
    }

    static LettuceConnectionFactory running() {
        return connectTo(6379, LIVE_TIMEOUT);
    }

    static LettuceConnectionFactory unreachable() {
        return connectTo(unusedPort(), COMMAND_TIMEOUT);
    }

    private static LettuceConnectionFactory connectTo(int port, Duration timeout) {
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .commandTimeout(timeout)
                .clientOptions(ClientOptions.builder()
                        .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                        .build())
                .build();
        LettuceConnectionFactory factory =
                new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port), client);
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
