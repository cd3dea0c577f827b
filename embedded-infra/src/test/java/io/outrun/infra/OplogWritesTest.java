package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A stream skips to the newest entry only when its collection and its drops had none since. */
class OplogWritesTest {

  private static final String LEADS = "crm.leads";
  private static final String COMMANDS = "crm.$cmd";

  @Test
  void aQuietCollectionsStreamSkipsToTheNewestEntry() {
    OplogWrites writes = new OplogWrites(0);
    writes.appended(LEADS, 10);
    writes.appended("crm.others", 11);
    writes.appended("crm.others", 12);

    assertThat(writes.quietUpTo(LEADS, COMMANDS, 10)).isEqualTo(12);
    assertThat(writes.quietUpTo("crm.empty", "crm.$cmd", 0)).isEqualTo(12);
  }

  @Test
  void aStreamWhoseCollectionWasWrittenOrDroppedSinceReadsOn() {
    OplogWrites writes = new OplogWrites(0);
    writes.appended(LEADS, 10);
    writes.appended("crm.others", 11);
    writes.appended(COMMANDS, 12);

    assertThat(writes.quietUpTo(LEADS, COMMANDS, 9)).as("a write to it").isEqualTo(9);
    assertThat(writes.quietUpTo(LEADS, COMMANDS, 11)).as("a drop in its database").isEqualTo(11);
    assertThat(writes.quietUpTo("sales.leads", "sales.$cmd", 11))
        .as("another database's drop")
        .isEqualTo(12);
  }

  @Test
  void entriesStoredBeforeTheStoreWasOpenedAreReadNotSkipped() {
    OplogWrites writes = new OplogWrites(100);
    writes.appended("crm.others", 101);

    assertThat(writes.quietUpTo(LEADS, COMMANDS, 50)).isEqualTo(50);
    assertThat(writes.quietUpTo(LEADS, COMMANDS, 100)).isEqualTo(101);
  }
}
