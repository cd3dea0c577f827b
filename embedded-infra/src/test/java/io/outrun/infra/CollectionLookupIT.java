package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Collections are looked up without the database's lock once resolved; a dropped or renamed one is
 * not found again under its old name. (Writing to a renamed collection's old name is another
 * matter: mongo-java-server's H2 backend then writes to the renamed one, with or without this.)
 */
class CollectionLookupIT {

  @Test
  void aCollectionDroppedAndCreatedAgainHoldsOnlyWhatWasWrittenSince() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoDatabase db = client.getDatabase("lookup");
      db.getCollection("leads").insertOne(new Document("_id", "before"));
      db.getCollection("leads").drop();

      db.getCollection("leads").insertOne(new Document("_id", "after"));

      assertThat(db.getCollection("leads").find().into(new ArrayList<>()))
          .containsExactly(new Document("_id", "after"));
    }
  }

  @Test
  void aRenamedCollectionIsFoundUnderItsNewNameOnly() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoDatabase db = client.getDatabase("lookup");
      db.getCollection("old").insertOne(new Document("_id", "a"));

      db.getCollection("old").countDocuments(); // resolved under its old name first

      db.getCollection("old").renameCollection(new MongoNamespace("lookup", "new"));

      assertThat(db.getCollection("new").find(Filters.eq("_id", "a")).first()).isNotNull();
      assertThat(db.getCollection("old").find().into(new ArrayList<>())).isEmpty();
    }
  }
}
