package org.khanaen.platform.mail;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

import org.springframework.mail.javamail.MimeMessagePreparator;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * An outbox row as a MIME message: UTF-8 throughout (Thai survives every hop), plain text alone or
 * text and HTML as {@code multipart/alternative} (text first: clients show the last part they can).
 * A mail with an attachment is {@code multipart/mixed}: that body first, then the file.
 */
record OutboxMimeMessage(OutboxRow row, InternetAddress from) implements MimeMessagePreparator {

    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    @Override
    public void prepare(MimeMessage mime) throws MessagingException {
        mime.setFrom(from);
        mime.setRecipient(Message.RecipientType.TO, new InternetAddress(row.recipient(), true));
        mime.setSubject(row.subject(), UTF_8);
        // RFC 3834: no out-of-office replies to a robot
        mime.setHeader("Auto-Submitted", "auto-generated");
        // The same id on every attempt, so a mail that was sent twice after a crash can be recognised
        // as one. Spring keeps a Message-ID that is already set.
        mime.setHeader("Message-ID", messageId());
        if (row.attachment() == null) {
            writeBody(mime);
            return;
        }
        MimeBodyPart body = new MimeBodyPart();
        writeBody(body);
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(attachmentPart(row.attachment()));
        mime.setContent(mixed);
    }

    /** The text, or text and HTML as alternatives, into the message itself or into the first part of a mixed one. */
    private void writeBody(MimePart part) throws MessagingException {
        if (row.htmlBody() == null) {
            part.setText(row.textBody(), UTF_8);
            return;
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(row.textBody(), UTF_8);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(row.htmlBody(), UTF_8, "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        part.setContent(alternative);
    }

    private static MimeBodyPart attachmentPart(MailAttachment attachment) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.contentType())));
        part.setDisposition(Part.ATTACHMENT);
        // after the content: sets the disposition's filename and the type's name (RFC 2231 for Thai names)
        part.setFileName(attachment.fileName());
        // base64 even for text: SMTP would turn the bare line feeds of a 7-bit text into CRLF, and the file must arrive byte for byte
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    private String messageId() {
        String address = from.getAddress();
        String domain = address.substring(address.indexOf('@') + 1);
        return "<outbox." + row.id() + "." + row.createdAt().toInstant(ZoneOffset.UTC).toEpochMilli() + "@" + domain + ">";
    }
}
