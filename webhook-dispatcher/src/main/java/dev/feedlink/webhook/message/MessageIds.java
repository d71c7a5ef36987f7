package dev.feedlink.webhook.message;

import java.util.UUID;

/** The {@code webhook-id} of a message: {@code msg_} and 32 hex digits (no dots, as signing needs). */
final class MessageIds {

  private MessageIds() {}

  static String next() {
    return "msg_" + UUID.randomUUID().toString().replace("-", "");
  }
}
