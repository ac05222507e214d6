package org.khanaen.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MailAttachmentTests {

    private static final byte[] ICS = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".getBytes(StandardCharsets.UTF_8);

    private static MailAttachment named(String fileName) {
        return new MailAttachment(fileName, "text/calendar; charset=UTF-8", ICS);
    }

    private static MailAttachment typed(String contentType) {
        return new MailAttachment("assignment.ics", contentType, ICS);
    }

    @Test
    void aCalendarEntryOrAPdfWithAThaiNameIsAccepted() {
        assertThat(named("งานอาสา-หน่วย-12.ics").fileName()).isEqualTo("งานอาสา-หน่วย-12.ics");
        assertThat(named("ก".repeat(200)).fileName()).hasSize(200);
        assertThat(typed("text/calendar; charset=UTF-8; method=REQUEST").contentType()).startsWith("text/calendar");
        assertThat(new MailAttachment("letter.pdf", "application/pdf", new byte[0]).content()).isEmpty();
    }

    @Test
    void theFileNameIsANameNotAPath() {
        assertThatIllegalArgumentException().isThrownBy(() -> named("../etc/passwd"))
                .withMessage("fileName must be a name, without '/' or '\\': ../etc/passwd");
        assertThatIllegalArgumentException().isThrownBy(() -> named("C:\\temp\\a.ics")).withMessageStartingWith("fileName must be a name");
    }

    @Test
    void theFileNameHasNoControlOrInvisibleCharacters() {
        assertThatIllegalArgumentException().isThrownBy(() -> named("a\r\nBcc: everyone@example.org.ics"))
                .withMessage("fileName must not contain control or invisible formatting characters");
        // U+202E shows "invoice-\u202Efdp.exe" as "invoice-exe.pdf"
        assertThatIllegalArgumentException().isThrownBy(() -> named("invoice-\u202Efdp.exe"))
                .withMessage("fileName must not contain control or invisible formatting characters");
    }

    @Test
    void theFileNameIsOneTo200Characters() {
        assertThatIllegalArgumentException().isThrownBy(() -> named(null)).withMessage("fileName must be 1 to 200 characters");
        assertThatIllegalArgumentException().isThrownBy(() -> named(" ")).withMessage("fileName must be 1 to 200 characters");
        assertThatIllegalArgumentException().isThrownBy(() -> named("ก".repeat(201))).withMessage("fileName must be 1 to 200 characters");
    }

    @Test
    void theContentTypeIsOneLineSoNoHeaderCanBeSmuggledIn() {
        assertThatIllegalArgumentException().isThrownBy(() -> typed("text/calendar\r\nBcc: everyone@example.org"))
                .withMessage("contentType must be one line, without control characters");
        assertThatIllegalArgumentException().isThrownBy(() -> typed("text/calendar;\n charset=UTF-8"))
                .withMessage("contentType must be one line, without control characters");
    }

    @Test
    void theContentTypeIsASinglePartMimeTypeOfAtMost100Characters() {
        assertThatIllegalArgumentException().isThrownBy(() -> typed("calendar")).withMessageStartingWith("contentType must be a MIME type");
        assertThatIllegalArgumentException().isThrownBy(() -> typed("multipart/mixed; boundary=x"))
                .withMessage("contentType must be a MIME type such as application/pdf, not a multipart: multipart/mixed; boundary=x");
        assertThatIllegalArgumentException().isThrownBy(() -> typed("")).withMessage("contentType must be 1 to 100 characters");
        assertThatIllegalArgumentException().isThrownBy(() -> typed("application/" + "x".repeat(89)))
                .withMessage("contentType must be 1 to 100 characters");
        assertThat(typed("application/" + "x".repeat(88)).contentType()).hasSize(100);
    }

    @Test
    void theContentIsThereAndAtMostOneMegabyte() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MailAttachment("a.pdf", "application/pdf", null))
                .withMessage("content is required");
        assertThatIllegalArgumentException().isThrownBy(() -> new MailAttachment("a.pdf", "application/pdf", new byte[1024 * 1024 + 1]))
                .withMessage("content must be at most 1048576 bytes (1 MB), is 1048577");
        assertThat(new MailAttachment("a.pdf", "application/pdf", new byte[1024 * 1024]).content()).hasSize(MailAttachment.MAX_SIZE);
    }

    @Test
    void theContentCannotBeChangedOnceChecked() {
        byte[] bytes = ICS.clone();
        var attachment = new MailAttachment("a.ics", "text/calendar", bytes);
        bytes[0] = 'X';
        attachment.content()[1] = 'Y';

        assertThat(attachment.content()).isEqualTo(ICS);
    }

    @Test
    void attachmentsAreEqualByTheirBytesAndPrintWithoutThem() {
        assertThat(named("a.ics")).isEqualTo(named("a.ics")).hasSameHashCodeAs(named("a.ics"))
                .isNotEqualTo(new MailAttachment("a.ics", "text/calendar; charset=UTF-8", new byte[] { 1 }));
        assertThat(named("a.ics")).hasToString("MailAttachment[fileName=a.ics, contentType=text/calendar; charset=UTF-8, size=" + ICS.length + "]");
    }
}
