package dev.feedlink.connection.app;

import java.time.Instant;
import java.util.UUID;

/** A client app: everything it creates belongs to it alone. */
public record App(UUID appId, String name, Instant createdAt) {}
