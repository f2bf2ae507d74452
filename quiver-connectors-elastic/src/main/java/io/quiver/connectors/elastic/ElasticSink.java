package io.quiver.connectors.elastic;

import io.quiver.spi.Artefact;
import io.quiver.spi.Insight;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.Ports;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.spi.queued.QueuedSender;
import io.quiver.spi.queued.SendLimits;
import io.quiver.spi.queued.SendTarget;
import io.quiver.value.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tremor's {@code elastic} offramp: every event (a batch: all its entries) becomes one {@code
 * _bulk} request ({@link BulkAction}, {@link BulkBody}) sent by {@link ElasticClient} to the next
 * node; at most {@code concurrency} requests are in flight, further events wait in order in a
 * {@link QueuedSender} (whose thread reads each event's actions and starts its request once a slot
 * is free) and, past {@code concurrency} waiting, their senders are held until half as many wait;
 * past {@link #MAX_WAITING} waiting an event is dropped. An event is acked when the cluster
 * answered the request (whatever became of each document, as in Tremor) and failed when the request
 * failed; a request that reached no node breaks the {@link Circuit}.
 *
 * <p>Linked, every document is answered on {@code out} (taken) or {@code err} (refused by the
 * node), a failed request or an event that cannot be written on {@code err} ({@link
 * ElasticAnswers}). Requests run on the HTTP client's two threads of this offramp, never on a
 * pipeline thread.
 */
final class ElasticSink implements Sink, SendTarget {
  private static final Logger LOG = LoggerFactory.getLogger(ElasticSink.class);

  /** Requests waiting beyond which an event is dropped. */
  static final int MAX_WAITING = 1024;

  /** Tremor's text for an event dropped because too much is waiting. */
  static final String OVERLOAD = "Dropped data due to es overload";

  /** The text a request still unanswered at shutdown is failed with. */
  static final String STOPPED = "the elastic offramp stopped before the request was answered";

  /** One event's request, answered exactly once. */
  private static final class Bulk {
    final Event event;
    final List<Event> elements;
    final List<BulkAction> actions;
    final AtomicBoolean answered = new AtomicBoolean();

    Bulk(Event event, List<Event> elements, List<BulkAction> actions) {
      this.event = event;
      this.elements = elements;
      this.actions = actions;
    }
  }

  private final Artefact artefact;
  private final ElasticSettings settings;
  private final Set<Bulk> active = ConcurrentHashMap.newKeySet();
  private final LogThrottle errors = new LogThrottle(LogThrottle.TEN_SECONDS);
  private final AtomicInteger sent = new AtomicInteger();
  private final Semaphore slots;
  private SinkContext context;
  private QueuedSender sender;
  private ScheduledThreadPoolExecutor threads;
  private ElasticClient client;
  private Circuit circuit;

  ElasticSink(Artefact artefact, ElasticSettings settings) {
    this.artefact = artefact;
    this.settings = settings;
    this.slots = new Semaphore(settings.concurrency());
  }

  @Override
  public boolean autoAck() {
    return false;
  }

  @Override
  public void start(SinkContext context) {
    this.context = context;
    AtomicInteger n = new AtomicInteger();
    this.threads =
        new ScheduledThreadPoolExecutor(
            2,
            r -> {
              Thread t = new Thread(r, "elastic-" + artefact.id() + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.client = new ElasticClient(settings.nodes(), settings.requestTimeout(), threads);
    this.sender =
        new QueuedSender(
            "elastic-out-" + artefact.id() + "-" + artefact.instance(),
            context,
            SendLimits.holdingPast(settings.concurrency()).withCapacity(MAX_WAITING),
            this);
    this.circuit = new Circuit(artefact.url(), sender.circuit(), client::ping);
    LOG.info("[Sink::{}] indexing into {}", artefact.url(), settings.nodes());
    client
        .ping()
        .thenAccept(
            up -> {
              if (!up) {
                circuit.nodesAway("no node of " + settings.nodes() + " answers");
              }
            });
    sender.start();
  }

  @Override
  public void onEvent(Event event) {
    if (!sender.offer(event)) {
      dropped(event);
    }
  }

  @Override
  public boolean answersLater() {
    return true; // when the cluster answered the request
  }

  /** On the sender thread: the event's actions read, its request started once a slot is free. */
  @Override
  public void send(Event event) throws InterruptedException {
    List<Event> elements = event.elements();
    if (elements.isEmpty()) {
      LOG.debug("[Sink::{}] Received empty event. Won't send it to ES", artefact.url());
      context.ack(event);
      sender.answered();
      return;
    }
    List<BulkAction> actions = new ArrayList<>(elements.size());
    for (Event element : elements) {
      switch (BulkAction.of(element)) {
        case BulkAction.Valid v -> actions.add(v.action());
        case BulkAction.Invalid invalid -> {
          refuse(event, invalid.error());
          sender.answered();
          return;
        }
      }
    }
    Bulk bulk = new Bulk(event, elements, actions);
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      failed(bulk, new ElasticClient.Failed(STOPPED, false));
      sender.answered();
      throw e;
    }
    send(bulk);
  }

  @Override
  public void probe() {
    circuit.probe();
  }

  private void refuse(Event event, String error) {
    LOG.debug("[Sink::{}] Invalid ES Payload: {}", artefact.url(), error);
    context.fail(event);
    if (artefact.linked()) {
      context.emit(Ports.ERR, ElasticAnswers.invalidPayload(event, error));
    }
  }

  private void dropped(Event event) {
    long heldBack = errors.admit(OVERLOAD);
    if (heldBack >= 0) {
      LOG.error("[Sink::{}] {}{}", artefact.url(), OVERLOAD, errors.heldBackNote(heldBack));
    }
    context.fail(event);
    if (artefact.linked()) {
      context.emit(Ports.ERR, ElasticAnswers.dropped(event, OVERLOAD));
    }
  }

  private void send(Bulk bulk) {
    active.add(bulk);
    sent.incrementAndGet();
    client
        .bulk(bulk.actions)
        .thenAccept(outcome -> finished(bulk, outcome))
        .exceptionally(
            error -> {
              LOG.error("[Sink::{}] answering a bulk request failed", artefact.url(), error);
              return null;
            });
  }

  private void finished(Bulk bulk, ElasticClient.Outcome outcome) {
    active.remove(bulk);
    slots.release();
    if (bulk.answered.compareAndSet(false, true)) {
      switch (outcome) {
        case ElasticClient.Answered a -> answered(bulk, a);
        case ElasticClient.Failed f -> failed(bulk, f);
      }
      sender.answered();
    }
  }

  private void answered(Bulk bulk, ElasticClient.Answered answer) {
    circuit.delivered();
    if (artefact.linked()) {
      List<BulkItem> items = answer.items();
      for (int i = 0; i < bulk.elements.size(); i++) {
        Event element = bulk.elements.get(i);
        BulkAction action = bulk.actions.get(i);
        BulkItem item = i < items.size() ? items.get(i) : missing(action);
        context.emit(
            item.ok() ? Ports.OUT : Ports.ERR,
            item.ok()
                ? ElasticAnswers.documentOk(bulk.event, element, action, item)
                : ElasticAnswers.documentFailed(bulk.event, element, action, item));
      }
    }
    if (bulk.event.transactional()) {
      context.insight(Insight.ack(bulk.event, answer.timeMs()));
    }
  }

  private static BulkItem missing(BulkAction action) {
    return new BulkItem(
        action.index(),
        null,
        action.id() == null ? "" : action.id(),
        null,
        io.quiver.value.Value.of("the bulk response has no entry for this document"));
  }

  private void failed(Bulk bulk, ElasticClient.Failed failure) {
    long heldBack = errors.admit(failure.nodeAway() ? "away" : "request");
    if (heldBack >= 0) {
      LOG.error("[Sink::{}] {}{}", artefact.url(), failure.error(), errors.heldBackNote(heldBack));
    }
    if (failure.nodeAway()) {
      circuit.nodesAway(failure.error());
    }
    context.fail(bulk.event);
    if (artefact.linked()) {
      context.emit(Ports.ERR, ElasticAnswers.requestFailed(bulk.event, failure.error()));
    }
  }

  /** Bulk requests sent so far (for tests). */
  int sent() {
    return sent.get();
  }

  @Override
  public boolean drained() {
    return sender == null || sender.drained();
  }

  @Override
  public void stop() {
    if (sender != null) {
      sender.stop();
    }
  }

  /** After the sender thread ended: requests still unanswered fail; the client is closed. */
  @Override
  public void close() {
    for (Bulk bulk : new ArrayList<>(active)) {
      if (bulk.answered.compareAndSet(false, true)) {
        failed(bulk, new ElasticClient.Failed(STOPPED, false));
        sender.answered();
      }
    }
    if (client != null) {
      client.close();
    }
    if (threads != null) {
      threads.shutdownNow();
    }
  }

  /** An event still waiting at stop (failed already): logged and, linked, answered on err. */
  @Override
  public void unsent(Event event) {
    long heldBack = errors.admit("request");
    if (heldBack >= 0) {
      LOG.error("[Sink::{}] {}{}", artefact.url(), STOPPED, errors.heldBackNote(heldBack));
    }
    if (artefact.linked()) {
      context.emit(Ports.ERR, ElasticAnswers.requestFailed(event, STOPPED));
    }
  }
}
