package org.chainbreaker.cases.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * What an owner asks when it shares a case or scam centre with a country group: the group (as the
 * caller named it, not yet resolved), the handling code of every member grant, and an expiry if
 * any.
 */
public record GroupShareRequest(
        String groupId, HandlingCode handlingCode, Optional<Instant> expireTime) {}
