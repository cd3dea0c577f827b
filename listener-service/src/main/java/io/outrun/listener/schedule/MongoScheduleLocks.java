package io.outrun.listener.schedule;

import com.mongodb.client.MongoClient;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * ShedLock on MongoDB (ADR 0003), in Outrun's {@code locks} collection. Its provider needs the
 * blocking driver: Spring Boot configures that client from the same {@code spring.mongodb.*}
 * settings as the reactive one.
 */
@Configuration(proxyBeanMethods = false)
class MongoScheduleLocks {

  static final String COLLECTION = "locks";

  @Bean
  LockingTaskExecutor scheduleLockingTaskExecutor(
      MongoClient blockingClient, MongoProperties mongo) {
    return new DefaultLockingTaskExecutor(
        new MongoLockProvider(
            blockingClient.getDatabase(mongo.getMongoClientDatabase()).getCollection(COLLECTION)));
  }
}
