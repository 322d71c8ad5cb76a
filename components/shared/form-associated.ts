/**
 * The base of the elements that take part in a `<form>` like native controls do: their value is
 * submitted under `name`, `required` and custom errors block submission, a form reset clears
 * them and a disabled `<fieldset>` disables them. All of it goes through `ElementInternals`, so
 * the browser's own constraint validation and `FormData` see the element.
 */
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';

export abstract class FormAssociatedElement extends LitElement {
  static formAssociated = true;

  /** The name the value is submitted under. */
  @property({ reflect: true }) name = '';

  /** A form with this element cannot be submitted until it holds a valid value. */
  @property({ type: Boolean, reflect: true }) required = false;

  /** The element's own disabled state; a disabled ancestor `<fieldset>` disables it too. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /**
   * Disabled by its own attribute or by a disabled `<fieldset>`: what the controls render with.
   * Kept apart from `disabled`, which must not be reflected from the fieldset's state, or the
   * element would stay disabled by its own attribute once the fieldset is enabled again.
   */
  @state() protected formDisabled = false;

  protected get isDisabled(): boolean {
    return this.disabled || this.formDisabled;
  }

  protected readonly internals: ElementInternals = this.attachInternals();

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  get validity(): ValidityState {
    return this.internals.validity;
  }

  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  get willValidate(): boolean {
    return this.internals.willValidate;
  }

  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  /** Clears the value and the errors; the browser calls it when the owning form resets. */
  formResetCallback(): void {
    this.resetValue();
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  /** Called on form reset: return to the state of a freshly created element. */
  protected abstract resetValue(): void;

  /** Where the browser points its "please fill in" bubble; must be focusable in the shadow root. */
  protected abstract get validationAnchor(): HTMLElement | undefined;

  /** `null` removes the element from the submitted form data. */
  protected setFormValue(value: string | FormData | null): void {
    this.internals.setFormValue(value);
  }

  /**
   * Sets the element's validity; pass no flags to make it valid. The message is what
   * `validationMessage` and the browser's bubble show.
   */
  protected setValidity(flags: ValidityStateFlags = {}, message = ''): void {
    const invalid = Object.values(flags).some(Boolean);
    if (!invalid) {
      this.internals.setValidity({});
      return;
    }
    this.internals.setValidity(flags, message, this.validationAnchor);
  }

  /** Exposes a state to host CSS as `:state(name)`. */
  protected toggleState(state: string, on: boolean): void {
    if (on) this.internals.states.add(state);
    else this.internals.states.delete(state);
  }
}
