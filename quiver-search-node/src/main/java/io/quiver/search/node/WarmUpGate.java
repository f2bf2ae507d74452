package io.quiver.search.node;

import java.util.function.UnaryOperator;
import org.opensearch.client.node.NodeClient;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.plugins.ActionPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.rest.BytesRestResponse;
import org.opensearch.rest.RestChannel;
import org.opensearch.rest.RestHandler;
import org.opensearch.rest.RestRequest;

/**
 * A plugin that answers every REST request with 503 until {@link #open()}: the node's HTTP port is
 * bound while it starts, but whoever waits for {@code GET /} to answer 200 (Tremor's integration
 * cases, the examples) should only go on once {@link SearchNodeMain} has warmed the node up.
 */
public final class WarmUpGate extends Plugin implements ActionPlugin {
  private static volatile boolean open;

  /** From now on requests go through. */
  static void open() {
    open = true;
  }

  @Override
  public UnaryOperator<RestHandler> getRestHandlerWrapper(ThreadContext threadContext) {
    return handler ->
        new RestHandler.Wrapper(handler) {
          @Override
          public void handleRequest(RestRequest request, RestChannel channel, NodeClient client)
              throws Exception {
            if (open) {
              super.handleRequest(request, channel, client);
            } else {
              channel.sendResponse(
                  new BytesRestResponse(
                      RestStatus.SERVICE_UNAVAILABLE, "search-node: warming up, try again"));
            }
          }
        };
  }
}
