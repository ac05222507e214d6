package org.khanaen.proofs;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProofsProperties.class)
class ProofsConfiguration {

    @Bean
    Pseudonyms pseudonyms(ProofsProperties properties) {
        return new Pseudonyms(properties.key());
    }
}
