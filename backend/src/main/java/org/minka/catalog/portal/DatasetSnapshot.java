package org.minka.catalog.portal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A dataset's metadata as read from its portal, normalised to one shape for every portal kind. */
@Schema(name = "DatasetSnapshot")
public record DatasetSnapshot(
        @Schema(description = "The dataset's id at the portal (CKAN/DKAN uuid, DCAT identifier)")
                String portalDatasetId,
        @Schema(nullable = true, description = "The URL slug at the portal") String slug,
        String title,
        @Schema(description = "Plain text; HTML from the portal is reduced to text")
                String description,
        @Schema(nullable = true) String publisherName,
        @Schema(nullable = true, description = "Portal organization or group id of the publisher")
                String publisherPortalId,
        @Schema(
                        nullable = true,
                        description = "Open Definition id, when the licence maps to one",
                        example = "cc-by")
                String licenseId,
        @Schema(nullable = true, description = "The licence as the portal states it")
                String licenseText,
        @Schema(nullable = true) String licenseUrl,
        List<String> tags,
        List<String> themes,
        @Schema(nullable = true) String spatial,
        @Schema(nullable = true) String temporal,
        @Schema(nullable = true) Instant issued,
        @Schema(nullable = true) Instant modified,
        @Schema(nullable = true, description = "The creation date exactly as the portal sent it")
                String issuedRaw,
        @Schema(
                        nullable = true,
                        description = "The modification date exactly as the portal sent it")
                String modifiedRaw,
        @Schema(nullable = true) String contactEmail,
        @Schema(
                        nullable = true,
                        description =
                                "public, non-public, restricted public, or the portal's label")
                String accessRights,
        @Schema(description = "Whether accessRights comes from a controlled vocabulary")
                boolean accessRightsFromVocabulary,
        @Schema(nullable = true) String rights,
        @Schema(nullable = true, example = "R/P1M") String accrualPeriodicity,
        @Schema(nullable = true) String landingPage,
        List<Resource> resources) {

    /** One resource (distribution). */
    @Schema(name = "DatasetResource")
    public record Resource(
            @Schema(nullable = true) String name,
            @Schema(nullable = true) String description,
            @Schema(nullable = true, description = "http(s) URL to reach the resource")
                    String accessUrl,
            @Schema(nullable = true, description = "http(s) URL of a file to download")
                    String downloadUrl,
            @Schema(nullable = true, description = "The format as declared by the portal")
                    String declaredFormat,
            @Schema(
                            nullable = true,
                            description = "The declared format, normalised",
                            example = "CSV")
                    String format,
            @Schema(
                            nullable = true,
                            description = "The format the URL's extension or media type shows",
                            example = "ZIP")
                    String sniffedFormat,
            @Schema(nullable = true) String mediaType,
            @Schema(nullable = true) Long sizeBytes,
            @Schema(nullable = true, description = "The size exactly as the portal sent it")
                    String sizeRaw,
            @Schema(nullable = true) Instant modified) {

        /**
         * The format to judge the resource by: the sniffed one when known, else the declared one.
         */
        public String effectiveFormat() {
            return sniffedFormat != null ? sniffedFormat : format;
        }

        /** Whether the declared and sniffed formats disagree. */
        public boolean formatMismatch() {
            return format != null && sniffedFormat != null && !format.equals(sniffedFormat);
        }
    }
}
