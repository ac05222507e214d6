package org.khanaen.platform.mail;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The development server's sender: one SMTP connection kept open between mails. Spring's sender connects for every
 * mail, and the outbox hands it one mail at a time (each recorded as it goes): measured here ~50 ms a connection to the
 * in-process server against ~3 ms a mail over one connection, so the 100,000 assignment mails of a national plan took
 * over an hour to arrive. The connection is checked (NOOP) before a mail that follows a pause and opened again when it has gone; a
 * failed send closes it, and the outbox tries that mail again later as before.
 */
final class DevMailSender extends JavaMailSenderImpl implements AutoCloseable {

    /**
     * Sockets that send at once (TCP_NODELAY): a mail of several packets otherwise waits for the server's delayed
     * acknowledgement before its last small write (the "." that ends it), ~40 ms a mail on loopback.
     */
    static final class NoDelaySockets extends javax.net.SocketFactory {

        private static java.net.Socket noDelay(java.net.Socket socket) throws java.io.IOException {
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public java.net.Socket createSocket() throws java.io.IOException {
            return noDelay(new java.net.Socket());
        }

        @Override
        public java.net.Socket createSocket(String host, int port) throws java.io.IOException {
            return noDelay(new java.net.Socket(host, port));
        }

        @Override
        public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort) throws java.io.IOException {
            return noDelay(new java.net.Socket(host, port, local, localPort));
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress host, int port) throws java.io.IOException {
            return noDelay(new java.net.Socket(host, port));
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress host, int port, java.net.InetAddress local, int localPort) throws java.io.IOException {
            return noDelay(new java.net.Socket(host, port, local, localPort));
        }
    }

    private Transport transport;
    private long lastUsed;
    private int connections;

    @Override
    protected synchronized void doSend(MimeMessage[] messages, Object[] originals) {
        Map<Object, Exception> failed = new LinkedHashMap<>();
        for (int i = 0; i < messages.length; i++) {
            MimeMessage message = messages[i];
            try {
                if (message.getSentDate() == null) {
                    message.setSentDate(new Date());
                }
                String id = message.getMessageID(); // kept, as Spring's own sender keeps it
                message.saveChanges();
                if (id != null) {
                    message.setHeader("Message-ID", id);
                }
                Address[] to = message.getAllRecipients();
                open().sendMessage(message, to != null ? to : new Address[0]);
            } catch (Exception e) {
                close();
                failed.put(originals != null ? originals[i] : message, e);
            }
        }
        if (!failed.isEmpty()) {
            throw new MailSendException(failed);
        }
    }

    private Transport open() throws MessagingException {
        // the check is a round trip of its own (NOOP): only after a pause, when the server may have let the connection go
        boolean idle = System.nanoTime() - lastUsed > 2_000_000_000L;
        if (transport == null || (idle && !transport.isConnected())) {
            close();
            transport = connectTransport();
            connections++;
        }
        lastUsed = System.nanoTime();
        return transport;
    }

    /** How many connections it has opened so far. */
    synchronized int connectionsOpened() {
        return connections;
    }

    @Override
    public synchronized void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the connection is gone either way
            }
            transport = null;
        }
    }
}
