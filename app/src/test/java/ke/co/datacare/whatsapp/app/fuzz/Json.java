package ke.co.datacare.whatsapp.app.fuzz;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small JSON tree for generated webhook bodies, written byte for byte as chosen: non-ASCII raw in UTF-8
 * or as Meta writes it (backslash-u escapes of UTF-16 units), and with room for what a JSON library would not write
 * (the same key twice, raw fragments such as very deep nesting).
 */
final class Json {

    private Json() {
    }

    /** A JSON object whose members keep their order and may repeat a key. */
    static final class Obj {
        final List<Map.Entry<String, Object>> members = new ArrayList<>();

        Obj put(String key, Object value) {
            members.add(new java.util.AbstractMap.SimpleEntry<>(key, value));
            return this;
        }

        /** Adds the member only when the value is present (null means "leave the field out"). */
        Obj putIfPresent(String key, Object value) {
            return value == null ? this : put(key, value);
        }
    }

    /** JSON text written as it is. */
    record Raw(String text) {
    }

    /** The JSON literal {@code null} (a Java null in a tree means the same). */
    static final Object NULL = new Raw("null");

    static Obj obj() {
        return new Obj();
    }

    static List<Object> arr(Object... values) {
        return new ArrayList<>(List.of(values));
    }

    static String write(Object value, boolean escapeNonAscii) {
        StringBuilder out = new StringBuilder();
        write(value, escapeNonAscii, out);
        return out.toString();
    }

    private static void write(Object value, boolean escape, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.text());
        } else if (value instanceof String text) {
            string(text, escape, out);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof Double number) {
            out.append(number.isNaN() || number.isInfinite() ? "0" : number.toString());
        } else if (value instanceof BigDecimal number) {
            out.append(number.toString());
        } else if (value instanceof Obj obj) {
            out.append('{');
            for (int i = 0; i < obj.members.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(obj.members.get(i).getKey(), escape, out);
                out.append(':');
                write(obj.members.get(i).getValue(), escape, out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), escape, out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    private static void string(String text, boolean escape, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (escape && c > 0x7e) || Character.isSurrogate(c) && !escape && !pairedAt(text, i)) {
                        // Meta's style: lowercase hex; a lone surrogate can only travel as an escape
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean pairedAt(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    /** A copy of the tree whose objects and arrays can be changed without touching the original. */
    static Object copy(Object value) {
        if (value instanceof Obj obj) {
            Obj copy = new Obj();
            obj.members.forEach(member -> copy.put(member.getKey(), copy(member.getValue())));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(copy(item)));
            return copy;
        }
        return value;
    }

    /** Every object and array in the tree, the root first. */
    static List<Object> containers(Object root) {
        List<Object> found = new ArrayList<>();
        collect(root, found);
        return found;
    }

    private static void collect(Object value, List<Object> found) {
        if (value instanceof Obj obj) {
            found.add(obj);
            obj.members.forEach(member -> collect(member.getValue(), found));
        } else if (value instanceof List<?> list) {
            found.add(list);
            list.forEach(item -> collect(item, found));
        }
    }
}
