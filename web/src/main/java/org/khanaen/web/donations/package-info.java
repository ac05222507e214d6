/**
 * The campaign's pages: the public campaign page and giving, the donor's return page, development mode's
 * local payment page, the public ledger with its CSV, Stripe's webhook endpoint, and the administrators'
 * moderation, expenses and sponsor pledges.
 */
package org.khanaen.web.donations;
