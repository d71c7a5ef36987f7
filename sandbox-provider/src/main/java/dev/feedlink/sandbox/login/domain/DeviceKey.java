package dev.feedlink.sandbox.login.domain;

import dev.feedlink.sandbox.domain.Provider;

/** A login from one device at one provider: what trust, consent and a remembered selection attach to. */
public record DeviceKey(Provider provider, String username, String deviceId) {}
