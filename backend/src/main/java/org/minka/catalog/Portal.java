package org.minka.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.minka.catalog.portal.PortalKind;

/** A registered open-data portal that datasets are linked from. */
@Schema(name = "Portal")
record Portal(
        UUID id,
        @Schema(example = "Plataforma Nacional de Datos Abiertos") String name,
        @Schema(example = "https://www.datosabiertos.gob.pe") String baseUrl,
        PortalKind kind,
        Instant createdAt) {

    /** Body to register a portal; without a kind, {@code detect} must be true. */
    @Schema(name = "RegisterPortalRequest")
    record Register(
            @NotBlank @Size(max = 200) @Schema(example = "Plataforma Nacional de Datos Abiertos")
                    String name,
            @NotBlank
                    @Size(max = 500)
                    @Pattern(regexp = "^https?://[^/\\s]+(/\\S*)?$")
                    @Schema(example = "https://www.datosabiertos.gob.pe")
                    String baseUrl,
            @Schema(nullable = true, description = "Leave out and set detect to find it")
                    PortalKind kind,
            @Schema(nullable = true, description = "Probe the portal to find its kind")
                    Boolean detect) {}
}
