package io.outrun.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.testing.TestInfraInitializer;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.SessionSynchronization;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.event.MongoMappingEvent;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.util.ReflectionTestUtils;
import reactor.test.StepVerifier;

/** The reactive template every service gets, against the in-process MongoDB. */
@SpringBootTest(classes = ServiceConventionsIT.App.class)
@ContextConfiguration(initializers = TestInfraInitializer.class)
class ServiceConventionsIT {

  record Kept(String id, String name) {}

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    MappingEvents mappingEvents() {
      return new MappingEvents();
    }
  }

  static class MappingEvents {
    final List<MongoMappingEvent<?>> seen = new CopyOnWriteArrayList<>();

    @EventListener
    void on(MongoMappingEvent<?> event) {
      seen.add(event);
    }
  }

  @Autowired ReactiveMongoTemplate mongo;
  @Autowired MappingEvents events;

  @Test
  void savingAndReadingADocumentPublishesNoMappingEvents() {
    Kept kept = new Kept(UUID.randomUUID().toString(), "stored");

    StepVerifier.create(
            mongo
                .save(kept, "conventions")
                .then(mongo.findById(kept.id(), Kept.class, "conventions")))
        .expectNext(kept)
        .verifyComplete();

    assertThat(events.seen).isEmpty();
  }

  @Test
  void theTemplateNeverLooksForATransaction() {
    assertThat(ReflectionTestUtils.getField(mongo, "sessionSynchronization"))
        .isEqualTo(SessionSynchronization.NEVER);
  }
}
