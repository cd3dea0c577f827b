package io.outrun.listener.datachange;

import com.mongodb.reactivestreams.client.MongoClient;
import io.outrun.bus.EventPublisher;
import io.outrun.listener.history.TriggerEvents;
import io.outrun.listener.registry.TriggerActivity;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** What every {@link TriggerStream} works with, in one place. */
@Component
record StreamDeps(
    MongoClient mongo,
    com.mongodb.client.MongoClient blockingMongo,
    StreamPositions positions,
    EventPublisher publisher,
    TriggerEvents history,
    TriggerActivity activity,
    DataChangeMetrics metrics,
    DataChangeProperties properties,
    Clock clock) {}
