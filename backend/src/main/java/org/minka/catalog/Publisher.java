package org.minka.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** A public entity that publishes open data. */
@Schema(name = "Publisher")
public record Publisher(
        UUID id,
        @Schema(example = "Ministerio de Salud") String name,
        Type type,
        @Schema(nullable = true, example = "Lima") String region,
        @Schema(
                        nullable = true,
                        description = "The entity's organization or group id at the portal",
                        example = "minsa")
                String portalOrgId,
        Instant createdAt,
        long version) {

    /** Kinds of public entity. */
    public enum Type {
        MINISTRY,
        REGIONAL_GOVERNMENT,
        MUNICIPALITY,
        AUTONOMOUS_BODY,
        OTHER
    }

    /** Body to create a publisher. */
    @Schema(name = "CreatePublisherRequest")
    record Create(
            @NotBlank
                    @Size(max = 200)
                    @Pattern(regexp = ".*\\S.*")
                    @Schema(example = "Ministerio de Salud")
                    String name,
            @NotNull Type type,
            @Size(max = 100) @Schema(example = "Lima") String region,
            @Size(max = 200) @Schema(example = "minsa") String portalOrgId) {}

    /**
     * Body to classify a publisher for the recognition rankings: its entity type and region (null
     * clears the region).
     */
    @Schema(name = "ClassifyPublisherRequest")
    record Classification(
            @NotNull Type type,
            @Size(max = 100)
                    @Pattern(regexp = ".*\\S.*")
                    @Schema(nullable = true, example = "Cusco")
                    String region) {}

    /** A member of the publisher: who may link its datasets and propose challenges. */
    @Schema(name = "PublisherMember")
    public record Member(
            UUID userId,
            @Schema(nullable = true, example = "Ana Quispe") String name,
            UUID grantedBy,
            Instant grantedAt) {}

    /** A publisher with its catalog figures. */
    @Schema(name = "PublisherView")
    public record View(Publisher publisher, Stats stats) {}

    /** The publisher's linked datasets, their average score and its distribution by rating. */
    @Schema(name = "PublisherStats")
    public record Stats(
            long datasets,
            @Schema(nullable = true, description = "Average MQA points (of 405)", example = "262.5")
                    Double averageScore,
            long excellent,
            long good,
            long sufficient,
            long bad) {}
}
