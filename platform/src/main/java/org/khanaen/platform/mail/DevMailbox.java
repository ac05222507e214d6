package org.khanaen.platform.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** What the development mail server received: for the /dev/inbox page and for tests. Exists only in development mode. */
public class DevMailbox {

    private final DevMailServer server;

    DevMailbox(DevMailServer server) {
        this.server = server;
    }

    /** Newest first. */
    public List<DevMail> messages() {
        List<MimeMessage> received = new ArrayList<>(Arrays.asList(server.received()));
        Collections.reverse(received); // arrival order reversed, kept among mails of the same second
        return received.stream().map(DevMailbox::read)
                .sorted(Comparator.comparing(DevMail::sentAt).reversed())
                .toList();
    }

    public Optional<DevMail> message(String id) {
        return messages().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public void clear() {
        server.clear();
    }

    private static DevMail read(MimeMessage mime) {
        try {
            Bodies bodies = new Bodies();
            bodies.collect(mime);
            Instant sent = mime.getSentDate() == null ? Instant.EPOCH : mime.getSentDate().toInstant();
            return new DevMail(id(mime), to(mime), mime.getSubject(), sent, bodies.text == null ? "" : bodies.text, bodies.html);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("an unreadable mail in the development inbox", e);
        }
    }

    private static String to(MimeMessage mime) throws MessagingException {
        Address[] to = mime.getRecipients(Message.RecipientType.TO);
        return to == null ? "" : Arrays.stream(to)
                .map(a -> a instanceof InternetAddress internet ? internet.toUnicodeString() : a.toString())
                .collect(Collectors.joining(", "));
    }

    private static String id(MimeMessage mime) throws MessagingException {
        String key = mime.getMessageID() != null ? mime.getMessageID() : mime.getSentDate() + mime.getSubject();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first text and HTML parts, wherever the MIME tree has them. */
    private static final class Bodies {
        String text;
        String html;

        void collect(Part part) throws MessagingException, IOException {
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return;
            }
            if (part.isMimeType("text/plain") && text == null) {
                text = (String) part.getContent();
            } else if (part.isMimeType("text/html") && html == null) {
                html = (String) part.getContent();
            } else if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    collect(multipart.getBodyPart(i));
                }
            }
        }
    }
}
