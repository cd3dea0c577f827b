package io.outrun.listener;

import io.outrun.testing.TestInfraInitializer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one application context the integration tests share: the whole service on a random port,
 * against the test Kafka broker and MongoDB (a database of its own).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "outrun.listener.webhook.max-body-size=64KB",
      "outrun.listener.webhook.encryption-key=" + WebhookSecretFixtures.ENCRYPTION_KEY,
      "management.endpoint.health.show-details=always",
      // Schedule tests tick by hand on their own clock; ScheduleReplicasIT runs the real loop.
      "outrun.listener.schedule.enabled=false"
    })
@ContextConfiguration(initializers = TestInfraInitializer.class)
public @interface ListenerSpringTest {}
