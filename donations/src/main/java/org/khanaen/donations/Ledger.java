package org.khanaen.donations;

import java.io.Writer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.khanaen.platform.csv.SpreadsheetCsv;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transparency ledger, public: money in (donations, named only as their donors chose), money out
 * (refunds, disputed money, expenses with their receipts) and the balance; exported as CSV.
 */
@Service
public class Ledger {

    /** One line of the ledger. {@code donorName} is null for an anonymous or unnamed donor. */
    public record Entry(long id, String kind, long amountSatang, Instant occurredAt, String donorName, Long expenseId,
            ExpenseCategory category, String note) {

        public boolean in() {
            return amountSatang > 0;
        }
    }

    public record Page(List<Entry> entries, long moneyInSatang, long moneyOutSatang, long balanceSatang, int page, int pages,
            long total) {
    }

    /**
     * An expense to record. {@code amount} in baht as typed; the receipt a PDF, JPEG or PNG of at most 5 MB.
     */
    public record NewExpense(LocalDate spentOn, ExpenseCategory category, String amount, String note, String receiptName,
            byte[] receipt) {
    }

    public record Expense(long id, LocalDate spentOn, ExpenseCategory category, long amountSatang, String note, String receiptName,
            String recordedBy, Instant recordedAt) {
    }

    public record ReceiptFile(String name, String contentType, byte[] content) {
    }

    public static final int PAGE_SIZE = 50;
    private static final int CSV_CHUNK = 1000;
    private static final long MAX_EXPENSE_SATANG = Baht.satang(100_000_000);
    private static final LocalDate EARLIEST = LocalDate.of(2020, 1, 1);

    private final LedgerRecords ledger;
    private final JdbcClient jdbc;
    private final DonationsProperties properties;
    private final Clock clock;

    Ledger(LedgerRecords ledger, JdbcClient jdbc, DonationsProperties properties, ObjectProvider<Clock> clock) {
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** A page of the ledger, newest first, with the totals of the whole ledger. Pages count from 0. */
    @Transactional(readOnly = true)
    public Page page(int page) {
        long total = ledger.count();
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int at = Math.clamp(page, 0, pages - 1);
        LedgerRecords.Totals totals = ledger.totals();
        List<Entry> entries = ledger.lines((long) at * PAGE_SIZE, PAGE_SIZE, true).stream().map(Ledger::entry).toList();
        return new Page(entries, totals.in(), totals.out(), totals.balance(), at, pages, total);
    }

    /**
     * The whole ledger as CSV (UTF-8, header row, oldest first), for spreadsheets: time in Bangkok time,
     * kind, who or what, amount in baht (signed), the expense's id for its receipt.
     */
    @Transactional(readOnly = true)
    public void writeCsv(Writer out) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(properties.zone());
        // Donors name themselves: the shared writer keeps a name like =HYPERLINK(...) from running in a spreadsheet.
        SpreadsheetCsv csv = SpreadsheetCsv.open(out, false, "time", "kind", "description", "amount_thb", "expense_id");
        for (long offset = 0; ; offset += CSV_CHUNK) {
            List<LedgerRecords.Line> chunk = ledger.lines(offset, CSV_CHUNK, false);
            for (LedgerRecords.Line line : chunk) {
                Entry e = entry(line);
                csv.row(time.format(e.occurredAt()), e.kind(), description(e), Baht.plain(e.amountSatang()),
                        e.expenseId() == null ? "" : e.expenseId());
            }
            if (chunk.size() < CSV_CHUNK) {
                break;
            }
        }
        csv.flush();
    }

    /** Records money spent, with its receipt; the ledger shows it at once. */
    @Transactional
    public long recordExpense(NewExpense expense, String by) {
        if (expense.spentOn() == null) {
            throw new DonationProblem("expense.date.missing");
        }
        if (expense.spentOn().isAfter(LocalDate.now(clock.withZone(properties.zone()))) || expense.spentOn().isBefore(EARLIEST)) {
            throw new DonationProblem("expense.date.invalid");
        }
        if (expense.category() == null) {
            throw new DonationProblem("expense.category.missing");
        }
        long amount = Baht.parse(expense.amount()).orElse(-1);
        if (amount <= 0 || amount > MAX_EXPENSE_SATANG) {
            throw new DonationProblem("expense.amount.invalid");
        }
        String note = expense.note() == null ? "" : expense.note().strip();
        if (note.isEmpty() || note.length() > 500 || GiftRules.CONTROL.matcher(note).find()) {
            throw new DonationProblem("expense.note.invalid");
        }
        String type = ReceiptContent.check(expense.receipt());
        String name = fileName(expense.receiptName(), type);
        Instant now = clock.instant();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into expense (spent_on, category, amount_satang, note, receipt, receipt_type, receipt_name, receipt_sha256,
                                     recorded_by, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(expense.spentOn(), expense.category().name(), amount, note, expense.receipt(), type, name,
                        sha256(expense.receipt()), by, DonationRecords.ts(now))
                .update(keys);
        long id = keys.getKey().longValue();
        // at the day it was spent (noon, Bangkok), so the ledger reads in the order money moved
        Instant spent = expense.spentOn().atTime(12, 0).atZone(properties.zone()).toInstant();
        ledger.add(LedgerRecords.EXPENSE, -amount, spent.isAfter(now) ? now : spent, null, id, "expense:" + id);
        return id;
    }

    @Transactional(readOnly = true)
    public List<Expense> expenses() {
        return jdbc.sql("""
                select id, spent_on, category, amount_satang, note, receipt_name, recorded_by, recorded_at
                from expense order by spent_on desc, id desc""")
                .query((rs, n) -> new Expense(rs.getLong("id"), rs.getObject("spent_on", LocalDate.class),
                        ExpenseCategory.valueOf(rs.getString("category")), rs.getLong("amount_satang"), rs.getString("note"),
                        rs.getString("receipt_name"), rs.getString("recorded_by"), DonationRecords.instant(rs, "recorded_at")))
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<ReceiptFile> receipt(long expenseId) {
        return jdbc.sql("select receipt_name, receipt_type, receipt from expense where id = ?").param(expenseId)
                .query((rs, n) -> new ReceiptFile(rs.getString("receipt_name"), rs.getString("receipt_type"), rs.getBytes("receipt")))
                .optional();
    }

    private static Entry entry(LedgerRecords.Line l) {
        String donor = l.anonymous() ? null : l.donorName();
        return new Entry(l.id(), l.kind(), l.amountSatang(), l.occurredAt(), donor, l.expenseId(),
                l.category() == null ? null : ExpenseCategory.valueOf(l.category()), l.note());
    }

    private static String description(Entry e) {
        return switch (e.kind()) {
            case LedgerRecords.DONATION -> e.donorName() == null ? "anonymous donor" : e.donorName();
            case LedgerRecords.REFUND -> "refund" + (e.donorName() == null ? "" : " to " + e.donorName());
            case LedgerRecords.DISPUTE -> e.amountSatang() < 0 ? "disputed payment held by the card issuer" : "dispute won, money returned";
            default -> e.category() + ": " + e.note();
        };
    }

    /** The file's own name without any folder, in safe characters, with the extension of what it really is. */
    private static String fileName(String given, String type) {
        String base = given == null ? "" : given.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("\\.[A-Za-z0-9]{1,5}$", "");
        base = base.replaceAll("[^\\p{L}\\p{M}\\p{N} ._-]", "_").strip();
        if (base.isEmpty() || base.startsWith(".")) {
            base = "receipt";
        }
        if (base.length() > 150) {
            base = base.substring(0, 150);
        }
        return base + "." + ReceiptContent.extension(type);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
