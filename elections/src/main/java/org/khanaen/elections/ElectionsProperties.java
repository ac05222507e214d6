package org.khanaen.elections;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param autoload built-in elections loaded at start-up when missing: {@code th-2566} on the embedded
 *                 default, none in production, where an administrator imports them
 * @param current  the election this installation runs for now: volunteers are recruited, placed and report for
 *                 it, and leads and the war room see it ({@link ElectionCatalog#current()})
 */
@ConfigurationProperties("khanaen.elections")
record ElectionsProperties(@DefaultValue List<String> autoload, @DefaultValue("th-2566") String current) {
}
