package io.outrun.listener.datachange;

import com.mongodb.reactivestreams.client.MongoClient;
import io.outrun.listener.history.TriggerEvents;
import io.outrun.listener.registry.TriggerActivity;
import io.outrun.service.claimcheck.RunRequestPublisher;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** What every {@link TriggerStream} works with, in one place. */
@Component
record StreamDeps(
    MongoClient mongo,
    com.mongodb.client.MongoClient blockingMongo,
    StreamPositions positions,
    RunRequestPublisher publisher,
    TriggerEvents history,
    TriggerActivity activity,
    DataChangeMetrics metrics,
    DataChangeProperties properties,
    Clock clock) {}
