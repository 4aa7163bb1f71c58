package org.chainbreaker.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A TCP proxy on a local port in front of one service that can hold back the service's answers:
 * every chunk the service sends is forwarded only {@link #delay(Duration)} after it arrived, which
 * makes the service slow for its callers exactly as an overloaded service or a congested link
 * would, without touching the service itself. Requests travel to the service at once.
 */
final class DelayProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile long delayNanos;
    private volatile boolean closed;

    private record Chunk(long dueNanos, byte[] bytes) {}

    DelayProxy(int listenPort, int targetPort) throws IOException {
        this.server = new ServerSocket(listenPort, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        Thread.ofVirtual().name("delay-proxy-accept-" + listenPort).start(this::accept);
    }

    /** From now on, answers are held back this long (zero: forwarded at once). */
    void delay(Duration delay) {
        delayNanos = delay.toNanos();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket service = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                service.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(service);
                Thread.ofVirtual().start(() -> pump(client, service, false));
                Thread.ofVirtual().start(() -> pump(service, client, true));
            } catch (IOException e) {
                if (!closed) {
                    // The service may be down for a moment: the caller's connection attempt fails,
                    // as it would.
                    continue;
                }
                return;
            }
        }
    }

    /**
     * Copies {@code from} to {@code to}; answers ({@code delayed}) go through a queue that releases
     * each chunk when due.
     */
    private void pump(Socket from, Socket to, boolean delayed) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Thread writer = delayed ? Thread.ofVirtual().start(() -> release(queue, to)) : null;
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (delayed) {
                    queue.put(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
                } else {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            // the connection ended
        } finally {
            if (writer != null) {
                queue.add(new Chunk(0, null));
            } else {
                closeQuietly(to);
            }
        }
    }

    private static void release(BlockingQueue<Chunk> queue, Socket to) {
        try {
            OutputStream out = to.getOutputStream();
            while (true) {
                Chunk chunk = queue.take();
                if (chunk.bytes() == null) {
                    break;
                }
                long wait = chunk.dueNanos() - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
                out.write(chunk.bytes());
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the connection ended
        } finally {
            closeQuietly(to);
        }
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
        try {
            server.close();
        } catch (IOException ignored) {
            // closing only
        }
        sockets.forEach(DelayProxy::closeQuietly);
    }
}
