package org.chainbreaker.platform.requests;

/**
 * The owner's answer to a request: a grant, a partial grant, a decline, or a question back to the
 * requester.
 */
public enum AnswerKind {
    GRANT,
    PARTIAL_GRANT,
    DECLINE,
    QUESTION
}
