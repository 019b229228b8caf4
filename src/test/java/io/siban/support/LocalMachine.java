package io.siban.support;

import java.io.IOException;
import java.net.ServerSocket;

/** What the tests that start local processes ask of this machine: a free port, and settings from the environment. */
public final class LocalMachine {
    private LocalMachine() {
    }

    /** A TCP port nothing listens on at the moment. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The environment variable, or the fallback when it is unset or blank. */
    public static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
