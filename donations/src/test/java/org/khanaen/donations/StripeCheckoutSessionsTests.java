package org.khanaen.donations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.stripe.Stripe;
import com.stripe.StripeClient;
import com.sun.net.httpserver.HttpServer;

/**
 * The Stripe adapter's requests, checked offline: stripe-java talks to a local HTTP server standing where
 * api.stripe.com would be, which records each request and answers like Stripe.
 */
class StripeCheckoutSessionsTests {

    record Request(String method, String path, String idempotencyKey, String version, String authorization, String body) {
    }

    private HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private volatile int status = 200;
    private volatile String answer;
    private StripeCheckoutSessions sessions;

    @BeforeEach
    void stripeStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"), exchange.getRequestHeaders().getFirst("Stripe-Version"),
                    exchange.getRequestHeaders().getFirst("Authorization"), URLDecoder.decode(body, StandardCharsets.UTF_8)));
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        StripeClient client = StripeClient.builder().setApiKey("sk_test_khanaen").setMaxNetworkRetries(0)
                .setApiBase("http://127.0.0.1:" + server.getAddress().getPort()).build();
        sessions = new StripeCheckoutSessions(client, "Khanaen donation");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String session(String status, String paymentStatus) {
        return """
                {"id": "cs_test_a1", "object": "checkout.session", "amount_total": 50000, "currency": "thb", "client_reference_id": "42",
                 "payment_intent": "pi_3T1", "payment_status": "%s", "status": "%s", "payment_method_types": ["card", "promptpay"],
                 "url": "https://checkout.stripe.com/c/pay/cs_test_a1"}""".formatted(paymentStatus, status);
    }

    @Test
    void aSessionIsCreatedForCardAndPromptPayInThbWithTheDonationsIdempotencyKey() {
        answer = session("open", "unpaid");
        var checkout = new CheckoutSessions.NewCheckout(new DonationId(42), 50_000, "thb", "donor@example.org", Locale.forLanguageTag("th-TH"),
                "https://khanaen.example/campaign/thanks/t", "https://khanaen.example/campaign?cancelled=t", Instant.ofEpochSecond(1_900_000_000));

        var created = sessions.create(checkout);

        assertThat(created.id()).isEqualTo("cs_test_a1");
        assertThat(created.url()).startsWith("https://checkout.stripe.com/");
        Request sent = requests.getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/checkout/sessions");
        assertThat(sent.idempotencyKey()).isEqualTo("khanaen-donation-42-checkout");
        assertThat(sent.version()).isEqualTo(Stripe.API_VERSION).isEqualTo("2026-07-29.dahlia");
        assertThat(sent.authorization()).isEqualTo("Bearer sk_test_khanaen");
        assertThat(sent.body()).contains("mode=payment", "currency=thb", "payment_method_types[0]=card", "payment_method_types[1]=promptpay",
                "line_items[0][price_data][unit_amount]=50000", "line_items[0][price_data][currency]=thb", "line_items[0][quantity]=1",
                "client_reference_id=42", "metadata[donation_id]=42", "payment_intent_data[metadata][donation_id]=42",
                "customer_email=donor@example.org", "expires_at=1900000000", "locale=th", "submit_type=donate",
                "success_url=https://khanaen.example/campaign/thanks/t");

        // asked again (a retry): the same key, so Stripe answers with the first session
        sessions.create(checkout);
        assertThat(requests.get(1).idempotencyKey()).isEqualTo("khanaen-donation-42-checkout");
        assertThat(requests.get(1).body()).isEqualTo(sent.body());
    }

    @Test
    void theReconciliationRetrievesTheSessionByIdAndReadsStripesAnswer() {
        answer = session("complete", "paid");

        var found = sessions.retrieve("cs_test_a1").orElseThrow();

        assertThat(requests.getFirst().method()).isEqualTo("GET");
        assertThat(requests.getFirst().path()).isEqualTo("/v1/checkout/sessions/cs_test_a1");
        assertThat(found.paid()).isTrue();
        assertThat(found.amountTotal()).isEqualTo(50_000);
        assertThat(found.paymentIntent()).isEqualTo("pi_3T1");
        assertThat(found.clientReferenceId()).isEqualTo("42");
    }

    @Test
    void anUnknownSessionIsEmptyAndAnOutageIsAProblemNotAnAnswer() {
        status = 404;
        answer = """
                {"error": {"code": "resource_missing", "message": "No such checkout.session: 'cs_test_gone'", "param": "session", "type": "invalid_request_error"}}""";
        assertThat(sessions.retrieve("cs_test_gone")).isEmpty();

        status = 500;
        answer = """
                {"error": {"message": "An unknown error occurred", "type": "api_error"}}""";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sessions.retrieve("cs_test_a1")).isInstanceOf(PaymentProviderUnavailable.class);
    }
}
