package io.outrun.runner;

import io.outrun.runner.node.FlakyNode;
import io.outrun.runner.node.MeteredNode;
import io.outrun.runner.node.UnstorableNode;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

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
}
