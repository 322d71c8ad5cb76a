/**
 * The drop zone of `<csv-mapper>`: a "Choose CSV file" button that opens the file picker (the
 * keyboard path), a zone that takes a dropped file and shows the drag, and the hidden
 * `<input type=file>` behind both. Hands each chosen file to `onFile`.
 */
import { html } from 'lit';
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { CsvMapperStrings } from './csv-mapper.logic.ts';

export class DropZoneController implements ReactiveController {
  /** True while a file is dragged over the zone. */
  dragOver = false;

  private input: HTMLInputElement | null = null;
  private disabled = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: {
      onFile: (file: File) => void;
      onDragChange: (dragOver: boolean) => void;
    },
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    this.input = this.host.shadowRoot?.querySelector('input[type=file]') ?? null;
  }

  /** Forgets the last pick, so choosing the same file again still reads it. */
  clear(): void {
    if (this.input) this.input.value = '';
  }

  /**
   * The zone; once a file is chosen it shrinks to one line with "Replace file", so the file's
   * details and result come first.
   */
  render(s: CsvMapperStrings, disabled: boolean, chosen = false): TemplateResult {
    this.disabled = disabled;
    const classes = ['drop-zone', chosen ? 'compact' : '', this.dragOver ? 'drag-over' : ''];
    return html`
      <div
        part="drop-zone"
        class=${classes.filter(Boolean).join(' ')}
        role="group"
        aria-label=${s.dropZoneLabel}
        aria-describedby="requirements"
        @dragenter=${this.onDragOver}
        @dragover=${this.onDragOver}
        @dragleave=${this.onDragLeave}
        @drop=${this.onDrop}
        @click=${this.onZoneClick}
      >
        <!-- Not a primary button: the form's own Submit is the one primary action. -->
        <button
          type="button"
          part="choose-button"
          class="choose"
          ?disabled=${disabled}
          @click=${() => this.input?.click()}
        >
          ${chosen ? s.replaceFile : s.chooseFile}
        </button>
        <p class="hint">${s.dropHint}</p>
        <p class="hint" id="requirements" ?hidden=${chosen}>${s.fileRequirements}</p>
        <input
          type="file"
          accept=".csv,text/csv"
          hidden
          tabindex="-1"
          aria-label=${s.chooseFile}
          @change=${this.onInput}
        />
      </div>
    `;
  }

  private readonly onInput = (event: Event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) this.options.onFile(file);
  };

  private readonly onZoneClick = (event: Event) => {
    // A click on the zone's blank area opens the picker too; the button handles its own.
    if (event.target === event.currentTarget && !this.disabled) this.input?.click();
  };

  private readonly onDragOver = (event: DragEvent) => {
    if (this.disabled || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.setDragOver(true);
  };

  private readonly onDragLeave = (event: DragEvent) => {
    const to = event.relatedTarget as Node | null;
    if (!to || !(event.currentTarget as HTMLElement).contains(to)) this.setDragOver(false);
  };

  private readonly onDrop = (event: DragEvent) => {
    event.preventDefault();
    this.setDragOver(false);
    const file = event.dataTransfer?.files[0];
    if (file && !this.disabled) this.options.onFile(file);
  };

  private setDragOver(dragOver: boolean): void {
    if (dragOver === this.dragOver) return;
    this.dragOver = dragOver;
    this.options.onDragChange(dragOver);
    this.host.requestUpdate();
  }
}
