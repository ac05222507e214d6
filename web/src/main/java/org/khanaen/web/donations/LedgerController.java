package org.khanaen.web.donations;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.khanaen.donations.Ledger;
import org.khanaen.web.errors.NotFound;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/** The transparency ledger for everyone: money in and out, balance, receipts of expenses, CSV. */
@Controller
class LedgerController {

    private final Ledger ledger;

    LedgerController(Ledger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/ledger")
    String ledger(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("ledger", ledger.page(page));
        return "ledger/ledger";
    }

    /** UTF-8 with a byte-order mark, so that Excel shows Thai names right. */
    @GetMapping("/ledger.csv")
    void csv(HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("khanaen-ledger.csv").build().toString());
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write('\uFEFF');
        ledger.writeCsv(out);
        out.flush();
    }

    /** An expense's receipt, as a download of its checked type: never rendered by the browser as a page. */
    @GetMapping("/ledger/expenses/{id}/receipt")
    ResponseEntity<byte[]> receipt(@PathVariable long id) {
        Ledger.ReceiptFile file = ledger.receipt(id).orElseThrow(() -> new NotFound("receipt " + id));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.name(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(file.content());
    }
}
