package dev.feedlink.sandbox.bank.domain;

import java.util.List;

/** Where card purchases happen, with a plausible spend range in cents. */
record Merchant(String name, String statementName, String categoryCode, long minCents, long maxCents) {

  static final List<Merchant> ALL =
      List.of(
          new Merchant("Woolworths Metro", "WOOLWORTHS METRO SYDNEY NSW", "5411", 800, 16_000),
          new Merchant("Coles Supermarket", "COLES 0741 NEWTOWN NSW", "5411", 1_000, 18_000),
          new Merchant("Placid Pizza", "PLACID PIZZA SURRY HILLS", "5814", 1_200, 4_800),
          new Merchant("Metro Petroleum", "METRO PETROLEUM ALEXANDRIA", "5541", 4_000, 11_000),
          new Merchant("Officeworks", "OFFICEWORKS 0312 SYDNEY", "5943", 500, 9_000),
          new Merchant("Chemist Warehouse", "CHEMIST WAREHOUSE BROADWAY", "5912", 600, 7_000),
          new Merchant("Transport for NSW", "TRANSPORTFORNSW OPAL", "4111", 300, 1_500),
          new Merchant("Bunnings Warehouse", "BUNNINGS 470000 ALEXANDRIA", "5200", 1_500, 25_000),
          new Merchant("The Coffee Club", "THE COFFEE CLUB MARTIN PL", "5814", 450, 2_200),
          new Merchant("Netflix", "NETFLIX.COM MELBOURNE", "4899", 1_899, 1_899));
}
