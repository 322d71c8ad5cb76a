/**
 * The parts of `<csv-mapper>` as templates of plain data and callbacks; the element owns the
 * state and decides which parts show. Every visible string comes from the translation table.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { CsvPeek, CsvProgress, CsvReport } from '../../src/core.ts';
import { format } from '../shared/localize.ts';
import { scrollEdges } from '../shared/scroll-edges.ts';
import type { PluralForms } from '../shared/localize.ts';
import { DELIMITERS, encodingLabel, groupRejections, rejectionLabel } from './csv-mapper.logic.ts';
import type { ColumnField, CsvMapperStrings, CsvRejectionStrings } from './csv-mapper.logic.ts';

type Maybe = TemplateResult | typeof nothing;

/** What every template needs: the strings, numbers and plurals in the element's language. */
export interface View {
  s: CsvMapperStrings;
  /** Labels of groups of rejected rows, by code. */
  rejections: CsvRejectionStrings;
  n: (value: number) => string;
  plural: (forms: PluralForms, count: number) => string;
}

export function issuesTemplate({ s }: View, messages: readonly string[]): Maybe {
  if (!messages.length) return nothing;
  return html`
    <div part="issues" class="issues" role="alert">
      <strong>${s.fileIssuesHeading}</strong>
      <ul>
        ${messages.map((m) => html`<li>${m}</li>`)}
      </ul>
    </div>
  `;
}

export interface MappingState {
  fileName: string;
  peek: CsvPeek;
  delimiter: string;
  busy: boolean;
  columns: Record<ColumnField, { value: string; error?: string }>;
}

export function mappingTemplate(
  view: View,
  state: MappingState,
  on: {
    delimiterChange: (event: Event) => void;
    columnInput: (field: ColumnField, event: Event) => void;
    columnChange: () => void;
  },
): TemplateResult {
  const { s } = view;
  const { peek, delimiter, busy } = state;
  const name = (char: string) => {
    const known = DELIMITERS.find((d) => d.char === char);
    return known ? s[known.label] : format(s.delimiterOther, { char });
  };
  // A delimiter the pipeline detected outside the usual four stays selectable.
  const choices = DELIMITERS.map((d) => d.char);
  if (delimiter && !choices.includes(delimiter)) choices.push(delimiter);
  const field = (id: ColumnField, label: string) => {
    const { value, error } = state.columns[id];
    return html`
      <div class="field" part="field">
        <label for=${id}>${label}</label>
        <input
          id=${id}
          list="columns"
          autocomplete="off"
          spellcheck="false"
          .value=${live(value)}
          ?disabled=${busy}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? `${id}-error ${id}-hint` : `${id}-hint`}
          @input=${(event: Event) => on.columnInput(id, event)}
          @change=${on.columnChange}
        />
        <p class="hint" id="${id}-hint">${s.columnHint}</p>
        ${
          error
            ? html`<p class="field-error" part="field-error" id="${id}-error">${error}</p>`
            : nothing
        }
      </div>
    `;
  };
  return html`
    <dl part="file-details" class="details">
      <div>
        <dt>${s.fileLabel}</dt>
        <dd>${state.fileName}</dd>
      </div>
      <div>
        <dt>${s.detectedDelimiter}</dt>
        <dd>${name(peek.delimiter)}</dd>
      </div>
      <div>
        <dt>${s.encoding}</dt>
        <dd>${encodingLabel(peek.encoding)}</dd>
      </div>
    </dl>
    <div class="fields">
      <div class="field" part="field">
        <label for="delimiter">${s.delimiter}</label>
        <select id="delimiter" ?disabled=${busy} @change=${on.delimiterChange}>
          ${choices.map(
            (c) => html`<option value=${c} ?selected=${c === delimiter}>${name(c)}</option>`,
          )}
        </select>
      </div>
      ${field('phone', s.phoneColumn)} ${field('email', s.emailColumn)}
      <datalist id="columns">
        ${peek.headers.map((h) => html`<option value=${h}></option>`)}
      </datalist>
    </div>
    ${previewTemplate(view, peek, {
      phone: state.columns.phone.value,
      email: state.columns.email.value,
    })}
  `;
}

function previewTemplate(
  { s, plural }: View,
  peek: CsvPeek,
  mapped: Record<ColumnField, string>,
): Maybe {
  if (!peek.headers.length) return nothing;
  const marks = peek.headers.map((h) =>
    h === mapped.phone ? s.phoneColumn : h === mapped.email ? s.emailColumn : '',
  );
  const cell = (i: number) => (marks[i] ? 'mapped' : '');
  // A preview wider than the screen shades the side that has more, and says that it scrolls.
  return html`<div class="table-frame" ${scrollEdges('preview-scroll-hint')}>
    <div class="table-edges">
      <div
        class="table-scroll scroller"
        role="region"
        tabindex="0"
        aria-label=${plural(s.previewCaption, peek.preview.length)}
      >
        <table part="preview">
          <caption>
            <span class="caption-text">${plural(s.previewCaption, peek.preview.length)}</span>
          </caption>
          <thead>
            <tr>
              ${peek.headers.map(
                (h, i) =>
                  html`<th scope="col" class=${cell(i)}>
                    ${h} ${marks[i] ? html`<span class="badge">${marks[i]}</span>` : nothing}
                  </th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${peek.preview.map(
              (row) =>
                html`<tr>
                  ${peek.headers.map((_, i) => html`<td class=${cell(i)}>${row[i] ?? ''}</td>`)}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </div>
    <p class="hint scroll-hint" id="preview-scroll-hint">${s.previewScrollHint}</p>
  </div>`;
}

export function progressTemplate(
  { s, n }: View,
  progress: CsvProgress,
  on: { cancel: () => void },
): TemplateResult {
  const { rows, bytes, totalBytes } = progress;
  const percent = totalBytes ? Math.min(100, Math.floor((bytes / totalBytes) * 100)) : 0;
  const text = format(s.progressText, { rows: n(rows), percent });
  return html`
    <div part="progress" class="progress">
      <div
        class="progress-track"
        role="progressbar"
        aria-label=${s.progressLabel}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${percent}
        aria-valuetext=${text}
      >
        <div class="progress-bar" style=${styleMap({ width: `${percent}%` })}></div>
      </div>
      <span>${text}</span>
      <button type="button" @click=${on.cancel}>${s.cancel}</button>
    </div>
  `;
}

export function cancelledTemplate({ s }: View, on: { again: () => void }): TemplateResult {
  return html`
    <p>
      ${s.cancelled}
      <button type="button" class="again" @click=${on.again}>${s.validateAgain}</button>
    </p>
  `;
}

export function summaryTemplate(
  { s, n, rejections }: View,
  report: CsvReport,
  on: { download: () => void },
): TemplateResult {
  const numbers: [string, number][] = [
    [s.accepted, report.accepted.length],
    [s.rejected, report.rejected.length],
    [s.duplicates, report.duplicates],
    [s.totalRows, report.rows],
  ];
  const reasons = groupRejections(report.rejected);
  const reasonTable = html`
    <table>
      <caption>
        ${s.reasonsCaption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${s.reason}</th>
          <th scope="col">${s.rowCount}</th>
        </tr>
      </thead>
      <tbody>
        ${reasons.map(
          ([code, count]) => html`
            <tr>
              <td>${rejectionLabel(code, rejections)}</td>
              <td>${n(count)}</td>
            </tr>
          `,
        )}
      </tbody>
    </table>
    <div>
      <button type="button" part="download-button" @click=${on.download}>
        ${s.downloadRejected}
      </button>
    </div>
  `;
  return html`
    <section part="summary" class="summary stack" aria-labelledby="summary-heading">
      <h3 id="summary-heading" tabindex="-1">${s.summaryHeading}</h3>
      <dl class="summary-numbers">
        ${numbers.map(
          ([label, count]) => html`
            <div>
              <dt>${label}</dt>
              <dd>${n(count)}</dd>
            </div>
          `,
        )}
      </dl>
      ${reasons.length ? reasonTable : nothing}
    </section>
  `;
}
