package dev.aiapiwatch.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a server, for outage tests. During an outage it resets every
 * connection with a TCP RST: the open ones when the outage starts, and each new one right after
 * accepting it, so that clients fail with "connection reset" as if the server had gone away. The
 * listening port stays bound throughout, so that no other process can take it and clients find the
 * server again at the same address when the outage ends.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final ExecutorService threads =
            Executors.newCachedThreadPool(
                    runnable -> {
                        Thread thread = new Thread(runnable, "tcp-proxy");
                        thread.setDaemon(true);
                        return thread;
                    });

    /** Accepted client connections; a copy thread closes the server side when its client ends. */
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();

    private final AtomicInteger resetConnections = new AtomicInteger();
    private volatile boolean outage;

    private TcpProxy(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
    }

    /** Starts a proxy on a free loopback port that forwards to {@code targetPort} on 127.0.0.1. */
    public static TcpProxy start(int targetPort) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        TcpProxy proxy =
                new TcpProxy(
                        listener,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
        proxy.threads.execute(proxy::acceptConnections);
        return proxy;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Resets the open connections, and from now on every new one, until {@link #endOutage}. */
    public void startOutage() {
        outage = true;
        for (Socket socket : openSockets) {
            reset(socket);
        }
    }

    /** Forwards new connections again. */
    public void endOutage() {
        outage = false;
    }

    /** Returns the number of client connections reset during outages. */
    public int resetConnections() {
        return resetConnections.get();
    }

    private void acceptConnections() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            // Registered before the check, so that an outage starting now resets it either way.
            openSockets.add(client);
            if (outage) {
                reset(client);
                continue;
            }
            Socket server = new Socket();
            try {
                server.connect(target, 5_000);
            } catch (IOException e) {
                closeQuietly(server);
                reset(client);
                continue;
            }
            threads.execute(() -> copy(client, server));
            threads.execute(() -> copy(server, client));
        }
    }

    /** Copies bytes from one socket to the other until either fails or ends, then closes both. */
    private void copy(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // Reset, or closed by the copy in the other direction.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Closes {@code socket} with a TCP RST instead of the orderly FIN. */
    private void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // Already closed.
        }
        if (!socket.isClosed()) {
            resetConnections.incrementAndGet();
        }
        closeQuietly(socket);
    }

    private void closeQuietly(Socket socket) {
        openSockets.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : openSockets) {
            closeQuietly(socket);
        }
        threads.shutdownNow();
    }
}
