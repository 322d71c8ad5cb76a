/**
 * The rows and groups of `<filter-builder>` as templates of plain data and callbacks; the
 * element owns the tree and decides what happens on each action.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { guard } from 'lit/directives/guard.js';
import type { FieldDefinition } from '../../src/core.ts';
import { valueEditor, type EditorContext } from './filter-builder.editors.ts';
import { editorFor, type FilterBuilderStrings, operatorLabel } from './filter-builder.logic.ts';
import type { GroupNode, NodeIssues, RuleNode } from './filter-builder.tree.ts';
import type { LocalizeController, Translation } from '../shared/localize.ts';
import type { AdapterTask } from '../shared/adapter-task.ts';

export interface BuilderView extends EditorContext {
  fields: readonly FieldDefinition[];
  operators: Translation['operators'];
  /** Issues to show, by node id (untouched conditions' value issues are left out). */
  issues: Map<number, NodeIssues>;
  issueText: (node: RuleNode | GroupNode, issue: NodeIssues[keyof NodeIssues]) => string;
  format: (template: string, values: Record<string, string | number>) => string;
  readonly: boolean;
  disabled: boolean;
  canAddGroup: (group: GroupNode) => boolean;
  on: {
    fieldChange: (rule: RuleNode, field: string) => void;
    operatorChange: (rule: RuleNode, operator: string) => void;
    combinator: (group: GroupNode, combinator: 'and' | 'or') => void;
    not: (group: GroupNode, not: boolean) => void;
    addRule: (group: GroupNode) => void;
    addGroup: (group: GroupNode) => void;
    remove: (id: number) => void;
    move: (id: number, by: -1 | 1) => void;
    rowKeydown: (id: number, event: KeyboardEvent) => void;
  };
}

export function groupTemplate(
  view: BuilderView,
  group: GroupNode,
  label: string,
  root: boolean,
): TemplateResult {
  const { s } = view;
  const issue = view.issues.get(group.id)?.group;
  const errorId = `error-${group.id}`;
  const header = view.readonly
    ? html`<p class="group-header">
        ${group.not ? html`<strong>${s.not}</strong>` : nothing}
        ${group.combinator === 'or' ? s.readonlyAny : s.readonlyAll}
      </p>`
    : html`<div class="group-header">
        <fieldset class="switch" part="combinator">
          <legend class="sr-only">${s.combinator}</legend>
          ${(['and', 'or'] as const).map(
            (c) =>
              html`<label title=${c === 'and' ? s.andHint : s.orHint}
                ><input
                  type="radio"
                  name="combinator-${group.id}"
                  value=${c}
                  .checked=${group.combinator === c}
                  ?disabled=${view.disabled}
                  @change=${() => view.on.combinator(group, c)}
                /><span>${c === 'and' ? s.and : s.or}</span></label
              >`,
          )}
        </fieldset>
        <label class="not" part="not" title=${s.notHint}
          ><input
            type="checkbox"
            .checked=${group.not}
            ?disabled=${view.disabled}
            @change=${(e: Event) => view.on.not(group, (e.target as HTMLInputElement).checked)}
          />${s.not}</label
        >
        ${
          root
            ? nothing
            : html`<button
                type="button"
                class="remove"
                part="remove-button"
                ?disabled=${view.disabled}
                @click=${() => view.on.remove(group.id)}
              >
                ${s.removeGroup}
              </button>`
        }
      </div>`;
  let ruleNumber = 0;
  let groupNumber = 0;
  return html`<section
    class=${root ? 'group root' : 'group'}
    part=${root ? 'group root-group' : 'group'}
    role="group"
    aria-label=${label}
    aria-describedby=${issue ? errorId : root ? 'summary' : nothing}
    data-id=${group.id}
  >
    ${header}
    <div class="rules">
      ${repeat(
        group.children,
        (child) => child.id,
        (child, index) =>
          child.kind === 'rule'
            ? guardedRule(
                view,
                child,
                view.format(s.condition, { number: ++ruleNumber }),
                index,
                group.children.length,
              )
            : groupTemplate(view, child, view.format(s.group, { number: ++groupNumber }), false),
      )}
    </div>
    ${
      issue
        ? html`<p class="error" part="error" id=${errorId}>${view.issueText(group, issue)}</p>`
        : nothing
    }
    ${
      view.readonly
        ? nothing
        : html`<div class="group-actions">
            <button
              type="button"
              part="add-button"
              data-control="add-rule"
              ?disabled=${view.disabled}
              @click=${() => view.on.addRule(group)}
            >
              ${s.addFilter}
            </button>
            ${
              view.canAddGroup(group)
                ? html`<button
                    type="button"
                    part="add-button"
                    ?disabled=${view.disabled}
                    @click=${() => view.on.addGroup(group)}
                  >
                    ${s.addGroup}
                  </button>`
                : nothing
            }
          </div>`
    }
  </section>`;
}

/**
 * A condition, rendered again only when something it shows changed: with 100 rules a keystroke
 * re-renders one row, not a hundred (each row holds selects of every field and operator).
 */
function guardedRule(
  view: BuilderView,
  rule: RuleNode,
  label: string,
  index: number,
  siblings: number,
): unknown {
  const issues = view.issues.get(rule.id);
  const issueKey = issues
    ? `${issues.field?.code}|${issues.operator?.code}|${issues.value?.code}:${issues.value?.at}`
    : '';
  return guard(
    [
      rule.version,
      rule.touched,
      label,
      index,
      siblings,
      issueKey,
      view.s,
      view.fields,
      view.segments,
      view.disabled,
      view.readonly,
      view.currencySymbol,
    ],
    () => ruleTemplate(view, rule, label, index, siblings),
  );
}

function ruleTemplate(
  view: BuilderView,
  rule: RuleNode,
  label: string,
  index: number,
  siblings: number,
): TemplateResult {
  const { s } = view;
  const field = view.fields.find((f) => f.id === rule.field);
  const kind = editorFor(field, rule.operator);
  const issues = view.issues.get(rule.id) ?? {};
  const err = (part: string) => `error-${rule.id}-${part}`;
  if (view.readonly) {
    return html`<div class="row readonly" part="row" role="group" aria-label=${label}>
      <span class="field-name">${field?.label ?? rule.field}</span>
      <span>${operatorLabel(field?.type ?? '', rule.operator, view.operators)}</span>
      <span class="value-text">${readonlyValue(view, rule)}</span>
    </div>`;
  }
  const fieldIssue = issues.field;
  const operatorIssue = issues.operator;
  const valueIssue = issues.value;
  return html`<div
    class="row"
    part="row"
    role="group"
    aria-label=${label}
    data-id=${rule.id}
    @keydown=${(e: KeyboardEvent) => view.on.rowKeydown(rule.id, e)}
  >
    <div class="controls">
      <select
        data-control="field"
        aria-label=${s.field}
        aria-invalid=${fieldIssue ? 'true' : 'false'}
        aria-describedby=${fieldIssue ? err('field') : nothing}
        ?disabled=${view.disabled}
        @change=${(e: Event) => view.on.fieldChange(rule, (e.target as HTMLSelectElement).value)}
      >
        ${field ? nothing : html`<option value="" selected>${rule.field}</option>`}
        ${view.fields.map(
          (f) => html`<option value=${f.id} ?selected=${f.id === rule.field}>${f.label}</option>`,
        )}
      </select>
      <select
        data-control="operator"
        aria-label=${s.operator}
        aria-invalid=${operatorIssue ? 'true' : 'false'}
        aria-describedby=${operatorIssue ? err('operator') : nothing}
        ?disabled=${view.disabled || !field}
        @change=${(e: Event) => view.on.operatorChange(rule, (e.target as HTMLSelectElement).value)}
      >
        ${
          field?.operators.includes(rule.operator as never)
            ? nothing
            : html`<option value="" selected>${rule.operator}</option>`
        }
        ${(field?.operators ?? []).map(
          (op) =>
            html`<option value=${op} ?selected=${op === rule.operator}>
              ${operatorLabel(field!.type, op, view.operators)}
            </option>`,
        )}
      </select>
      <div class="value" part="value">
        ${valueEditor(
          view,
          rule,
          kind,
          valueIssue ? { id: err('value'), at: valueIssue.at } : undefined,
        )}
      </div>
      ${[
        ['field', fieldIssue],
        ['operator', operatorIssue],
        ['value', valueIssue],
      ].map(([part, issue]) =>
        issue
          ? html`<p class="error" part="error" id=${err(part as string)}>
              ${view.issueText(rule, issue as NodeIssues['field'])}
            </p>`
          : nothing,
      )}
    </div>
    <div class="row-actions">
      <button
        type="button"
        class="icon"
        data-control="up"
        aria-label=${s.moveUp}
        title=${s.moveUp}
        ?disabled=${view.disabled || index === 0}
        @click=${() => view.on.move(rule.id, -1)}
      >
        ↑
      </button>
      <button
        type="button"
        class="icon"
        data-control="down"
        aria-label=${s.moveDown}
        title=${s.moveDown}
        ?disabled=${view.disabled || index === siblings - 1}
        @click=${() => view.on.move(rule.id, 1)}
      >
        ↓
      </button>
      <button
        type="button"
        class="remove"
        part="remove-button"
        data-control="remove"
        ?disabled=${view.disabled}
        @click=${() => view.on.remove(rule.id)}
      >
        ${s.remove}
      </button>
    </div>
  </div>`;
}

function readonlyValue(view: BuilderView, rule: RuleNode): string {
  const value = rule.value;
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    const name = (v: unknown) =>
      rule.field === 'segment'
        ? (view.segments.find((segment) => segment.id === v)?.name ?? String(v))
        : String(v);
    return value.map(name).join(rule.operator === 'between' ? ` ${view.s.betweenJoin} ` : ', ');
  }
  if (typeof value === 'boolean') return value ? view.s.yes : view.s.no;
  if (typeof value === 'object') {
    const { amount, unit } = value as { amount?: number; unit?: 'days' | 'weeks' | 'months' };
    return `${amount ?? ''} ${unit ? view.s[unit] : ''}`.trim();
  }
  const field = view.fields.find((f) => f.id === rule.field);
  if (field?.type === 'money' && typeof value === 'number') {
    return `${view.currencySymbol}${value / 10 ** view.currencyDigits}`;
  }
  return String(value);
}

type Count = { count: number; total: number } | null;

/** The live count: "1,234 of 10,000 customers (12.3%)", "Counting…", or a quiet failure. */
export function countTemplate(
  s: FilterBuilderStrings,
  l: LocalizeController,
  count: AdapterTask<readonly unknown[], Count>,
  invalid: boolean,
): TemplateResult {
  const text = (result: Count | undefined) => {
    if (!result) return '';
    if (result.total === 0) return s.countNoCustomers;
    const percent = l.number(result.count / result.total, {
      style: 'percent',
      maximumFractionDigits: 1,
    });
    return l.plural(s.count, result.total, {
      count: l.number(result.count),
      total: l.number(result.total),
      percent,
    });
  };
  const body = invalid
    ? html`<span class="muted">${s.countNeedsValid}</span>`
    : count.render({
        initial: () => html`<span class="muted">${s.counting}</span>`,
        pending: () =>
          html`<span class="stale">${text(count.value)}</span>
            <span class="muted">${s.counting}</span>`,
        complete: (result) => html`<strong>${text(result)}</strong>`,
        error: () =>
          html`<span class="muted">${s.countFailed}</span>
            <button type="button" class="retry" @click=${() => count.run()}>${s.retry}</button>`,
      });
  // Screen readers hear each settled count (or failure) once, not every "Counting…" between.
  const settled = invalid
    ? s.countNeedsValid
    : count.render({
        complete: (result) => text(result),
        error: () => s.countFailed,
      });
  return html`<div class="count" part="count">${body}</div>
    <div class="sr-only" role="status" aria-live="polite" data-announce="count">
      ${settled ?? ''}
    </div>`;
}
