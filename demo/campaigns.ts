/**
 * Marketing → Campaigns: a campaign form as a host would write it around `<segment-picker>`.
 * Name, channel and consent are the host's own fields; the picker is one more control of the
 * form (its value submitted as JSON under `audience`), told the channel and consent so its
 * audience line matches what the campaign would send. "Send test" writes that audience to a CSV
 * file through the export flow (`exportAudienceCsv` pages through `resolveAudience`), with
 * progress and Cancel. Light DOM, so the demo's stylesheet reaches it.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  exportAudienceCsv,
  isSegmentError,
  type AudienceChannel,
  type SegmentAdapter,
  type SegmentPicker,
} from '../components/index.ts';
import { fileSafe, saveBlob } from '../components/shared/save-file.ts';
import type { DemoStrings } from './strings.ts';

const CHANNELS: readonly AudienceChannel[] = ['sms', 'email', 'any'];

export class DemoCampaignForm extends LitElement {
  @property({ attribute: false }) adapter?: SegmentAdapter;
  @property({ attribute: false }) strings!: DemoStrings;

  @state() private channel: AudienceChannel = 'sms';
  @state() private consentOnly = true;
  @state() private progress: { written: number; total: number } | null = null;
  @state() private message = '';
  @state() private failure = '';
  private abort?: AbortController;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  protected override render(): TemplateResult {
    const s = this.strings;
    const channelName = { sms: s.channelSms, email: s.channelEmail, any: s.channelAny };
    return html`<form class="campaign" @submit=${this.sendTest} @reset=${this.onReset}>
      <div class="field">
        <label for="campaign-name">${s.campaignName}</label>
        <input id="campaign-name" name="name" required autocomplete="off" />
      </div>
      <fieldset class="channel">
        <legend>${s.channel}</legend>
        ${CHANNELS.map(
          (channel) =>
            html`<label
              ><input
                type="radio"
                name="channel"
                value=${channel}
                .checked=${this.channel === channel}
                @change=${() => (this.channel = channel)}
              />
              ${channelName[channel]}</label
            >`,
        )}
      </fieldset>
      <label class="check"
        ><input
          type="checkbox"
          name="consentOnly"
          .checked=${this.consentOnly}
          @change=${(e: Event) => (this.consentOnly = (e.target as HTMLInputElement).checked)}
        />
        ${s.consentOnly}</label
      >
      <fieldset class="who">
        <legend>${s.audience}</legend>
        <segment-picker
          name="audience"
          required
          .adapter=${this.adapter}
          channel=${this.channel}
          ?consent-only=${this.consentOnly}
        ></segment-picker>
      </fieldset>
      <p class="hint">${s.sendTestHint}</p>
      <div class="actions">
        ${
          this.progress
            ? html`<progress
                  max=${this.progress.total || 1}
                  .value=${this.progress.written}
                  aria-label=${s.writing}
                ></progress>
                <span
                  >${format(s.writtenSoFar, {
                    written: this.number(this.progress.written),
                    total: this.number(this.progress.total),
                  })}</span
                >
                <button type="button" @click=${() => this.abort?.abort()}>${s.cancel}</button>`
            : html`<button type="submit" class="primary">${s.sendTest}</button>`
        }
      </div>
      <p role="status" class="result">${this.message}</p>
      ${this.failure ? html`<p role="alert" class="failed">${this.failure}</p>` : nothing}
    </form>`;
  }

  /** Writes the audience the form describes to a file; the form is valid when this runs. */
  private async sendTest(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const adapter = this.adapter;
    const form = event.currentTarget as HTMLFormElement;
    const picker = form.querySelector<SegmentPicker>('segment-picker');
    if (!adapter || !picker) return;
    const s = this.strings;
    const name = String(new FormData(form).get('name') ?? '').trim();
    const abort = new AbortController();
    this.abort = abort;
    this.message = this.failure = '';
    this.progress = { written: 0, total: 0 };
    try {
      const blob = await exportAudienceCsv(
        adapter,
        { ...picker.value, channel: this.channel, consentOnly: this.consentOnly },
        { signal: abort.signal, onProgress: (progress) => (this.progress = progress) },
      );
      const file = format(s.testFile, { name: fileSafe(name, 'campaign') });
      saveBlob(blob, file, this);
      this.message = format(s.testWritten, {
        count: this.number(this.progress?.written ?? 0),
        file,
      });
    } catch (error) {
      if (abort.signal.aborted) this.message = s.testCancelled;
      else {
        const why = isSegmentError(error) ? error.message : String(error);
        this.failure = format(s.testFailed, { message: why });
      }
    } finally {
      if (this.abort === abort) {
        this.progress = null;
        this.abort = undefined;
      }
    }
  }

  private onReset(): void {
    this.channel = 'sms';
    this.consentOnly = true;
    this.message = this.failure = '';
  }

  private number(n: number): string {
    return n.toLocaleString(document.documentElement.lang === 'hi' ? 'hi-IN' : 'en-IN');
  }
}

if (!customElements.get('demo-campaign-form')) {
  customElements.define('demo-campaign-form', DemoCampaignForm);
}

declare global {
  interface HTMLElementTagNameMap {
    'demo-campaign-form': DemoCampaignForm;
  }
}

function format(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
}
