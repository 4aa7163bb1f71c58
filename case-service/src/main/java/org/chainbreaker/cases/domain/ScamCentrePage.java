package org.chainbreaker.cases.domain;

import java.util.List;
import java.util.Optional;
import org.chainbreaker.platform.records.PageCursor;

/** One page of scam centres, newest first, and where the next page starts. */
public record ScamCentrePage(List<ScamCentre> centres, Optional<PageCursor> next) {
}
