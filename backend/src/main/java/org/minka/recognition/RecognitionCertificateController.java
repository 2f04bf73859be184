package org.minka.recognition;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.Messages;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "recognition")
class RecognitionCertificateController {

    private final RecognitionCertificates certificates;
    private final Messages messages;

    RecognitionCertificateController(RecognitionCertificates certificates, Messages messages) {
        this.certificates = certificates;
        this.messages = messages;
    }

    @PostMapping(
            path = "/api/v1/recognition/campaigns/{campaignId}/certificate",
            produces = "application/json")
    @Operation(
            operationId = "issueRecognitionCertificate",
            summary =
                    "Get my personal certificate of my entity's recognition in a closed campaign"
                            + " (an official: a member of a recognised publisher)",
            description =
                    "Recognised: ranked in the campaign's top recognisedTop (default 3) of its final"
                            + " ranking nationally, in its region or among its entity type (ties"
                            + " at N included, score above 0). Issued once per official and"
                            + " campaign: the first call answers 201 with Location, later calls"
                            + " 200 with the same certificate (in the language it was first"
                            + " issued in). The PDF and the public verification are at pdfUrl"
                            + " and verifyUrl. 409 ranking-not-final before the close and its"
                            + " final ranking; 403 for a member of no ranked entity; 422"
                            + " entity-not-recognised. Only admins revoke it"
                            + " (revokeCertificate).")
    @ApiResponse(responseCode = "201", description = "Issued now")
    @ApiResponse(responseCode = "200", description = "Issued before: the same certificate")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 422},
            types = {
                ProblemType.VALIDATION_FAILED,
                ProblemType.RANKING_NOT_FINAL,
                ProblemType.ENTITY_NOT_RECOGNISED
            })
    Mono<ResponseEntity<RecognitionCertificate>> issue(
            @PathVariable UUID campaignId,
            @Parameter(
                            description =
                                    "es or en; default: the Accept-Language (es, else en). Used"
                                            + " the first time only")
                    @RequestParam(required = false)
                    String language,
            @AuthenticationPrincipal CurrentUser user,
            ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> language(language, exchange))
                .flatMap(lang -> certificates.issue(campaignId, lang, user))
                .map(RecognitionCertificateController::response);
    }

    private String language(String asked, ServerWebExchange exchange) {
        if (asked == null) {
            return "es".equals(messages.locale(exchange).getLanguage()) ? "es" : "en";
        }
        String lang = asked.strip();
        if (!"es".equals(lang) && !"en".equals(lang)) {
            throw MinkaException.invalid("language", "must be es or en");
        }
        return lang;
    }

    private static ResponseEntity<RecognitionCertificate> response(
            RecognitionCertificates.Outcome o) {
        if (!o.created()) {
            return ResponseEntity.ok(o.certificate());
        }
        URI location = URI.create("/api/v1/certificates/" + o.certificate().code());
        return ResponseEntity.status(HttpStatus.CREATED).location(location).body(o.certificate());
    }
}
