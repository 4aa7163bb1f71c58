package org.chainbreaker.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of Keycloak for the key-set fetches of one component: it counts the HTTP
 * requests for the realm's key set that pass through it, and can stop routing ({@link #cut()}:
 * every connection, open or new, is closed at once, as a broken route would) and route again
 * ({@link #restore()}).
 */
final class KeySetProxy implements AutoCloseable {

    private static final byte[] KEY_SET_PATH =
            "/protocol/openid-connect/certs".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Long> fetchTimes = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusedConnections = new AtomicInteger();
    private volatile boolean routing = true;
    private volatile boolean closed;

    KeySetProxy(int targetPort) throws IOException {
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        Thread.ofVirtual().name("key-set-proxy-accept").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Key-set requests forwarded so far. */
    int fetches() {
        return fetchTimes.size();
    }

    /** When each forwarded key-set request arrived ({@link System#nanoTime()}). */
    List<Long> fetchTimes() {
        return List.copyOf(fetchTimes);
    }

    /** Connections closed unanswered while the route was cut. */
    int refusedConnections() {
        return refusedConnections.get();
    }

    /** Stops routing: open connections are closed, new ones are closed as soon as they arrive. */
    void cut() {
        routing = false;
        sockets.forEach(KeySetProxy::closeQuietly);
        sockets.clear();
    }

    void restore() {
        routing = true;
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (!routing) {
                refusedConnections.incrementAndGet();
                closeQuietly(client);
                continue;
            }
            try {
                Socket keycloak = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(keycloak);
                Thread.ofVirtual().start(() -> pump(client, keycloak, true));
                Thread.ofVirtual().start(() -> pump(keycloak, client, false));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to, boolean requests) {
        byte[] carry = new byte[0];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (requests) {
                    // The path may straddle two reads: search the end of the last read and this one
                    // together.
                    byte[] window = new byte[carry.length + n];
                    System.arraycopy(carry, 0, window, 0, carry.length);
                    System.arraycopy(buffer, 0, window, carry.length, n);
                    for (int i = 0; i + KEY_SET_PATH.length <= window.length; i++) {
                        if (i + KEY_SET_PATH.length > carry.length && matchesAt(window, i)) {
                            fetchTimes.add(System.nanoTime());
                        }
                    }
                    int keep = Math.min(window.length, KEY_SET_PATH.length - 1);
                    carry =
                            java.util.Arrays.copyOfRange(
                                    window, window.length - keep, window.length);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the connection ended
        } finally {
            closeQuietly(to);
            closeQuietly(from);
        }
    }

    private static boolean matchesAt(byte[] window, int at) {
        for (int j = 0; j < KEY_SET_PATH.length; j++) {
            if (window[at + j] != KEY_SET_PATH[j]) {
                return false;
            }
        }
        return true;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing only
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        sockets.forEach(KeySetProxy::closeQuietly);
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing only
        }
    }
}
