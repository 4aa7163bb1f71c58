package org.chainbreaker.fugitives.domain;

import java.util.Optional;
import org.chainbreaker.fugitives.domain.names.NameMatcher;
import org.chainbreaker.fugitives.domain.names.Scripts;
import org.chainbreaker.platform.errors.FieldChecks;

/**
 * A name search as the caller asks it: a name, a date of birth (zero parts unknown), a page size
 * and a lowest score, zero meaning "the default" for both.
 */
public record NameSearchQuery(String name, PartialDate dateOfBirth, int pageSize, double minScore) {

    /** The page size of a search that names none. */
    public static final int DEFAULT_PAGE_SIZE = 20;

    /** A search as it runs: the name stripped, the date checked, the defaults applied. */
    public record Checked(String name, PartialDate dateOfBirth, int pageSize, double floor) {}

    /**
     * Checks the fields; a search without a page size gets {@link #DEFAULT_PAGE_SIZE}, one without
     * a lowest score the matcher's own threshold (what it calls a match).
     */
    public Checked check(int currentYear) {
        FieldChecks checks = new FieldChecks().text(name, "name", 1);
        readable(checks, name);
        checks.require(pageSize >= 0 && pageSize <= 100, "page_size", "must be 0 to 100")
                .require(minScore >= 0 && minScore <= 1, "min_score", "must be 0 to 1");
        Optional<PartialDate> dob = checkedDate(dateOfBirth, currentYear, checks);
        checks.throwIfAny();
        return new Checked(
                name.strip(),
                dob.orElseThrow(),
                pageSize == 0 ? DEFAULT_PAGE_SIZE : pageSize,
                minScore == 0 ? NameMatcher.THRESHOLD : minScore);
    }

    static Optional<PartialDate> checkedDate(
            PartialDate asked, int currentYear, FieldChecks checks) {
        return PartialDate.check(
                asked.year(), asked.month(), asked.day(), "date_of_birth", currentYear, checks);
    }

    /**
     * A name to look for must be readable as one (letters, one script); checked only when its
     * length is fine (the length has its own message).
     */
    static void readable(FieldChecks checks, String name) {
        if (name != null
                && !name.isBlank()
                && name.codePointCount(0, name.length()) <= WantedPersonDetails.MAX_NAME
                && name.codePoints().noneMatch(Character::isISOControl)) {
            Scripts.problem(name).ifPresent(problem -> checks.require(false, "name", problem));
        }
    }
}
