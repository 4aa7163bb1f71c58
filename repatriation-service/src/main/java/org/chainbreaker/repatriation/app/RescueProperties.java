package org.chainbreaker.repatriation.app;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of emergency rescue requests ({@code chainbreaker.rescue.*}).
 *
 * @param acknowledgeWithin how long the host country has to acknowledge a request before it is
 *     escalated
 * @param escalationInterval how often the escalation timer looks for requests past their deadline
 * @param escalationBatch how many requests one round escalates at most
 */
@ConfigurationProperties("chainbreaker.rescue")
public record RescueProperties(
        @DefaultValue("2h") Duration acknowledgeWithin,
        @DefaultValue("30s") Duration escalationInterval,
        @DefaultValue("50") int escalationBatch) {}
