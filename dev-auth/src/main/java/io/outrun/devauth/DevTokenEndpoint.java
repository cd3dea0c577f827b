package io.outrun.devauth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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

  /** The roles trigger-api knows, and the one a dev token has unless asked otherwise. */
  private static final String ROLE = "viewer|editor|admin";

  private static final String ROLE_MESSAGE = "must be viewer, editor or admin";
  private static final String DEFAULT_ROLE = "admin";

  private final NimbusJwtEncoder encoder;
  private final DevTokens.Key key;
  private final Clock clock;

  DevTokenEndpoint(DevTokens.Key key, Clock clock) {
    this.encoder =
        NimbusJwtEncoder.withSecretKey(new SecretKeySpec(key.bytes(), "HmacSHA256")).build();
    this.key = key;
    this.clock = clock;
  }

  /**
   * @param role the one role the token carries, or null
   * @param roles the roles it carries, or null; neither given: {@code ["admin"]}, so the README's
   *     flow can do everything
   */
  record TokenRequest(
      @NotBlank @Size(max = MAX_CLAIM) String userId,
      @NotBlank @Size(max = MAX_CLAIM) String workspaceId,
      @Pattern(regexp = ROLE, message = ROLE_MESSAGE) String role,
      @Size(min = 1, max = 3)
          List<@NotNull @Pattern(regexp = ROLE, message = ROLE_MESSAGE) String> roles) {

    List<String> claimedRoles() {
      if (role != null) {
        return List.of(role);
      }
      return roles == null ? List.of(DEFAULT_ROLE) : List.copyOf(roles);
    }
  }

  @PostMapping(DevTokens.PATH)
  Map<String, String> issue(@Valid @RequestBody TokenRequest request) {
    Instant now = clock.instant();
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .issuer(key.issuer())
            .audience(List.of(key.audience()))
            .subject(request.userId())
            .claim("workspaceId", request.workspaceId())
            .claim("roles", request.claimedRoles())
            .issuedAt(now)
            .expiresAt(now.plus(DevTokens.LIFETIME))
            .build();
    JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
    return Map.of(
        "token", encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue());
  }
}
