// Sending a trigger's form, as the new-trigger form and the trigger's settings do: the type's
// config read first (a control it cannot read is said in the notice line, and nothing is sent),
// then the request; a refusal is shown beside the form (a dependency cycle by the workflow names
// the form knows), and a failure that is no API problem goes to the notice line too.
import * as notice from '../notice.js';
import { showProblem } from '../problem-view.js';

/** send(config) with the form's config, then sent(answer); a failure of either fills problems. */
export async function submitTrigger(form, problems, send, sent) {
  let config;
  try {
    config = form.config();
  } catch (e) {
    notice.info(e.message);
    return;
  }
  try {
    sent(await send(config));
  } catch (e) {
    showProblem(problems, e, form.names ? form.names() : {});
    if (!e.problem) notice.error(e);
  }
}
