package org.khanaen.elections;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param autoload built-in elections loaded at start-up when missing: {@code th-2566} on the embedded
 *                 default, none in production, where an administrator imports them
 */
@ConfigurationProperties("khanaen.elections")
record ElectionsProperties(@DefaultValue List<String> autoload) {
}
