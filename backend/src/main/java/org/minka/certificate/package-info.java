/**
 * Certificates: PDFs (es/en) with an unguessable verification code and a QR code to the public
 * verify URL, stored in object storage, verified and revoked by code. Other modules issue them
 * through {@link org.minka.certificate.Certificates} and say who may revoke through {@link
 * org.minka.certificate.CertificateRevokerPort}.
 */
package org.minka.certificate;
