package org.minka.recognition;

/** The parts of an entity's score (see docs/recognition.md for each formula). */
enum ScorePart {
    NEW_DATASETS,
    QUALITY,
    FRESHNESS,
    USE,
    OFFICIALS_TRAINED,
    RESPONSIVENESS;

    /** Whether the part comes from {@link ScoreSignals} (training, dataset feedback). */
    boolean optional() {
        return this == OFFICIALS_TRAINED || this == RESPONSIVENESS;
    }
}
