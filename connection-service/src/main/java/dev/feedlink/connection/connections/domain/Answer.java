package dev.feedlink.connection.connections.domain;

import java.util.List;

/**
 * The user's answer to what a connection asks: a text {@code answer} (MFA method, MFA code,
 * security answer, approval) or the {@code accounts} picked.
 *
 * @param type what the client means to answer; null to answer whatever is asked
 */
public record Answer(PromptType type, String answer, List<String> accounts) {}
