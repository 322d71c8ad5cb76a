import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  MAX_DEPTH,
  MAX_RULES,
  isSegmentError,
  loadPhoneSupport,
  normalisePhone,
  validateFilter,
  type FieldDefinition,
  type FilterGroup,
  type Issue,
  type Segment,
  type SegmentAdapter,
} from '../../src/core.ts';
import { FormAssociatedElement } from '../shared/form-associated.ts';
import { changeEvent } from '../shared/events.ts';
import { LocalizeController } from '../shared/localize.ts';
import { SegmentAdapterController } from '../shared/adapter.ts';
import { AdapterTask } from '../shared/adapter-task.ts';
import { filterBuilderStyles } from './filter-builder.styles.ts';
import { completeOnly, summarise } from './filter-builder.describe.ts';
import { countTemplate, groupTemplate, type BuilderView } from './filter-builder.templates.ts';
import {
  depthOf,
  emptyGroup,
  fromFilter,
  issuesByNode,
  locate,
  visibleIssues,
  moveNode,
  newRule,
  removeNode,
  toFilterCached,
  type GroupNode,
  type RuleNode,
} from './filter-builder.tree.ts';
import {
  catalogue,
  currencyDigits,
  editorFor,
  issueText,
  applyInput,
  currencySymbol,
  retarget,
  withChips,
  type FieldOption,
  type FilterBuilderStrings,
} from './filter-builder.logic.ts';

/** How long editing must pause before the count is asked for again. */
const COUNT_DELAY_MS = 300;

/**
 * Rows of field / operator / value, nested AND/OR groups with a NOT toggle, and a live count of
 * the customers who match. Every control is named for assistive technology ("Field",
 * "Operator", "Value", "Add filter", "Add group", "Remove", "Move up", "Move down"); Alt+Up and
 * Alt+Down move the focused condition. Validation runs as the seller types, with the engine's
 * `validateFilter`, and each issue shows beside the control it concerns.
 *
 * The count asks the adapter (`countMembers`) once editing pauses for 300 ms, aborting the
 * previous request; a failure shows a quiet message and Retry and never blocks editing.
 *
 * Form-associated: under `name` the form value is the filter's JSON; the element is invalid
 * (`customError`) while the filter has an issue, and an empty filter is invalid with a message
 * that says to add a condition. A form reset restores the last `value` the host set.
 *
 * @tag filter-builder
 * @summary Builds a segment's filter: conditions and nested groups, with a live count.
 *
 * @event change - The seller changed the filter (after each structural edit or choice, and when
 *   a typed value is committed). Not fired when the host sets `value`.
 * @event input - The filter changed while the seller types a value.
 *
 * @csspart group - Every group, the root included.
 * @csspart root-group - The outermost group.
 * @csspart combinator - The AND / OR switch of a group.
 * @csspart not - The NOT toggle of a group.
 * @csspart row - One condition.
 * @csspart value - The value editor of a condition.
 * @csspart chips - A list of chips (tags, `is one of` lists, segments).
 * @csspart chip - One chip.
 * @csspart error - A validation message.
 * @csspart add-button - The "Add filter" and "Add group" buttons.
 * @csspart too-large - The message shown instead of a filter nested past the limits.
 * @csspart remove-button - The "Remove" and "Remove group" buttons.
 * @csspart count - The live count under the rules.
 * @csspart summary - The filter in words.
 *
 * @cssproperty --us-font-family - Font of the element.
 * @cssproperty --us-color-text - Text colour.
 * @cssproperty --us-color-muted - Secondary text (hints, the summary).
 * @cssproperty --us-color-border - Borders of controls and groups.
 * @cssproperty --us-color-accent - The selected AND/OR, focus accents.
 * @cssproperty --us-color-accent-contrast - Text on accent backgrounds.
 * @cssproperty --us-color-danger - Errors.
 * @cssproperty --us-color-surface - Background of nested groups.
 * @cssproperty --us-color-button - Background of buttons and chips.
 * @cssproperty --us-focus-ring - Outline of the focused control.
 * @cssproperty --us-radius - Corner radius.
 * @cssproperty --us-spacing - Base gap between parts.
 */
export class FilterBuilder extends FormAssociatedElement {
  static override styles = filterBuilderStyles;

  /** Where the count and the segment picker come from; else the nearest provided adapter. */
  @property({ attribute: false }) adapter?: SegmentAdapter;

  /**
   * The fields a seller can choose, as built-in field ids in the order to offer them, each
   * with an optional label (`[{ id: 'email' }, { id: 'city', label: 'Town' }]`). All built-in
   * fields when empty.
   */
  @property({ attribute: false }) fields: FieldOption[] = [];

  /** Shows the rules as text, without controls (predefined and global segments). */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** ISO 4217 currency of money values; the seller types major units (rupees). */
  @property() currency = 'INR';

  /** ISO 3166 alpha-2 country for phone numbers typed without a country code. */
  @property({ attribute: 'default-country' }) defaultCountry = 'IN';

  /** The id of the segment being edited: left out of the segment picker, a cycle if named. */
  @property({ attribute: 'segment-id' }) segmentId = '';

  @state() private tree: GroupNode = emptyGroup();
  /** The value given is past the limits and is not drawn. */
  @state() private tooLarge = false;
  @state() private revision = 0;
  @state() private announcement = '';

  private readonly localize = new LocalizeController(this);
  private readonly adapters = new SegmentAdapterController(this);

  /** Derived from the tree on each update. */
  private filter: FilterGroup = { combinator: 'and', rules: [] };
  private issues: Issue[] = [];
  private fieldList: FieldDefinition[] = [];
  private hostValue: FilterGroup | null = null;
  private showAllIssues = false;
  private edit: 'none' | 'typing' | 'committed' = 'none';
  private lastJson = '';
  private focusAfterUpdate: string | undefined;

  private readonly count = new AdapterTask(this, this.adapters, {
    // Only a valid filter is counted; the adapter would reject any other.
    args: () => [this.issues.length ? undefined : this.filter] as const,
    task: (adapter, [filter], { signal }) =>
      filter ? adapter.countMembers({ filter }, { signal }) : Promise.resolve(null),
    delay: COUNT_DELAY_MS,
  });

  private readonly segments = new AdapterTask(this, this.adapters, {
    args: () => [this.fieldList.some((f) => f.type === 'segment'), this.segmentId] as const,
    task: async (adapter, [wanted, self], { signal }) => {
      if (!wanted) return [];
      const pages = await Promise.all(
        (['store', 'global'] as const).map((scope) =>
          adapter.listSegments({ scope, limit: 100 }, { signal }),
        ),
      );
      return pages
        .flatMap((page) => page.items)
        .filter((segment) => segment.id !== self)
        .sort((a, b) => a.name.localeCompare(b.name));
    },
  });

  constructor() {
    super();
    // A submit attempt shows every issue, the untouched ones too.
    this.addEventListener('invalid', () => {
      this.showAllIssues = true;
      this.requestUpdate();
    });
  }

  /** The filter as JSON (`FilterGroup`); setting it replaces the rules. */
  get value(): FilterGroup {
    return this.filter;
  }

  set value(filter: FilterGroup | null | undefined) {
    this.hostValue = filter ?? null;
    // A filter past the limits (from a host or another backend) is not drawn: a thousand nested
    // groups would take the renderer down. The builder says so and stays invalid.
    this.tooLarge = beyondLimits(filter);
    this.tree = this.tooLarge ? fromFilter(null) : fromFilter(filter);
    this.edit = 'none';
    this.derive();
    this.lastJson = JSON.stringify(this.filter);
    this.requestUpdate();
  }

  /** The problems `validateFilter` finds in the current filter (empty = valid). */
  get filterIssues(): readonly Issue[] {
    return this.issues;
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.derive();
  }

  protected override render(): TemplateResult {
    const s = this.t;
    const view = this.view(s);
    if (this.tooLarge) {
      return html`<div class="builder">
        <p class="too-large" part="too-large" role="alert">${s.tooLarge}</p>
      </div>`;
    }
    const empty = this.tree.children.length === 0;
    return html`
      <div class="builder">
        ${groupTemplate(view, this.tree, s.filterLabel, true)}
        ${empty && !this.readonly ? html`<p class="empty">${s.empty}</p>` : nothing}
        ${this.readonly ? nothing : html`<p class="hint">${s.keyboardHint}</p>`}
        ${this.countTemplate(s)}
        <p class="summary" part="summary" id="summary">
          <span class="summary-label">${s.summaryLabel}:</span> ${this.summary}
        </p>
        <div class="sr-only" role="status">${this.announcement}</div>
      </div>
    `;
  }

  protected override updated(): void {
    this.syncForm();
    if (this.focusAfterUpdate) {
      this.renderRoot.querySelector<HTMLElement>(this.focusAfterUpdate)?.focus();
      this.focusAfterUpdate = undefined;
    }
    const json = JSON.stringify(this.filter);
    if (this.edit !== 'none' && json !== this.lastJson) {
      if (this.edit === 'typing') {
        this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      } else {
        this.lastJson = json;
        this.dispatchEvent(changeEvent());
      }
    }
    this.edit = 'none';
  }

  protected override resetValue(): void {
    this.value = this.hostValue;
    this.showAllIssues = false;
  }

  protected override get validationAnchor(): HTMLElement | undefined {
    return (
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      this.renderRoot.querySelector<HTMLElement>('[data-control="add-rule"]') ??
      undefined
    );
  }

  private get t(): FilterBuilderStrings {
    return this.localize.section('filterBuilder');
  }

  private derive(): void {
    this.fieldList = catalogue(this.fields, this.localize.section('fieldLabels'));
    this.filter = toFilterCached(this.tree, this.revision);
    // Phone values are read by libphonenumber-js, which loads once a phone rule is there.
    if (!this.phonesReady && hasPhoneRule(this.tree, this.fieldList)) {
      this.loadPhones();
    }
    this.issues = this.readingPhones(
      () =>
        validateFilter(this.filter, this.fieldList, {
          defaultCountry: this.defaultCountry,
          selfId: this.segmentId || undefined,
        }),
      this.issues,
    );
  }

  /** Set once libphonenumber-js has loaded (for this page, so for every builder on it). */
  private phonesReady = false;

  private loadPhones(): void {
    loadPhoneSupport().then(
      () => {
        this.phonesReady = true;
        this.requestUpdate();
      },
      // Offline: the issue stays unshown; the live count says the adapter is unavailable.
      () => {},
    );
  }

  /**
   * `read()`, or `meanwhile` when it needs libphonenumber-js before it has loaded (a number the
   * built-in Indian rules cannot decide): the load starts, and the builder renders again once it
   * is there. validateFilter and normalisePhone throw nothing else.
   */
  private readingPhones<T>(read: () => T, meanwhile: T): T {
    try {
      return read();
    } catch (error) {
      if (!isSegmentError(error, 'unavailable')) throw error;
      this.loadPhones();
      return meanwhile;
    }
  }

  private get summary(): string {
    const segments = this.segments.value ?? [];
    const complete = this.tree.children.length
      ? completeOnly(this.filter, this.issues)
      : this.filter;
    if (!complete) return this.t.summaryPending;
    return summarise(complete, {
      localize: this.localize,
      fields: this.fieldList,
      segmentName: (id) => segments.find((segment) => segment.id === id)?.name,
      currency: this.currency,
      currencyDigits: currencyDigits(this.currency),
    });
  }

  private countTemplate(s: FilterBuilderStrings): TemplateResult | typeof nothing {
    // An empty filter has its own message; there is nothing to count yet.
    if (this.readonly || !this.adapters.value || !this.tree.children.length) return nothing;
    return countTemplate(s, this.localize, this.count, this.issues.length > 0);
  }

  private view(s: FilterBuilderStrings): BuilderView {
    const l = this.localize;
    const digits = currencyDigits(this.currency);
    const shown = visibleIssues(this.tree, this.issues, this.showAllIssues);
    return {
      s,
      fields: this.fieldList,
      operators: l.section('operators'),
      issues: shown,
      issueText: (_node, issue) => this.issueMessage(issue as Issue),
      format: (template, values) => l.format(template, values),
      readonly: this.readonly,
      disabled: this.isDisabled,
      segments: this.segments.value ?? NO_SEGMENTS,
      currencySymbol: currencySymbol(l.lang, this.currency),
      currencyDigits: digits,
      lang: l.lang,
      phoneShown: (text) => {
        const e164 = text.trim()
          ? this.readingPhones(() => normalisePhone(text, this.defaultCountry), undefined)
          : undefined;
        return e164 && e164 !== text.trim() ? l.format(s.phoneShownAs, { phone: e164 }) : undefined;
      },
      canAddGroup: (group) => depthOf(this.tree, group.id) < MAX_DEPTH,
      onInput: (rule, key, text) => this.onInput(rule, key, text),
      onCommit: (rule) => this.onCommit(rule),
      addChip: (rule, text) => this.addChip(rule, text),
      removeChip: (rule, index) => this.removeChip(rule, index),
      on: this.on,
    };
  }

  // ---- editing ----

  private readonly on: BuilderView['on'] = {
    fieldChange: (rule, id) => this.changeField(rule, id),
    operatorChange: (rule, operator) => this.changeOperator(rule, operator),
    combinator: (group, combinator) => {
      group.combinator = combinator;
      this.edited();
    },
    not: (group, not) => {
      group.not = not;
      this.edited();
    },
    addRule: (group) => {
      const rule = newRule(this.fieldList);
      group.children.push(rule);
      this.focusAfterUpdate = `[data-id="${rule.id}"] [data-control="field"]`;
      this.edited();
    },
    addGroup: (group) => {
      const child = emptyGroup();
      const rule = newRule(this.fieldList);
      child.children.push(rule);
      group.children.push(child);
      this.focusAfterUpdate = `[data-id="${rule.id}"] [data-control="field"]`;
      this.edited();
    },
    remove: (id) => this.removeNode(id),
    move: (id, by) => this.move(id, by, 'up'),
    rowKeydown: (id, event) => {
      if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
      event.preventDefault();
      const control = (event.target as HTMLElement).dataset.control ?? 'field';
      this.move(id, event.key === 'ArrowUp' ? -1 : 1, control);
    },
  };

  private fieldOf(rule: RuleNode): FieldDefinition | undefined {
    return this.fieldList.find((f) => f.id === rule.field);
  }

  private changeField(rule: RuleNode, id: string): void {
    const field = this.fieldList.find((f) => f.id === id);
    if (!field) return;
    const operator = field.operators.includes(rule.operator as never)
      ? rule.operator
      : field.operators[0];
    retarget(rule, field, operator, this.fieldList);
    this.edited('committed', rule);
  }

  private changeOperator(rule: RuleNode, operator: string): void {
    const field = this.fieldOf(rule);
    if (!field) return;
    retarget(rule, field, operator, this.fieldList);
    this.edited('committed', rule);
  }

  /** A keystroke or choice in a value editor. */
  private onInput(rule: RuleNode, key: string, text: string): void {
    const kind = editorFor(this.fieldOf(rule), rule.operator);
    const options = {
      digits: currencyDigits(this.currency),
      country: this.defaultCountry,
      lang: this.localize.lang,
    };
    if (applyInput(rule, kind, key, text, options)) this.edited('typing', rule);
  }

  /** The seller left a value input: show its issues from now on, and show what is saved. */
  private onCommit(rule: RuleNode): void {
    rule.touched = true;
    const chip = rule.raw.chip;
    rule.raw = chip ? { chip } : {};
    this.edited('committed', rule);
  }

  private addChip(rule: RuleNode, text: string): void {
    const kind = editorFor(this.fieldOf(rule), rule.operator);
    rule.value = withChips(rule.value, kind, text, this.defaultCountry);
    rule.raw = {};
    rule.touched = true;
    this.edited('committed', rule);
  }

  private removeChip(rule: RuleNode, index: number): void {
    const list = Array.isArray(rule.value) ? [...rule.value] : [];
    list.splice(index, 1);
    rule.value = list;
    rule.touched = true;
    this.focusAfterUpdate = `[data-id="${rule.id}"] [data-control="value"]`;
    this.edited('committed', rule);
  }

  private removeNode(id: number): void {
    const removed = removeNode(this.tree, id);
    if (!removed) return;
    const { parent, next } = removed;
    this.focusAfterUpdate = next
      ? `[data-id="${next.id}"] :is(select, input, button):not(:disabled)`
      : `[data-id="${parent.id}"] [data-control="add-rule"]`;
    this.announcement = this.t.removed;
    this.edited();
  }

  private move(id: number, by: -1 | 1, control: string): void {
    const moved = moveNode(this.tree, id, by);
    if (!moved) return;
    const { parent, to } = moved;
    // Moving a row takes its focus away; give it back to the control that had it, or to its
    // twin when that button is now disabled (Move up on the first row).
    const last = parent.children.length - 1;
    const edge = (control === 'up' && to === 0) || (control === 'down' && to === last);
    const twin = control === 'up' ? 'down' : 'up';
    this.focusAfterUpdate = `[data-id="${id}"] [data-control="${edge ? twin : control}"]`;
    this.announcement = this.localize.format(this.t.moved, {
      position: to + 1,
      count: parent.children.length,
    });
    this.edited();
  }

  private edited(kind: 'typing' | 'committed' = 'committed', rule?: RuleNode): void {
    if (this.edit !== 'committed') this.edit = kind;
    if (rule) rule.version++;
    this.revision++;
  }

  // ---- form ----

  private syncForm(): void {
    if (this.tooLarge) {
      this.setFormValue(null);
      this.setValidity({ customError: true }, this.t.tooLarge);
      return;
    }
    this.setFormValue(JSON.stringify(this.filter));
    const first = this.issues[0];
    if (!first) {
      this.setValidity();
      return;
    }
    const message = this.tree.children.length === 0 ? this.t.empty : this.issueMessage(first);
    this.setValidity({ customError: true }, message);
  }

  /** An issue in the element's language, worded for the type of the field it concerns. */
  private issueMessage(issue: Issue): string {
    const [[id] = []] = issuesByNode(this.tree, [issue]);
    const found = id === undefined ? undefined : locate(this.tree, id);
    const node = found?.parent.children[found.index];
    const type = node?.kind === 'rule' ? this.fieldOf(node)?.type : undefined;
    return issueText(issue, type, this.localize.section('filterIssues'));
  }
}

const NO_SEGMENTS: readonly Segment[] = [];

/**
 * Does `filter` nest groups deeper than MAX_DEPTH or hold more groups and conditions than a
 * valid filter can? Walked with a stack, not recursion, so any depth is answered.
 */
function beyondLimits(filter: unknown): boolean {
  // No group is empty in a valid filter, so it has fewer groups than MAX_DEPTH × MAX_RULES.
  const MAX_NODES = MAX_RULES * (MAX_DEPTH + 1) + 1;
  const stack: [unknown, number][] = [[filter, 1]];
  let nodes = 0;
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (++nodes > MAX_NODES) return true;
    const rules = (node as { rules?: unknown } | null)?.rules;
    if (!node || typeof node !== 'object' || !Array.isArray(rules)) continue;
    if (depth > MAX_DEPTH) return true;
    for (const child of rules) stack.push([child, depth + 1]);
  }
  return false;
}

export type { FieldOption };

/** Whether any rule of the tree is on a phone field. */
function hasPhoneRule(tree: GroupNode, fields: readonly FieldDefinition[]): boolean {
  const phoneFields = new Set(fields.filter((f) => f.type === 'phone').map((f) => f.id));
  const walk = (group: GroupNode): boolean =>
    group.children.some((child) =>
      child.kind === 'group' ? walk(child) : phoneFields.has(child.field),
    );
  return walk(tree);
}
