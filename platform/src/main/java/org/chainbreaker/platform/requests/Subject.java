package org.chainbreaker.platform.requests;

/**
 * The record a request is about, as the requester knows it from its hit: the kind (e.g. {@code
 * case}, {@code notice}) and the owner's reference (e.g. {@code TH-2026-000017}), never an internal
 * id the hit did not tell.
 */
public record Subject(String kind, String reference) {}
