/**
 * The public record: every stored report and every decision on a station's count hashed (a documented, canonical
 * encoding), the new hashes rolled into an RFC 6962 Merkle tree at a fixed interval, each tree's root anchored on chain
 * through rewards' chain outbox; the public verification of a station and the open-data export. Reads the results
 * module's tables, never writes them, and adds nothing to a report's path. Built by issue 21; docs/public-record.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Public record", allowedDependencies = { "rewards", "elections", "platform" })
package org.khanaen.proofs;
