/**
 * Platform: technical support every business module may use, outside their rules. The embedded
 * MariaDB of the no-set-up default ({@code embeddeddb}) and mail ({@code mail}: an outbox that sends
 * exactly what committed, Thai/English templates, a development inbox), the redelivery of event publications a
 * listener left incomplete ({@code events}), scheduled jobs once across the cluster ({@code jobs}: ShedLock leases)
 * and transactions retried when another node's commit wins ({@code transactions}). Open, so its sub-packages
 * are usable without named interfaces; a module still lists "platform" in its allowed dependencies.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform",
        type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.khanaen.platform;
