package org.chainbreaker.platform.records;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * An unambiguous, deterministic byte form of a checked request (records of strings, numbers, enums,
 * times, UUIDs, optionals, lists, sets and maps), for {@link RequestKey}'s digest. Every value is
 * tagged and length-delimited, so different requests never share a form. Record components appear
 * by name in name order; a component at its default (null, empty optional, empty text or
 * collection, zero, false) is left out, so a component added later does not change the form of
 * requests that leave it unset. Sets and maps are sorted (their order carries no meaning); lists
 * keep theirs. Components named {@code requestId} are not part of the request. Anything else is
 * refused, so a new kind of value cannot slip into a digest by an unstable {@code toString()}.
 */
final class CanonicalForm {

    private static final String KEY_COMPONENT = "requestId";

    private CanonicalForm() {}

    static byte[] of(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append('z');
            case CharSequence text -> text(out, 's', text.toString());
            case Character c -> text(out, 's', c.toString());
            case Boolean b -> out.append(b ? "b1" : "b0");
            case Integer n -> text(out, 'i', n.toString());
            case Long n -> text(out, 'i', n.toString());
            case Short n -> text(out, 'i', n.toString());
            case Byte n -> text(out, 'i', n.toString());
            case BigInteger n -> text(out, 'i', n.toString());
            case BigDecimal n ->
                    text(out, 'n', n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString());
            case Double d -> text(out, 'd', Double.toString(d));
            case Float f -> text(out, 'd', Double.toString(f.doubleValue()));
            case Enum<?> e -> text(out, 'e', e.name());
            case UUID u -> text(out, 'u', u.toString());
            case Instant t -> text(out, 't', t.getEpochSecond() + "." + t.getNano());
            case TemporalAccessor t -> text(out, 'T', t.toString());
            case TemporalAmount t -> text(out, 'D', t.toString());
            case Optional<?> o -> {
                out.append('o');
                if (o.isPresent()) {
                    write(out, o.get());
                } else {
                    out.append('-');
                }
            }
            case OptionalInt o ->
                    write(out, o.isPresent() ? Optional.of(o.getAsInt()) : Optional.empty());
            case OptionalLong o ->
                    write(out, o.isPresent() ? Optional.of(o.getAsLong()) : Optional.empty());
            case OptionalDouble o ->
                    write(out, o.isPresent() ? Optional.of(o.getAsDouble()) : Optional.empty());
            case byte[] bytes -> text(out, 'x', HexFormat.of().formatHex(bytes));
            case Object[] array -> list(out, 'l', Arrays.asList(array));
            case Set<?> set -> forms(out, 'S', sorted(set));
            case Collection<?> list -> list(out, 'l', list);
            case Map<?, ?> map -> map(out, map);
            case Record record -> record(out, record);
            default ->
                    throw new IllegalArgumentException(
                            "no canonical form for a "
                                    + value.getClass().getName()
                                    + "; add one to CanonicalForm rather than rely on toString()");
        }
    }

    private static void text(StringBuilder out, char tag, String text) {
        out.append(tag).append(text.length()).append(':').append(text);
    }

    private static void list(StringBuilder out, char tag, Collection<?> items) {
        out.append(tag).append(items.size()).append(':');
        for (Object item : items) {
            write(out, item);
        }
    }

    private static List<String> sorted(Collection<?> items) {
        List<String> forms = new ArrayList<>(items.size());
        for (Object item : items) {
            StringBuilder one = new StringBuilder();
            write(one, item);
            forms.add(one.toString());
        }
        forms.sort(Comparator.naturalOrder());
        return forms;
    }

    /** Sorted items are already in canonical form: written as they are, tagged as such. */
    private static void forms(StringBuilder out, char tag, List<String> forms) {
        out.append(tag).append(forms.size()).append(':');
        forms.forEach(out::append);
    }

    private static void map(StringBuilder out, Map<?, ?> map) {
        List<String> entries = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            StringBuilder one = new StringBuilder();
            write(one, e.getKey());
            write(one, e.getValue());
            entries.add(one.toString());
        }
        entries.sort(Comparator.naturalOrder());
        forms(out, 'm', entries);
    }

    private static void record(StringBuilder out, Record record) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Arrays.sort(components, Comparator.comparing(RecordComponent::getName));
        out.append('r');
        for (RecordComponent component : components) {
            if (component.getName().equals(KEY_COMPONENT)) {
                continue;
            }
            Object value = valueOf(record, component);
            if (isDefault(value)) {
                continue;
            }
            text(out, 'c', component.getName());
            write(out, value);
        }
        out.append('.');
    }

    private static Object valueOf(Record record, RecordComponent component) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot read "
                            + record.getClass().getName()
                            + "."
                            + component.getName()
                            + " for a request digest",
                    e);
        }
    }

    /** Defaults are left out; an Optional that is present is never a default, whatever it holds. */
    private static boolean isDefault(Object value) {
        return switch (value) {
            case null -> true;
            case Optional<?> o -> o.isEmpty();
            case OptionalInt o -> o.isEmpty();
            case OptionalLong o -> o.isEmpty();
            case OptionalDouble o -> o.isEmpty();
            case CharSequence text -> text.isEmpty();
            case Collection<?> items -> items.isEmpty();
            case Map<?, ?> map -> map.isEmpty();
            case Boolean b -> !b;
            case Integer n -> n == 0;
            case Long n -> n == 0;
            case Short n -> n == 0;
            case Byte n -> n == 0;
            case Double d -> Double.doubleToRawLongBits(d) == 0L;
            case Float f -> Float.floatToRawIntBits(f) == 0;
            default -> false;
        };
    }
}
