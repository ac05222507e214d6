package org.khanaen.platform.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;

/**
 * An SMTP server inside the app (GreenMail) for the development default: on 127.0.0.1 and a free port,
 * accepting any sender, recipient and password, delivering nowhere. Stopped with the context.
 */
final class DevMailServer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DevMailServer.class);

    private final GreenMail server;

    DevMailServer() {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        log.info("Development mail server on 127.0.0.1:{}: no mail leaves this machine; read it at /dev/inbox", port());
    }

    int port() {
        return server.getSmtp().getPort();
    }

    MimeMessage[] received() {
        return server.getReceivedMessages();
    }

    void clear() {
        try {
            server.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException("could not empty the development mailboxes", e);
        }
    }

    @Override
    public void destroy() {
        server.stop();
    }
}
