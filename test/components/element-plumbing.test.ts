import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';
import { property } from 'lit/decorators.js';
import { SegmentError, type FilterGroup, type SegmentAdapter } from '../../src/core.ts';
import {
  SegmentAdapterController,
  provideSegmentAdapter,
} from '../../components/shared/adapter.ts';
import { AdapterTask } from '../../components/shared/adapter-task.ts';
import { DebounceController } from '../../components/shared/debounce.ts';
import { errorMessage } from '../../components/shared/error-messages.ts';
import {
  LocalizeController,
  registerTranslation,
  translationLoaded,
} from '../../components/shared/localize.ts';
import { en } from '../../components/shared/translations/en.ts';
import { hi } from '../../components/shared/translations/hi.ts';

/** An adapter whose counts the test answers by hand, in any order. */
class ManualAdapter extends EventTarget {
  readonly calls: { filter: FilterGroup; signal?: AbortSignal; answer: (count: number) => void }[] =
    [];
  countMembers(target: { filter: FilterGroup }, o: { signal?: AbortSignal } = {}) {
    return new Promise<{ count: number; total: number }>((resolve, reject) => {
      this.calls.push({
        filter: target.filter,
        signal: o.signal,
        answer: (count) => resolve({ count, total: 100 }),
      });
      o.signal?.addEventListener('abort', () => reject(o.signal!.reason));
    });
  }
  changed() {
    this.dispatchEvent(new Event('segments-changed'));
  }
}
const asAdapter = (a: ManualAdapter) => a as unknown as SegmentAdapter;

const group = (value: string): FilterGroup => ({
  combinator: 'and',
  rules: [{ field: 'city', operator: 'equals', value }],
});

/** A counter element built only from the shared controllers, like the real elements are. */
class PlumbingCounter extends LitElement {
  @property({ attribute: false }) adapter?: SegmentAdapter;
  @property({ attribute: false }) filter: FilterGroup = group('Pune');
  @property({ type: Number }) delay = 0;
  segmentsChanged = 0;
  readonly adapters = new SegmentAdapterController(this, {
    onSegmentsChanged: () => this.segmentsChanged++,
  });
  readonly count = new AdapterTask(this, this.adapters, {
    args: () => [this.filter] as const,
    task: (adapter, [filter], { signal }) => adapter.countMembers({ filter }, { signal }),
    delay: 0,
  });
  readonly localize = new LocalizeController(this);
  override render() {
    const s = this.localize.section('csvMapper');
    return litHtml`<p id="count">${this.count.render({
      pending: () => 'pending',
      complete: ({ count }) => this.localize.plural(s.previewCaption, count),
      error: (error) => errorMessage(error, this.localize.section('errors')),
    })}</p>`;
  }
}
customElements.define('plumbing-counter', PlumbingCounter);

/** Puts a counter inside its own shadow root, as a host element would. */
class PlumbingShell extends LitElement {
  override render() {
    return litHtml`<plumbing-counter></plumbing-counter>`;
  }
}
customElements.define('plumbing-shell', PlumbingShell);

const text = (el: PlumbingCounter) => el.shadowRoot!.querySelector('#count')!.textContent!.trim();

describe('element plumbing', () => {
  describe('adapter', () => {
    it('comes from an ancestor that provides it, even one provided after the element', async () => {
      const page = await fixture<HTMLDivElement>(
        html`<div><plumbing-shell></plumbing-shell></div>`,
      );
      const shell = page.querySelector('plumbing-shell') as PlumbingShell;
      await shell.updateComplete;
      const counter = shell.shadowRoot!.querySelector('plumbing-counter') as PlumbingCounter;
      expect(counter.adapters.value).to.equal(undefined);

      const first = new ManualAdapter();
      provideSegmentAdapter(page, asAdapter(first));
      await waitUntil(() => first.calls.length === 1, 'the late provider was not found');
      first.calls[0].answer(1);
      await waitUntil(() => text(counter) === 'Preview: first row');

      // Providing again replaces the adapter for everyone below.
      const second = new ManualAdapter();
      provideSegmentAdapter(page, asAdapter(second));
      await waitUntil(() => second.calls.length === 1, 'the replaced adapter was not used');
      expect(counter.adapters.value).to.equal(second);
    });

    it('prefers the element’s own adapter property over a provided one', async () => {
      const provided = new ManualAdapter();
      const own = new ManualAdapter();
      const page = await fixture<HTMLDivElement>(html`<div></div>`);
      provideSegmentAdapter(page, asAdapter(provided));
      const counter = document.createElement('plumbing-counter') as PlumbingCounter;
      counter.adapter = asAdapter(own);
      page.append(counter);
      await counter.updateComplete;
      expect(counter.adapters.value).to.equal(own);
      expect(own.calls).to.have.length(1);
      expect(provided.calls).to.have.length(0);
    });

    it('runs the work again on segments-changed, and stops listening once removed', async () => {
      const adapter = new ManualAdapter();
      const counter = await fixture<PlumbingCounter>(
        html`<plumbing-counter .adapter=${asAdapter(adapter)}></plumbing-counter>`,
      );
      adapter.calls[0].answer(3);
      await waitUntil(() => text(counter) === 'Preview: first 3 rows');
      adapter.changed();
      await waitUntil(() => adapter.calls.length === 2, 'segments-changed did not re-run');
      expect(counter.segmentsChanged).to.equal(1);
      adapter.calls[1].answer(4);
      await waitUntil(() => text(counter) === 'Preview: first 4 rows');

      counter.remove();
      adapter.changed();
      expect(counter.segmentsChanged).to.equal(1);
    });
  });

  describe('AdapterTask', () => {
    it('aborts the older call and never shows its late answer over the newer one', async () => {
      const adapter = new ManualAdapter();
      const counter = await fixture<PlumbingCounter>(
        html`<plumbing-counter .adapter=${asAdapter(adapter)}></plumbing-counter>`,
      );
      counter.filter = group('Delhi');
      await waitUntil(() => adapter.calls.length === 2);
      expect(adapter.calls[0].signal!.aborted).to.equal(true);
      expect(adapter.calls[1].signal!.aborted).to.equal(false);
      adapter.calls[1].answer(7);
      await waitUntil(() => text(counter) === 'Preview: first 7 rows');
      adapter.calls[0].answer(1); // the stale answer arrives last
      await counter.updateComplete;
      expect(text(counter)).to.equal('Preview: first 7 rows');
    });

    it('waits for a pause before calling, so quick changes cost one call', async () => {
      const adapter = new ManualAdapter();
      class Delayed extends PlumbingCounter {
        readonly slow = new AdapterTask(this, this.adapters, {
          args: () => [this.filter] as const,
          task: (a, [filter], { signal }) => a.countMembers({ filter }, { signal }),
          delay: 60,
        });
      }
      customElements.define('plumbing-delayed', Delayed);
      const el = await fixture<Delayed>(html`<plumbing-delayed></plumbing-delayed>`);
      el.adapter = asAdapter(adapter);
      await el.updateComplete;
      const immediate = adapter.calls.length; // the undelayed task calls at once
      for (const city of ['P', 'Pu', 'Pun', 'Pune']) {
        el.filter = group(city);
        await el.updateComplete;
      }
      // Every older call is aborted: once only two are live, both must be for the last value
      // (a slow machine may start a delayed call between changes, but it is aborted too).
      await waitUntil(
        () => adapter.calls.slice(immediate).filter((c) => !c.signal!.aborted).length === 2,
        'the delayed call never came',
      );
      const delayed = adapter.calls.slice(immediate).filter((c) => !c.signal!.aborted);
      // The last undelayed call and exactly one delayed call, for the last value.
      expect(delayed.map((c) => c.filter.rules[0])).to.deep.equal([
        { field: 'city', operator: 'equals', value: 'Pune' },
        { field: 'city', operator: 'equals', value: 'Pune' },
      ]);
    });

    it('shows a SegmentError by its code, in the element’s language', async () => {
      const failing = new ManualAdapter();
      failing.countMembers = () => Promise.reject(new SegmentError('unavailable', 'ECONNRESET'));
      const counter = await fixture<PlumbingCounter>(
        html`<plumbing-counter lang="hi" .adapter=${asAdapter(failing)}></plumbing-counter>`,
      );
      await waitUntil(() => text(counter) !== 'pending');
      await translationLoaded('hi'); // Hindi loads the first time an element is in Hindi
      await counter.updateComplete;
      expect(text(counter)).to.equal(hi.errors.unavailable);
      expect(errorMessage(new SegmentError('conflict', 'x'), en.errors)).to.equal(
        en.errors.conflict,
      );
      expect(errorMessage(new TypeError('boom'), en.errors)).to.equal(en.errors.unknown);
    });
  });

  describe('DebounceController', () => {
    it('runs the last scheduled call once, and nothing after the element is removed', async () => {
      const counter = await fixture<PlumbingCounter>(html`<plumbing-counter></plumbing-counter>`);
      const debounce = new DebounceController(counter, 30);
      const calls: string[] = [];
      debounce.schedule(() => calls.push('a'));
      debounce.schedule(() => calls.push('b'));
      expect(debounce.pending).to.equal(true);
      await waitUntil(() => calls.length > 0);
      expect(calls).to.deep.equal(['b']);
      debounce.schedule(() => calls.push('c'));
      counter.remove();
      await new Promise((r) => setTimeout(r, 60));
      expect(calls).to.deep.equal(['b']);
    });
  });

  describe('LocalizeController', () => {
    it('falls back from a regional language to its language, then to English', async () => {
      registerTranslation('hi-IN', { errors: { unknown: 'गड़बड़ी हुई (भारत)' } });
      const counter = await fixture<PlumbingCounter>(
        html`<plumbing-counter lang="hi-IN"></plumbing-counter>`,
      );
      const errors = counter.localize.section('errors');
      expect(errors.unknown).to.equal('गड़बड़ी हुई (भारत)');
      expect(errors.conflict).to.equal(hi.errors.conflict);
      // A second registration for the same locale adds to the first.
      registerTranslation('hi-IN', { errors: { conflict: 'टकराव' } });
      expect(counter.localize.section('errors')).to.include({
        unknown: 'गड़बड़ी हुई (भारत)',
        conflict: 'टकराव',
        'read-only': hi.errors['read-only'],
      });
      counter.lang = 'fr-CA';
      expect(counter.localize.section('errors').unknown).to.equal(en.errors.unknown);
    });

    it('takes the element’s lang, else the nearest ancestor’s, else the document’s', async () => {
      const page = await fixture<HTMLDivElement>(html`
        <div lang="hi">
          <section><plumbing-counter id="inner"></plumbing-counter></section>
        </div>
      `);
      const inner = page.querySelector('plumbing-counter') as PlumbingCounter;
      expect(inner.localize.lang).to.equal('hi');
      inner.lang = 'en-IN';
      expect(inner.localize.lang).to.equal('en-IN');
      // en-IN groups by lakh and crore.
      expect(inner.localize.number(1234567)).to.equal('12,34,567');

      const loose = await fixture<PlumbingCounter>(html`<plumbing-counter></plumbing-counter>`);
      const before = document.documentElement.lang;
      document.documentElement.lang = 'hi';
      try {
        expect(loose.localize.lang).to.equal('hi');
      } finally {
        document.documentElement.lang = before;
      }
    });

    it('follows an ancestor’s lang through a shadow root and re-renders when it changes', async () => {
      const page = await fixture<HTMLDivElement>(
        html`<div lang="hi"><plumbing-shell></plumbing-shell></div>`,
      );
      const shell = page.querySelector('plumbing-shell') as PlumbingShell;
      await shell.updateComplete;
      const counter = shell.shadowRoot!.querySelector('plumbing-counter') as PlumbingCounter;
      const adapter = new ManualAdapter();
      counter.adapter = asAdapter(adapter);
      await waitUntil(() => adapter.calls.length === 1);
      adapter.calls[0].answer(2);
      await waitUntil(() => text(counter) === 'झलक: पहली 2 पंक्तियाँ');
      page.lang = 'en';
      await waitUntil(() => text(counter) === 'Preview: first 2 rows', 'lang change ignored');
    });

    it('re-renders elements already on the page when their language is registered later', async () => {
      const adapter = new ManualAdapter();
      const counter = await fixture<PlumbingCounter>(
        html`<plumbing-counter lang="x-pirate" .adapter=${asAdapter(adapter)}></plumbing-counter>`,
      );
      adapter.calls[0].answer(1);
      await waitUntil(() => text(counter) === 'Preview: first row', 'English is the fallback');
      registerTranslation('x-pirate', {
        csvMapper: { previewCaption: { one: 'Spyglass: 1 row', other: 'Spyglass: {count} rows' } },
      });
      await waitUntil(() => text(counter) === 'Spyglass: 1 row', 'not re-rendered');
    });

    it('chooses plural forms by the language’s rules', async () => {
      const counter = await fixture<PlumbingCounter>(html`<plumbing-counter></plumbing-counter>`);
      const forms = { one: '{count} customer', other: '{count} customers' };
      expect(counter.localize.plural(forms, 1)).to.equal('1 customer');
      expect(counter.localize.plural(forms, 0)).to.equal('0 customers');
      expect(counter.localize.plural(forms, 1500)).to.equal('1,500 customers');
      counter.lang = 'hi';
      // Hindi uses "one" for 0 as well as 1.
      expect(counter.localize.plural({ one: 'एक', other: 'अनेक' }, 0)).to.equal('एक');
    });
  });
});
