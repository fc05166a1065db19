package org.ecsagent.emulator.acs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ecsagent.protocol.acs.AcsMessages.AcsMessage;
import org.ecsagent.protocol.acs.AcsMessages.PayloadMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every message to an agent goes out through here, so the ACS fault controls apply in one place:
 * a payload to an instance being held waits for {@link #release}; with a delay set, a message
 * waits until {@code now + delay} by the emulator's clock and goes out on the first tick after
 * that, behind any message delayed before it (order is kept). Without faults, messages go straight
 * to the peer. State-thread only.
 */
final class Transmitter {
  private static final Logger log = LoggerFactory.getLogger(Transmitter.class);

  private final AcsConditions conditions;
  private final Clock clock;
  private final RandomGenerator random;

  Transmitter(AcsConditions conditions, Clock clock, RandomGenerator random) {
    this.conditions = conditions;
    this.clock = clock;
    this.random = random;
  }

  void send(AcsSession session, AcsMessage message) {
    if (message instanceof PayloadMessage payload && conditions.isHolding(session.containerInstanceArn())) {
      session.held().add(payload);
      log.info("holding payload {} (seqNum {}) for {}", payload.messageId(), payload.seqNum(),
          session.containerInstanceArn());
      return;
    }
    Duration delay = conditions.delay();
    if (!delay.isZero() || !session.delayed().isEmpty()) {
      session.delayed().addLast(new AcsSession.Delayed(message, clock.instant().plus(delay)));
      return;
    }
    session.peer().send(message);
  }

  /** Sends every delayed message that is due, oldest first; called on every emulator tick. */
  void sendDue(Collection<AcsSession> sessions) {
    Instant now = clock.instant();
    for (AcsSession session : sessions) {
      while (!session.delayed().isEmpty() && !session.delayed().peekFirst().due().isAfter(now)) {
        session.peer().send(session.delayed().pollFirst().message());
      }
    }
  }

  /** Sends the session's held payloads in the given order; returns how many. */
  int release(AcsSession session, PayloadOrder order) {
    List<PayloadMessage> payloads = new ArrayList<>(session.held());
    session.held().clear();
    switch (order) {
      case AS_SENT -> { }
      case REVERSED -> Collections.reverse(payloads);
      case SHUFFLED -> Collections.shuffle(payloads, random);
    }
    payloads.forEach(session.peer()::send);
    log.info("released {} held payloads to {} ({}): seqNums {}", payloads.size(), session.containerInstanceArn(),
        order, payloads.stream().map(PayloadMessage::seqNum).toList());
    return payloads.size();
  }
}
