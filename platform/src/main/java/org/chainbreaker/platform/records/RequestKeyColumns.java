package org.chainbreaker.platform.records;

import java.sql.Types;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The two columns a table keeps for idempotent creates ({@code request_id}, {@code request_digest},
 * unique per creating country with the id): what an insert binds for them, and the record a key
 * already names. The "insert, or answer the earlier record" step itself is {@link RequestKey#once}.
 */
public final class RequestKeyColumns {

    private RequestKeyColumns() {}

    /**
     * The parameters {@code :requestId} and {@code :digest} of an insert (both null without a key;
     * the digest bound as binary even when null).
     */
    public static Map<String, Object> params(Optional<RequestKey> key) {
        Map<String, Object> params = new HashMap<>();
        params.put("requestId", key.map(RequestKey::id).orElse(null));
        params.put(
                "digest",
                new SqlParameterValue(Types.BINARY, key.map(RequestKey::digest).orElse(null)));
        return params;
    }

    /**
     * The record of {@code table} that the creating country ({@code countryColumn}) made under this
     * request id, with the digest of the request that made it. The table and column names are the
     * caller's constants.
     */
    public static Optional<RequestKey.Stored<UUID>> find(
            JdbcClient jdbc, String table, String countryColumn, String country, String requestId) {
        return jdbc.sql(
                        "select id, request_digest from "
                                + table
                                + " where "
                                + countryColumn
                                + " = :country and request_id = :requestId")
                .param("country", country)
                .param("requestId", requestId)
                .query(
                        (rs, n) ->
                                new RequestKey.Stored<>(
                                        rs.getObject(1, UUID.class), rs.getBytes(2)))
                .optional();
    }
}
