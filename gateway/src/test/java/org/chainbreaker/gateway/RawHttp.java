package org.chainbreaker.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HTTP/1.1 written by hand on a socket, so that a test can send exactly the request line and
 * headers an attacker would (encodings, dot segments, backslashes, duplicate headers) without a
 * client library normalising them first.
 */
final class RawHttp {

    /** A header as sent, name and value unchanged. */
    record Header(String name, String value) {}

    /** The status and the whole response as text. */
    record Answer(int status, String text) {}

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    Answer send(String method, String target, List<Header> headers, String body) {
        StringBuilder request =
                new StringBuilder()
                        .append(method)
                        .append(' ')
                        .append(target)
                        .append(" HTTP/1.1\r\n")
                        .append("Host: 127.0.0.1:")
                        .append(port)
                        .append("\r\n")
                        .append("Connection: close\r\n");
        for (Header header : headers) {
            request.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            request.append("Content-Type: application/json\r\n");
        }
        if (body != null || !method.equals("GET")) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketException e) {
                // A server that answers before reading the body may reset the connection after its
                // answer.
                if (received.size() == 0) {
                    throw e;
                }
            }
            String text = received.toString(StandardCharsets.ISO_8859_1);
            return new Answer(status(text), text);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target, e);
        }
    }

    /** The status code of the status line; 0 when the server closed without answering. */
    private static int status(String response) {
        if (!response.startsWith("HTTP/1.")) {
            return 0;
        }
        int space = response.indexOf(' ');
        return Integer.parseInt(response.substring(space + 1, space + 4));
    }
}
