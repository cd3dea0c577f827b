package io.outrun.runner.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.runner.usage.CostTable;
import io.outrun.runner.usage.ModelPrice;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class AiPropertiesTest {

  private static AiProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("outrun.runner.ai", AiProperties.class);
  }

  @Test
  void defaultsToOpenAiWithTheShippedPrices() {
    AiProperties properties = bind(Map.of());

    assertThat(properties.baseUrl()).isEqualTo("https://api.openai.com");
    assertThat(properties.apiKey()).isNull();
    assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(properties.costTable().estimatedCost("gpt-4.1", 1_000_000, 0)).isEqualTo(2.0);
  }

  @Test
  void bindsPricesForModelNamesWithDotsInBrackets() {
    AiProperties properties =
        bind(
            Map.of(
                "outrun.runner.ai.base-url", "http://localhost:11434/",
                "outrun.runner.ai.api-key", "sk-x",
                "outrun.runner.ai.prices.[gpt-4.1].input-per-million", "1.5",
                "outrun.runner.ai.prices.[gpt-4.1].output-per-million", "6",
                "outrun.runner.ai.prices.my-model.input-per-million", "0.25",
                "outrun.runner.ai.prices.my-model.output-per-million", "1"));

    assertThat(properties.baseUrl()).isEqualTo("http://localhost:11434");
    CostTable table = properties.costTable();
    assertThat(table.priceOf("gpt-4.1-2025-04-14")).contains(ModelPrice.of("1.5", "6"));
    assertThat(table.priceOf("my-model")).contains(ModelPrice.of("0.25", "1"));
    assertThat(properties.toString()).doesNotContain("sk-x");
  }
}
