package org.chainbreaker.fugitives.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import org.chainbreaker.platform.errors.FieldChecks;

/**
 * A date of birth that may be partial: year only, year and month, or a full date. Zero means
 * unknown; a day without a month is not a date.
 */
public record PartialDate(int year, int month, int day) {

    public static final PartialDate UNKNOWN = new PartialDate(0, 0, 0);

    /** How two dates of birth relate. */
    public enum Agreement {
        /** At least one side gives no date. */
        UNKNOWN,
        /** Every part both sides know is equal. */
        COMPATIBLE,
        /** Both are full dates and equal. */
        EXACT,
        /** The years differ by one, nothing else known contradicts: a common clerical error. */
        NEAR,
        /** A part both sides know differs. */
        CONFLICT
    }

    public boolean known() {
        return year != 0;
    }

    public boolean full() {
        return year != 0 && month != 0 && day != 0;
    }

    /** Checks a date from a request; field names are the request's proto paths. */
    public static Optional<PartialDate> check(
            int year, int month, int day, String field, int currentYear, FieldChecks checks) {
        if (year == 0 && month == 0 && day == 0) {
            return Optional.of(UNKNOWN);
        }
        boolean valid =
                year >= 1900
                        && year <= currentYear
                        && month >= 0
                        && month <= 12
                        && day >= 0
                        && day <= 31
                        && !(day != 0 && month == 0);
        if (valid && day != 0) {
            try {
                LocalDate.of(year, month, day);
            } catch (DateTimeException e) {
                valid = false;
            }
        }
        checks.require(
                valid,
                field,
                "must be a year from 1900 to now, optionally with month, and day only with month");
        return valid ? Optional.of(new PartialDate(year, month, day)) : Optional.empty();
    }

    public Agreement compare(PartialDate other) {
        if (!known() || !other.known()) {
            return Agreement.UNKNOWN;
        }
        if (year != other.year) {
            boolean rest =
                    (month == 0 || other.month == 0 || month == other.month)
                            && (day == 0 || other.day == 0 || day == other.day);
            return Math.abs(year - other.year) == 1 && rest ? Agreement.NEAR : Agreement.CONFLICT;
        }
        if (month != 0 && other.month != 0 && month != other.month) {
            return Agreement.CONFLICT;
        }
        if (day != 0 && other.day != 0 && day != other.day) {
            return Agreement.CONFLICT;
        }
        return full() && other.full() ? Agreement.EXACT : Agreement.COMPATIBLE;
    }

    @Override
    public String toString() {
        if (!known()) {
            return "unknown";
        }
        return month == 0
                ? String.valueOf(year)
                : day == 0
                        ? "%d-%02d".formatted(year, month)
                        : "%d-%02d-%02d".formatted(year, month, day);
    }
}
