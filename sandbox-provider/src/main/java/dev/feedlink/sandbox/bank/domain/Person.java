package dev.feedlink.sandbox.bank.domain;

import dev.feedlink.sandbox.domain.Noise;
import java.util.List;

/** The customer behind a bank login: a stable made-up name per username. */
public record Person(String firstName, String lastName, String prefix) {

  private static final List<String> FIRST = List.of("Olivia", "Jack", "Charlotte", "William", "Amelia", "Noah", "Isla", "Oliver", "Mia", "Thomas");
  private static final List<String> LAST = List.of("Smith", "Nguyen", "Williams", "Brown", "Wilson", "Taylor", "Johnson", "White", "Martin", "Anderson");

  public static Person of(String username) {
    long seed = Noise.seedOf("person:" + username);
    int first = (int) Math.floorMod(seed, (long) FIRST.size());
    int last = (int) Math.floorMod(Noise.mix(seed), (long) LAST.size());
    return new Person(FIRST.get(first), LAST.get(last), first % 2 == 0 ? "Ms" : "Mr");
  }
}
