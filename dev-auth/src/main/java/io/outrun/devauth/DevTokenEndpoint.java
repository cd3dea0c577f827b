package io.outrun.devauth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Signs dev tokens; registered only by {@link DevTokens}. */
@RestController
class DevTokenEndpoint {

  /** trigger-api refuses longer {@code sub} and {@code workspaceId} claims. */
  private static final int MAX_CLAIM = 200;

  private final NimbusJwtEncoder encoder;
  private final DevTokens.Key key;
  private final Clock clock;

  DevTokenEndpoint(DevTokens.Key key, Clock clock) {
    this.encoder =
        NimbusJwtEncoder.withSecretKey(new SecretKeySpec(key.bytes(), "HmacSHA256")).build();
    this.key = key;
    this.clock = clock;
  }

  record TokenRequest(
      @NotBlank @Size(max = MAX_CLAIM) String userId,
      @NotBlank @Size(max = MAX_CLAIM) String workspaceId) {}

  @PostMapping(DevTokens.PATH)
  Map<String, String> issue(@Valid @RequestBody TokenRequest request) {
    Instant now = clock.instant();
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .issuer(key.issuer())
            .audience(List.of(key.audience()))
            .subject(request.userId())
            .claim("workspaceId", request.workspaceId())
            .issuedAt(now)
            .expiresAt(now.plus(DevTokens.LIFETIME))
            .build();
    JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
    return Map.of(
        "token", encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue());
  }
}
