/**
 * The markup of `<segment-picker>`: one APG combobox per list (a text box that filters a listbox
 * popup, its active option named by `aria-activedescendant`), the chosen segments as chips with
 * a named Remove button each, and the audience line. Plain functions of a view the element
 * builds, so the element keeps only state and events.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Segment } from '../../src/core.ts';
import type { LocalizeController } from '../shared/localize.ts';
import {
  optionState,
  type PickerList,
  type SegmentPickerStrings,
  type SegmentPickerValue,
} from './segment-picker.logic.ts';

/** What one list's template needs from the element. */
export interface ListView {
  list: PickerList;
  t: SegmentPickerStrings;
  localize: LocalizeController;
  value: SegmentPickerValue;
  disabled: boolean;
  query: string;
  open: boolean;
  active: number;
  options: readonly Segment[];
  searching: boolean;
  searchFailed: boolean;
  /** A chip's label: the segment's name, "Deleted segment" or "Loading…". */
  chipName: (id: string) => string;
  chipMissing: (id: string) => boolean;
  optionName: (segment: Segment) => string;
  optionCount: (segment: Segment) => number | 'error' | undefined;
  onInput: (event: Event) => void;
  onKeydown: (event: KeyboardEvent) => void;
  onOpen: () => void;
  onFocusOut: (event: FocusEvent) => void;
  onChoose: (segment: Segment) => void;
  onRemove: (id: string) => void;
  onRetry: () => void;
}

export const optionId = (list: PickerList, index: number) => `${list}-option-${index}`;

export function listTemplate(v: ListView): TemplateResult {
  const { list, t } = v;
  const ids = v.value[list];
  const active = v.open && v.active >= 0 && v.active < v.options.length ? v.active : -1;
  return html`<div class="list" part="list ${list}-list" @focusout=${v.onFocusOut}>
    <label for="${list}-input" part="label">${list === 'include' ? t.include : t.exclude}</label>
    <p id="${list}-hint" class="hint" part="hint">
      ${list === 'include' ? t.includeHint : t.excludeHint}
    </p>
    ${
      ids.length
        ? html`<ul
            class="chips"
            part="chips"
            aria-label=${list === 'include' ? t.included : t.excluded}
          >
            ${ids.map((id) => chipTemplate(v, id))}
          </ul>`
        : nothing
    }
    <div class="combo">
      <input
        id="${list}-input"
        type="text"
        role="combobox"
        part="input"
        autocomplete="off"
        spellcheck="false"
        aria-autocomplete="list"
        aria-expanded=${v.open ? 'true' : 'false'}
        aria-controls="${list}-listbox"
        aria-activedescendant=${ifDefined(active >= 0 ? optionId(list, active) : undefined)}
        aria-describedby="${list}-hint"
        placeholder=${t.placeholder}
        .value=${v.query}
        ?disabled=${v.disabled}
        @input=${v.onInput}
        @keydown=${v.onKeydown}
        @click=${v.onOpen}
      />
      <div class="popup" part="popup" ?hidden=${!v.open}>
        <div
          id="${list}-listbox"
          role="listbox"
          part="listbox"
          aria-multiselectable="true"
          aria-label="${list === 'include' ? t.include : t.exclude}: ${t.options}"
        >
          ${v.options.map((segment, index) => optionTemplate(v, segment, index, index === active))}
        </div>
        ${popupStatus(v)}
      </div>
    </div>
  </div>`;
}

function chipTemplate(v: ListView, id: string): TemplateResult {
  const name = v.chipName(id);
  return html`<li class=${classMap({ chip: true, missing: v.chipMissing(id) })} part="chip">
    <span class="chip-name">${name}</span>
    <button
      type="button"
      part="chip-remove"
      aria-label=${v.localize.format(v.t.remove, { name })}
      title=${v.localize.format(v.t.remove, { name })}
      ?disabled=${v.disabled}
      @click=${() => v.onRemove(id)}
    >
      <span aria-hidden="true">×</span>
    </button>
  </li>`;
}

function optionTemplate(
  v: ListView,
  segment: Segment,
  index: number,
  active: boolean,
): TemplateResult {
  const { t } = v;
  const state = optionState(segment, v.list, v.value);
  const count = v.optionCount(segment);
  const why = state.disabledWhy ? t[state.disabledWhy] : '';
  return html`<div
    id=${optionId(v.list, index)}
    role="option"
    part="option${active ? ' option-active' : ''}"
    class=${classMap({ option: true, active, disabled: Boolean(why) })}
    aria-selected=${state.selected ? 'true' : 'false'}
    aria-disabled=${ifDefined(why ? 'true' : undefined)}
    @mousedown=${(e: Event) => e.preventDefault()}
    @click=${() => v.onChoose(segment)}
  >
    <span class="check" aria-hidden="true">${state.selected ? '✓' : ''}</span>
    <span class="option-name">${v.optionName(segment)}</span>
    <span class="option-meta">
      ${segment.scope === 'global' ? html`<span class="tag">${t.global}</span>` : nothing}
      ${
        segment.status === 'importing'
          ? nothing
          : html`<span class="count"
              >${
                count === undefined
                  ? t.counting
                  : count === 'error'
                    ? t.countFailed
                    : v.localize.plural(t.users, count)
              }</span
            >`
      }
    </span>
    ${why ? html`<span class="why">${why}</span>` : nothing}
  </div>`;
}

/** Searching, nothing found, or a failure, under the options (never inside the listbox). */
function popupStatus(v: ListView): TemplateResult | typeof nothing {
  const { t } = v;
  if (v.searchFailed) {
    return html`<p class="popup-status error" part="error">
      ${t.searchFailed}
      <button type="button" @mousedown=${(e: Event) => e.preventDefault()} @click=${v.onRetry}>
        ${t.retry}
      </button>
    </p>`;
  }
  if (v.searching && !v.options.length) return html`<p class="popup-status">${t.searching}</p>`;
  if (!v.searching && !v.options.length) {
    const query = v.query.trim();
    return html`<p class="popup-status">
      ${query ? v.localize.format(t.noMatch, { query }) : t.noSegments}
    </p>`;
  }
  return nothing;
}
