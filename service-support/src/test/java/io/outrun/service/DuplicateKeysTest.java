package io.outrun.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;

class DuplicateKeysTest {

  @Test
  void aBulkWriteThatFoundOnlyExistingDocumentsDidAllItHadTo() {
    MongoBulkWriteException bulk = bulkFailure(11000, 11000);

    assertThat(DuplicateKeys.only(bulk)).isTrue();
    // as Spring Data's reactive bulk operations report it
    assertThat(DuplicateKeys.only(new DuplicateKeyException("E11000", bulk))).isTrue();
  }

  @Test
  void anyOtherFailureOfAStatementIsAFailure() {
    assertThat(DuplicateKeys.only(bulkFailure(11000, 2))).isFalse();
    assertThat(DuplicateKeys.only(new DataIntegrityViolationException("too large"))).isFalse();
    assertThat(DuplicateKeys.only(bulkFailure())).isFalse();
  }

  private static MongoBulkWriteException bulkFailure(int... codes) {
    List<BulkWriteError> errors =
        IntStream.range(0, codes.length)
            .mapToObj(i -> new BulkWriteError(codes[i], "failed", new BsonDocument(), i))
            .toList();
    return new MongoBulkWriteException(
        BulkWriteResult.unacknowledged(), errors, null, new ServerAddress(), Set.of());
  }
}
