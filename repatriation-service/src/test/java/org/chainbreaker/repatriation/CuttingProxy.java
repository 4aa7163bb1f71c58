package org.chainbreaker.repatriation;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of the real fugitive-service that injects network failures into HTTP/2
 * (gRPC) traffic: it can refuse connections (the service is unreachable), or cut a connection at
 * the moment the service sends the response headers of a call, i.e. after the service has done the
 * work and before the caller learns of it (an answer lost on the way). It counts the calls (HEADERS
 * frames from the client) that reached the service.
 */
final class CuttingProxy implements AutoCloseable {

    private static final int HEADERS = 0x1;
    private static final int PREFACE_LENGTH = 24;

    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    final AtomicBoolean refusing = new AtomicBoolean();

    /** Answers still to let through before the one that is cut; negative: cut nothing. */
    private final AtomicInteger answersBeforeCut = new AtomicInteger(-1);

    final AtomicInteger answersCut = new AtomicInteger();
    final AtomicInteger callsForwarded = new AtomicInteger();

    CuttingProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("proxy-accept").start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /**
     * The next response (of any call) is cut: the connection is closed instead of delivering its
     * headers.
     */
    void cutNextAnswer() {
        cutAnswerAfter(0);
    }

    /** Lets {@code answers} responses through, then cuts the next one. */
    void cutAnswerAfter(int answers) {
        answersBeforeCut.set(answers);
    }

    /** Closes every open connection (new ones are refused while {@link #refusing} is set). */
    void dropConnections() {
        open.forEach(CuttingProxy::closeQuietly);
        open.clear();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (refusing.get()) {
                closeQuietly(client);
                continue;
            }
            Socket server;
            try {
                server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            } catch (IOException unreachable) {
                closeQuietly(client);
                continue;
            }
            open.add(client);
            open.add(server);
            Thread.ofVirtual().start(() -> pump(client, server, true));
            Thread.ofVirtual().start(() -> pump(server, client, false));
        }
    }

    /** Copies frame by frame; the client side starts with the connection preface. */
    private void pump(Socket from, Socket to, boolean fromClient) {
        try (DataInputStream in = new DataInputStream(from.getInputStream())) {
            OutputStream out = to.getOutputStream();
            if (fromClient) {
                out.write(in.readNBytes(PREFACE_LENGTH));
            }
            byte[] header = new byte[9];
            // Streams whose response began (their trailers are a second HEADERS frame, not another
            // answer).
            java.util.Set<Integer> answering = new java.util.HashSet<>();
            while (true) {
                in.readFully(header);
                int length =
                        ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
                int type = header[3] & 0xff;
                int stream =
                        ((header[5] & 0x7f) << 24)
                                | ((header[6] & 0xff) << 16)
                                | ((header[7] & 0xff) << 8)
                                | (header[8] & 0xff);
                byte[] payload = in.readNBytes(length);
                if (payload.length < length) {
                    throw new EOFException();
                }
                if (type == HEADERS && stream != 0) {
                    if (fromClient) {
                        callsForwarded.incrementAndGet();
                    } else if (answering.add(stream)
                            && answersBeforeCut.getAndUpdate(n -> n >= 0 ? n - 1 : n) == 0) {
                        answersCut.incrementAndGet();
                        closeQuietly(from);
                        closeQuietly(to);
                        return;
                    }
                }
                out.write(header);
                out.write(payload);
                out.flush();
            }
        } catch (IOException ended) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        dropConnections();
    }
}
