package org.khanaen.results;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PhotoProperties.class)
class PhotosConfiguration {

    @Bean
    PhotoFiles photoFiles(PhotoProperties properties) {
        return new PhotoFiles(properties.directory());
    }
}
