/**
 * The elements inside a React app (through @lit/react's wrapper) and a Vue app (plain custom
 * elements; Vue passes `adapter` as a DOM property and listens to the events by name). Written
 * with createElement / h, so no JSX or template compiler is needed.
 */
import React from 'react';
import { createRoot } from 'react-dom/client';
import { createComponent } from '@lit/react';
import { createApp, h, ref } from 'vue';
import { SegmentPicker, UserSegments, type Segment } from '../components/index.ts';
import { createDemoAdapter, seedDemoStore } from './store.ts';

const adapter = createDemoAdapter();
const status = document.querySelector<HTMLElement>('#status')!;

// ---- React: a typed component with React-style event props ----

const UserSegmentsReact = createComponent({
  tagName: 'user-segments',
  elementClass: UserSegments,
  react: React,
  events: {
    onSegmentSaved: 'segment-saved',
    onSegmentDeleted: 'segment-deleted',
  },
});

const SegmentPickerReact = createComponent({
  tagName: 'segment-picker',
  elementClass: SegmentPicker,
  react: React,
  events: { onChange: 'change' },
});

/** What a campaign's picker holds, as a host would show it beside the element. */
const chosen = (picker: SegmentPicker) =>
  `change: include ${picker.value.include.join(', ') || '—'}; exclude ${picker.value.exclude.join(', ') || '—'}`;

function ReactApp() {
  const [picked, setPicked] = React.useState(
    'Choose segments for a campaign: React hears it here.',
  );
  const [log, setLog] = React.useState('Save or delete a segment: React hears it here.');
  return React.createElement(
    React.Fragment,
    null,
    React.createElement(UserSegmentsReact, {
      adapter,
      noHistory: true,
      onSegmentSaved: (event: Event) =>
        setLog(
          `segment-saved: ${(event as CustomEvent<{ segment: Segment }>).detail.segment.name}`,
        ),
      onSegmentDeleted: (event: Event) =>
        setLog(`segment-deleted: ${(event as CustomEvent<{ id: string }>).detail.id}`),
    }),
    React.createElement('p', { className: 'log', 'aria-live': 'polite' }, log),
    React.createElement('h3', null, 'A campaign’s audience'),
    React.createElement(SegmentPickerReact, {
      adapter,
      channel: 'email',
      onChange: (event: Event) => setPicked(chosen(event.currentTarget as SegmentPicker)),
    }),
    React.createElement('p', { className: 'log', 'aria-live': 'polite' }, picked),
  );
}

// ---- Vue: the tag as is; `.prop` modifiers are not needed for an object-valued property ----

const VueApp = {
  setup() {
    const log = ref('Save or delete a segment: Vue hears it here.');
    const picked = ref('Choose segments for a campaign: Vue hears it here.');
    return () => [
      h('user-segments', {
        adapter,
        'no-history': '',
        onSegmentSaved: (event: CustomEvent<{ segment: Segment }>) =>
          (log.value = `segment-saved: ${event.detail.segment.name}`),
        onSegmentDeleted: (event: CustomEvent<{ id: string }>) =>
          (log.value = `segment-deleted: ${event.detail.id}`),
      }),
      h('p', { class: 'log', 'aria-live': 'polite' }, log.value),
      h('h3', null, 'A campaign’s audience'),
      h('segment-picker', {
        adapter,
        channel: 'email',
        onChange: (event: Event) => (picked.value = chosen(event.currentTarget as SegmentPicker)),
      }),
      h('p', { class: 'log', 'aria-live': 'polite' }, picked.value),
    ];
  },
};

seedDemoStore(adapter, (percent) => {
  status.textContent =
    percent === null ? 'Generating the demo store…' : `Preparing the demo store: ${percent}%`;
}).then(
  ({ customers }) => {
    status.textContent = `${customers.toLocaleString('en-IN')} customers in the demo store`;
    createRoot(document.querySelector('#react-root')!).render(React.createElement(ReactApp));
    createApp(VueApp).mount('#vue-root');
  },
  (error: unknown) => {
    status.textContent = `The demo store could not be opened: ${String(error)}`;
  },
);
