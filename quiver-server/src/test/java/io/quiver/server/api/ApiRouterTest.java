package io.quiver.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRouterTest {
  private final ApiRouter router =
      new ApiRouter()
          .add("GET", "/binding/:aid/:sid", req -> text(req.param("aid") + "/" + req.param("sid")))
          .add("GET", "/binding/:aid", req -> text("artefact " + req.param("aid")))
          .add(
              "DELETE",
              "/binding/:aid",
              req -> {
                throw ApiError.notFound();
              })
          .inline("GET", "/health", req -> text("ok"));

  private static ApiResponse text(String s) {
    return ApiResponse.text(200, "text/plain", s);
  }

  private static ApiRequest request(String method, String path, String accept) {
    return new ApiRequest(method, path, accept, null, new byte[0], Map.of());
  }

  private String answer(String method, String path, String accept) {
    ApiResponse r = ApiRouter.answer(router.match(request(method, path, accept)));
    return r.status() + " " + r.contentType() + " " + new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void pathParametersAreFilledFromTheSegments() {
    assertThat(answer("GET", "/binding/main/01", null)).isEqualTo("200 text/plain main/01");
    assertThat(answer("GET", "/binding/system::x/", null))
        .isEqualTo("200 text/plain artefact system::x");
  }

  @Test
  void anUnknownPathIs404AndAKnownOneWithAnotherMethod405WithoutABody() {
    assertThat(answer("GET", "/nope", null)).isEqualTo("404 null ");
    assertThat(answer("PUT", "/binding/main", null)).isEqualTo("405 null ");
    assertThat(answer("GET", "/binding/a/b/c", null)).isEqualTo("404 null ");
  }

  @Test
  void errorsAreTremorsBodyInTheAcceptedFormatJsonUnlessYaml() {
    assertThat(answer("DELETE", "/binding/x", null))
        .isEqualTo("404 application/json {\"code\":404,\"error\":\"Artefact not found\"}");
    assertThat(answer("DELETE", "/binding/x", "application/yaml"))
        .isEqualTo("404 application/yaml ---\ncode: 404\nerror: Artefact not found\n");
    assertThat(answer("DELETE", "/binding/x", "application/vnd.trickle"))
        .startsWith("404 application/json {");
  }

  @Test
  void onlyInlineRoutesAnswerOnTheLoop() {
    assertThat(router.match(request("GET", "/health", null)).inline()).isTrue();
    assertThat(router.match(request("GET", "/binding/a", null)).inline()).isFalse();
  }

  @Test
  void aHandlerThatThrowsGetsTremorsInternalServerError() {
    ApiRouter broken =
        new ApiRouter()
            .add(
                "GET",
                "/x",
                req -> {
                  throw new IllegalStateException("bug");
                });
    ApiResponse r = ApiRouter.answer(broken.match(request("GET", "/x", null)));
    assertThat(r.status()).isEqualTo(500);
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"code\":500,\"error\":\"Internal server error\"}");
  }
}
