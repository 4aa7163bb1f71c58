package org.chainbreaker.fugitives.domain;

import org.chainbreaker.platform.records.PageCursor;
import java.util.List;
import java.util.Optional;

/** One page of records, newest first, and where the next page starts. */
public record Page<T>(List<T> items, Optional<PageCursor> next) {
}
