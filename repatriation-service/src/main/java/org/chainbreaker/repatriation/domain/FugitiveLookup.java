package org.chainbreaker.repatriation.domain;

/** What the fugitive-service answered about a wanted person, asked with the caller's token. */
public sealed interface FugitiveLookup {

    /**
     * The caller's country sees the wanted person; {@code arrested} is whether custody is ARRESTED
     * there now, {@code arrestingCountry} the country that recorded the arrest (empty if none).
     */
    record Found(
            String reference,
            String ownerCountry,
            boolean arrested,
            String arrestingCountry,
            boolean cancelled,
            java.util.Optional<ArrestOrigin> arrest)
            implements FugitiveLookup {

        public Found {
            arrestingCountry = arrestingCountry == null ? "" : arrestingCountry;
        }

        /**
         * {@code cancelled} is whether the notice is CANCELLED; {@code arrest} the arrest's place
         * and time, shown to the owner and the arresting country only.
         */
        public Found(
                String reference, String ownerCountry, boolean arrested, String arrestingCountry) {
            this(
                    reference,
                    ownerCountry,
                    arrested,
                    arrestingCountry,
                    false,
                    java.util.Optional.empty());
        }
    }

    /** No wanted person the caller's country may see has this id. */
    record NotVisible() implements FugitiveLookup {}

    /**
     * The fugitive-service could not answer now (down, too slow, circuit open, token no longer
     * accepted).
     */
    record Unavailable(String reason) implements FugitiveLookup {}
}
