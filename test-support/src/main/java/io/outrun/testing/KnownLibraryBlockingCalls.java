package io.outrun.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Blocking calls inside libraries that are brief or happen once. BlockHound would turn them into
 * errors that some libraries swallow, leaving a request or a change stream hanging without a trace.
 * Loaded through {@code META-INF/services} in every test JVM; each allowance names one known call
 * site, so a blocking call in Outrun's own code still fails its test.
 */
public final class KnownLibraryBlockingCalls implements BlockHoundIntegration {

  @Override
  public void applyTo(BlockHound.Builder builder) {
    // The MongoDB driver guards its connection pool with short critical sections; under
    // contention its event-loop thread parks for microseconds. The error BlockHound would raise
    // is lost inside the driver and the operation (or a change stream's getMore loop) stops.
    for (String method :
        new String[] {
          "withLock",
          "withInterruptibleLock",
          "checkedWithLock",
          "checkedWithInterruptibleLock",
          "lockInterruptibly"
        }) {
      builder.allowBlockingCallsInside("com.mongodb.internal.Locks", method);
    }
    // The driver names a new server session with a random UUID (SecureRandom reads the OS's
    // entropy pool, briefly) when its pool has none to reuse: after a connection is closed.
    builder.allowBlockingCallsInside(
        "com.mongodb.internal.session.ServerSessionPool", "createNewServerSessionIdentifier");
    // Hibernate Validator reads its message bundle from its jar once, on the first violation.
    builder.allowBlockingCallsInside(
        "org.hibernate.validator.resourceloading.PlatformResourceBundleLocator", "loadBundle");
    // Netty 4.2's adaptive buffer allocator takes a StampedLock for a moment when it grows or
    // trims its magazines under load (seen with megabyte request bodies).
    builder.allowBlockingCallsInside(
        "io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
    builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
    // Netty probes for the zstd native library once, when a client first decodes a response.
    builder.allowBlockingCallsInside("io.netty.handler.codec.compression.Zstd", "<clinit>");
    // springdoc builds the OpenAPI document once, under a lock, on the first /v3/api-docs request;
    // a second request arriving meanwhile waits for it (seen as a 500 at load average 20).
    builder.allowBlockingCallsInside("org.springdoc.api.AbstractOpenApiResource", "getOpenApi");
  }
}
