package io.outrun.api.run;

import io.outrun.api.auth.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code GET /api/runs/{id}/events}: a run's progress as server-sent events. */
@RestController
class RunEventsController {

  private final RunEvents events;

  RunEventsController(RunEvents events) {
    this.events = events;
  }

  @Operation(
      summary = "A run's progress as server-sent events",
      description =
          "text/event-stream: first 'event: snapshot' whose data is the run as GET"
              + " /api/runs/{runId} returns it, then 'event: run' with the same shape each time the"
              + " run changes (status or a step), then 'event: end' ({runId, status}) once it has"
              + " ended, after which the stream completes. A ':' comment every 15 s keeps it open."
              + " A stream lasts 30 minutes at most and then ends with a last snapshot (open a new"
              + " one). A finished run answers its snapshot and end at once. 404 for a run not in"
              + " the token's workspace; 429 when this instance or the workspace holds as many"
              + " streams as it may.")
  @GetMapping("/api/runs/{runId}/events")
  Mono<ResponseEntity<Flux<ServerSentEvent<Object>>>> events(
      @AuthenticationPrincipal CurrentUser user, @PathVariable String runId) {
    return events
        .open(user.workspaceId(), runId)
        .map(
            stream ->
                ResponseEntity.ok()
                    .contentType(MediaType.TEXT_EVENT_STREAM)
                    .header("Cache-Control", "no-store")
                    .header("X-Accel-Buffering", "no")
                    .body(stream));
  }
}
