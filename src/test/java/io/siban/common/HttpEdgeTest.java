package io.siban.common;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What the HTTP layer sees before any resource: slow bodies, broken URIs, odd framing. Raw sockets, so nothing is tidied up. */
@QuarkusTest
class HttpEdgeTest {
    @TestHTTPResource("/")
    URL base;

    record Answer(int status, String headers, String body, Duration after) {
    }

    @Test
    void aBodyTricklingInIsCutOffAfterTheBodyTimeout() throws Exception {
        Duration limit = Duration.ofSeconds(3); // %test.siban.http.body-timeout
        Instant start = Instant.now();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/auth/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 200\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            // one byte every 200 ms: never idle, but the 200 bytes would take 40 s
            for (int i = 0; i < 199 && in.available() == 0; i++) {
                Thread.sleep(200);
                try {
                    out.write(' ');
                    out.flush();
                } catch (SocketException closed) {
                    break;
                }
            }
            Answer answer = read(in, start);
            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.headers()).containsIgnoringCase("content-type: application/problem+json");
            assertThat(new JsonObject(answer.body()).getInteger("status")).isEqualTo(408);
            assertThat(answer.after()).isLessThan(limit.plusSeconds(2)).isGreaterThanOrEqualTo(limit.minusMillis(200));
            assertThat(in.read()).as("the connection is closed").isEqualTo(-1);
        }
    }

    @Test
    void aQuickBodyIsNotAffected() throws Exception {
        Answer answer = exchange("POST /api/v1/auth/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void aBrokenPercentEncodingIs400ProblemJson() throws Exception {
        // Vert.x itself refuses %zz and a lone % with an empty 400 before any handler runs; the rest is ours
        for (String path : new String[] {"/api/v1/items/%C3%28", "/api/v1/items?q=%E0%80", "/api/v1/halls/a%FFb"}) {
            Answer answer = exchange("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.headers()).as(path).containsIgnoringCase("content-type: application/problem+json");
        }
        for (String path : new String[] {"/api/v1/items/%zz", "/api/v1/items/%", "/api/v1/items?q=%zz"}) {
            assertThat(exchange("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").status()).as(path)
                    .isEqualTo(400);
        }
    }

    @Test
    void framingTheServerRefusesIsNeverA500() throws Exception {
        String[] requests = {
                "GET /api/v1/items/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "GET /api/v1/items HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(30_000) + "\r\n\r\n",
                "POST /api/v1/auth/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}",
                "POST /api/v1/auth/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                        + "Content-Length: 3\r\n\r\n{}",
                "POST /api/v1/auth/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                "POST /api/v1/auth/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                        + "Content-Length: 2\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                "POST /api/v1/auth/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
        };
        for (String request : requests) {
            Answer answer = exchange(request);
            String shown = request.substring(0, Math.min(120, request.length()));
            // a chunk size that is not hex makes the server close the connection without an answer (-1)
            assertThat(answer.status()).as(shown).satisfiesAnyOf(s -> assertThat(s).isBetween(400, 499),
                    s -> assertThat(s).isEqualTo(request.contains("\r\nzz\r\n") ? -1 : 400));
        }
    }

    private Answer exchange(String request) throws IOException {
        Instant start = Instant.now();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return read(socket.getInputStream(), start);
        }
    }

    /** Reads one response: status line, headers, and a Content-Length body (or up to the close). */
    private static Answer read(InputStream in, Instant start) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                break;
            }
        }
        Duration after = Duration.between(start, Instant.now());
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        if (headers.isEmpty()) {
            return new Answer(-1, "", "", after);
        }
        int status = Integer.parseInt(headers.substring(9, 12));
        int length = -1;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; length < 0 || i < length; i++) {
            int c = in.read();
            if (c == -1) {
                break;
            }
            body.write(c);
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8), after);
    }
}
