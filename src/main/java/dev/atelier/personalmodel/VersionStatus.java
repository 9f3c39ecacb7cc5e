package dev.atelier.personalmodel;

/** TRAINING while its job runs; READY to serve; FAILED if training did not finish; RETIRED when it may not serve. */
public enum VersionStatus {
    TRAINING, READY, FAILED, RETIRED
}
