package org.redisee.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports, found by letting the OS pick one. The caller retries if another process takes it first. */
final class FreePorts {

    /** A cluster node also listens on its port + 10000 (the cluster bus). */
    private static final int CLUSTER_BUS_OFFSET = 10000;

    private FreePorts() {
    }

    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on 127.0.0.1", e);
        }
    }

    /** A free port whose cluster bus port is free too. */
    static int pickWithClusterBus() {
        while (true) {
            int port = pick();
            if (port + CLUSTER_BUS_OFFSET <= 65535 && isFree(port + CLUSTER_BUS_OFFSET)) {
                return port;
            }
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
