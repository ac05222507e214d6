package org.khanaen.platform.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param after how long a publication may stay incomplete before it is handed again: well past any listener's normal
 *              run, so what is merely in flight is rarely handed twice
 * @param every how often incomplete publications are looked for
 */
@ConfigurationProperties("khanaen.events.redelivery")
public record EventRedeliveryProperties(@DefaultValue("1m") Duration after, @DefaultValue("15s") Duration every) {
}
