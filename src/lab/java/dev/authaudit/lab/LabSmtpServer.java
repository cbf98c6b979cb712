package dev.authaudit.lab;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.netty.NettyServer;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPConfigurationImpl;
import org.apache.james.protocols.smtp.SMTPProtocol;
import org.apache.james.protocols.smtp.SMTPProtocolHandlerChain;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.esmtp.AuthCmdHandler;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real SMTP submission server on 127.0.0.1 (Apache James Protocols over Netty) that checks AUTH PLAIN
 * and LOGIN against the lab's users and writes what Exim would to its mainlog: an {@code authenticator
 * failed} line per refused login, a {@code <=} arrival line with {@code A=} per accepted message. A
 * connection from an address the firewall gate refuses is closed at once with a 554, as a csf block
 * would keep it out.
 */
public final class LabSmtpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LabSmtpServer.class);
    private static final ProtocolSession.AttachmentKey<String> MECH = ProtocolSession.AttachmentKey.of("lab.mech",
            String.class);
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*<?([^>\\s]{1,200})>?");

    private final NettyServer server;
    private final LabUsers users;
    private final LabLog mainlog;
    private final EximLines lines;
    private final Clock clock;
    private final Predicate<String> refused;

    /**
     * Starts the server on 127.0.0.1, on a free port.
     *
     * @param refused the firewall: true for an address that may not connect
     * @throws IllegalStateException when the server cannot start
     */
    public LabSmtpServer(LabUsers users, LabLog mainlog, Clock clock, Predicate<String> refused) {
        this.users = users;
        this.mainlog = mainlog;
        this.lines = new EximLines(clock.getZone());
        this.clock = clock;
        this.refused = refused;
        try {
            SMTPProtocolHandlerChain chain = new SMTPProtocolHandlerChain(new NoopMetrics(), true);
            chain.add(0, (ConnectHandler<SMTPSession>) this::gate);
            chain.add(new MechanismAwareAuth());
            chain.add(new Auth());
            chain.add((MessageHook) this::arrived);
            chain.wireExtensibleHandlers();
            SMTPConfigurationImpl config = new SMTPConfigurationImpl() {
                @Override
                public boolean isAuthAnnounced(String remoteIp, boolean tlsStarted) {
                    return true; // else EHLO shows no AUTH and clients never log in
                }
            };
            server = new NettyServer.Factory().protocol(new SMTPProtocol(chain, config)).build();
            server.setListenAddresses(new InetSocketAddress("127.0.0.1", 0));
            server.setIoWorkerCount(2);
            server.setGracefulShutdown(false);
            server.bind();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the lab SMTP server: " + e.getMessage(), e);
        }
    }

    /** Returns the bound port. */
    public int port() {
        return server.getListenAddresses().get(0).getPort();
    }

    @Override
    public void close() {
        server.unbind();
    }

    private Response gate(SMTPSession s) {
        String ip = s.getRemoteAddress().getAddress().getHostAddress();
        if (refused.test(ip)) {
            SMTPResponse r = new SMTPResponse("554", "5.7.1 " + ip + " is blocked by the firewall");
            r.setEndSession(true);
            return r;
        }
        return null;
    }

    private HookResult arrived(SMTPSession s, MailEnvelope mail) {
        String login = s.getUsername() == null ? "" : s.getUsername().asString();
        String mech = s.getAttachment(MECH, ProtocolSession.State.Connection).orElse("login");
        String sender = mail.getMaybeSender().asString();
        mainlog.write(lines.arrival(clock.instant(), pid(s), sender, helo(s), ip(s), s.getRemoteAddress().getPort(),
                "127.0.0.1", port(), mech, login, mail.getSize(), messageId(mail)));
        return HookResult.OK; // any other answer refuses DATA
    }

    private static String messageId(MailEnvelope mail) {
        try (InputStream in = mail.getMessageInputStream()) {
            Matcher m = MESSAGE_ID.matcher(new String(in.readNBytes(8192), StandardCharsets.ISO_8859_1));
            return m.find() ? m.group(1) : "unknown@lab.invalid";
        } catch (IOException e) {
            return "unknown@lab.invalid";
        }
    }

    private static String ip(SMTPSession s) {
        return s.getRemoteAddress().getAddress().getHostAddress();
    }

    private static String helo(SMTPSession s) {
        return s.getAttachment(SMTPSession.CURRENT_HELO_NAME, ProtocolSession.State.Connection).orElse("");
    }

    private static long pid(SMTPSession s) {
        return 10_000 + Math.floorMod(s.getSessionID().hashCode(), 90_000); // one "Exim process" per connection
    }

    /** Checks passwords and logs refusals as Exim does. */
    private final class Auth implements AuthHook {
        @Override
        public HookResult doAuth(SMTPSession s, Username user, String password) {
            String login = user.asString();
            if (users.check(login, password)) {
                s.setUsername(user); // the handler itself sets neither
                s.setRelayingAllowed(true);
                return HookResult.OK;
            }
            String mech = s.getAttachment(MECH, ProtocolSession.State.Connection).orElse("login");
            mainlog.write(lines.authFailed(clock.instant(), mech, helo(s), ip(s), s.getRemoteAddress().getPort(),
                    "127.0.0.1", port(), login));
            log.debug("AUTH {} refused for {} from {}", mech, login, ip(s));
            return HookResult.DENY;
        }

        @Override
        public HookResult doSasl(SMTPSession s, OidcSASLConfiguration c, String initialResponse) {
            return HookResult.DECLINED; // no OAUTHBEARER in the lab
        }
    }

    /** James's AUTH handler, noting which mechanism the client chose: Exim names its authenticator in the log. */
    private static final class MechanismAwareAuth extends AuthCmdHandler {
        @Override
        protected Response doAuthTest(SMTPSession s, Username user, String pass, String authType) {
            s.setAttachment(MECH, authType.toLowerCase(java.util.Locale.ROOT), ProtocolSession.State.Connection);
            return super.doAuthTest(s, user, pass, authType);
        }
    }
}
