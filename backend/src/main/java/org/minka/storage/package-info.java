/**
 * The object-storage port ({@link org.minka.storage.ObjectStore}, a Mono API) and its MinIO
 * adapter. The only module allowed to touch the MinIO SDK.
 */
package org.minka.storage;
