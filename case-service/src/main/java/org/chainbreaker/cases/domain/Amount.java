package org.chainbreaker.cases.domain;

/** An amount of money: ISO 4217 currency, whole units and nano units (as google.type.Money). */
public record Amount(String currency, long units, int nanos) {}
