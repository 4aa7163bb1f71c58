package org.chainbreaker.platform.errors;

/** The record changed since the caller read it; read it again and retry with the new etag. */
public final class EtagMismatchException extends ChainbreakerException {

    public EtagMismatchException() {
        super("the record was changed by someone else; read it again and retry with its new etag");
    }
}
