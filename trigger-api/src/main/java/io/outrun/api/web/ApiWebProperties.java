package io.outrun.api.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code outrun.api.web.*}: the HTTP edge of trigger-api.
 *
 * @param maxBodySize the largest management request body; larger ones are 413
 * @param corsAllowedOrigins origins of the editor allowed to call the API from a browser (for
 *     example {@code https://editor.example.org}); none by default
 */
@ConfigurationProperties("outrun.api.web")
public record ApiWebProperties(
    @DefaultValue("1MB") DataSize maxBodySize, @DefaultValue List<String> corsAllowedOrigins) {}
