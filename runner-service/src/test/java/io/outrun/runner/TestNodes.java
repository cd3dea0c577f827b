package io.outrun.runner;

import io.outrun.runner.node.AiProperties;
import io.outrun.runner.node.FakeChatServer;
import io.outrun.runner.node.FlakyNode;
import io.outrun.runner.node.MeteredNode;
import io.outrun.runner.node.UnstorableNode;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Node types only the tests use. Every runner test context imports exactly this, so they all share
 * one cached context: a second context would be a second runner in the consumer group, reading
 * another database.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestNodes {
  @Bean
  FlakyNode flakyNode() {
    return new FlakyNode();
  }

  @Bean
  MeteredNode meteredNode() {
    return new MeteredNode();
  }

  @Bean
  UnstorableNode unstorableNode() {
    return new UnstorableNode();
  }

  /**
   * The {@code ai_agent} endpoint of the test context: the shared fake OpenAI-compatible server on
   * loopback, which {@code AiAgentRunIT} scripts (a property would need a context of its own).
   */
  @Bean
  @Primary
  AiProperties testAiProperties() {
    return new AiProperties(
        FakeChatServer.shared().baseUrl(), null, Duration.ofSeconds(30), Map.of());
  }
}
