package dev.feedlink.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The build-time schema check: this test failing fails the build. */
class KeptSchemasTest {

  private final SchemaHistory history = SchemaHistory.fromClasspath();

  @Test
  void everyEventSchemaIsKeptAndCompatibleWithEveryKeptVersion() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Schema current : ReleaseSchemas.currentEvents(Path.of("."))) {
      problems.addAll(SchemaEvolutionCheck.check(current, history.versionsOf(current.getFullName())));
    }
    assertThat(problems).as("schema evolution problems").isEmpty();
  }

  @Test
  void theIndexListsEveryKeptFile() throws IOException {
    Path root = Path.of("src/main/resources/avro-history");
    List<String> onDisk = ReleaseSchemas.indexEntries(root);
    List<String> indexed =
        history.all().values().stream()
            .flatMap(List::stream)
            .map(k -> k.fullName() + "/v" + k.version() + ".avsc")
            .sorted()
            .toList();
    assertThat(indexed).containsExactlyElementsOf(onDisk);
  }

  @Test
  void theStoreFindsTheCurrentSchemaOfEveryEvent() throws IOException {
    for (Schema current : ReleaseSchemas.currentEvents(Path.of("."))) {
      assertThat(EventSchemaStore.kept().findByFingerprint(EventSchemaStore.fingerprint(current)))
          .as(current.getFullName())
          .isNotNull();
    }
  }
}
