package org.khanaen.benchmarks.rehearsal;

import java.lang.reflect.Method;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.context.ApplicationContext;

/**
 * What the app's development SMTP server (GreenMail, in-process) received, read as it arrived. The app's public
 * {@code DevMailbox} renders every message's bodies on each call (~6 ms a message here: ten minutes for the country's
 * hundred thousand); counting needs only the recipients, so the server's own list of received messages is taken from its
 * bean ({@code DevMailServer.received()}, package-private, reached by reflection: nothing is changed in the app) and only
 * the messages whose links are followed are opened.
 */
final class Mailbox {

    private Mailbox() {
    }

    static MimeMessage[] received(ApplicationContext app) throws Exception {
        Object server = app.getBean("devMailServer");
        Method received = server.getClass().getDeclaredMethod("received");
        received.setAccessible(true);
        return (MimeMessage[]) received.invoke(server);
    }

    /** The first recipient's address, lower case. */
    static String to(MimeMessage m) throws Exception {
        var to = m.getRecipients(Message.RecipientType.TO);
        return to == null || to.length == 0 ? "" : ((InternetAddress) to[0]).getAddress().toLowerCase();
    }

    /** The first match of {@code pattern}'s group 1 in the message's text parts (plain or HTML), or null. */
    static String find(MimeMessage m, Pattern pattern) throws Exception {
        return find((Part) m, pattern);
    }

    private static String find(Part part, Pattern pattern) throws Exception {
        if (part.isMimeType("text/*")) {
            return Browser.find(String.valueOf(part.getContent()), pattern);
        }
        if (part.isMimeType("multipart/*")) {
            Multipart parts = (Multipart) part.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart p = parts.getBodyPart(i);
                String found = find(p, pattern);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
