package org.khanaen.web;

import org.junit.jupiter.api.Test;
import org.khanaen.KhanaenApplication;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;

/** Module boundaries hold: no cycles, only declared dependencies, no use of another module's internals. */
class ModularityTests {

    static final ApplicationModules modules = ApplicationModules.of(KhanaenApplication.class,
            DescribedPredicate.describe("test support", (JavaClass type) -> type.getPackageName().startsWith("org.khanaen.testing")));

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writeModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
