package dev.atelier;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Modules reach each other only through their base packages, without cycles; the diagrams go to docs/modules. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(AtelierApplication.class);

    @Test
    void modules_only_use_each_others_public_api() {
        modules.verify();
    }

    @Test
    void writes_module_documentation() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
