package org.chainbreaker.platform.requests;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The owner's answer. A grant (full or partial) carries the handling code ({@code H0} to {@code
 * H3}) and the end of the grant the owner chose; a partial grant names what it grants; a decline
 * gives its reason; a question asks the requester something ({@code text}).
 */
public record Answer(
        AnswerKind kind,
        String text,
        Optional<String> handlingCode,
        Optional<Instant> grantUntil,
        Set<Ask> granted) {

    public Answer {
        text = text == null ? "" : text;
        handlingCode =
                handlingCode == null ? Optional.empty() : handlingCode.filter(c -> !c.isEmpty());
        grantUntil = grantUntil == null ? Optional.empty() : grantUntil;
        granted = granted == null ? Set.of() : Set.copyOf(granted);
    }

    public static Answer grant(String handlingCode, Instant until) {
        return new Answer(
                AnswerKind.GRANT, "", Optional.of(handlingCode), Optional.of(until), Set.of());
    }

    public static Answer decline(String reason) {
        return new Answer(AnswerKind.DECLINE, reason, Optional.empty(), Optional.empty(), Set.of());
    }

    public static Answer question(String text) {
        return new Answer(AnswerKind.QUESTION, text, Optional.empty(), Optional.empty(), Set.of());
    }

    public boolean grants() {
        return kind == AnswerKind.GRANT || kind == AnswerKind.PARTIAL_GRANT;
    }
}
