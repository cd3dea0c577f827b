// The kafka_topic form: the topic, another cluster by name (optional), a JSONata filter on the
// record (optional) and where a new trigger starts: the records written from its creation on
// (the API's default) or every record the topic keeps.
import { h } from '../dom.js';
import { choice, text, defined } from './controls.js';

export const STARTS = ['created', 'earliest'];

export function kafkaTopicForm(config) {
  const topic = text('topic', 'Topic *', config.topic, "a Kafka topic; not one of Outrun's own (outrun.*)",
    { required: true });
  const cluster = text('cluster', 'Cluster (optional)', config.cluster,
    "another cluster named in the listener's configuration; Outrun's own by default");
  const filter = text('filter', 'Filter (optional, JSONata)', config.filter,
    "only records it is true for start a run, e.g. value.total > 100 and key = 'big'");
  const startFrom = choice('startFrom', 'A new trigger starts at', STARTS, config.startFrom || 'created',
    'created: records written from its creation on; earliest: every record the topic keeps');
  return {
    element: h('div', { class: 'trigger-form', 'data-form': 'kafka_topic' },
      topic.element, cluster.element, filter.element, startFrom.element),
    config: () => defined({
      topic: topic.control.value.trim(),
      cluster: cluster.control.value.trim() || undefined,
      filter: filter.control.value.trim() || undefined,
      startFrom: startFrom.control.value,
    }),
  };
}
