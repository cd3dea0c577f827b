package io.outrun.api.nodetype;

import io.outrun.api.error.ProblemException;
import io.outrun.nodes.NodeType;
import io.outrun.nodes.NodeTypeCatalogue;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/node-types}: the node type catalogue ({@link NodeTypeCatalogue}), from which an
 * editor builds its palette and a form per node. The same for every workspace; deploy checks a
 * node's data against the same schemas.
 */
@RestController
@RequestMapping("/api/node-types")
class NodeTypeController {

  /** The catalogue's answer: {@code {"nodeTypes": [...]}}. */
  record NodeTypes(List<NodeType> nodeTypes) {}

  private final NodeTypeCatalogue catalogue = NodeTypeCatalogue.standard();

  @Operation(
      summary = "Every node type: title, category, outputs and a JSON Schema of its data",
      description =
          "The runner's node types, then the canvas trigger nodes (trigger.<type>), whose data is"
              + " the trigger's config. dataSchema is JSON Schema 2020-12; its examples are valid"
              + " data.")
  @GetMapping
  Mono<NodeTypes> all() {
    return Mono.just(new NodeTypes(catalogue.all()));
  }

  @Operation(summary = "One node type by name; 404 for an unknown one")
  @GetMapping("/{type}")
  Mono<NodeType> one(@PathVariable String type) {
    return Mono.justOrEmpty(catalogue.find(type))
        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Node type")));
  }
}
