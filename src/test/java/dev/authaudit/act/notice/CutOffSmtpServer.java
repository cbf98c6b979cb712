package dev.authaudit.act.notice;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A minimal SMTP server on 127.0.0.1 for the one case GreenMail cannot stage: it takes a message's DATA
 * in full, stores it, and then closes the connection without answering the final dot (the server, or
 * the path to it, died at that moment). Connections after the first {@code cutOff} are answered 250.
 * Serves connections one at a time on its own thread until closed.
 */
final class CutOffSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final int cutOff;
    private final List<String> stored = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;

    CutOffSmtpServer(int cutOff) throws IOException {
        this.cutOff = cutOff;
        this.socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "cut-off-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Returns every message stored so far (headers and body as received), in order. */
    List<String> stored() {
        return List.copyOf(stored);
    }

    private void serve() {
        int n = 0;
        while (!socket.isClosed()) {
            try (Socket c = socket.accept()) {
                c.setSoTimeout(10_000);
                n++;
                session(c, n <= cutOff);
            } catch (IOException e) {
                // closed, or the client went away: serve the next one
            }
        }
    }

    private void session(Socket c, boolean cut) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = c.getOutputStream();
        say(out, "220 cut-off.test ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
            switch (verb) {
                case "EHLO" -> say(out, "250-cut-off.test\r\n250 8BITMIME");
                case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> say(out, "250 OK");
                case "DATA" -> {
                    say(out, "354 go ahead");
                    StringBuilder m = new StringBuilder();
                    String l;
                    while ((l = in.readLine()) != null && !l.equals(".")) {
                        m.append(l).append('\n');
                    }
                    stored.add(m.toString());
                    if (cut) {
                        return; // stored, and gone before the answer
                    }
                    say(out, "250 OK queued");
                }
                case "QUIT" -> {
                    say(out, "221 bye");
                    return;
                }
                default -> say(out, "502 not here");
            }
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
