package dev.feedlink.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaEvolutionCheckTest {

  private static final Schema V1 =
      parse(
          """
          {"type":"record","name":"Sample","namespace":"t","fields":[
            {"name":"id","type":"string"},
            {"name":"note","type":["null","string"],"default":null},
            {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["UNKNOWN","A","B"],"default":"UNKNOWN"}}
          ]}""");

  private static List<SchemaHistory.KeptVersion> kept(Schema... versions) {
    return java.util.stream.IntStream.range(0, versions.length)
        .mapToObj(i -> new SchemaHistory.KeptVersion("t.Sample", i + 1, versions[i]))
        .toList();
  }

  private static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }

  @Test
  void aRequiredFieldAddedWithoutADefaultBreaksTheBuild() {
    Schema broken =
        parse(
            """
            {"type":"record","name":"Sample","namespace":"t","fields":[
              {"name":"id","type":"string"},
              {"name":"note","type":["null","string"],"default":null},
              {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["UNKNOWN","A","B"],"default":"UNKNOWN"}},
              {"name":"amount","type":"long"}
            ]}""");

    List<String> problems = SchemaEvolutionCheck.check(broken, kept(V1, broken));

    assertThat(problems)
        .singleElement()
        .asString()
        .contains("t.Sample", "cannot read data written with v1", "not backward compatible", "amount");
  }

  @Test
  void removingAFieldThatHasNoDefaultBreaksForwardCompatibility() {
    Schema withoutId =
        parse(
            """
            {"type":"record","name":"Sample","namespace":"t","fields":[
              {"name":"note","type":["null","string"],"default":null},
              {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["UNKNOWN","A","B"],"default":"UNKNOWN"}}
            ]}""");

    assertThat(SchemaEvolutionCheck.check(withoutId, kept(V1, withoutId)))
        .singleElement()
        .asString()
        .contains("v1 cannot read data written with the current schema", "not forward compatible");
  }

  @Test
  void anOptionalFieldWithADefaultAndANewEnumSymbolAreSafe() {
    Schema v2 =
        parse(
            """
            {"type":"record","name":"Sample","namespace":"t","fields":[
              {"name":"id","type":"string"},
              {"name":"note","type":["null","string"],"default":null},
              {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["UNKNOWN","A","B","C"],"default":"UNKNOWN"}},
              {"name":"count","type":"int","default":0}
            ]}""");

    assertThat(SchemaEvolutionCheck.check(v2, kept(V1, v2))).isEmpty();
  }

  @Test
  void aChangedSchemaThatIsNotKeptYetIsReportedWithTheVersionToRelease() {
    Schema v2 =
        parse(
            """
            {"type":"record","name":"Sample","namespace":"t","fields":[
              {"name":"id","type":"string"},
              {"name":"note","type":["null","string"],"default":null},
              {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["UNKNOWN","A","B"],"default":"UNKNOWN"}},
              {"name":"count","type":"int","default":0}
            ]}""");

    assertThat(SchemaEvolutionCheck.check(v2, kept(V1)))
        .singleElement()
        .asString()
        .contains("differs from its newest kept version v1", "release it as v2");
  }

  @Test
  void aChangeIsCheckedAgainstEveryKeptVersionNotOnlyTheNewest() {
    Schema v2 =
        parse(
            """
            {"type":"record","name":"Sample","namespace":"t","fields":[
              {"name":"id","type":"string"},
              {"name":"note","type":["null","string"],"default":null},
              {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["UNKNOWN","A","B"],"default":"UNKNOWN"}},
              {"name":"count","type":"int","default":0}
            ]}""");
    Schema v3 =
        parse(
            """
            {"type":"record","name":"Sample","namespace":"t","fields":[
              {"name":"id","type":"string"},
              {"name":"note","type":["null","string"],"default":null},
              {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["UNKNOWN","A","B"],"default":"UNKNOWN"}},
              {"name":"count","type":"int","default":0},
              {"name":"extra","type":"string","default":""}
            ]}""");
    assertThat(SchemaEvolutionCheck.check(v3, kept(V1, v2, v3))).isEmpty();
  }

  @Test
  void anUnkeptEventIsReported() {
    assertThat(SchemaEvolutionCheck.check(V1, List.of()))
        .singleElement()
        .asString()
        .contains("not kept", "v1");
  }
}
