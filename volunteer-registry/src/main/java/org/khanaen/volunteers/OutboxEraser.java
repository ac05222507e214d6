package org.khanaen.volunteers;

import org.khanaen.platform.mail.MailOutbox;
import org.springframework.stereotype.Component;

/** Queued and sent mail names the volunteer too: it goes with them. */
@Component
class OutboxEraser implements PersonalDataEraser {

    private final MailOutbox outbox;

    OutboxEraser(MailOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void erase(String email) {
        if (email != null) {
            outbox.forget(email);
        }
    }
}
