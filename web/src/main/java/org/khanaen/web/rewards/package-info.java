/**
 * Reward pages: the holders' coupon wallets with QR codes (volunteers signed in, donors through their mailed link),
 * the sponsors' offers, counter (camera scanner or typed code) and redemptions, and the administrators' sponsor list.
 */
package org.khanaen.web.rewards;
