package ke.co.datacare.whatsapp.app.operations;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Bucket4j buckets kept in Redis (compare-and-swap through Lettuce), shared by every instance. One proxy per key
 * is kept (the most recent {@value #MAX_PROXIES}) with Bucket4j's batching optimisation, so that concurrent
 * requests of this instance on the same key go to Redis as one round trip instead of racing each other's
 * compare-and-swap. Connects on first use, so the service starts without Redis; after a failed connection it
 * tries again at most every {@link #RECONNECT_PAUSE} (Lettuce reconnects by itself once connected). Failures
 * reach the caller, which decides how to carry on without Redis. Tokens of many buckets at once
 * ({@link #takeOneOfEach}) go out together through Bucket4j's asynchronous proxies, which Lettuce pipelines on its one
 * connection: one wait for a whole batch of recipients instead of one per recipient.
 */
final class RedisBuckets {

    static final int MAX_PROXIES = 10_000;
    private static final long RECONNECT_PAUSE = Duration.ofSeconds(5).toNanos();

    private final RedisClient client;
    private final Duration keepAfterRefill;
    private final Duration timeout;
    private final Map<String, Bucket> proxies = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_PROXIES;
        }
    };
    private volatile ProxyManager<byte[]> redis;
    private long nextAttempt;

    RedisBuckets(String redisUrl, Duration timeout, Duration keepAfterRefill) {
        this.client = RedisClient.create(redisUrl);
        this.client.setDefaultTimeout(timeout);
        this.keepAfterRefill = keepAfterRefill;
        this.timeout = timeout;
    }

    Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
        ProxyManager<byte[]> connected = redis != null ? redis : connect();
        synchronized (proxies) {
            return proxies.computeIfAbsent(key, ignored -> connected.builder()
                    .withOptimization(Optimizations.batching())
                    .build(key.getBytes(StandardCharsets.UTF_8), configuration));
        }
    }

    /**
     * One token of each bucket under {@code keys}, asked for all at once; fails as a whole when Redis does not answer
     * in time (the caller then takes them from its own buckets).
     */
    List<ConsumptionProbe> takeOneOfEach(List<String> keys, Supplier<BucketConfiguration> configuration) {
        ProxyManager<byte[]> connected = redis != null ? redis : connect();
        AsyncProxyManager<byte[]> async = connected.asAsync();
        CompletableFuture<BucketConfiguration> created = CompletableFuture.completedFuture(configuration.get());
        List<CompletableFuture<ConsumptionProbe>> probes = keys.stream().map(key -> {
            AsyncBucketProxy bucket = async.builder().build(key.getBytes(StandardCharsets.UTF_8), () -> created);
            return bucket.tryConsumeAndReturnRemaining(1);
        }).toList();
        // the timeout of one command, and as much again per 100 keys (a batch of 200 took 40-80 ms on a machine at load 15)
        long patience = timeout.toNanos() + timeout.toNanos() * keys.size() / 100;
        try {
            CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new)).get(patience, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while taking tokens from Redis", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Redis did not give " + keys.size() + " tokens: " + e, e);
        }
        return probes.stream().map(CompletableFuture::join).toList();
    }

    private synchronized ProxyManager<byte[]> connect() {
        if (redis == null) {
            if (System.nanoTime() - nextAttempt < 0) {
                throw new IllegalStateException("Redis is unreachable; next connection attempt in a few seconds");
            }
            try {
                redis = Bucket4jLettuce.casBasedBuilder(client.connect(ByteArrayCodec.INSTANCE))
                        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(keepAfterRefill))
                        .build();
            } catch (RuntimeException e) {
                nextAttempt = System.nanoTime() + RECONNECT_PAUSE;
                throw e;
            }
        }
        return redis;
    }
}
