package org.khanaen.donations;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.khanaen.donations.CheckoutSessions.CheckoutSession;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Asks the payment provider about donations still pending after {@code reconcile-after}: a webhook that
 * never came (the app was down longer than Stripe retries, or the endpoint was misconfigured) must not
 * lose a donation. A paid session completes the donation through the same settlement as the webhook, an
 * expired one ends it. Safe on every node at once: each change is a conditional update, so two nodes
 * reconciling one donation count it once.
 */
@Component
class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);
    private static final int BATCH = 100;

    private final DonationRecords donations;
    private final CheckoutSessions sessions;
    private final Settlement settlement;
    private final Donations campaign;
    private final DonationsProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Reconciliation(DonationRecords donations, CheckoutSessions sessions, Settlement settlement, Donations campaign,
            DonationsProperties properties, TransactionTemplate transaction, ObjectProvider<Clock> clock) {
        this.donations = donations;
        this.sessions = sessions;
        this.settlement = settlement;
        this.campaign = campaign;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The scheduled round, on one node of the cluster at a time (two would ask Stripe twice about each donation). */
    @Scheduled(fixedDelayString = "${khanaen.donations.reconcile-every:1m}", initialDelayString = "${khanaen.donations.reconcile-every:1m}")
    @SchedulerLock(name = "donations.reconcile", lockAtMostFor = "PT10M", lockAtLeastFor = "PT20S")
    void scheduled() {
        reconcile();
    }

    /** @return how many donations it changed */
    int reconcile() {
        Instant now = clock.instant();
        Instant due = now.minus(properties.reconcileAfter());
        int changed = 0;
        for (DonationRecords.Row donation : donations.toReconcile(due, due, BATCH)) {
            try {
                if (reconcile(donation, now)) {
                    changed++;
                }
            } catch (PaymentProviderUnavailable e) {
                log.warn("Reconciliation of donation {}: {}", donation.id(), e.getMessage());
                transaction.executeWithoutResult(status -> donations.checked(donation.id(), now));
            }
        }
        if (changed > 0) {
            log.info("Reconciliation completed or ended {} donation(s)", changed);
        }
        return changed;
    }

    private boolean reconcile(DonationRecords.Row donation, Instant now) {
        Optional<CheckoutSession> found;
        if (donation.sessionId() != null) {
            found = sessions.retrieve(donation.sessionId());
        } else {
            // the app stopped between opening the session and writing it down: the same idempotency key
            // gives back the session Stripe opened then (or opens one nobody has seen, which expires)
            try {
                found = Optional.of(sessions.create(campaign.checkoutFor(donation)));
            } catch (PaymentProviderUnavailable e) {
                if (now.isAfter(campaign.checkoutFor(donation).expiresAt())) {
                    return Boolean.TRUE.equals(transaction.execute(status -> donations.end(donation.id(), DonationRecords.EXPIRED, now)));
                }
                throw e;
            }
        }
        return Boolean.TRUE.equals(transaction.execute(status -> {
            donations.checked(donation.id(), now);
            if (found.isEmpty()) {
                donations.problem(donation.id(), "checkout session " + donation.sessionId() + " unknown to the payment provider");
                return donations.end(donation.id(), DonationRecords.FAILED, now);
            }
            CheckoutSession session = found.get();
            donations.attachSession(donation.id(), session.id());
            if (session.paid()) {
                if (!Settlement.matches(donation, session.amountTotal(), session.currency())) {
                    donations.problem(donation.id(), "Stripe reported " + Baht.plain(session.amountTotal()) + " " + session.currency()
                            + " for session " + session.id());
                    return false;
                }
                return settlement.succeed(donation, session.paymentIntent(), session.paymentMethod(), now);
            }
            if (session.expired()) {
                return donations.end(donation.id(), DonationRecords.EXPIRED, now);
            }
            return false; // still open, or a PromptPay transfer still on its way
        }));
    }
}
