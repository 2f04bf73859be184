package org.minka.submission;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param slotValidity how long a presigned upload URL (and its slot) stays valid
 * @param downloadValidity how long a presigned download URL stays valid
 * @param streamTimeout how long a streamed upload may take before the reaper may remove it
 * @param maxNotebookBytes notebooks are parsed whole to be validated, so they have their own cap
 * @param previewImageMaxBytes an image output larger than this (base64) is left out of a preview
 * @param previewImagesMaxBytes all images of one preview together
 * @param reaperInterval how often the reaper runs (0 turns it off)
 * @param orphanAge an object under artifacts/ with no row for this long is an orphan
 */
@ConfigurationProperties("minka.submission")
record SubmissionProperties(
        Duration slotValidity,
        Duration downloadValidity,
        Duration streamTimeout,
        Integer maxNotebookBytes,
        Integer previewImageMaxBytes,
        Long previewImagesMaxBytes,
        Duration reaperInterval,
        Duration orphanAge) {

    SubmissionProperties {
        slotValidity = slotValidity == null ? Duration.ofMinutes(10) : slotValidity;
        downloadValidity = downloadValidity == null ? Duration.ofMinutes(5) : downloadValidity;
        streamTimeout = streamTimeout == null ? Duration.ofHours(6) : streamTimeout;
        maxNotebookBytes = maxNotebookBytes == null ? 64 * 1024 * 1024 : maxNotebookBytes;
        previewImageMaxBytes =
                previewImageMaxBytes == null ? 2 * 1024 * 1024 : previewImageMaxBytes;
        previewImagesMaxBytes =
                previewImagesMaxBytes == null ? 16L * 1024 * 1024 : previewImagesMaxBytes;
        reaperInterval = reaperInterval == null ? Duration.ofMinutes(5) : reaperInterval;
        orphanAge = orphanAge == null ? Duration.ofDays(1) : orphanAge;
    }
}
