/**
 * A TEST-ONLY stand-in for `<filter-builder>`, registered only when the real element is not
 * (the branch that builds it lands separately). It honours the public contract the page
 * elements rely on: `value` (FilterGroup) in and out, `change`
 * after each edit, form-associated under `name` with validity, `readonly`; rows whose controls
 * are named "Field", "Operator" and "Value", and an "Add filter" button. Tests drive it only
 * through that contract, so they run unchanged against the real element.
 */
// The package's entry first: once it registers the real <filter-builder>, the stand-in below
// is never defined (the first definition of a tag wins).
import '../../components/index.ts';
import { LitElement, html } from 'lit';
import { FIELDS, validateFilter, type FilterGroup, type FilterRule } from '../../src/core.ts';

const WORDS: Record<string, string> = {
  equals: 'is',
  contains: 'contains',
  startsWith: 'starts with',
  endsWith: 'ends with',
  after: 'is after',
  before: 'is before',
  on: 'is on',
};

/** The help page's labels (issue 9), where the core catalogue words them differently. */
const LABELS: Record<string, string> = { createdOn: 'Created On' };

class FilterBuilderStandIn extends LitElement {
  static formAssociated = true;
  static override properties = {
    value: { attribute: false },
    readonly: { type: Boolean },
    name: {},
  };
  value: FilterGroup = { combinator: 'and', rules: [] };
  readonly = false;
  name = '';
  private readonly internals = this.attachInternals();

  get validity(): ValidityState {
    return this.internals.validity;
  }
  get validationMessage(): string {
    return this.internals.validationMessage;
  }
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  protected override updated(): void {
    const issues = this.value.rules.length
      ? validateFilter(this.value)
      : [{ message: 'Add a condition.' }];
    if (issues.length) this.internals.setValidity({ customError: true }, issues[0].message);
    else this.internals.setValidity({});
    this.internals.setFormValue(JSON.stringify(this.value));
  }

  private edit(rules: FilterRule[]): void {
    this.value = { ...this.value, rules };
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  protected override render() {
    const rules = this.value.rules as FilterRule[];
    return html`<div role="group" aria-label="Filter">
      ${rules.map((rule, i) => {
        const field = FIELDS.find((f) => f.id === rule.field) ?? FIELDS[0];
        const set = (patch: Partial<FilterRule>) =>
          this.edit(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
        return html`<div role="group" aria-label="Condition ${i + 1}">
          <select
            aria-label="Field"
            ?disabled=${this.readonly}
            @change=${(e: Event) =>
              set({
                field: (e.target as HTMLSelectElement).value,
                operator: FIELDS.find((f) => f.id === (e.target as HTMLSelectElement).value)!
                  .operators[0],
                value: undefined,
              })}
          >
            ${FIELDS.map(
              (f) =>
                html`<option value=${f.id} ?selected=${f.id === field.id}>
                  ${LABELS[f.id] ?? f.label}
                </option>`,
            )}
          </select>
          <select
            aria-label="Operator"
            ?disabled=${this.readonly}
            @change=${(e: Event) => set({ operator: (e.target as HTMLSelectElement).value })}
          >
            ${field.operators.map(
              (op) =>
                html`<option value=${op} ?selected=${op === rule.operator}>
                  ${WORDS[op] ?? op}
                </option>`,
            )}
          </select>
          <input
            aria-label="Value"
            type=${field.type === 'date' ? 'date' : 'text'}
            ?readonly=${this.readonly}
            .value=${String(rule.value ?? '')}
            @change=${(e: Event) => set({ value: (e.target as HTMLInputElement).value })}
          />
        </div>`;
      })}
      ${
        this.readonly
          ? ''
          : html`<button
              type="button"
              @click=${() =>
                this.edit([...rules, { field: 'email', operator: 'contains', value: '' }])}
            >
              Add filter
            </button>`
      }
    </div>`;
  }
}

if (!customElements.get('filter-builder')) {
  customElements.define('filter-builder', FilterBuilderStandIn);
}
