package org.minka.certificate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.minka.common.ApiErrors;
import org.minka.common.HttpCaching;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "certificates")
class CertificateController {

    private final CertificateReads reads;
    private final CertificateRevocation revocation;
    private final HttpCaching caching;

    CertificateController(
            CertificateReads reads, CertificateRevocation revocation, HttpCaching caching) {
        this.reads = reads;
        this.revocation = revocation;
        this.caching = caching;
    }

    @GetMapping(path = "/api/v1/certificates/{code}", produces = "application/json")
    @Operation(
            operationId = "verifyCertificate",
            summary =
                    "Verify a certificate by its code: who, what, which course, event or campaign,"
                            + " when, and whether it is revoked (public)")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {401, 404},
            publicRead = true)
    Mono<ResponseEntity<Certificate>> verify(
            @Parameter(description = "The verification code printed on the certificate")
                    @PathVariable
                    String code) {
        return reads.verify(code).map(caching::ok);
    }

    @GetMapping(path = "/api/v1/certificates/{code}/pdf", produces = "application/pdf")
    @Operation(
            operationId = "downloadCertificate",
            summary = "The certificate's PDF (public; a revoked one says so on its verify page)")
    @ApiResponse(
            responseCode = "200",
            description = "The PDF",
            content =
                    @Content(
                            mediaType = "application/pdf",
                            schema = @Schema(type = "string", format = "binary")))
    @ApiErrors(
            value = {401, 404},
            publicRead = true)
    Mono<ResponseEntity<byte[]>> pdf(@PathVariable String code) {
        return reads.pdf(code).map(bytes -> pdfResponse(code, bytes));
    }

    private static ResponseEntity<byte[]> pdfResponse(String code, byte[] bytes) {
        ContentDisposition disposition =
                ContentDisposition.inline().filename("certificate-" + code + ".pdf").build();
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .cacheControl(CacheControl.noCache())
                .body(bytes);
    }

    @PostMapping(
            path = "/api/v1/certificates/{code}/revocation",
            consumes = "application/json",
            produces = "application/json")
    @Operation(
            operationId = "revokeCertificate",
            summary =
                    "Revoke a certificate with a public reason (admin, or whoever manages what it"
                            + " certifies: a course's manager); audited")
    @ApiResponse(responseCode = "200", description = "The revoked certificate")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 415},
            types = {ProblemType.CERTIFICATE_REVOKED})
    Mono<ResponseEntity<Certificate>> revoke(
            @PathVariable String code,
            @Valid @RequestBody Certificate.Revoke request,
            @AuthenticationPrincipal CurrentUser user) {
        return revocation.revoke(code, request.reason(), user).map(ResponseEntity::ok);
    }
}
