package org.chainbreaker.platform.records;

import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.chainbreaker.platform.errors.InvalidArgumentException;
import org.chainbreaker.platform.errors.NotFoundException;

/**
 * Parses record ids from requests; an id that is not a UUID names no record the caller could see.
 */
public final class RecordIds {

    private RecordIds() {}

    public static UUID parse(String field, String value, Supplier<NotFoundException> notFound) {
        if (value == null || value.isEmpty()) {
            throw InvalidArgumentException.of(field, "is required");
        }
        try {
            UUID id = UUID.fromString(value);
            if (!id.toString().equals(value.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw notFound.get();
        }
    }
}
