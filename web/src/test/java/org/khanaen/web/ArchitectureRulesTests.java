package org.khanaen.web;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.metaAnnotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.khanaen.platform.jobs.EveryNode;
import org.springframework.modulith.NamedInterface;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import jakarta.persistence.EntityManager;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * What Modulith's verify() does not check: rules stay plain Java, and controllers stay out of the database.
 * Exceptions are named here with their reason, so that a new one is a decision rather than an accident.
 */
@AnalyzeClasses(packages = "org.khanaen", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureRulesTests {

    /**
     * Rules read like the brief and are tested without Spring: the count checks, the quick count's sample and estimator,
     * the planners, the seat rule, *Rules, *Policy.
     */
    @ArchTest
    static final ArchRule domainRulesImportNoSpring = noClasses()
            .that(resideInAPackage("org.khanaen.results.checks")
                    .or(resideInAPackage("org.khanaen.results.quickcount"))
                    .or(simpleNameEndingWith("Planner").and(resideInAPackage("org.khanaen.assignment")))
                    .or(describe("the seat rule", (JavaClass c) -> c.getName().startsWith("org.khanaen.elections.LargestRemainder")))
                    .or(simpleNameEndingWith("Rules").and(resideInAPackage("org.khanaen..")))
                    .or(simpleNameEndingWith("Policy").and(resideInAPackage("org.khanaen.."))))
            // the one exception: Modulith's @NamedInterface, which declares Tally and Findings part of the module's API
            .should().dependOnClassesThat(resideInAPackage("org.springframework..").and(not(equivalentTo(NamedInterface.class))))
            .because("a rule is a plain function of its input, tested without Spring");

    /**
     * Controllers (and their advice) ask the modules; they do not query the database themselves: no Spring Data
     * repository, no JDBC (Spring's templates and client, java.sql, javax.sql), no entity manager.
     */
    @ArchTest
    static final ArchRule controllersDoNotTouchTheDatabase = noClasses()
            .that(resideInAPackage("org.khanaen.web..")
                    .and(metaAnnotatedWith(Controller.class).or(metaAnnotatedWith(ControllerAdvice.class))))
            .should().dependOnClassesThat(assignableTo(org.springframework.data.repository.Repository.class)
                    .or(resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "javax.sql.."))
                    .or(assignableTo(EntityManager.class)))
            .because("SQL and repositories belong to the module that owns the tables");

    /**
     * Every node runs the same schedule: a scheduled job takes the cluster-wide lease first, or it runs once per node;
     * only a job that keeps the node's own memory fresh says so and runs everywhere.
     */
    @ArchTest
    static final ArchRule scheduledJobsRunOnceAcrossTheCluster = methods()
            .that().areAnnotatedWith(Scheduled.class)
            .should().beAnnotatedWith(SchedulerLock.class).orShould().beAnnotatedWith(EveryNode.class)
            .because("several app nodes run the same @Scheduled methods (docs/cluster-state.md)");
}
