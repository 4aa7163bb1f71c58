package org.chainbreaker.fugitives.domain;

/** The warrant a notice rests on. */
public record Warrant(String reference, String issuingAuthority) {}
