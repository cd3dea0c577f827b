package io.outrun.listener.web;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;

/**
 * Puts {@link ServerErrorBodies} on every connection of the listener's web server, next to the HTTP
 * codec, where it sees the responses Reactor Netty writes itself.
 */
@Component
class ServerErrorProblems implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

  @Override
  public void customize(NettyReactiveWebServerFactory factory) {
    factory.addServerCustomizers(
        server ->
            server.doOnChannelInit(
                (observer, channel, remote) -> {
                  if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                    channel
                        .pipeline()
                        .addAfter(
                            NettyPipeline.HttpCodec,
                            "outrun.serverErrorBodies",
                            ServerErrorBodies.INSTANCE);
                  }
                }));
  }
}
