/**
 * The audience line under `<segment-picker>`'s lists: whom the choice reaches, asked of the
 * adapter's `resolveAudience` (one person's page is enough: `total` and `removed` describe the
 * whole audience) once choosing pauses, the earlier question aborted by the task.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { AudienceChannel, AudienceQuery } from '../../src/core.ts';
import { AdapterTask } from '../shared/adapter-task.ts';
import type { SegmentAdapterController } from '../shared/adapter.ts';
import { errorMessage } from '../shared/error-messages.ts';
import type { LocalizeController } from '../shared/localize.ts';
import { audienceSentence, type SegmentPickerStrings } from './segment-picker.logic.ts';

/** How long choosing must pause before the audience is resolved again. */
const AUDIENCE_DELAY_MS = 300;

export class AudienceLine {
  private readonly task;

  /** `query` gives what to ask, or undefined when nothing is to be asked (empty or invalid). */
  constructor(
    host: ReactiveControllerHost,
    adapter: SegmentAdapterController,
    query: () => Omit<AudienceQuery, 'limit' | 'cursor'> | undefined,
  ) {
    this.task = new AdapterTask(host, adapter, {
      // As JSON, so an equal query built anew does not ask again.
      args: () => [JSON.stringify(query() ?? null)] as const,
      task: (current, [json], { signal }) => {
        const q = JSON.parse(json) as Omit<AudienceQuery, 'limit'> | null;
        return q ? current.resolveAudience({ ...q, limit: 1 }, { signal }) : Promise.resolve(null);
      },
      delay: AUDIENCE_DELAY_MS,
    });
  }

  /**
   * The line: a hint when nothing is included, a pointer to the problem when the choice is
   * invalid, "Counting…" while asking, else the sentence; a failure as an alert beside it.
   */
  render(
    state: { empty: boolean; blocked: boolean; channel: AudienceChannel },
    t: SegmentPickerStrings,
    localize: LocalizeController,
  ): TemplateResult {
    const { pending, value, error } = this.task;
    let text: string;
    if (state.empty) text = t.audienceEmpty;
    else if (state.blocked) text = t.audienceBlocked;
    else if (pending || !value) text = error && !pending ? '' : t.audienceCounting;
    else text = audienceSentence(value, state.channel, t, localize);
    const failed =
      error && !pending && !state.empty && !state.blocked
        ? localize.format(t.audienceFailed, {
            message: errorMessage(error, localize.section('errors')),
          })
        : '';
    return html`<div class="audience" part="audience">
      <span class="audience-label">${t.audience}</span>
      <p role="status" aria-live="polite" class="sentence" aria-busy=${pending}>${text}</p>
      ${failed ? html`<p role="alert" class="error" part="error">${failed}</p>` : nothing}
    </div>`;
  }
}
