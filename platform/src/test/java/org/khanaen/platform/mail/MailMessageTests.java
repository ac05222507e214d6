package org.khanaen.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class MailMessageTests {

    private static MailMessage to(String recipient) {
        return new MailMessage(recipient, Locale.ENGLISH, "Subject", "Body", null, "test", null);
    }

    @Test
    void theRecipientIsOneBareAddressSoItsMailCanBeFoundToBeErased() {
        assertThat(to(" lek@example.org ").recipient()).isEqualTo("lek@example.org");
        assertThatIllegalArgumentException().isThrownBy(() -> to("Lek <lek@example.org>"));
        assertThatIllegalArgumentException().isThrownBy(() -> to("lek"));
        assertThatIllegalArgumentException().isThrownBy(() -> to("lek@example.org, noi@example.org"));
        assertThatIllegalArgumentException().isThrownBy(() -> to(""));
    }

    @Test
    void aSubjectIsOneLineSoNoHeaderCanBeSmuggledIn() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                new MailMessage("lek@example.org", Locale.ENGLISH, "Hi\r\nBcc: everyone@example.org", "Body", null, "test", null));
    }

    @Test
    void aDedupKeyFitsItsColumn() {
        var mail = to("lek@example.org");
        assertThat(mail.withDedupKey("k".repeat(190)).dedupKey()).hasSize(190);
        assertThatIllegalArgumentException().isThrownBy(() -> mail.withDedupKey("k".repeat(191)));
    }

    @Test
    void aMailHasNoAttachmentUntilOneIsGivenAndKeepsItWithADedupKey() {
        var mail = to("lek@example.org");
        var ics = new MailAttachment("assignment.ics", "text/calendar; charset=UTF-8", new byte[] { 1, 2, 3 });
        assertThat(mail.attachment()).isNull();

        var withIcs = mail.withAttachment(ics).withDedupKey("assignment:7");

        assertThat(withIcs.attachment()).isEqualTo(ics);
        assertThat(withIcs.dedupKey()).isEqualTo("assignment:7");
        assertThat(withIcs.withAttachment(null)).isEqualTo(mail.withDedupKey("assignment:7"));
    }
}
