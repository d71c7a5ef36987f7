package dev.feedlink.sandbox.bank.domain;

import static dev.feedlink.sandbox.domain.Noise.unit;

import dev.feedlink.sandbox.domain.Noise;
import dev.feedlink.sandbox.login.domain.AccountKind;
import dev.feedlink.sandbox.login.domain.ProviderAccount;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A login's bank accounts and their transactions, a pure function of the account numbers and the
 * day: a fortnightly salary, rent on the 1st, a saving transfer mirrored between the two accounts, a
 * few card purchases a day, fees, interest and card repayments. A transaction exists once its time
 * has passed on the sandbox clock, so the ledger grows with it, a few entries a day.
 */
public final class Ledger {

  public static final ZoneId ZONE = ZoneId.of("Australia/Sydney");
  public static final BigDecimal CREDIT_LIMIT = new BigDecimal("6000.00");

  private static final long PURCHASES = 10;
  private static final long MERCHANT = 20;
  private static final long AMOUNT = 40;
  private static final long MINUTE = 60;

  /** A transaction before it has its id: ids number a day's transactions in time order. */
  private record Draft(LocalTime at, String type, String description, long cents, String reference, Merchant merchant) {}

  private final List<ProviderAccount> accounts;
  private final LocalDate historyStart;
  private final boolean hasData;
  private final long loginSeed;

  /**
   * @param accounts every account of the login (transfers between them are mirrored)
   * @param historyStart the first local day with transactions
   * @param hasData false for a login with no data at all ({@code user_nodata})
   */
  public Ledger(String username, List<ProviderAccount> accounts, LocalDate historyStart, boolean hasData) {
    this.accounts = List.copyOf(accounts);
    this.historyStart = historyStart;
    this.hasData = hasData;
    this.loginSeed = Noise.seedOf("ledger:" + username);
  }

  public LocalDate historyStart() {
    return historyStart;
  }

  public boolean hasData() {
    return hasData;
  }

  /** Transactions executed in [oldest, newest] and by now, newest first. */
  public List<BankTransaction> transactions(ProviderAccount account, Instant oldest, Instant newest, Instant now) {
    Instant upper = newest.isAfter(now) ? now : newest;
    List<BankTransaction> found = new ArrayList<>();
    if (!hasData || oldest.isAfter(upper)) {
      return found;
    }
    LocalDate first = localDate(oldest).isBefore(historyStart) ? historyStart : localDate(oldest);
    for (LocalDate d = first; !d.isAfter(localDate(upper)); d = d.plusDays(1)) {
      for (BankTransaction t : day(account, d)) {
        if (!t.executed().isBefore(oldest) && !t.executed().isAfter(upper)) {
          found.add(t);
        }
      }
    }
    found.sort(Comparator.comparing(BankTransaction::executed).thenComparing(BankTransaction::transactionId).reversed());
    return found;
  }

  /** The balance now: an opening balance at the history start plus every transaction since. */
  public Balance balance(ProviderAccount account, Instant now) {
    long cents = opening(account);
    for (LocalDate d = historyStart; !d.isAfter(localDate(now)); d = d.plusDays(1)) {
      for (BankTransaction t : day(account, d)) {
        if (!t.executed().isAfter(now)) {
          cents += t.amount().movePointRight(2).longValueExact();
        }
      }
    }
    BigDecimal current = money(cents);
    return account.kind() == AccountKind.CREDIT_CARD
        ? new Balance(account.number(), current, CREDIT_LIMIT.add(current), CREDIT_LIMIT)
        : new Balance(account.number(), current, current, null);
  }

  private long opening(ProviderAccount account) {
    double u = unit(Noise.hash(Noise.seedOf(account.number()), 1, 1));
    return switch (account.kind()) {
      case SAVINGS -> Math.round((5_000 + 25_000 * u)) * 100;
      case CREDIT_CARD -> -Math.round((200 + 800 * u)) * 100;
      default -> Math.round((1_500 + 3_500 * u)) * 100;
    };
  }

  /** One account's transactions on one local day, in time order. */
  public List<BankTransaction> day(ProviderAccount account, LocalDate d) {
    if (!hasData || d.isBefore(historyStart)) {
      return List.of();
    }
    long seed = Noise.seedOf(account.number());
    long epochDay = d.toEpochDay();
    boolean monthEnd = d.getDayOfMonth() == d.lengthOfMonth();
    List<Draft> drafts = new ArrayList<>();
    switch (account.kind()) {
      case TRANSACTION -> {
        if (payday(d)) {
          drafts.add(new Draft(LocalTime.of(6, 0), "TRANSFER_INCOMING", "Salary ACME PTY LTD", salaryCents(), "PAYROLL " + d, null));
          if (holds(AccountKind.SAVINGS)) {
            drafts.add(new Draft(LocalTime.of(9, 30), "TRANSFER_OUTGOING", "Transfer to Bonus Saver", -savingCents(d), "SAVE " + d, null));
          }
        }
        if (d.getDayOfMonth() == 1) {
          long rent = 165_000 + Math.round(90_000 * unit(Noise.hash(loginSeed, 2, 2)));
          drafts.add(new Draft(LocalTime.of(7, 0), "DIRECT_DEBIT", "Rent Ray White Real Estate", -rent, "RENT " + d.getMonth(), null));
        }
        purchases(drafts, seed, epochDay, 4);
        if (monthEnd) {
          drafts.add(new Draft(LocalTime.of(23, 0), "FEE", "Monthly account fee", -500, "FEE " + d.getMonth(), null));
        }
      }
      case SAVINGS -> {
        if (payday(d) && holds(AccountKind.TRANSACTION)) {
          drafts.add(new Draft(LocalTime.of(9, 30), "TRANSFER_INCOMING", "Transfer from Everyday Account", savingCents(d), "SAVE " + d, null));
        }
        if (monthEnd) {
          long interest = 300 + Math.round(4_000 * unit(seed, epochDay, AMOUNT));
          drafts.add(new Draft(LocalTime.of(23, 30), "INTEREST_PAID", "Bonus interest", interest, "INTEREST " + d.getMonth(), null));
        }
      }
      case CREDIT_CARD -> {
        purchases(drafts, seed, epochDay, 3);
        if (d.getDayOfMonth() == 15) {
          long repayment = 40_000 + Math.round(80_000 * unit(seed, epochDay, AMOUNT));
          drafts.add(new Draft(LocalTime.of(8, 0), "TRANSFER_INCOMING", "Payment - thank you", repayment, "CARD PAYMENT", null));
        }
      }
      default -> {
        // utility accounts have no ledger
      }
    }
    drafts.sort(Comparator.comparing(Draft::at));
    List<BankTransaction> transactions = new ArrayList<>(drafts.size());
    String date = d.format(DateTimeFormatter.BASIC_ISO_DATE);
    for (int i = 0; i < drafts.size(); i++) {
      Draft draft = drafts.get(i);
      Merchant m = draft.merchant();
      transactions.add(
          new BankTransaction(
              account.number(),
              account.number() + "-" + date + "-" + (i + 1),
              draft.type(),
              draft.description(),
              d.atTime(draft.at()).atZone(ZONE).toInstant(),
              money(draft.cents()),
              draft.reference(),
              m == null ? null : m.name(),
              m == null ? null : m.categoryCode()));
    }
    return transactions;
  }

  private void purchases(List<Draft> drafts, long seed, long epochDay, int atMost) {
    int count = (int) (unit(seed, epochDay, PURCHASES) * atMost);
    for (int i = 0; i < count; i++) {
      Merchant m = Merchant.ALL.get((int) Math.floorMod(Noise.hash(seed, epochDay, MERCHANT + i), (long) Merchant.ALL.size()));
      long cents = m.minCents() + Math.round((m.maxCents() - m.minCents()) * unit(seed, epochDay, AMOUNT + i));
      LocalTime at = LocalTime.of(8, 0).plusMinutes((long) (unit(seed, epochDay, MINUTE + i) * 13 * 60));
      drafts.add(new Draft(at, "PAYMENT", m.statementName(), -cents, "", m));
    }
  }

  /** Every other Thursday; which fortnight is the login's own. */
  private boolean payday(LocalDate d) {
    // Epoch day 0 was a Thursday, so Thursdays are the multiples of 7.
    return d.getDayOfWeek() == DayOfWeek.THURSDAY && Math.floorMod(d.toEpochDay() / 7 + loginSeed, 2) == 0;
  }

  private long salaryCents() {
    return 260_000 + Math.round(180_000 * unit(Noise.hash(loginSeed, 3, 3)));
  }

  private long savingCents(LocalDate d) {
    return 20_000 + Math.round(30_000 * unit(loginSeed, d.toEpochDay(), 4));
  }

  private boolean holds(AccountKind kind) {
    return accounts.stream().anyMatch(a -> a.kind() == kind);
  }

  private static BigDecimal money(long cents) {
    return BigDecimal.valueOf(cents, 2);
  }

  static LocalDate localDate(Instant instant) {
    return instant.atZone(ZONE).toLocalDate();
  }
}
