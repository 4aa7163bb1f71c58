package org.chainbreaker.gateway.security;

import org.chainbreaker.platform.security.SigningKeys;
import org.chainbreaker.platform.security.TokenRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Loads the realm's signing keys once at start-up, on a thread of its own, so that the first
 * requests do not wait for them. If the identity provider is not up yet the gateway starts anyway;
 * the first token loads the keys.
 */
@Component
class SigningKeysWarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SigningKeysWarmUp.class);

    private final SigningKeys keys;

    SigningKeysWarmUp(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public void run(ApplicationArguments args) {
        Thread.ofVirtual()
                .name("signing-keys-warm-up")
                .start(
                        () -> {
                            try {
                                keys.refresh();
                            } catch (TokenRejectedException e) {
                                log.warn(
                                        "Signing keys not loaded at start-up ({}); they will be loaded on the first request",
                                        e.getMessage());
                            }
                        });
    }
}
