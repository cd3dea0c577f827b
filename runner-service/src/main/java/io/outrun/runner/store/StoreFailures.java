package io.outrun.runner.store;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import java.util.Set;
import org.bson.BSONException;
import org.bson.codecs.configuration.CodecConfigurationException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.mapping.MappingException;

/**
 * What a failure of the store means, told from the one throwable given (callers walk the causes):
 * the store unreachable, which passes; or a document it refuses, which no attempt will change.
 */
public final class StoreFailures {

  /** MongoDB's codes for a document or value it refuses whatever the attempt. */
  private static final Set<Integer> REFUSED_DOCUMENT_CODES =
      Set.of(
          2, // BadValue
          52, // DollarPrefixedFieldName
          55, // InvalidDBRef
          56, // EmptyFieldName
          57, // DottedFieldName
          10334, // BSONObjectTooLarge
          17280, // KeyTooLong
          17419); // document too large after an update

  private StoreFailures() {}

  /** MongoDB unreachable, timing out, or between primaries. */
  public static boolean unreachable(Throwable failure) {
    return failure instanceof DataAccessResourceFailureException
        || failure instanceof TransientDataAccessException
        || failure instanceof MongoSocketException
        || failure instanceof MongoTimeoutException
        || failure instanceof MongoConnectionPoolClearedException
        || failure instanceof MongoNotPrimaryException
        || failure instanceof MongoNodeIsRecoveringException
        || (failure instanceof MongoException mongo && mongo.hasErrorLabel("RetryableWriteError"));
  }

  /** A document that cannot be stored as it is: too large, a value no codec takes, a bad key. */
  public static boolean refusesDocument(Throwable failure) {
    return failure instanceof BSONException
        || failure instanceof CodecConfigurationException
        || failure instanceof MappingException
        || failure instanceof InvalidDataAccessApiUsageException
        || (failure instanceof MongoException mongo
            && REFUSED_DOCUMENT_CODES.contains(mongo.getCode()));
  }
}
