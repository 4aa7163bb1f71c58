package org.chainbreaker.devstack;

/**
 * Ports of one running suite: the gateway's REST (HTTP) and gRPC ports and each backend's gRPC
 * port.
 *
 * @param gatewayHttp gateway REST/JSON, e.g. 8080
 * @param gatewayGrpc gateway gRPC, e.g. 9090
 * @param cases case-service gRPC, e.g. 9101
 * @param fugitives fugitive-service gRPC, e.g. 9102
 * @param repatriation repatriation-service gRPC, e.g. 9103
 */
public record SuitePorts(
        int gatewayHttp, int gatewayGrpc, int cases, int fugitives, int repatriation) {

    /** The fixed ports of the local stack (see DESIGN.md). */
    public static SuitePorts localDefaults() {
        return new SuitePorts(8080, 9090, 9101, 9102, 9103);
    }

    /** Random free ports, for tests. */
    public static SuitePorts random() {
        return new SuitePorts(
                Devstack.freePort(),
                Devstack.freePort(),
                Devstack.freePort(),
                Devstack.freePort(),
                Devstack.freePort());
    }
}
