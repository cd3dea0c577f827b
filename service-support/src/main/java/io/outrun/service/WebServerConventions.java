package io.outrun.service;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import reactor.netty.http.server.HttpServer;

/**
 * What every service's Reactor Netty server does the same way: its own error answers (414, 431, a
 * malformed request's 400) carry problem bodies like the application's ({@link ProblemBodies}).
 */
@AutoConfiguration
@ConditionalOnClass({HttpServer.class, NettyServerCustomizer.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class WebServerConventions {

  @Bean
  NettyServerCustomizer problemBodiesForServerErrors() {
    return server ->
        server.doOnChannelInit(
            (observer, channel, remoteAddress) -> ProblemBodies.install(channel.pipeline()));
  }
}
