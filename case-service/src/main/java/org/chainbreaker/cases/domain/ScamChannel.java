package org.chainbreaker.cases.domain;

/** How the scammers reached the victim. */
public enum ScamChannel {
    PHONE_CALL,
    SMS,
    MESSAGING_APP,
    SOCIAL_MEDIA,
    DATING_APP,
    WEBSITE,
    EMAIL,
    IN_PERSON,
    OTHER_CHANNEL
}
