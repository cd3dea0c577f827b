package io.outrun.api.secret;

import io.outrun.api.auth.CurrentUser;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The workspace's secrets: {@code PUT /api/secrets/{name}} {@code {"value": "..."}} (201 new, 200
 * replaced; the value is write-only), {@code GET /api/secrets} (names, who and when, by name),
 * {@code DELETE /api/secrets/{name}} (204).
 */
@RestController
@RequestMapping("/api/secrets")
class SecretsController {

  private final SecretsService secrets;

  SecretsController(SecretsService secrets) {
    this.secrets = secrets;
  }

  @PutMapping("/{name}")
  Mono<ResponseEntity<SecretView>> put(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String name,
      @RequestBody SecretRequest request) {
    return Mono.defer(() -> secrets.put(user, name, request))
        .map(
            written ->
                ResponseEntity.status(written.created() ? HttpStatus.CREATED : HttpStatus.OK)
                    .body(written.view()));
  }

  @GetMapping
  Mono<List<SecretView>> list(@AuthenticationPrincipal CurrentUser user) {
    return secrets.list(user).collectList();
  }

  @DeleteMapping("/{name}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  Mono<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable String name) {
    return Mono.defer(() -> secrets.delete(user, name));
  }
}
