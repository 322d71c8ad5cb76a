/**
 * A sign that a wide region scrolls sideways: `scrollEdges(hintId)` goes on the frame around a
 * scrolling element (`.scroller` inside it) and keeps three attributes of the frame up to date
 * as it scrolls or resizes: `data-overflow` (there is more than fits), `data-more-start` and
 * `data-more-end` (there is more to that side). Styles draw an edge shade from them; while
 * there is more than fits, the scroller is described by the element with id `hintId`.
 *
 * It writes attributes directly, never a property of the element, so scrolling never re-renders.
 */
import { nothing } from 'lit';
import { AsyncDirective, directive, type PartInfo, PartType } from 'lit/async-directive.js';
import type { ElementPart } from 'lit';

class ScrollEdges extends AsyncDirective {
  private frame: HTMLElement | undefined;
  private scroller: HTMLElement | undefined;
  private observer: ResizeObserver | undefined;
  private hintId = '';
  private readonly onScroll = () => this.measure();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('scrollEdges goes on an element');
  }

  render(_hintId: string): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [hintId]: [string]): typeof nothing {
    this.hintId = hintId;
    const frame = part.element as HTMLElement;
    if (frame !== this.frame) {
      this.stop();
      this.frame = frame;
    }
    if (this.isConnected) this.start();
    // The table inside may have changed size with this render.
    queueMicrotask(() => this.measure());
    return nothing;
  }

  private start(): void {
    const scroller = this.frame?.querySelector<HTMLElement>('.scroller') ?? undefined;
    if (!scroller || scroller === this.scroller) return;
    this.stop();
    this.scroller = scroller;
    scroller.addEventListener('scroll', this.onScroll, { passive: true });
    this.observer = new ResizeObserver(this.onScroll);
    this.observer.observe(scroller);
    const content = scroller.firstElementChild;
    if (content) this.observer.observe(content);
  }

  private stop(): void {
    this.scroller?.removeEventListener('scroll', this.onScroll);
    this.observer?.disconnect();
    this.scroller = undefined;
    this.observer = undefined;
  }

  private measure(): void {
    const { frame, scroller } = this;
    if (!frame || !scroller) return;
    // scrollLeft runs negative in a right-to-left page: the distance from the start is its size.
    const fromStart = Math.abs(scroller.scrollLeft);
    const hidden = scroller.scrollWidth - scroller.clientWidth;
    const overflow = hidden > 1;
    frame.toggleAttribute('data-overflow', overflow);
    frame.toggleAttribute('data-more-start', overflow && fromStart > 1);
    frame.toggleAttribute('data-more-end', overflow && hidden - fromStart > 1);
    if (overflow && this.hintId) scroller.setAttribute('aria-describedby', this.hintId);
    else scroller.removeAttribute('aria-describedby');
  }

  protected override disconnected(): void {
    this.stop();
  }

  protected override reconnected(): void {
    this.start();
    this.measure();
  }
}

export const scrollEdges = directive(ScrollEdges);
