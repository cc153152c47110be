package ke.co.datacare.whatsapp.app.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The few ways the generators draw from the fuzzer's bytes: a weighted choice, one of some values, a number in a
 * range, a string of given characters, a list. Every draw goes through {@link FuzzedDataProvider}, so the fuzzer's
 * mutations of the input steer what is generated, and an input replays to the same bodies.
 */
final class Draw {

    private final FuzzedDataProvider data;

    Draw(FuzzedDataProvider data) {
        this.data = data;
    }

    /** One alternative with its weight; a weight of 0 leaves it out. */
    record Weighted<T>(int weight, Supplier<T> value) {
    }

    static <T> Weighted<T> w(int weight, Supplier<T> value) {
        return new Weighted<>(weight, value);
    }

    @SafeVarargs
    final <T> T frequency(Weighted<? extends T>... alternatives) {
        int total = 0;
        for (Weighted<? extends T> alternative : alternatives) {
            total += alternative.weight();
        }
        int drawn = data.consumeInt(0, total - 1);
        for (Weighted<? extends T> alternative : alternatives) {
            if (drawn < alternative.weight()) {
                return alternative.value().get();
            }
            drawn -= alternative.weight();
        }
        throw new IllegalStateException("no alternative with a weight");
    }

    @SafeVarargs
    final <T> T of(T... values) {
        return values[data.consumeInt(0, values.length - 1)];
    }

    boolean bool() {
        return data.consumeBoolean();
    }

    int between(int min, int max) {
        return data.consumeInt(min, max);
    }

    long between(long min, long max) {
        return data.consumeLong(min, max);
    }

    double between(double min, double max) {
        return data.consumeRegularDouble(min, max);
    }

    /** A string of {@code min..max} characters, each one of {@code alphabet}. */
    String chars(String alphabet, int min, int max) {
        int length = between(min, max);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(data.consumeInt(0, alphabet.length() - 1)));
        }
        return text.toString();
    }

    /** Any string of Java characters, lone surrogates and controls included. */
    String anyString(int maxLength) {
        return data.consumeString(maxLength);
    }

    byte[] bytes(int maxLength) {
        return data.consumeBytes(maxLength);
    }

    /** Whatever is left of the input, as bytes. */
    byte[] remainingBytes() {
        return data.consumeRemainingAsBytes();
    }

    <T> List<T> list(int min, int max, Function<Draw, T> element) {
        int size = between(min, max);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.apply(this));
        }
        return list;
    }

    static final String DIGITS = "0123456789";
    static final String ALPHA = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
}
