import { LitElement, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Segment, SegmentAdapter } from '../../src/core.ts';
import { SegmentAdapterController } from '../shared/adapter.ts';
import { LocalizeController } from '../shared/localize.ts';
import type { SegmentDeletedEvent, SegmentEvent } from '../shared/events.ts';
import { tokenStyles } from '../shared/tokens.styles.ts';
import { css } from 'lit';

/** What the page shows. */
export type UserSegmentsView =
  | { kind: 'list' }
  | { kind: 'new' }
  | { kind: 'edit'; id: string }
  | { kind: 'members'; id: string };

/** The inner parts a host can style through `user-segments::part(…)`. */
const LIST_PARTS =
  'tabs, tab, tab-selected, toolbar, search, add-button, table, header-row, row, row-selected, row-confirming, type-badge, menu-button, menu, menu-item, dialog, status, error: list-error';
const FORM_PARTS =
  'form: form-body, title, field, field-error, csv-mapper, filter-builder, progress, buttons, submit-button, cancel-button, leave-dialog, error: form-error';

/** The key of our entries in `history.state`, beside whatever the host keeps there. */
const HISTORY_KEY = 'user-segments:view';

/**
 * Loads the form (and the CSV and filter editors it embeds) the first time it is needed, so
 * the list shows without them.
 */
const loadForm = () => import('../segment-form/segment-form.ts');
/** The members view, loaded the first time a segment's members are opened. */
const loadMembers = () => import('../segment-members/segment-members.ts');

/**
 * The whole User Segments page in one tag: the `<segment-list>`; "Add New" and Edit open the
 * `<segment-form>`; Submit or Cancel return to the list, which shows the saved segment selected
 * with its count. A segment's name, or "View members" in its menu, opens `<segment-members>`;
 * its Back returns to the list with focus on that row. Each step is a browser history entry, so Back returns to the list; a host
 * that routes by itself sets `no-history` and drives `view` (or listens to the events).
 *
 * @tag user-segments
 * @summary The User Segments page: list, Add New, form, back to the list.
 *
 * @event segment-saved - From the form; `detail.segment`.
 * @event segment-deleted - From the list; `detail.id`.
 *
 * @csspart list - The `<segment-list>`; its own parts are forwarded under their names
 *   (`tab`, `row`, `add-button`, … — see `<segment-list>`), its `error` as `list-error`.
 * @csspart form - The `<segment-form>`; its parts are forwarded under their names (`field`,
 *   `submit-button`, … — see `<segment-form>`), its `form` as `form-body`, `error` as
 *   `form-error`.
 * @csspart members - The `<segment-members>` view.
 * @csspart notice - The "… was saved" message and its Dismiss button.
 *
 * @cssproperty --us-color-success - The saved notice.
 * @cssproperty --us-spacing - Gap between the notice and the list.
 */
export class UserSegments extends LitElement {
  static override styles = [
    tokenStyles,
    css`
      .notice {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--_gap);
        margin-bottom: var(--_gap);
        padding: calc(var(--_gap) / 1.5) var(--_gap);
        border: 1px solid var(--_success);
        border-radius: var(--_radius);
        color: var(--_success);
      }
    `,
  ];

  /** The adapter; without it, the one provided by an ancestor (`provideSegmentAdapter`). */
  @property({ attribute: false }) adapter?: SegmentAdapter;

  /** Do not add browser history entries (for hosts that route themselves). */
  @property({ type: Boolean, attribute: 'no-history' }) noHistory = false;

  /** What is shown; set it to open the form or the list from the host's own router. */
  @property({ attribute: false }) view: UserSegmentsView = { kind: 'list' };

  @state() private notice = '';
  /** The segment the notice names: the notice goes when that segment does. */
  private noticeId = '';
  @state() private selectedId = '';
  @state() private formLoaded = false;
  @state() private membersLoaded = false;
  /** The row whose members were open: focus returns to it on the list. */
  private returnToId = '';

  private readonly localize = new LocalizeController(this);
  private readonly adapters = new SegmentAdapterController(this, {
    // Deleted elsewhere (another tab, the host): a notice naming it would be stale.
    onSegmentsChanged: () => void this.checkNotice(),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPopState);
    document.addEventListener('click', this.onLinkClick, true);
    const saved = this.noHistory ? undefined : viewIn(history.state);
    if (saved) this.view = saved;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPopState);
    document.removeEventListener('click', this.onLinkClick, true);
  }

  /** Opens the form for a new segment. */
  add(): void {
    this.go({ kind: 'new' });
  }

  /** Opens the form on an existing segment. */
  edit(id: string): void {
    this.go({ kind: 'edit', id });
  }

  /** Opens a segment's members; with `exportCsv`, starts writing them to a CSV file there. */
  showMembers(id: string, exportCsv = false): void {
    this.selectedId = id;
    this.returnToId = id;
    this.exportOnOpen = exportCsv ? id : '';
    this.go({ kind: 'members', id });
  }

  /** The segment whose members are exported as soon as its members view is on screen. */
  private exportOnOpen = '';

  /** Back to the list. */
  showList(): void {
    if (!this.noHistory && viewIn(history.state)) {
      if (this.pushed) {
        this.pushed = false;
        history.back(); // our entry: Back and this are the same step; popstate shows the list
      } else {
        // Restored after a reload: the entry before it is not ours, so stay and forget the view.
        const { [HISTORY_KEY]: _ours, ...rest } = history.state as Record<string, unknown>;
        history.replaceState(Object.keys(rest).length ? rest : null, '');
      }
    }
    this.setView({ kind: 'list' });
  }

  protected override willUpdate(): void {
    if (this.view.kind === 'members') {
      if (!this.membersLoaded) void loadMembers().then(() => (this.membersLoaded = true));
    } else if (this.view.kind !== 'list' && !this.formLoaded) {
      void loadForm().then(() => (this.formLoaded = true));
    }
  }

  protected override render(): TemplateResult {
    const adapter = this.adapters.value;
    const onList = this.view.kind === 'list';
    return html`
      ${
        this.notice && onList
          ? html`<div class="notice" part="notice" role="status">
              <span>${this.notice}</span>
              <button @click=${() => this.clearNotice()}>
                ${this.localize.section('userSegments').dismiss}
              </button>
            </div>`
          : nothing
      }
      <segment-list
        part="list"
        exportparts=${LIST_PARTS}
        ?hidden=${!onList}
        .adapter=${adapter}
        selected-id=${this.selectedId}
        @segment-add=${() => this.add()}
        @segment-edit=${(event: SegmentEvent) => this.edit(event.detail.segment.id)}
        @segment-resume=${(event: SegmentEvent) => this.edit(event.detail.segment.id)}
        @segment-select=${(event: SegmentEvent) => this.showMembers(event.detail.segment.id)}
        @segment-view=${(event: SegmentEvent) => this.showMembers(event.detail.segment.id)}
        @segment-export=${(event: SegmentEvent) => this.showMembers(event.detail.segment.id, true)}
        @segment-duplicated=${(event: SegmentEvent) => (this.selectedId = event.detail.segment.id)}
        @segment-deleted=${this.onDeleted}
      ></segment-list>
      ${
        this.view.kind === 'members' && this.membersLoaded
          ? html`<segment-members
              part="members"
              .adapter=${adapter}
              segment-id=${this.view.id}
              @segment-back=${() => this.showList()}
            ></segment-members>`
          : nothing
      }
      ${
        onList || this.view.kind === 'members' || !this.formLoaded
          ? nothing
          : html`<segment-form
              part="form"
              exportparts=${FORM_PARTS}
              .adapter=${adapter}
              segment-id=${this.view.kind === 'edit' ? this.view.id : ''}
              @segment-saved=${this.onSaved}
              @segment-cancel=${() => this.showList()}
            ></segment-form>`
      }
    `;
  }

  protected override updated(): void {
    // Focus follows the page: the members view's Back button, the form's Name field.
    if (this.pendingFocus && this.view.kind === 'members') {
      const members = this.renderRoot.querySelector('segment-members');
      if (members) {
        this.pendingFocus = false;
        const exportId = this.exportOnOpen;
        this.exportOnOpen = '';
        void members.updateComplete.then(() => {
          members.focus();
          if (exportId && members.segmentId === exportId) void members.exportCsv();
        });
      }
    } else if (this.pendingFocus && this.view.kind !== 'list') {
      const form = this.renderRoot.querySelector('segment-form') as
        (HTMLElement & { updateComplete: Promise<unknown> }) | null;
      if (form) {
        this.pendingFocus = false;
        void form.updateComplete.then(() => form.focus());
      }
    } else if (this.pendingFocus && this.view.kind === 'list') {
      this.pendingFocus = false;
      const list = this.renderRoot.querySelector('segment-list');
      const back = this.returnToId;
      this.returnToId = '';
      // Back from a segment's members: to that row's name; otherwise to "Add New".
      const row =
        back &&
        [...(list?.shadowRoot?.querySelectorAll<HTMLElement>('[role=row]') ?? [])].find((r) =>
          r.querySelector(`[data-menu-button="${CSS.escape(back)}"]`),
        );
      const target =
        (row && row.querySelector<HTMLElement>('button.link')) ||
        list?.shadowRoot?.querySelector<HTMLElement>('[part~="add-button"]');
      target?.focus();
    }
  }

  private pendingFocus = false;
  /** The history entry of the open form was pushed by this element in this page's life. */
  private pushed = false;

  private go(view: UserSegmentsView): void {
    this.clearNotice();
    if (!this.noHistory) {
      const entry = { ...(isObject(history.state) ? history.state : {}), [HISTORY_KEY]: view };
      if (viewIn(history.state)) history.replaceState(entry, '');
      else {
        history.pushState(entry, '');
        this.pushed = true;
      }
    }
    this.setView(view);
  }

  private setView(view: UserSegmentsView): void {
    if (sameView(view, this.view)) return;
    this.view = view;
    this.pendingFocus = true;
  }

  private readonly onPopState = (event: PopStateEvent): void => {
    if (this.noHistory) return;
    this.pushed = false;
    const next = viewIn(event.state) ?? { kind: 'list' };
    const form = this.openForm();
    if (!this.discarding && form?.dirty && !sameView(next, this.view)) {
      // Back already left the form's entry: put it back while the seller decides.
      const view = this.view;
      history.pushState(
        { ...(isObject(history.state) ? history.state : {}), [HISTORY_KEY]: view },
        '',
      );
      this.pushed = true;
      void form.confirmDiscard().then((discard) => {
        if (!discard) return;
        this.discarding = true;
        history.back();
      });
      return;
    }
    this.discarding = false;
    this.setView(next);
  };

  /** Set while leaving a form whose changes the seller chose to discard. */
  private discarding = false;

  /** The form, when the page shows it. */
  private openForm():
    (HTMLElement & { dirty: boolean; confirmDiscard(): Promise<boolean> }) | null {
    if (this.view.kind === 'list') return null;
    return this.renderRoot.querySelector('segment-form');
  }

  /**
   * A link of the host page (its sidebar, a breadcrumb) would take a half-made segment away:
   * ask first, and follow the link once the seller chose to discard.
   */
  private readonly onLinkClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey) return;
    const link = event
      .composedPath()
      .find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement && !!node.href);
    if (!link || link.target === '_blank' || link.hasAttribute('download')) return;
    const form = this.openForm();
    if (!form?.dirty) return;
    event.preventDefault();
    void form.confirmDiscard().then((discard) => {
      if (discard) location.assign(link.href);
    });
  };

  private onDeleted(event: SegmentDeletedEvent): void {
    if (event.detail.id === this.noticeId) this.clearNotice();
    if (event.detail.id === this.selectedId) this.selectedId = '';
  }

  private clearNotice(): void {
    this.notice = '';
    this.noticeId = '';
  }

  /** Drops the notice when the segment it names no longer exists. */
  private async checkNotice(): Promise<void> {
    const id = this.noticeId;
    const adapter = this.adapters.value;
    if (!id || !adapter) return;
    try {
      await adapter.getSegment(id);
    } catch (error) {
      if ((error as { code?: string } | null)?.code === 'not-found' && this.noticeId === id) {
        this.clearNotice();
      }
    }
  }

  private onSaved(event: SegmentEvent): void {
    const segment: Segment = event.detail.segment;
    const t = this.localize.section('userSegments');
    this.notice =
      segment.memberCount === null
        ? this.localize.format(t.savedUncounted, { name: segment.name })
        : this.localize.plural(t.saved, segment.memberCount, { name: segment.name });
    this.selectedId = segment.id;
    const notice = this.notice;
    this.showList();
    this.notice = notice;
    this.noticeId = segment.id;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function viewIn(state: unknown): UserSegmentsView | undefined {
  if (!isObject(state)) return undefined;
  const view = state[HISTORY_KEY];
  if (!isObject(view)) return undefined;
  if (view.kind === 'new') return { kind: 'new' };
  if (view.kind === 'edit' && typeof view.id === 'string') return { kind: 'edit', id: view.id };
  if (view.kind === 'members' && typeof view.id === 'string') {
    return { kind: 'members', id: view.id };
  }
  return undefined;
}

function sameView(a: UserSegmentsView, b: UserSegmentsView): boolean {
  return a.kind === b.kind && (!('id' in a) || a.id === (b as { id: string }).id);
}
