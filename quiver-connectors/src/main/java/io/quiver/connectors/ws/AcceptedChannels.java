package io.quiver.connectors.ws;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.Set;

/**
 * The onramp's open client sockets (what shutdown closes) and the max_connections slots they took,
 * each forgotten or given back when its socket closes. A socket has one close listener, and it is
 * one of two instances shared by all sockets of the onramp (they find their socket in the future):
 * nothing per socket but the set's entry (an idle client of a large onramp would otherwise keep a
 * lambda per listener and the list holding them, docs/benchmarks/wsalloc-s9.md).
 */
final class AcceptedChannels {
  private final Set<Channel> open;
  private final ClientAdmission.Slots slots;
  private final ChannelFutureListener forget;
  private final ChannelFutureListener forgetAndGiveSlot;

  /**
   * @param open the set of open sockets (thread-safe), which this keeps up to date
   */
  AcceptedChannels(Set<Channel> open, ClientAdmission.Slots slots) {
    this.open = open;
    this.slots = slots;
    this.forget = f -> open.remove(f.channel());
    this.forgetAndGiveSlot =
        f -> {
          open.remove(f.channel());
          slots.give();
        };
  }

  ClientAdmission.Slots slots() {
    return slots;
  }

  /** A socket was accepted: it is open until it closes. */
  void accepted(Channel ch) {
    open.add(ch);
    ch.closeFuture().addListener(forget);
  }

  /**
   * {@code ch} took one of the slots ({@link ClientAdmission.Slots#tryTake}): it is given back when
   * the socket closes (also when it closed already), exactly once. On the channel's loop.
   */
  void tookSlot(Channel ch) {
    // the one listener is swapped for the one that also gives the slot back; had the socket closed
    // before, the first has run and the second runs at once as it is added
    ch.closeFuture().removeListener(forget);
    ch.closeFuture().addListener(forgetAndGiveSlot);
  }
}
