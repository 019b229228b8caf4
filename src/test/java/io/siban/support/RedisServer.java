package io.siban.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server process of the test run's own, on a free loopback port, so tests can take Redis
 * away and bring it back (the binary is the one bin/services installs).
 */
public final class RedisServer {
    private static final int PORT = LocalMachine.freePort();
    private static Process process;

    private RedisServer() {
    }

    public static synchronized String start() {
        if (process != null && process.isAlive()) {
            return url();
        }
        try {
            Path dir = Files.createTempDirectory("siban-test-redis");
            process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(PORT), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            waitUntilAccepting();
            return url();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server — run bin/services first (bin/test does)", e);
        }
    }

    /** Kills the server, as an outage would. */
    public static synchronized void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    public static String url() {
        return "redis://127.0.0.1:" + PORT;
    }

    public static int port() {
        return PORT;
    }

    /** Sends one command over RESP and returns the first reply line (e.g. "+OK", ":1"). */
    public static String command(String... args) {
        try (Socket socket = new Socket("127.0.0.1", PORT)) {
            StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                command.append('$').append(arg.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).append("\r\n")
                        .append(arg).append("\r\n");
            }
            socket.getOutputStream().write(command.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            StringBuilder reply = new StringBuilder();
            int c;
            while ((c = socket.getInputStream().read()) != -1 && c != '\n') {
                reply.append((char) c);
            }
            return reply.toString().trim();
        } catch (IOException e) {
            throw new IllegalStateException("Redis at port " + PORT + " does not answer", e);
        }
    }

    public static void flushAll() {
        command("FLUSHALL");
    }

    public static boolean exists(String key) {
        return command("EXISTS", key).equals(":1");
    }

    private static void waitUntilAccepting() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", PORT)) {
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + PORT);
    }
}
