package org.chainbreaker.platform.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.chainbreaker.platform.errors.EtagMismatchException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EtagsTest {

    private static final UUID ID = UUID.fromString("6f1c3a2e-0d4b-4c5e-9a1f-2b3c4d5e6f70");

    @AfterEach
    void developmentKeyAgain() {
        Etags.install("chainbreaker-local-development-only");
    }

    @Test
    void an_etag_is_not_computable_from_id_and_version_alone() throws Exception {
        Etags.install("a deployment secret of its own");
        String etag = Etags.of(ID, 3);
        // What anyone holding the id could compute: the unkeyed hash of id and version (the etags
        // before).
        String unkeyed =
                HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256")
                                        .digest((ID + ":" + 3).getBytes(StandardCharsets.UTF_8)),
                                0,
                                8);
        assertThat(etag).isNotEqualTo(unkeyed);
        // Nor from the code's own development key: only the deployment's secret makes it.
        Etags.install("chainbreaker-local-development-only");
        assertThat(Etags.of(ID, 3)).isNotEqualTo(etag);
    }

    @Test
    void a_forged_etag_is_refused_and_the_issued_one_accepted() throws Exception {
        Etags.install("a deployment secret of its own");
        String issued = Etags.of(ID, 3);
        assertThatCode(() -> Etags.requireCurrent(issued, ID, 3)).doesNotThrowAnyException();
        String unkeyed =
                HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256")
                                        .digest((ID + ":" + 3).getBytes(StandardCharsets.UTF_8)),
                                0,
                                8);
        assertThatThrownBy(() -> Etags.requireCurrent(unkeyed, ID, 3))
                .isInstanceOf(EtagMismatchException.class);
        Etags.install("another deployment's secret");
        String otherDeployment = Etags.of(ID, 3);
        Etags.install("a deployment secret of its own");
        assertThatThrownBy(() -> Etags.requireCurrent(otherDeployment, ID, 3))
                .isInstanceOf(EtagMismatchException.class);
        assertThatThrownBy(() -> Etags.requireCurrent(Etags.of(ID, 2), ID, 3))
                .isInstanceOf(EtagMismatchException.class);
    }

    @Test
    void a_short_secret_is_refused() {
        assertThatThrownBy(() -> Etags.install("short"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
