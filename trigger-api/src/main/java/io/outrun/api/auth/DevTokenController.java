package io.outrun.api.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/dev/tokens}: signs a token for any user and workspace, so a newcomer can try the
 * API on the local stack. Exists only with {@code outrun.auth.dev-tokens.enabled=true}.
 */
@RestController
@ConditionalOnBooleanProperty("outrun.auth.dev-tokens.enabled")
class DevTokenController {

  static final String PATH = "/api/dev/tokens";
  static final String ISSUER = "outrun-local";
  static final Duration LIFETIME = Duration.ofHours(12);

  private final JwtEncoder encoder;
  private final Clock clock;

  DevTokenController(AuthProperties auth, Clock clock) {
    this.encoder = NimbusJwtEncoder.withSecretKey(SecurityConfiguration.hmacKey(auth)).build();
    this.clock = clock;
  }

  record TokenRequest(@NotBlank String userId, @NotBlank String workspaceId) {}

  @PostMapping(PATH)
  Map<String, String> issue(@Valid @RequestBody TokenRequest request) {
    Instant now = clock.instant();
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .issuer(ISSUER)
            .subject(request.userId())
            .claim(WorkspaceAuthentication.WORKSPACE_CLAIM, request.workspaceId())
            .issuedAt(now)
            .expiresAt(now.plus(LIFETIME))
            .build();
    JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
    String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    return Map.of("token", token);
  }
}
