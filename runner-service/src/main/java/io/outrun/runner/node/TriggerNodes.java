package io.outrun.runner.node;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One {@link TriggerNode} executor per trigger type a canvas may hold. */
@Configuration(proxyBeanMethods = false)
class TriggerNodes {

  @Bean
  NodeExecutor webhookTriggerNode() {
    return new TriggerNode("trigger.webhook");
  }

  @Bean
  NodeExecutor scheduleTriggerNode() {
    return new TriggerNode("trigger.schedule");
  }

  @Bean
  NodeExecutor dataChangeTriggerNode() {
    return new TriggerNode("trigger.data_change");
  }

  @Bean
  NodeExecutor dependencyTriggerNode() {
    return new TriggerNode("trigger.dependency");
  }

  @Bean
  NodeExecutor kafkaTopicTriggerNode() {
    return new TriggerNode("trigger.kafka_topic");
  }

  @Bean
  NodeExecutor manualTriggerNode() {
    return new TriggerNode("trigger.manual");
  }
}
