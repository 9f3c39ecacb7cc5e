package dev.atelier.generation;

import dev.atelier.personalmodel.ModelVersionRetired;
import dev.atelier.personalmodel.ModelVersionTrained;
import dev.atelier.personalmodel.ModelVersions;
import dev.atelier.personalmodel.VersionStatus;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps offerings on a version that may serve. When a creator withdraws a work, the versions that learned from it
 * are retired and a new one is trained without it: offerings move to that new version (or, at once, to the active
 * one when it is still ready), so sales go on and the withdrawn work is no longer used.
 */
@Component
class OfferingVersions {

    private static final Logger log = LoggerFactory.getLogger(OfferingVersions.class);

    private final JdbcClient jdbc;
    private final ModelVersions versions;

    OfferingVersions(JdbcClient jdbc, ModelVersions versions) {
        this.jdbc = jdbc;
        this.versions = versions;
    }

    @ApplicationModuleListener
    void on(ModelVersionRetired retired) {
        versions.active(retired.creator())
                .filter(active -> active.status() == VersionStatus.READY && !active.id().equals(retired.version()))
                .ifPresent(active -> moved(retired.creator().value(), active.id().value(), jdbc.sql("""
                                update offering set model_version_id = :to
                                where creator_id = :creator and model_version_id = :retired""")
                        .param("to", active.id().value()).param("creator", retired.creator().value())
                        .param("retired", retired.version().value()).update()));
    }

    @ApplicationModuleListener
    void on(ModelVersionTrained trained) {
        moved(trained.creator().value(), trained.version().value(), jdbc.sql("""
                        update offering set model_version_id = :to
                        where creator_id = :creator and model_version_id in (
                            select id from model_version where creator_id = :creator and status = 'RETIRED')""")
                .param("to", trained.version().value()).param("creator", trained.creator().value()).update());
    }

    private static void moved(UUID creator, UUID version, int offerings) {
        if (offerings > 0) {
            log.info("Moved {} offering(s) of creator {} to model version {}", offerings, creator, version);
        }
    }
}
