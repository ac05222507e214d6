package org.khanaen.results;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ PhotoProperties.class, PhotoBucketProperties.class })
class PhotosConfiguration {

    /** The bucket; without an endpoint, the embedded S3 server started with it and stopped when it closes. */
    @Bean(destroyMethod = "close")
    PhotoBucket photoBucket(PhotoBucketProperties properties) {
        var bucket = new PhotoBucket(properties);
        try {
            bucket.ensureBucket();
        } catch (RuntimeException e) {
            try {
                bucket.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return bucket;
    }
}
