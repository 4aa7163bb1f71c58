package org.chainbreaker.cases.domain;

import org.chainbreaker.platform.records.PageCursor;
import java.util.List;
import java.util.Optional;

/** One page of cases, newest first, and where the next page starts. */
public record CasePage(List<Case> cases, Optional<PageCursor> next) {
}
