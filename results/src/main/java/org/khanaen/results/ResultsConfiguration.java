package org.khanaen.results;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ResultsProperties.class, LiveFeedProperties.class })
class ResultsConfiguration {
}
